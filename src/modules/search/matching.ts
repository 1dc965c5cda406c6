// The search SQL: a plan becomes (1) candidate conditions, each served by an index (GIN on
// character grams, pg_trgm on pinyin, btree prefix), OR-ed so PostgreSQL combines bitmap scans,
// and (2) tier tests that rank the candidates (see TIERS in plan.ts). A candidate no tier
// accepts (its grams matched but not in order) is dropped. `fuzzy` is the fallback pass: it adds
// one-character typos and material text, for when names alone found too little.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB, ItemType } from '../../db/schema.js';
import type { SearchDocument } from './document.js';
import { TIER, type QueryPlan } from './plan.js';
import { charGrams, escapeLike } from './text.js';

type Fragment = RawBuilder<unknown>;

export interface SearchFilters {
  /** A division code: the division and every division under it. */
  division?: string;
  orgId?: string;
  itemType?: ItemType;
}

/** Keyset position: the sort key of the last row of the previous page. */
export type SortKey = [tier: number, levelRank: number, nameLen: number, itemName: string, implementationId: string];

export type HitRow = Pick<
  SearchDocument,
  | 'implementation_id'
  | 'implementation_code'
  | 'item_code'
  | 'item_name'
  | 'sub_item_name'
  | 'item_type'
  | 'org_id'
  | 'org_name'
  | 'level'
  | 'level_rank'
  | 'division_code'
  | 'division_name'
  | 'name_len'
> & { tier: number };

