// Every state-changing action writes one audit record in the same transaction (Art. 21, 37): who
// (actor), acting as which roles in which organization, what (action), on which object (and the
// organization it belongs to), from where (ip), when, and the before/after of the changed fields.
// Records are append-only and hash-chained (chain.ts, migration 0007); auditors search, export and
// verify them here.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { forbidden } from '../../http/errors.js';
import { maskPersonalFields, personalKindOfKey } from '../../lib/mask.js';
import { shanghaiDate } from '../../lib/shanghai-date.js';
import { can, type Actor } from '../identity/permissions.js';
import { listStaff } from '../identity/users-service.js';
import { actionOptions, type ActionOption } from './action-names.js';
import { OBJECT_TYPE_NAMES } from './object-labels.js';
import { asStoredJson } from './chain.js';
import { chainPendingAudit } from './chainer.js';
import { csvLine, CSV_HEADER, presentActorOption, presentRecord, type AuditActorOption } from './presenter.js';
import * as q from './queries.js';
import { auditScope, parseCursor, toFilter, type FilterInput } from './rules.js';
import type { ActorQueryInput, AuditRecordJson } from './schema.js';
import { verifyAuditChain, type ChainVerdict } from './verify.js';

export { verifyAuditChain, type ChainVerdict };

export interface AuditEntry {
  action: string;
  objectType: string;
  objectId: string;
  /**
   * Before/after of the fields that changed (see changedFields). Personal data (idNumber, phone,
   * address, creditCode, passwords …) is masked by recordAudit whatever the caller passes.
   */
  changes?: Record<string, unknown>;
  /** Where the request came from; defaults to the actor's (set from the request in src/http/auth.ts). */
  ip?: string | null;
  /** The organization the object belongs to, when known: auditors of that organization see the record. */
  orgId?: string | null;
}

/**
 * A deep copy of the changes with personal data masked (src/lib/mask.ts). A `{ before, after }`
 * pair under a personal key (phone: { before, after }) has each side masked as that key's kind,
 * so the record still shows that the value changed.
 */
export function maskChanges(changes: Record<string, unknown>): Record<string, unknown> {
  return maskEntry('', changes) as Record<string, unknown>;
}

function isBeforeAfter(value: unknown): value is { before?: unknown; after?: unknown } {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Date) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => k === 'before' || k === 'after');
}

function maskEntry(key: string, value: unknown): unknown {
  if (isBeforeAfter(value)) {
    const out: Record<string, unknown> = {};
    for (const [side, v] of Object.entries(value)) out[side] = maskEntry(key, v);
    return out;
  }
  const plainObject = value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);
  if (plainObject && !personalKindOfKey(key)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskEntry(k, v)]));
  }
  return key ? maskPersonalFields({ [key]: value })[key] : maskPersonalFields(value);
}

/**
 * `{ field: { before, after } }` for each field whose value differs (compared as JSON), limited to
 * `fields` when given. Pass the result as AuditEntry.changes.
 */
