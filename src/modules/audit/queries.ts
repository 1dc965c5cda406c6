// SQL of the audit trail: the chain head, appending, walking the chain, and the auditors' search.
import { sql, type Kysely, type Transaction, type ExpressionBuilder } from 'kysely';
import type { DB } from '../../db/schema.js';

type Q = Kysely<DB> | Transaction<DB>;

export interface HeadRow {
  last_seq: number;
  last_hash: string;
}

/** Locks the one head row until the caller's transaction ends: appends are serialized here. */
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
  seq: number;
  prev_hash: string;
  hash: string;
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

export async function appendRecord(trx: Transaction<DB>, row: NewAuditRow): Promise<number> {
  const inserted = await trx
    .insertInto('audit_log')
    .values({ ...row, changes: JSON.stringify(row.changes) })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.updateTable('audit_head').set({ last_seq: row.seq, last_hash: row.hash, updated_at: row.at }).where('id', '=', 1).execute();
  return Number(inserted.id);
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

/** The next records of the chain after afterSeq, up to maxSeq, in chain order. */
export function chainBatch(db: Q, afterSeq: number, maxSeq: number, limit: number) {
  return db
    .selectFrom('audit_log')
    .select(CHAIN_COLUMNS)
    .where('seq', '>', afterSeq)
    .where('seq', '<=', maxSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

export type ChainRow = Awaited<ReturnType<typeof chainBatch>>[number];

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

/** Records matching the filter, with the names people read; keyset on seq in either direction. */
export function searchRecords(db: Q, filter: AuditFilter, page: { beforeSeq?: number; afterSeq?: number; maxSeq?: number; limit: number; order: 'asc' | 'desc' }) {
  let query = db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_id')
    .leftJoin('orgs as actor_org', 'actor_org.id', 'audit_log.actor_org_id')
    .leftJoin('orgs as object_org', 'object_org.id', 'audit_log.org_id')
    .select(CHAIN_COLUMNS.map((c) => `audit_log.${c}` as const))
    .select(['users.display_name as actor_name', 'users.username as actor_username', 'actor_org.name as actor_org_name', 'object_org.name as org_name']);
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
  if (page.beforeSeq !== undefined) query = query.where('audit_log.seq', '<', page.beforeSeq);
  if (page.afterSeq !== undefined) query = query.where('audit_log.seq', '>', page.afterSeq);
  if (page.maxSeq !== undefined) query = query.where('audit_log.seq', '<=', page.maxSeq);
  return query.orderBy('audit_log.seq', page.order).limit(page.limit).execute();
}

export type AuditRow = Awaited<ReturnType<typeof searchRecords>>[number];
