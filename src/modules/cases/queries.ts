// Kysely reads of cases: the workbench queue, the search, the overdue lists and the applicant's own
// cases — all keyset-paginated (no OFFSET, no COUNT), filtered by the viewer's organization subtree
// IN SQL (orgs.path LIKE scopePath || '%'); and the rows a case detail is built from.
//
// The cursor is opaque to clients: base64url of JSON [sortKey, id] of the last row of the page.
import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { DB } from '../../db/schema.js';
import { badRequest } from '../../http/errors.js';
import { ACCEPTANCE_STATES, CASE_STATES, OPEN_STATES, RUNNING_STATES } from './rules.js';

type Q = Kysely<DB>;

export type QueueView = 'acceptance' | 'review' | 'decision' | 'delivery' | 'open';

// ——— cursors ———

export function encodeCursor(key: string, id: string): string {
  return Buffer.from(JSON.stringify([key, id]), 'utf8').toString('base64url');
}

const badCursor = () => badRequest('invalid-cursor', '分页游标无效，请从第一页重新查询 (querystring.cursor is not a cursor of this list)', [{ name: 'querystring.cursor', reason: 'invalid' }]);

/** The [sortKey, id] of a cursor; 400 naming querystring.cursor when it is not one of ours. */
export function decodeCursor(cursor: string, kind: 'date' | 'timestamp'): [string, string] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || typeof parsed[0] !== 'string' || typeof parsed[1] !== 'string') throw badCursor();
  const [key, id] = parsed as [string, string];
  // The key goes to SQL as ::date / ::timestamptz: it must be exactly what encodeCursor wrote (a
  // real day, an ISO instant). Date.parse alone takes 2026-02-30, which PostgreSQL then refuses.
  const asDate = new Date(kind === 'date' ? `${key}T00:00:00Z` : key);
  const valid = !Number.isNaN(asDate.getTime()) && (kind === 'date' ? asDate.toISOString().slice(0, 10) === key : asDate.toISOString() === key);
  if (!valid || !/^[0-9A-Za-z_-]{1,64}$/.test(id)) throw badCursor();
  return [key, id];
}

// ——— summaries ———

/** Cases with their item and organization: the columns a CaseSummary is built from. */
const SUMMARY_COLUMNS = [
  'c.id',
  'c.case_number',
  'c.state',
  'c.applicant_name',
  'c.applicant_id',
  'c.channel',
  'c.submitted_at',
  'c.acceptance_due_on',
  'c.acceptance_overdue_at',
  'c.accepted_on',
  'c.due_on',
  'c.paused_since',
  'c.promised_days',
  'c.promised_unit',
  'c.extension_days',
  'c.version',
  'it.name as item_name',
  'o.name as org_name',
] as const;

function summaryBase(db: Q) {
  return db.selectFrom('cases as c').innerJoin('orgs as o', 'o.id', 'c.org_id').innerJoin('catalog_items as it', 'it.id', 'c.item_id').select(SUMMARY_COLUMNS);
}

export type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryBase>['executeTakeFirstOrThrow']>>;

export interface Page<T> {
  rows: T[];
  nextCursor: string | null;
}

interface KeysetSpec {
  /** The sort expression (ascending or descending), never null for the rows listed. */
  key: RawBuilder<string>;
  direction: 'asc' | 'desc';
  kind: 'date' | 'timestamp';
}

/** Runs a keyset page: rows after the cursor in (key, id) order, limit + 1 fetched to know if more follow. */
async function keysetPage(
  query: ReturnType<typeof summaryBase>,
  spec: KeysetSpec,
  cursor: string | undefined,
  limit: number,
): Promise<Page<SummaryRow & { sort_key: string }>> {
  let q = query.select(spec.key.as('sort_key'));
  if (cursor) {
    const [key, id] = decodeCursor(cursor, spec.kind);
    const typed = spec.kind === 'date' ? sql`${key}::date` : sql`${key}::timestamptz`;
    q = q.where(spec.direction === 'asc' ? sql<SqlBool>`(${spec.key}, c.id) > (${typed}, ${id})` : sql<SqlBool>`(${spec.key}, c.id) < (${typed}, ${id})`);
  }
  const rows = (await q.orderBy(spec.key, spec.direction).orderBy('c.id', spec.direction).limit(limit + 1).execute()) as (SummaryRow & { sort_key: unknown })[];
  const page = rows.slice(0, limit).map((r) => ({ ...r, sort_key: keyText(r.sort_key, spec.kind) }));
  const last = page[page.length - 1];
  return { rows: page, nextCursor: rows.length > limit && last ? encodeCursor(last.sort_key, last.id) : null };
}

