// The search SQL: a plan becomes (1) candidate conditions, each served by an index (GIN on
// character grams, pg_trgm on pinyin, btree prefix), OR-ed so PostgreSQL combines bitmap scans,
// and (2) tier tests that rank the candidates (see TIERS in plan.ts). A candidate no tier
// accepts (its grams matched but not in order) is dropped.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB, ItemType, Level } from '../../db/schema.js';
import { TIER, type QueryPlan } from './plan.js';
import { escapeLike } from './text.js';

type Fragment = RawBuilder<unknown>;

export interface SearchFilters {
  /** A division code: the division and every division under it. */
  division?: string;
  orgId?: string;
  itemType?: ItemType;
}

/** Keyset position: the sort key of the last row of the previous page. */
export type SortKey = [tier: number, levelRank: number, nameLen: number, itemName: string, implementationId: string];

export interface HitRow {
  implementation_id: string;
  implementation_code: string;
  item_code: string;
  item_name: string;
  sub_item_name: string | null;
  item_type: ItemType;
  org_id: string;
  org_name: string;
  level: Level;
  level_rank: number;
  division_code: string;
  division_name: string;
  name_len: number;
  tier: number;
}

const or = (parts: Fragment[]): Fragment => (parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`);
const contains = (q: string) => `%${escapeLike(q)}%`;
const startsWith = (q: string) => `${escapeLike(q)}%`;
const gramsIn = (column: 'name_grams' | 'keyword_grams', grams: string[]) => sql`d.${sql.ref(column)} @> ${grams}::text[]`;

/** Keywords are indexed by pairs only: one character would match half the catalog's materials. */
function materialTexts(plan: QueryPlan): string[] {
  return plan.script === 'han' ? [plan.compact, ...plan.synonyms.map((s) => s.text)].filter((t) => [...t].length >= 2) : [];
}

/** Indexable conditions whose union holds every row any tier can accept. */
function candidates(plan: QueryPlan, fuzzy: boolean): Fragment[] {
  const q = plan.compact;
  const parts: Fragment[] = [gramsIn('name_grams', plan.grams)];
  if (plan.code) parts.push(sql`d.implementation_code like ${startsWith(plan.code)}`, sql`d.item_code like ${startsWith(plan.code)}`);
  if (plan.script === 'latin' && q.length >= 3) {
    parts.push(sql`d.pinyin like ${contains(q)}`, sql`d.initials like ${contains(q)}`, sql`d.pinyin_alt like ${contains(q)}`);
  } else if (plan.script === 'latin') {
    parts.push(sql`d.pinyin like ${startsWith(q)}`, sql`d.initials like ${startsWith(q)}`);
  }
  for (const s of plan.synonyms) parts.push(gramsIn('name_grams', s.grams));
  for (const t of materialTexts(plan)) parts.push(gramsIn('keyword_grams', [...new Set(pairs(t))]));
  if (fuzzy) {
    for (const t of plan.typos) parts.push(gramsIn('name_grams', t.grams));
    if (plan.homophone) parts.push(sql`d.pinyin like ${contains(plan.homophone)}`);
    if (plan.latinTypo) parts.push(sql`d.pinyin %> ${q}`);
  }
  return parts;
}

function pairs(text: string): string[] {
  const chars = [...text];
  return chars.slice(0, -1).map((c, i) => c + chars[i + 1]);
}

/** [tier, test] in rank order; the first test a row passes is its tier. */
function tierTests(plan: QueryPlan, fuzzy: boolean): [number, Fragment][] {
  const q = plan.compact;
  const latin = plan.script === 'latin';
  const tests: [number, Fragment[]][] = [
    [TIER.exact, [sql`d.item_norm = ${q}`, sql`d.name_norm = ${q}`, ...(plan.code ? [sql`d.implementation_code = ${plan.code}`, sql`d.item_code = ${plan.code}`] : [])]],
    [TIER.prefix, [sql`d.name_norm like ${startsWith(q)}`, ...(plan.code ? [sql`d.implementation_code like ${startsWith(plan.code)}`, sql`d.item_code like ${startsWith(plan.code)}`] : [])]],
    [TIER.name, [sql`d.name_norm like ${contains(q)}`]],
    [TIER['pinyin-prefix'], latin ? [sql`d.pinyin like ${startsWith(q)}`, sql`d.initials like ${startsWith(q)}`] : []],
    [TIER.pinyin, latin && q.length >= 3 ? [sql`d.pinyin like ${contains(q)}`, sql`d.initials like ${contains(q)}`, sql`d.pinyin_alt like ${contains(q)}`] : []],
    [TIER.synonym, plan.synonyms.map((s) => sql`d.name_norm like ${contains(s.text)}`)],
    [TIER.typo, fuzzy ? typoTests(plan) : []],
    [TIER.material, materialTexts(plan).map((t) => sql`d.keywords like ${contains(t)}`)],
  ];
  return tests.filter(([, parts]) => parts.length).map(([tier, parts]) => [tier, or(parts)]);
}

function typoTests(plan: QueryPlan): Fragment[] {
  const parts = plan.typos.map((t) => sql`d.name_norm like ${t.like}`);
  if (plan.homophone) parts.push(sql`d.pinyin like ${contains(plan.homophone)}`);
  if (plan.latinTypo) parts.push(sql`d.pinyin %> ${plan.compact}`);
  return parts;
}

function filterConditions(filters: SearchFilters): Fragment[] {
  const parts: Fragment[] = [];
  if (filters.division) parts.push(sql`d.division_codes @> array[${filters.division}]::text[]`);
  if (filters.orgId) parts.push(sql`d.org_id = ${filters.orgId}`);
  if (filters.itemType) parts.push(sql`d.item_type = ${filters.itemType}`);
  return parts;
}

export interface SearchPage {
  rows: HitRow[];
  total: number;
}

/**
 * One page of hits in rank order after `after`, and how many hits there are in all. With no plan
 * (browsing by filters only) every document passing the filters is a hit of tier 0.
 */
export async function searchDocuments(
  db: Kysely<DB>,
  plan: QueryPlan | null,
  options: { filters: SearchFilters; fuzzy: boolean; after: SortKey | null; limit: number },
): Promise<SearchPage> {
  const where = [...filterConditions(options.filters)];
  let tier: Fragment = sql`0`;
  if (plan) {
    where.push(or(candidates(plan, options.fuzzy)));
    const tests = tierTests(plan, options.fuzzy);
    tier = sql`case ${sql.join(tests.map(([n, test]) => sql`when ${test} then ${sql.lit(n)}`), sql` `)} end`;
  }
  const after = options.after
    ? sql`where (r.tier, r.level_rank, r.name_len, r.item_name, r.implementation_id) >
        (${options.after[0]}::int, ${options.after[1]}::int, ${options.after[2]}::int, ${options.after[3]}::text, ${options.after[4]}::text)`
    : sql``;
  const result = await sql<HitRow & { total: number | string }>`
    with hits as (
      select d.implementation_id, d.implementation_code, d.item_code, d.item_name, d.sub_item_name, d.item_type,
             d.org_id, d.org_name, d.level, d.level_rank, d.division_code, d.division_name, d.name_len, ${tier} as tier
      from search_documents d
      ${where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``}
    ), ranked as (select * from hits where tier is not null)
    select t.total, p.* from (select count(*) as total from ranked) t
    left join lateral (
      select * from ranked r ${after}
      order by r.tier, r.level_rank, r.name_len, r.item_name, r.implementation_id
      limit ${options.limit}
    ) p on true`.execute(db);
  const total = Number(result.rows[0]?.total ?? 0);
  const rows = result.rows.filter((r) => r.implementation_id !== null).map((r) => ({ ...r, tier: Number(r.tier) }));
  return { rows, total };
}
