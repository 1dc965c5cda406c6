// The one rule of which guide version is in force (现行版本) for an implementation entry on a day:
// a published version whose effective date has come, the latest effective date winning and, on
// the same date, the higher version number. The catalog, the portal, search and the export all
// pick versions through these two fragments, so a change of the rule is made here only.
//
// They add plain conditions and sort keys to the caller's own query rather than wrapping it in a
// subquery (a subquery with DISTINCT ON cannot take the caller's join conditions), so each query
// keeps the plan and indexes it had (guide_versions_in_force_idx where the planner chooses it).
import { expressionBuilder, type Expression, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { GuideVersionsTable } from '../../db/schema.js';

/** The fragments read guide_versions under this alias: `selectFrom('guide_versions as gv')`. */
type Versions = { gv: GuideVersionsTable };
const gv = expressionBuilder<Versions, 'gv'>();

/** A published version that has taken effect by `date` (YYYY-MM-DD): one that may be in force on it. */
export function effectiveOn(date: string): Expression<SqlBool> {
  return gv.and([gv('gv.status', '=', 'published'), gv('gv.effective_from', '<=', date)]);
}

/**
 * Keeps the versions effective on `date` and sorts the one in force first. Alone with `limit(1)`
 * it picks one implementation's version; for one version per implementation, order by the
 * implementation first and take `distinctOn` it, since these sort keys come after the caller's.
 */
export function inForceFirst(date: string) {
  return <DB extends Versions, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O> =>
    query.where(effectiveOn(date)).orderBy(gv.ref('gv.effective_from'), 'desc').orderBy(gv.ref('gv.version_no'), 'desc');
}