function keyText(value: unknown, kind: KeysetSpec['kind']): string {
  if (kind === 'timestamp') return new Date(value as string | Date).toISOString();
  return String(value);
}

const inScope = (scopePath: string): Expression<SqlBool> => sql<SqlBool>`o.path like ${`${scopePath}%`}`;

/** The sort key of a queue view: the acceptance deadline, or the due date (办结期限). */
function queueSpec(view: QueueView): KeysetSpec {
  if (view === 'acceptance') return { key: sql<string>`c.acceptance_due_on`, direction: 'asc', kind: 'date' };
  // Accepted cases always carry due_on; delivery and open lists include cases that were never accepted.
  if (view === 'review' || view === 'decision') return { key: sql<string>`c.due_on`, direction: 'asc', kind: 'date' };
  return { key: sql<string>`coalesce(c.due_on, c.acceptance_due_on)`, direction: 'asc', kind: 'date' };
}

const VIEW_STATES: Record<QueueView, readonly string[]> = {
  acceptance: ACCEPTANCE_STATES,
  review: ['under-review'],
  decision: ['awaiting-decision'],
  delivery: ['granted', 'refused'],
  open: OPEN_STATES,
};

/** The workbench queue of the viewer's subtree, soonest due first. */
export function queuePage(db: Q, scopePath: string, view: QueueView, cursor: string | undefined, limit: number) {
  const spec = queueSpec(view);
  if (view === 'acceptance' || view === 'review' || view === 'decision') {
    const key = view === 'acceptance' ? 'acceptance_due_on' : 'due_on';
    return keysetPage(perOrgQueue(db, scopePath, VIEW_STATES[view], key, cursor ? decodeCursor(cursor, 'date') : null, limit), spec, cursor, limit);
  }
  const query = summaryBase(db).where(inScope(scopePath)).where('c.state', 'in', [...VIEW_STATES[view]]);
  return keysetPage(query, spec, cursor, limit);
}

/**
 * The first page of each organization in scope, merged: for every organization a LATERAL subquery
 * walks its queue index (cases_queue_idx: org_id, state, due_on, id; or the acceptance index) in
 * order and stops after `limit + 1` rows, so a page costs a few index reads per organization instead
 * of reading and sorting every open case of the subtree (one department holds thousands).
 */