export function changedFields(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
  fields?: readonly string[],
): Record<string, { before: unknown; after: unknown }> {
  const keys = fields ?? [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const out: Record<string, { before: unknown; after: unknown }> = {};
  for (const key of keys) {
    const b = before?.[key] ?? null;
    const a = after?.[key] ?? null;
    if (JSON.stringify(b) !== JSON.stringify(a)) out[key] = { before: b, after: a };
  }
  return out;
}

/**
 * Writes one audit record. Given a transaction, the record commits or rolls back with the action;
 * given the database, it is written on its own. The record is pending until the chainer links it
 * into the hash chain (chainer.ts, decision 0009): writers never wait for one another.
 */
export async function recordAudit(trx: Kysely<DB> | Transaction<DB>, actor: Actor | null, entry: AuditEntry): Promise<void> {
  await q.insertRecord(trx, {
    at: new Date(),
    actor_id: actor?.userId ?? null,
    actor_role: actor ? actor.roles.join(',') : 'system',
    actor_org_id: actor?.orgId ?? null,
    org_id: entry.orgId ?? null,
    action: entry.action,
    object_type: entry.objectType,
    object_id: entry.objectId,
    ip: entry.ip ?? actor?.ip ?? null,
    // As it reads back from jsonb, so the chainer hashes what is stored.
    changes: asStoredJson(maskChanges(entry.changes ?? {})),
  });
}

// ——— auditors (审计员、监督人员): search, export, verify ———

function assertAuditor(actor: Actor): void {
  if (!can(actor, 'audit.read')) throw forbidden('无权查看审计日志 (forbidden: audit.read is required)');
}

/** One page of the trail, newest first; nextCursor continues with older records. */
export async function searchAudit(
  db: Kysely<DB>,
  actor: Actor,
  input: FilterInput & { cursor?: string; limit?: number },
): Promise<{ items: AuditRecordJson[]; nextCursor: string | null }> {
  assertAuditor(actor);
  const filter = toFilter(input, auditScope(actor));
  const beforeId = parseCursor(input.cursor);
  const limit = input.limit ?? 50;
  const rows = await q.searchRecords(db, filter, { beforeId, limit: limit + 1, order: 'desc' });
  const items = rows.slice(0, limit).map(presentRecord);
  return { items, nextCursor: rows.length > limit ? String(items[items.length - 1].id) : null };
}

/** The choices of the search form by their Chinese names: the actions (操作) and object types (对象类型). */
export function auditFilterOptions(actor: Actor): { actions: ActionOption[]; objectTypes: { objectType: string; name: string }[] } {
  assertAuditor(actor);
  return { actions: actionOptions(), objectTypes: Object.entries(OBJECT_TYPE_NAMES).map(([objectType, name]) => ({ objectType, name })) };
}

/**
 * People to filter by (操作人): staff of the organizations the auditor sees, found by name or
 * username, deactivated accounts included (they acted while active). The staff list of user
 * administration answers it: its subtree (every organization for a system administrator, else the
 * actor's scope) is the auditor's scope (auditScope in rules.ts).
 */
export async function searchAuditActors(deps: { db: Kysely<DB> }, actor: Actor, input: ActorQueryInput): Promise<{ items: AuditActorOption[] }> {
  assertAuditor(actor);
  const page = await listStaff(deps, actor, { q: input.q, limit: input.limit ?? 20 });
  return { items: page.items.map(presentActorOption) };
}

export interface AuditExport {
  fileName: string;
  contentType: string;
  chunks: AsyncIterable<string>;
}

const EXPORT_BATCH = 500;

/**
 * The matching records in insertion order, as a stream of text chunks, each with its place in the
 * chain (pending records are linked first). The export is bounded by the newest record at its
 * start, so a long download is a stable snapshot without holding a transaction open. The export
 * itself is recorded: who took a copy of the trail, with which filter.
 */
export async function exportAudit(db: Kysely<DB>, actor: Actor, input: FilterInput & { format: 'csv' | 'json' }): Promise<AuditExport> {
  assertAuditor(actor);
  const filter = toFilter(input, auditScope(actor));
  await chainPendingAudit(db);
  const head = await q.readHead(db);
  const maxId = await q.lastId(db);
  const { format, ...filters } = input;
  await recordAudit(db, actor, { action: 'audit.export', objectType: 'audit_log', objectId: 'export', changes: { format, filters, throughSeq: head?.last_seq ?? 0 } });
  const day = shanghaiDate().replace(/-/g, '');
  return {
    fileName: `audit-${day}.${format}`,
    contentType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
    chunks: exportChunks(db, filter, maxId, format),
  };
}

async function* exportChunks(db: Kysely<DB>, filter: q.AuditFilter, maxId: number, format: 'csv' | 'json'): AsyncGenerator<string> {
  yield format === 'csv' ? CSV_HEADER : '[';
  let afterId = 0;
  let first = true;
  for (;;) {
    const rows = await q.searchRecords(db, filter, { afterId, maxId, limit: EXPORT_BATCH, order: 'asc' });
    if (rows.length === 0) break;
    const records = rows.map(presentRecord);
    if (format === 'csv') yield records.map(csvLine).join('');
    else {
      yield records.map((r, i) => `${first && i === 0 ? '' : ','}\n${JSON.stringify(r)}`).join('');
      first = false;
    }
    afterId = records[records.length - 1].id;
    if (rows.length < EXPORT_BATCH) break;
  }
  if (format === 'json') yield '\n]\n';
}

/** Verifies the whole chain (integrity is not scoped: the verdict names only a position). */
export async function verifyAudit(db: Kysely<DB>, actor: Actor): Promise<ChainVerdict> {
  assertAuditor(actor);
  return chainAndVerify(db);
}

/** Links what is pending, then verifies: the verdict covers every record committed before it. */
export async function chainAndVerify(db: Kysely<DB>): Promise<ChainVerdict> {
  await chainPendingAudit(db);
  return verifyAuditChain(db);
}
