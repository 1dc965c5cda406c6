// Reading published guides over time: the version in force on a date (a case is handled under the
// version in force when it was submitted, Art. 12), the history, diffs, the consistency report
// across counties (Art. 9 ¶2) and the simplification figures (减材料、减时限、减环节、减跑动).
import type { Database } from '../../db/database.js';
import { notFound } from '../../http/errors.js';
import { shanghaiDate } from '../../lib/shanghai-date.js';
import { can, inScope, type Actor } from '../identity/permissions.js';
import { consistencyReport, type ConsistencyField } from './consistency.js';
import { diffGuideContent, type FieldChange } from './diff.js';
import type { GuideTotals } from './guide-content.js';
import { requireImplementation, requireItem, requireOrg, requireVersion } from './lookups.js';
import { fullTotals } from './presenter.js';
import * as q from './queries.js';
import * as rules from './rules.js';
import type { SimplificationResult } from './schema.js';

interface Deps {
  db: Database;
}

/** The published version in force on a date: latest effective date on or before it, ties by version number. */
export async function versionInForce(deps: Deps, implementationId: string, date = shanghaiDate()): Promise<q.VersionRow> {
  await requireImplementation(deps.db, implementationId);
  const version = (await q.versionsInForce(deps.db, [implementationId], date)).get(implementationId);
  if (!version) throw notFound('no-version-in-force', `${date} 没有现行有效的办事指南 (no published guide in force on ${date})`);
  return version;
}

/**
 * Every version of an implementation, newest first. Anyone sees the published ones; staff with
 * catalog.read within scope also see drafts, submitted and returned versions.
 */
export async function versionHistory(deps: Deps, actor: Actor | null, implementationId: string): Promise<q.VersionRow[]> {
  const implementation = await requireImplementation(deps.db, implementationId);
  const seesAll = !!actor && can(actor, 'catalog.read') && inScope(actor, implementation.org_path);
  return q.versionsOf(deps.db, implementationId, !seesAll);
}

export interface VersionDiff {
  from: q.VersionRow;
  to: q.VersionRow;
  changes: FieldChange[];
}

/** What changed from `againstId` (before) to `id` (after); both versions must lie within the actor's scope. */
export async function diffVersions(deps: Deps, actor: Actor, id: string, againstId: string): Promise<VersionDiff> {
  const to = await requireVersion(deps.db, id);
  const from = await requireVersion(deps.db, againstId);
  for (const v of [to, from]) rules.assertOrgInScope(actor, (await requireImplementation(deps.db, v.implementation_id)).org_path);
  return { from, to, changes: diffGuideContent(from.content, to.content) };
}

export interface ConsistencyEntry {
  itemId: string;
  itemCode: string;
  itemName: string;
  fields: ConsistencyField[];
}

/** Art. 9 ¶2: the guides in force today of one item (or of every item with ≥2 implementations), field by field. */
export async function consistency(deps: Deps, itemId?: string): Promise<ConsistencyEntry[]> {
  const items = itemId ? [await requireItem(deps.db, itemId)] : await q.itemsWithImplementations(deps.db, 2);
  const today = shanghaiDate();
  const out: ConsistencyEntry[] = [];
  for (const item of items) {
    const implementations = await q.listImplementations(deps.db, { itemId: item.id, status: 'active' });
    const inForce = await q.versionsInForce(deps.db, implementations.map((i) => i.id), today);
    const guides = implementations
      .filter((i) => inForce.has(i.id))
      .map((i) => ({ implementationId: i.id, orgId: i.org_id, orgName: i.org_name, divisionName: i.division_name ?? i.division_code, content: inForce.get(i.id)!.content }));
    out.push({ itemId: item.id, itemCode: item.code, itemName: item.name, fields: consistencyReport(guides) });
  }
  return out;
}

type Reductions = SimplificationResult['total'];
const REDUCED: (keyof Reductions)[] = ['materials', 'promisedWorkingDays', 'steps', 'visits'];

function reductionsBetween(first: GuideTotals, current: GuideTotals): Reductions {
  return Object.fromEntries(REDUCED.map((k) => [k, Number(first[k] ?? 0) - Number(current[k] ?? 0)])) as Reductions;
}

function addReductions(sum: Reductions, r: Reductions): void {
  for (const k of REDUCED) sum[k] += r[k];
}

const zero = (): Reductions => ({ materials: 0, promisedWorkingDays: 0, steps: 0, visits: 0 });

/** Sums of reductions grouped by a key (item or organization). */
function groupReductions<K extends string>(rows: SimplificationResult['implementations'], key: (r: SimplificationResult['implementations'][number]) => [string, string], idKey: K, nameKey: string) {
  const groups = new Map<string, { id: string; name: string; implementations: number; reductions: Reductions }>();
  for (const row of rows) {
    const [id, name] = key(row);
    const group = groups.get(id) ?? { id, name, implementations: 0, reductions: zero() };
    group.implementations += 1;
    addReductions(group.reductions, row.reductions);
    groups.set(id, group);
  }
  return [...groups.values()].map((g) => ({ [idKey]: g.id, [nameKey]: g.name, implementations: g.implementations, reductions: g.reductions }));
}

/** First published totals against the totals of the version in force today, per implementation, item and organization. */
export async function simplification(deps: Deps, filter: { itemId?: string; orgId?: string }): Promise<SimplificationResult> {
  if (filter.itemId) await requireItem(deps.db, filter.itemId);
  if (filter.orgId) await requireOrg(deps.db, filter.orgId);
  const date = shanghaiDate();
  const implementations = await q.listImplementations(deps.db, { ...filter, status: 'active' });
  const ids = implementations.map((i) => i.id);
  const [first, current] = await Promise.all([q.firstPublishedVersions(deps.db, ids, date), q.versionsInForce(deps.db, ids, date)]);
  const at = (v: q.VersionRow) => ({ versionId: v.id, versionNo: v.version_no, effectiveFrom: v.effective_from ?? '', totals: fullTotals(v.totals) });
  const rows = implementations
    .filter((i) => first.has(i.id) && current.has(i.id))
    .map((i) => {
      const [f, c] = [first.get(i.id)!, current.get(i.id)!];
      return {
        implementationId: i.id,
        implementationCode: i.code,
        itemId: i.item_id,
        itemName: i.item_name,
        orgId: i.org_id,
        orgName: i.org_name,
        first: at(f),
        current: at(c),
        reductions: reductionsBetween(f.totals, c.totals),
      };
    });
  const total = zero();
  for (const r of rows) addReductions(total, r.reductions);
  return {
    date,
    implementations: rows,
    byItem: groupReductions(rows, (r) => [r.itemId, r.itemName], 'itemId', 'itemName') as SimplificationResult['byItem'],
    byOrg: groupReductions(rows, (r) => [r.orgId, r.orgName], 'orgId', 'orgName') as SimplificationResult['byOrg'],
    total,
  };
}
