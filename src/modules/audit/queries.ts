// SQL of the audit trail: the chain head, appending, walking the chain, and the auditors' search.
import { sql, type Kysely, type Transaction, type ExpressionBuilder } from 'kysely';
import type { DB } from '../../db/schema.js';

type Q = Kysely<DB> | Transaction<DB>;

export interface HeadRow {
  last_seq: number;
  last_hash: string;
}

/** Locks the one head row until the caller's transaction ends: the chainer's batches are serialized here. */
export async function lockHead(trx: Transaction<DB>): Promise<HeadRow> {
  const head = await trx.selectFrom('audit_head').select(['last_seq', 'last_hash']).where('id', '=', 1).forUpdate().executeTakeFirst();
  if (!head) throw new Error('audit_head is missing: run the migrations (审计链头缺失)');
  return { last_seq: Number(head.last_seq), last_hash: head.last_hash };
}

export async function readHead(db: Q): Promise<HeadRow | null> {
  const head = await db.selectFrom('audit_head').select(['last_seq', 'last_hash']).where('id', '=', 1).executeTakeFirst();
  return head ? { last_seq: Number(head.last_seq), last_hash: head.last_hash } : null;
}

export interface NewAuditRow {
  at: Date;
  actor_id: string | null;
  actor_role: string | null;
  actor_org_id: string | null;
  org_id: string | null;
  action: string;
  object_type: string;
  object_id: string;
  ip: string | null;
  changes: Record<string, unknown>;
}

/** Inserts a pending record (not yet linked into the chain: seq, prev_hash and hash empty). */
export async function insertRecord(trx: Q, row: NewAuditRow): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({ ...row, changes: JSON.stringify(row.changes) })
    .execute();
}

/** The oldest pending records, locked for linking. */
export function pendingBatch(trx: Transaction<DB>, limit: number) {
  return trx
    .selectFrom('audit_log')
    .select(CHAIN_COLUMNS)
    .where('seq', 'is', null)
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .execute();
}

export interface Link {
  id: number;
  seq: number;
  prev_hash: string;
  hash: string;
}

/**
 * Links records into the chain and advances the head to the last of them. The links travel as four
 * arrays, so the statement's text is the same whatever the batch's size (one prepared statement).
 */
export async function linkRecords(trx: Transaction<DB>, links: readonly Link[], at: Date): Promise<void> {
  if (links.length === 0) return;
  await sql`update audit_log set seq = v.seq, prev_hash = v.prev_hash, hash = v.hash
    from unnest(${links.map((l) => l.id)}::bigint[], ${links.map((l) => l.seq)}::bigint[], ${links.map((l) => l.prev_hash)}::text[], ${links.map((l) => l.hash)}::text[])
      as v(id, seq, prev_hash, hash)
    where audit_log.id = v.id`.execute(trx);
  const last = links[links.length - 1];
  await trx.updateTable('audit_head').set({ last_seq: last.seq, last_hash: last.hash, updated_at: at }).where('id', '=', 1).execute();
}

const CHAIN_COLUMNS = [
  'id',
  'seq',
  'prev_hash',
  'hash',
  'at',
  'actor_id',
  'actor_role',
  'actor_org_id',
  'org_id',
  'action',
  'object_type',
  'object_id',
  'ip',
  'changes',
] as const;

/** The next linked records of the chain after afterSeq, up to maxSeq, in chain order. */
export async function chainBatch(db: Q, afterSeq: number, maxSeq: number, limit: number): Promise<LinkedRow[]> {
  const rows = await db.selectFrom('audit_log').select(CHAIN_COLUMNS).where('seq', '>', afterSeq).where('seq', '<=', maxSeq).orderBy('seq').limit(limit).execute();
  return rows as LinkedRow[];
}

export type ChainRow = Awaited<ReturnType<typeof pendingBatch>>[number];
/** A record linked into the chain: seq and hashes are set. */
export type LinkedRow = ChainRow & { seq: number; prev_hash: string; hash: string };

export function findByHash(db: Q, hash: string) {
  return db.selectFrom('audit_log').select(['id', 'seq']).where('hash', '=', hash).executeTakeFirst();
}

export interface AuditFilter {
  actorId?: string;
  action?: string;
  /** action starts with this (a filter ending in "*") */
  actionPrefix?: string;
  objectType?: string;
  objectId?: string;
  from?: Date;
  /** exclusive */
  to?: Date;
  /** null: every record (system administrators); else the subtree path of the auditor. */
  scopePath: string | null;
}

