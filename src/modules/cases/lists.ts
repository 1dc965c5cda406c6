// The case lists (workbench queue, search, overdue, 我的办件): one keyset page from queries.ts,
// the pauses of the paused cases on it (for their live due date) in one more query, presented.
import type { AppDeps } from '../../app.js';
import { forbidden } from '../../http/errors.js';
import { todayOf } from '../../lib/clock.js';
import { calendarFor } from '../calendar/service.js';
import { can, type Actor, type Permission } from '../identity/permissions.js';
import { presentSummary } from './presenter.js';
import * as q from './queries.js';
import type { CaseSummary } from './schema.js';

export interface CaseList {
  items: CaseSummary[];
  nextCursor: string | null;
}

const DEFAULT_LIMIT = 50;

async function present(deps: AppDeps, page: q.Page<q.SummaryRow>, whole: boolean): Promise<CaseList> {
  const [calendar, pauses] = await Promise.all([calendarFor(deps.db), q.pausesOf(deps.db, page.rows.filter((r) => r.paused_since).map((r) => r.id))]);
  const byCase = new Map<string, { started_on: string; ended_on: string | null }[]>();
  for (const p of pauses) byCase.set(p.case_id, [...(byCase.get(p.case_id) ?? []), p]);
  const ctx = { calendar, today: todayOf(deps), whole };
  return { items: page.rows.map((r) => presentSummary(r, ctx, byCase.get(r.id))), nextCursor: page.nextCursor };
}

function require(actor: Actor, permission: Permission) {
  if (!can(actor, permission)) throw forbidden(`无权查看 (forbidden: ${permission} is required)`);
}

export async function caseQueue(deps: AppDeps, actor: Actor, input: { view?: q.QueueView; cursor?: string; limit?: number }): Promise<CaseList> {
  require(actor, 'case.read');
  const page = await q.queuePage(deps.db, actor.scopePath, input.view ?? 'open', input.cursor, input.limit ?? DEFAULT_LIMIT);
  return present(deps, page, can(actor, 'personal-data.read-whole'));
}

export async function searchCases(deps: AppDeps, actor: Actor, input: { q?: string; state?: string; cursor?: string; limit?: number }): Promise<CaseList> {
  require(actor, 'case.read');
  const page = await q.searchPage(deps.db, actor.scopePath, { q: input.q, state: input.state }, input.cursor, input.limit ?? DEFAULT_LIMIT);
  return present(deps, page, can(actor, 'personal-data.read-whole'));
}

export async function overdueCases(deps: AppDeps, actor: Actor, input: { kind?: 'acceptance' | 'decision'; cursor?: string; limit?: number }): Promise<CaseList> {
  require(actor, 'case.supervise');
  const page = await q.overduePage(deps.db, actor.scopePath, input.kind ?? 'decision', todayOf(deps), input.cursor, input.limit ?? DEFAULT_LIMIT);
  return present(deps, page, can(actor, 'personal-data.read-whole'));
}

/** The applicant's own cases: their own data, whole. */
export async function myCases(deps: AppDeps, applicantId: string, input: { cursor?: string; limit?: number }): Promise<CaseList> {
  const page = await q.myCasesPage(deps.db, applicantId, input.cursor, input.limit ?? DEFAULT_LIMIT);
  return present(deps, page, true);
}
