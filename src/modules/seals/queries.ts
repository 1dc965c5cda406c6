// Seal rows. The encrypted private key is selected by exactly one query (keyOfSeal), used only to sign.
import type { Kysely, Transaction } from 'kysely';
import type { DB, SealKind, SealStatus } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

/** Every public column of a seal with its organization: never the private key. */
const SEAL_COLUMNS = [
  's.id',
  's.org_id',
  's.kind',
  's.name',
  's.public_key',
  's.status',
  's.status_reason',
  's.status_changed_at',
  's.status_changed_by_name',
  's.created_at',
  'o.name as org_name',
  'o.path as org_path',
] as const;

export interface SealRow {
  id: string;
  org_id: string;
  kind: SealKind;
  name: string;
  public_key: string;
  status: SealStatus;
  status_reason: string | null;
  status_changed_at: Date | null;
  status_changed_by_name: string | null;
  created_at: Date;
  org_name: string;
  org_path: string;
}

export async function findSeal(db: Db, id: string): Promise<SealRow | undefined> {
  return db.selectFrom('seals as s').innerJoin('orgs as o', 'o.id', 's.org_id').select(SEAL_COLUMNS).where('s.id', '=', id).executeTakeFirst();
}

export async function lockSeal(trx: Transaction<DB>, id: string): Promise<SealRow | undefined> {
  return trx
    .selectFrom('seals as s')
    .innerJoin('orgs as o', 'o.id', 's.org_id')
    .select(SEAL_COLUMNS)
    .where('s.id', '=', id)
    .forUpdate('s')
    .executeTakeFirst();
}

export async function listSeals(db: Db, filter: { scopePath: string | null; orgId?: string; status?: SealStatus }): Promise<SealRow[]> {
  let q = db.selectFrom('seals as s').innerJoin('orgs as o', 'o.id', 's.org_id').select(SEAL_COLUMNS);
  if (filter.scopePath) q = q.where('o.path', 'like', `${filter.scopePath}%`);
  if (filter.orgId) q = q.where('s.org_id', '=', filter.orgId);
  if (filter.status) q = q.where('s.status', '=', filter.status);
  return q.orderBy('o.path').orderBy('s.created_at').orderBy('s.id').limit(500).execute();
}

/** The organization's seals, oldest first, locked against a concurrent suspension until commit. */
export async function sealsOfOrgForSigning(trx: Transaction<DB>, orgId: string): Promise<SealRow[]> {
  return trx
    .selectFrom('seals as s')
    .innerJoin('orgs as o', 'o.id', 's.org_id')
    .select(SEAL_COLUMNS)
    .where('s.org_id', '=', orgId)
    .orderBy('s.created_at')
    .orderBy('s.id')
    .forShare('s')
    .execute();
}

/** The encrypted private key: read only by the signing path, never returned. */
export async function keyOfSeal(trx: Transaction<DB>, id: string): Promise<string> {
  const row = await trx.selectFrom('seals').select('private_key_enc').where('id', '=', id).executeTakeFirstOrThrow();
  return row.private_key_enc;
}

export async function findOrg(db: Db, id: string) {
  return db.selectFrom('orgs').select(['id', 'name', 'path', 'credit_code']).where('id', '=', id).executeTakeFirst();
}

export async function insertSeal(
  trx: Transaction<DB>,
  row: { id: string; orgId: string; kind: SealKind; name: string; publicKey: string; privateKeyEnc: string; createdBy: string | null; at: Date },
): Promise<void> {
  await trx
    .insertInto('seals')
    .values({
      id: row.id,
      org_id: row.orgId,
      kind: row.kind,
      name: row.name,
      public_key: row.publicKey,
      private_key_enc: row.privateKeyEnc,
      status: 'active',
      created_by: row.createdBy,
      created_at: row.at,
    })
    .execute();
}

export async function setStatus(
  trx: Transaction<DB>,
  id: string,
  change: { status: SealStatus; reason: string | null; at: Date; actorId: string | null; actorName: string | null },
): Promise<void> {
  await trx
    .updateTable('seals')
    .set({ status: change.status, status_reason: change.reason, status_changed_at: change.at, status_changed_by: change.actorId, status_changed_by_name: change.actorName })
    .where('id', '=', id)
    .execute();
}

export async function appendEvent(
  trx: Transaction<DB>,
  e: { sealId: string; action: 'created' | 'suspended' | 'resumed' | 'revoked'; status: SealStatus; reason: string | null; actorId: string | null; actorName: string | null; at: Date },
): Promise<void> {
  const last = await trx.selectFrom('seal_events').select((eb) => eb.fn.max('seq').as('seq')).where('seal_id', '=', e.sealId).executeTakeFirst();
  await trx
    .insertInto('seal_events')
    .values({ seal_id: e.sealId, seq: Number(last?.seq ?? 0) + 1, action: e.action, status: e.status, reason: e.reason, actor_id: e.actorId, actor_name: e.actorName, at: e.at })
    .execute();
}

export interface SealEventRow {
  seq: number;
  action: 'created' | 'suspended' | 'resumed' | 'revoked';
  status: SealStatus;
  reason: string | null;
  actor_name: string | null;
  at: Date;
}

export async function eventsOf(db: Db, sealId: string): Promise<SealEventRow[]> {
  return db.selectFrom('seal_events').select(['seq', 'action', 'status', 'reason', 'actor_name', 'at']).where('seal_id', '=', sealId).orderBy('seq').execute();
}