function perOrgQueue(db: Q, scopePath: string, states: readonly string[], key: 'due_on' | 'acceptance_due_on', after: [string, string] | null, limit: number) {
  const column = sql.ref(`c.${key}`);
  const query = db
    .selectFrom('orgs as o')
    .innerJoinLateral(
      (eb) => {
        let sub = eb.selectFrom('cases as c').selectAll('c').whereRef('c.org_id', '=', 'o.id').where('c.state', 'in', [...states]).where(sql<SqlBool>`${column} is not null`);
        if (after) sub = sub.where(sql<SqlBool>`(${column}, c.id) > (${after[0]}::date, ${after[1]})`);
        return sub.orderBy(column).orderBy('c.id').limit(limit + 1).as('c');
      },
      (join) => join.onTrue(),
    )
    .innerJoin('catalog_items as it', 'it.id', 'c.item_id')
    .where(inScope(scopePath))
    .select(SUMMARY_COLUMNS);
  // The same columns under the same aliases as summaryBase: keysetPage treats both alike.
  return query as unknown as ReturnType<typeof summaryBase>;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Case search in the viewer's subtree, newest submission first: q is a case number (prefix) or part of the applicant's name. */
export function searchPage(db: Q, scopePath: string, filter: { q?: string; state?: string }, cursor: string | undefined, limit: number) {
  let query = summaryBase(db).where(inScope(scopePath));
  if (filter.state) {
    if (!(CASE_STATES as readonly string[]).includes(filter.state)) {
      throw badRequest('invalid-state', `办件状态无效 (querystring.state must be one of ${CASE_STATES.join(', ')})`, [{ name: 'querystring.state', reason: 'unknown state' }]);
    }
    query = query.where('c.state', '=', filter.state);
  }
  const q = filter.q?.trim();
  if (q) {
    query = /^TB\d{1,20}$/i.test(q) ? query.where('c.case_number', 'like', `${q.toUpperCase()}%`) : query.where('c.applicant_name', 'like', `%${escapeLike(q)}%`);
  }
  return keysetPage(query, { key: sql<string>`c.submitted_at`, direction: 'desc', kind: 'timestamp' }, cursor, limit);
}

/**
 * Overdue cases of the viewer's subtree (监督): acceptance not decided after its one working day,
 * or a running (not paused) clock past its due date. Oldest deadline first.
 */
export function overduePage(db: Q, scopePath: string, kind: 'acceptance' | 'decision', today: string, cursor: string | undefined, limit: number) {
  if (kind === 'acceptance') {
    const query = summaryBase(db).where(inScope(scopePath)).where('c.state', '=', 'submitted').where('c.acceptance_due_on', '<', today);
    return keysetPage(query, { key: sql<string>`c.acceptance_due_on`, direction: 'asc', kind: 'date' }, cursor, limit);
  }
  const query = summaryBase(db)
    .where(inScope(scopePath))
    .where('c.state', 'in', [...RUNNING_STATES])
    .where('c.paused_since', 'is', null)
    .where('c.due_on', '<', today);
  return keysetPage(query, { key: sql<string>`c.due_on`, direction: 'asc', kind: 'date' }, cursor, limit);
}

/** The applicant's own cases, newest first. */
export function myCasesPage(db: Q, applicantId: string, cursor: string | undefined, limit: number) {
  const query = summaryBase(db).where('c.applicant_id', '=', applicantId);
  return keysetPage(query, { key: sql<string>`c.submitted_at`, direction: 'desc', kind: 'timestamp' }, cursor, limit);
}

/** Clock pauses of some cases (for the live due date of paused cases on a page). */
export async function pausesOf(db: Q, caseIds: string[]) {
  if (caseIds.length === 0) return [];
  return db.selectFrom('case_pauses').selectAll().where('case_id', 'in', caseIds).orderBy('started_on').execute();
}

// ——— one case ———

/** A case with its item, organization and guide version. */
/**
 * A case with everything its detail shows, in ONE query: the row with its organization, item and
 * guide version, and its parts as JSON arrays (materials with their file, source case and the
 * e-licence standing for them; pauses; extensions; notices; history). Inside JSON, timestamps are
 * ISO strings and dates 'YYYY-MM-DD', which is how the detail presents them anyway.
 */
export async function findCase(db: Q, id: string) {
  return db
    .selectFrom('cases as c')
    .innerJoin('orgs as o', 'o.id', 'c.org_id')
    .innerJoin('catalog_items as it', 'it.id', 'c.item_id')
    .innerJoin('guide_versions as g', 'g.id', 'c.guide_version_id')
    .selectAll('c')
    .select(['o.name as org_name', 'o.path as org_path', 'it.name as item_name', 'it.code as item_code', 'g.version_no', 'g.effective_from'])
    .select((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom('case_materials as m')
          .leftJoin('case_files as f', 'f.id', 'm.file_id')
          .leftJoin('cases as src', 'src.id', 'm.reused_from_case_id')
          .leftJoin('licences as l', 'l.id', 'm.licence_id')
          .leftJoin('licence_types as t', 't.code', 'l.licence_type_code')
          .select(['m.id', 'm.material_id', 'm.name', 'm.source', 'm.status', 'm.note', 'm.file_id', 'f.file_name', 'f.size', 'src.case_number as reused_from_case_number'])
          .select(['l.id as licence_id', 'l.identifier as licence_identifier', 't.name as licence_type_name', 'l.licence_number', 'l.issuer_name as licence_issuer_name', 'l.valid_until as licence_valid_until', 'l.status as licence_status'])
          .whereRef('m.case_id', '=', 'c.id')
          .where('m.superseded_at', 'is', null)
          .orderBy('m.created_at')
          .orderBy('m.id'),
      ).as('materials'),
      jsonArrayFrom(eb.selectFrom('case_pauses as p').select(['p.id', 'p.kind', 'p.reason', 'p.started_on', 'p.ended_on']).whereRef('p.case_id', '=', 'c.id').orderBy('p.started_on').orderBy('p.created_at')).as('pauses'),
      jsonArrayFrom(eb.selectFrom('case_extensions as e').select(['e.days', 'e.reason', 'e.granted_on']).whereRef('e.case_id', '=', 'c.id').orderBy('e.granted_on').orderBy('e.created_at')).as('extensions'),
      jsonArrayFrom(eb.selectFrom('case_notices as n').select(['n.id', 'n.kind', 'n.number', 'n.created_at']).whereRef('n.case_id', '=', 'c.id').orderBy('n.created_at')).as('notices'),
      jsonArrayFrom(eb.selectFrom('case_actions as a').selectAll('a').whereRef('a.case_id', '=', 'c.id').orderBy('a.seq')).as('actions'),
    ])
    .where('c.id', '=', id)
    .executeTakeFirst();
}
export type CaseDetailRow = NonNullable<Awaited<ReturnType<typeof findCase>>>;
