// Catalog search (事项搜索, SPEC §1 “search that people actually use”): Chinese words and
// substrings, full pinyin and initials, one-character typos, an editable synonym list, filters by
// region, organization and item type. The index is derived from the published record (同源发布,
// Art. 11): refreshed inside the publishing transaction, rebuilt after bulk loads.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, ItemType } from '../../db/schema.js';
import { shanghaiDate } from '../../lib/shanghai-date.js';
import { forbidden } from '../../http/errors.js';
import { recordAudit } from '../audit/service.js';
import { onGuidePublished, onItemChanged } from '../catalog/service.js';
import { can, type Actor } from '../identity/permissions.js';
import { buildSearchDocument } from './document.js';
import { searchDocuments, type HitRow, type SearchFilters } from './matching.js';
import { analyzeQuery, canBeFuzzy, TIER, type QueryPlan } from './plan.js';
import * as q from './queries.js';
import { assertSearchable, decodeCursor, encodeCursor, validateSynonymGroups, type Cursor } from './rules.js';

type Db = Kysely<DB> | Transaction<DB>;

export interface SearchQuery {
  /** The search text; absent or '' lists what the filters select (portal browsing). */
  q?: string;
  division?: string;
  orgId?: string;
  type?: ItemType;
  limit?: number;
  cursor?: string;
}

export interface SearchResult {
  rows: HitRow[];
  /** How many documents match in all (every page). */
  total: number;
  nextCursor: string | null;
  /** True when names matched too little and the fallback pass (typos, material names) ran. */
  fuzzy: boolean;
  /** The normalized text and the synonym variants it was expanded with. */
  text: string;
  synonyms: string[];
}

export const MAX_LIMIT = 50;
export const DEFAULT_LIMIT = 20;
/** Fewer name hits than this and the search also tries typos and material names. */
const FUZZY_BELOW = 3;

/** Synonym groups are read on every search: keep them a few seconds per database handle. */
const SYNONYM_TTL_MS = 5000;
const synonymCache = new WeakMap<object, { at: number; groups: string[][] }>();

async function synonymGroups(db: Db): Promise<string[][]> {
  if (db.isTransaction) return q.listSynonymGroups(db);
  const cached = synonymCache.get(db);
  if (cached && Date.now() - cached.at < SYNONYM_TTL_MS) return cached.groups;
  const groups = await q.listSynonymGroups(db);
  synonymCache.set(db, { at: Date.now(), groups });
  return groups;
}

/** No text (undefined or '') browses by the filters; text with nothing searchable in it is refused. */
function planOf(text: string | undefined, groups: string[][]): QueryPlan | null {
  if (text === undefined || text === '') return null;
  const plan = analyzeQuery(text, groups);
  assertSearchable(plan.compact);
  return plan;
}

/** Search the documents; the service function the portal (/search) and the API share. */
export async function searchGuides(db: Db, query: SearchQuery): Promise<SearchResult> {
  const cursor: Cursor | null = query.cursor ? decodeCursor(query.cursor) : null;
  const plan = planOf(query.q, query.q ? await synonymGroups(db) : []);
  const limit = Math.min(Math.max(query.limit ?? DEFAULT_LIMIT, 1), MAX_LIMIT);
  const filters: SearchFilters = { division: query.division, orgId: query.orgId, itemType: query.type };
  const run = (fuzzy: boolean) => searchDocuments(db, plan, { filters, fuzzy, after: cursor?.after ?? null, limit: limit + 1 });
  let fuzzy = cursor?.fuzzy ?? false;
  let page = await run(fuzzy);
  if (!cursor && plan && page.total < FUZZY_BELOW && canBeFuzzy(plan)) {
    fuzzy = true;
    page = await run(true);
  }
  const rows = page.rows.slice(0, limit);
  const last = rows[rows.length - 1];
  const nextCursor =
    page.rows.length > limit && last
      ? encodeCursor({ fuzzy, after: [last.tier, last.level_rank, last.name_len, last.item_name, last.implementation_id] })
      : null;
  return { rows, total: page.total, nextCursor, fuzzy, text: plan?.text ?? '', synonyms: plan?.synonyms.map((s) => s.text) ?? [] };
}

