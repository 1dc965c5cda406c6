// Document rows with the seal and organization that verification shows. Never the seal's private key.
import type { Insertable, Kysely, Transaction } from 'kysely';
import type { DB, DocumentsTable, SealKind, SealStatus } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

export async function insertDocument(trx: Transaction<DB>, row: Insertable<DocumentsTable>): Promise<void> {
  await trx.insertInto('documents').values(row).execute();
}

export interface DocumentRow {
  id: string;
  kind: string;
  case_id: string | null;
  number: string;
  title: string;
  issued_on: string;
  file_name: string;
  digest: string;
  signature: string;
  signed_at: Date;
  seal_id: string;
  seal_name: string;
  seal_kind: SealKind;
  seal_status: SealStatus;
  seal_status_changed_at: Date | null;
  public_key: string;
  org_name: string;
  org_credit_code: string | null;
  bytes?: Uint8Array;
}

function base(db: Db) {
  return db
    .selectFrom('documents as d')
    .innerJoin('seals as s', 's.id', 'd.seal_id')
    .innerJoin('orgs as o', 'o.id', 'd.org_id')
    .select([
      'd.id',
      'd.kind',
      'd.case_id',
      'd.number',
      'd.title',
      'd.issued_on',
      'd.file_name',
      'd.digest',
      'd.signature',
      'd.signed_at',
      'd.seal_id',
      's.name as seal_name',
      's.kind as seal_kind',
      's.status as seal_status',
      's.status_changed_at as seal_status_changed_at',
      's.public_key',
      'o.name as org_name',
      'o.credit_code as org_credit_code',
    ]);
}

export async function findDocument(db: Db, id: string, options: { withBytes: boolean }): Promise<DocumentRow | undefined> {
  const q = base(db).where('d.id', '=', id);
  return options.withBytes ? q.select('d.bytes').executeTakeFirst() : q.executeTakeFirst();
}

export async function findDocumentByDigest(db: Db, digest: string): Promise<DocumentRow | undefined> {
  return base(db).where('d.digest', '=', digest).orderBy('d.signed_at').limit(1).executeTakeFirst();
}

export async function documentsOfCase(db: Db, caseId: string): Promise<DocumentRow[]> {
  return base(db).where('d.case_id', '=', caseId).orderBy('d.signed_at').orderBy('d.id').execute();
}

export async function sealHistory(db: Db, sealId: string): Promise<{ status: SealStatus; at: Date }[]> {
  const rows = await db.selectFrom('seal_events').select(['status', 'at']).where('seal_id', '=', sealId).orderBy('seq').execute();
  return rows.map((r) => ({ status: r.status, at: new Date(r.at) }));
}