function inScopeOrgs(eb: ExpressionBuilder<DB, 'audit_log'>, scopePath: string) {
  return eb.selectFrom('orgs').select('orgs.id').where(sql<boolean>`starts_with(orgs.path, ${scopePath})`);
}

/**
 * The name an auditor knows the object by (object-labels.ts masks and completes it). Part of the
 * search itself: each branch is one primary-key lookup, run only for the records of the page and
 * only for the object's own type (a CASE evaluates the branch it takes), so labelling a page costs
 * no query per row and no join over whole tables.
 */
const objectLabel = sql<string | null>`case audit_log.object_type
  when 'case' then (select case_number from cases where id = audit_log.object_id)
  when 'user' then (select display_name || '（' || username || '）' from users where id = audit_log.object_id)
  when 'applicant' then (select name from applicants where id = audit_log.object_id)
  when 'catalog_item' then (select name from catalog_items where id = audit_log.object_id)
  when 'implementation' then (select ci.name from implementations i join catalog_items ci on ci.id = i.item_id where i.id = audit_log.object_id)
  when 'guide_version' then (select ci.name || ' 第 ' || gv.version_no || ' 版' from guide_versions gv
    join implementations i on i.id = gv.implementation_id join catalog_items ci on ci.id = i.item_id where gv.id = audit_log.object_id)
  when 'licence' then (select coalesce(lt.name || ' ', '') || l.licence_number from licences l
    left join licence_types lt on lt.code = l.licence_type_code where l.id = audit_log.object_id)
  when 'seal' then (select name from seals where id = audit_log.object_id)
  when 'machine_client' then (select name from machine_clients where client_id = audit_log.object_id)
  when 'consultation' then (select ci.name from consultations c join catalog_items ci on ci.id = c.item_id where c.id = audit_log.object_id)
  when 'case-file' then (select file_name from case_files where id = audit_log.object_id)
  when 'attachment' then (select file_name from attachments where id = audit_log.object_id)
  when 'catalog' then (select file_name from import_jobs where id = audit_log.object_id)
end`;

/**
 * Records matching the filter, with the names people read; keyset on id (insertion order: pending
 * records have no seq yet) in either direction.
 */
export function searchRecords(db: Q, filter: AuditFilter, page: { beforeId?: number; afterId?: number; maxId?: number; limit: number; order: 'asc' | 'desc' }) {
  let query = db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_id')
    .leftJoin('orgs as actor_org', 'actor_org.id', 'audit_log.actor_org_id')
    .leftJoin('orgs as object_org', 'object_org.id', 'audit_log.org_id')
    .select(CHAIN_COLUMNS.map((c) => `audit_log.${c}` as const))
    .select(['users.display_name as actor_name', 'users.username as actor_username', 'actor_org.name as actor_org_name', 'object_org.name as org_name'])
    .select(objectLabel.as('object_label'));
  if (filter.actorId) query = query.where('audit_log.actor_id', '=', filter.actorId);
  if (filter.action) query = query.where('audit_log.action', '=', filter.action);
  if (filter.actionPrefix) query = query.where(sql<boolean>`starts_with(audit_log.action, ${filter.actionPrefix})`);
  if (filter.objectType) query = query.where('audit_log.object_type', '=', filter.objectType);
  if (filter.objectId) query = query.where('audit_log.object_id', '=', filter.objectId);
  if (filter.from) query = query.where('audit_log.at', '>=', filter.from);
  if (filter.to) query = query.where('audit_log.at', '<', filter.to);
  const scope = filter.scopePath;
  if (scope !== null) {
    query = query.where((eb) => eb.or([eb('audit_log.actor_org_id', 'in', inScopeOrgs(eb, scope)), eb('audit_log.org_id', 'in', inScopeOrgs(eb, scope))]));
  }
  if (page.beforeId !== undefined) query = query.where('audit_log.id', '<', page.beforeId);
  if (page.afterId !== undefined) query = query.where('audit_log.id', '>', page.afterId);
  if (page.maxId !== undefined) query = query.where('audit_log.id', '<=', page.maxId);
  return query.orderBy('audit_log.id', page.order).limit(page.limit).execute();
}

export type AuditRow = Awaited<ReturnType<typeof searchRecords>>[number];

/** The newest record's id (0 when there is none): an export reads up to it. */
export async function lastId(db: Q): Promise<number> {
  const row = await db.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  return Number(row?.id ?? 0);
}