const SUGGESTIONS = 8;

/** Up to 8 distinct item names for typeahead (输入提示): names, pinyin and synonyms, no typo guessing. */
export async function suggestNames(db: Db, text: string): Promise<string[]> {
  const plan = planOf(text, await synonymGroups(db));
  if (!plan) return [];
  const page = await searchDocuments(db, plan, { filters: {}, fuzzy: false, after: null, limit: 50 });
  const names = new Set<string>();
  for (const row of page.rows) {
    if (row.tier > TIER.synonym) break;
    names.add(row.item_name);
    if (names.size === SUGGESTIONS) break;
  }
  return [...names];
}

export async function getSynonymGroups(db: Db): Promise<string[][]> {
  return q.listSynonymGroups(db);
}

/** Replaces the whole synonym list (同义词表) in one transaction, audited. */
export async function replaceSynonymGroups(deps: { db: Kysely<DB> }, actor: Actor, groups: string[][]): Promise<string[][]> {
  if (!can(actor, 'catalog.item.write')) throw forbidden();
  const cleaned = validateSynonymGroups(groups);
  synonymCache.delete(deps.db);
  return deps.db.transaction().execute(async (trx) => {
    const before = await q.listSynonymGroups(trx);
    await q.replaceSynonymGroups(trx, cleaned);
    await recordAudit(trx, actor, { action: 'search.synonyms.replace', objectType: 'search_synonyms', objectId: 'catalog', changes: { before, after: cleaned } });
    return cleaned;
  }).finally(() => synonymCache.delete(deps.db));
}

/**
 * Brings one implementation's search document in line with its guide in force on `onDate`
 * (default today in China): written when there is one, removed when there is none (retired,
 * not yet in force).
 */
export async function refreshSearchIndex(db: Db, implementationId: string, onDate = shanghaiDate()): Promise<boolean> {
  const source = await q.findDocumentSource(db, implementationId, onDate);
  if (!source) {
    await q.deleteDocument(db, implementationId);
    return false;
  }
  await q.upsertDocuments(db, [buildSearchDocument(source)]);
  return true;
}

/** Refreshes every entry of an item and its sub-items, e.g. after the item is retired or renamed. */
export async function refreshSearchIndexForItem(db: Db, itemId: string, onDate = shanghaiDate()): Promise<void> {
  for (const id of await q.implementationIdsOfItem(db, itemId)) await refreshSearchIndex(db, id, onDate);
}

const REBUILD_PAGE = 500;

/**
 * Rebuilds every document from the guides in force, in one transaction (readers see the old
 * index until it commits). Run after bulk loads (demo seed, import) and daily, when versions
 * published earlier take effect; it also restores the item-name order of the rows.
 */
export async function rebuildSearchIndex(db: Db, onDate = shanghaiDate()): Promise<{ documents: number }> {
  // Inside a caller's transaction (e.g. a seed) run in it; Kysely has no nested transactions.
  if (db.isTransaction) return rebuildIn(db, onDate);
  const result = await db.transaction().execute((trx) => rebuildIn(trx, onDate));
  // The replaced rows are dead weight on every later heap read until vacuumed.
  await sql`vacuum analyze search_documents`.execute(db);
  return result;
}

async function rebuildIn(trx: Db, onDate: string): Promise<{ documents: number }> {
  await q.deleteAllDocuments(trx);
  const ids = await q.implementationIdsInForce(trx, onDate);
  for (let i = 0; i < ids.length; i += REBUILD_PAGE) {
    const sources = await q.documentSources(trx, onDate, ids.slice(i, i + REBUILD_PAGE));
    await q.upsertDocuments(trx, sources.map(buildSearchDocument));
  }
  return { documents: ids.length };
}

// A publication refreshes the entry's document inside the publishing transaction: if indexing
// fails, the publication rolls back, so the portal never lists a guide search cannot find.
onGuidePublished((trx, event) => refreshSearchIndex(trx, event.implementationId).then(() => undefined));
// A retired item (or a renamed one whose guides lack a name) must not stay findable.
onItemChanged((trx, event) => refreshSearchIndexForItem(trx, event.itemId));