const or = (parts: Fragment[]): Fragment => (parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`);
const contains = (q: string) => `%${escapeLike(q)}%`;
const startsWith = (q: string) => `${escapeLike(q)}%`;
// Must read exactly as the expression indexes of migration 0004 for the planner to use them.
const gramsIn = (column: 'name_norm' | 'keywords', grams: string[]) =>
  column === 'name_norm' ? sql`search_grams(d.name_norm, true) @> ${grams}::text[]` : sql`search_grams(d.keywords, false) @> ${grams}::text[]`;

/**
 * Material, result and situation names, searched only in the fallback pass (with typos): as common
 * a material as 营业执照 is asked for by a third of all guides. Indexed by pairs only.
 */
export function materialTexts(plan: QueryPlan): string[] {
  return plan.script === 'han' ? [plan.compact, ...plan.synonyms.map((s) => s.text)].filter((t) => [...t].length >= 2) : [];
}

/**
 * Indexable conditions whose union holds every row any tier can accept, in two groups. The GIN
 * array conditions are exact; trigram and prefix conditions are lossy, and PostgreSQL rechecks
 * every condition of an OR on a lossy page — which would recompute search_grams() per row. So
 * the two groups are separate scans, united afterwards.
 */
function candidates(plan: QueryPlan, fuzzy: boolean): { exact: Fragment[]; lossy: Fragment[] } {
  const q = plan.compact;
  const exact: Fragment[] = [gramsIn('name_norm', plan.grams), ...plan.synonyms.map((s) => gramsIn('name_norm', s.grams))];
  const lossy: Fragment[] = [];
  if (plan.code) lossy.push(sql`d.implementation_code like ${startsWith(plan.code)}`, sql`d.item_code like ${startsWith(plan.code)}`);
  if (plan.script === 'latin' && q.length >= 3) {
    lossy.push(sql`d.pinyin like ${contains(q)}`, sql`d.initials like ${contains(q)}`, sql`d.pinyin_alt like ${contains(q)}`);
  } else if (plan.script === 'latin') {
    lossy.push(sql`d.pinyin like ${startsWith(q)}`, sql`d.initials like ${startsWith(q)}`);
  }
  if (fuzzy) {
    for (const t of materialTexts(plan)) exact.push(gramsIn('keywords', charGrams(t, false)));
    for (const t of plan.typos) exact.push(gramsIn('name_norm', t.grams));
    if (plan.homophone) lossy.push(sql`d.pinyin like ${contains(plan.homophone)}`);
    if (plan.latinTypo) lossy.push(sql`d.pinyin %> ${q}`);
  }
  return { exact, lossy };
}

/** [tier, test] in rank order; the first test a row passes is its tier. */
function tierTests(plan: QueryPlan, fuzzy: boolean): [number, Fragment][] {
  const q = plan.compact;
  const latin = plan.script === 'latin';
  const tests: [number, Fragment[]][] = [
    [TIER.exact, [sql`item_norm = ${q}`, sql`name_norm = ${q}`, ...(plan.code ? [sql`implementation_code = ${plan.code}`, sql`item_code = ${plan.code}`] : [])]],
    [TIER.prefix, [sql`name_norm like ${startsWith(q)}`, ...(plan.code ? [sql`implementation_code like ${startsWith(plan.code)}`, sql`item_code like ${startsWith(plan.code)}`] : [])]],
    [TIER.name, [sql`name_norm like ${contains(q)}`]],
    [TIER['pinyin-prefix'], latin ? [sql`pinyin like ${startsWith(q)}`, sql`initials like ${startsWith(q)}`] : []],
    [TIER.pinyin, latin && q.length >= 3 ? [sql`pinyin like ${contains(q)}`, sql`initials like ${contains(q)}`, sql`pinyin_alt like ${contains(q)}`] : []],
    [TIER.synonym, plan.synonyms.map((s) => sql`name_norm like ${contains(s.text)}`)],
    [TIER.typo, fuzzy ? typoTests(plan) : []],
    [TIER.material, fuzzy ? materialTexts(plan).map((t) => sql`keywords like ${contains(t)}`) : []],
  ];
  return tests.filter(([, parts]) => parts.length).map(([tier, parts]) => [tier, or(parts)]);
}

function typoTests(plan: QueryPlan): Fragment[] {
  const parts = plan.typos.map((t) => sql`name_norm like ${t.like}`);
  if (plan.homophone) parts.push(sql`pinyin like ${contains(plan.homophone)}`);
  if (plan.latinTypo) parts.push(sql`pinyin %> ${plan.compact}`);
  return parts;
}

function filterConditions(filters: SearchFilters): Fragment[] {
  const parts: Fragment[] = [];
  if (filters.division) parts.push(sql`d.division_codes @> array[${filters.division}]::text[]`);
  if (filters.orgId) parts.push(sql`d.org_id = ${filters.orgId}`);
  if (filters.itemType) parts.push(sql`d.item_type = ${filters.itemType}`);
  return parts;
}

/** What a page shows of a hit. */
const HIT_COLUMNS =
  'implementation_id, implementation_code, item_code, item_name, sub_item_name, item_type, org_id, org_name, level, level_rank, division_code, division_name, name_len';
/** The hit columns and those the tier tests read. */
const CANDIDATE_COLUMNS = `${HIT_COLUMNS
  .split(', ')
  .map((c) => `d.${c}`)
  .join(', ')}, d.item_norm, d.name_norm, d.pinyin, d.initials, d.pinyin_alt, d.keywords`;

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
  const filters = filterConditions(options.filters);
  const scan = (condition: Fragment | null) => {
    const where = condition ? [...filters, condition] : filters;
    return sql`select ${sql.raw(CANDIDATE_COLUMNS)} from search_documents d ${where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``}`;
  };
  let candidateRows = scan(null);
  let tier: Fragment = sql`0`;
  if (plan) {
    const { exact, lossy } = candidates(plan, options.fuzzy);
    candidateRows = lossy.length ? sql`${scan(or(exact))} union ${scan(or(lossy))}` : scan(or(exact));
    const tests = tierTests(plan, options.fuzzy);
    tier = sql`case ${sql.join(tests.map(([n, test]) => sql`when ${test} then ${sql.lit(n)}`), sql` `)} end`;
  }
  const after = options.after
    ? sql`where (r.tier, r.level_rank, r.name_len, r.item_name, r.implementation_id) >
        (${options.after[0]}::int, ${options.after[1]}::int, ${options.after[2]}::int, ${options.after[3]}::text, ${options.after[4]}::text)`
    : sql``;
  const result = await sql<HitRow & { total: number | string }>`
    with candidates as (${candidateRows}),
    ranked as (
      select ${sql.raw(HIT_COLUMNS)}, tier from (select c.*, ${tier} as tier from candidates c) h where tier is not null
    )
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
