// Catalog search (事项搜索, SPEC §1 “search that people actually use”): Chinese words and
// substrings, full pinyin and initials, one-character typos, an editable synonym list, filters by
// region, organization and item type. The index is derived from the published record (同源发布,
// Art. 11): refreshed inside the publishing and the importing transaction, rebuilt after the demo
// seed and daily (decision 0007).
import type { Kysely, Transaction } from 'kysely';
import type { DB, ItemType } from '../../db/schema.js';
import { shanghaiDate } from '../../lib/shanghai-date.js';
import { forbidden } from '../../http/errors.js';
import { recordAudit } from '../audit/service.js';
import { onGuidePublished, onItemChanged } from '../catalog/service.js';
import { can, type Actor } from '../identity/permissions.js';
import { buildSearchDocument, type SearchableContent, type SearchDocument } from './document.js';
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

export interface RefreshResult {
  /** Documents written (entries with a guide in force). */
  documents: number;
  /** Documents that were there before and were replaced or removed (dead rows until vacuumed). */
  replaced: number;
}

/**
 * A refresh of at least this many documents, and of at least a third of the index, drops the
 * secondary indexes and builds them again after the writes: a GIN index without a pending list
 * (fastupdate off, decision 0003) is updated row by row, key by key, which for 10,000 documents
 * costs several times what one bulk build over the whole table costs.
 */
const BULK_MIN = 2000;
const BULK_SHARE = 3;
const SOURCE_PAGE = 2000;

/**
 * Brings the documents of the given implementation entries in line with their guides in force on
 * `onDate` (default today in China): written when there is one, removed when there is none
 * (retired, not yet in force). In the caller's transaction if it is one, else in its own. A large
 * refresh locks the index (its indexes are rebuilt) until the transaction ends.
 */
export async function refreshSearchDocuments(db: Db, implementationIds: string[], options: RefreshOptions = {}): Promise<RefreshResult> {
  const ids = [...new Set(implementationIds)];
  const opts = { onDate: options.onDate ?? shanghaiDate(), contents: options.contents ?? new Map() };
  if (!ids.length) return { documents: 0, replaced: 0 };
  if (db.isTransaction) return refreshIn(db, ids, opts);
  return db.transaction().execute((trx) => refreshIn(trx, ids, opts));
}

export interface RefreshOptions {
  /** The day whose guides in force are indexed; default today in China. */
  onDate?: string;
  /** Content the caller just wrote, by guide version id: not read back from the database. */
  contents?: ReadonlyMap<string, SearchableContent>;
}

async function refreshIn(trx: Db, ids: string[], opts: Required<RefreshOptions>): Promise<RefreshResult> {
  const docs = await buildDocuments(trx, ids, opts.onDate, opts.contents);
  const bulk = ids.length >= BULK_MIN && ids.length * BULK_SHARE >= (await q.countDocuments(trx));
  const indexes = bulk ? await q.secondaryIndexes(trx) : [];
  await q.dropIndexes(trx, indexes);
  const replaced = await q.deleteDocuments(trx, ids);
  await q.upsertDocuments(trx, docs);
  await q.createIndexes(trx, indexes);
  if (bulk) await q.analyzeDocuments(trx);
  return { documents: docs.length, replaced };
}

/**
 * The documents of the entries that have a guide in force, in item-name order: rows written in
 * that order put the documents of one item on the same heap pages, and a search reads far fewer.
 */
async function buildDocuments(db: Db, ids: string[], onDate: string, contents?: ReadonlyMap<string, SearchableContent>): Promise<SearchDocument[]> {
  const docs: SearchDocument[] = [];
  for (let i = 0; i < ids.length; i += SOURCE_PAGE) {
    for (const source of await q.documentSources(db, onDate, ids.slice(i, i + SOURCE_PAGE), contents)) docs.push(buildSearchDocument(source));
  }
  return docs.sort(byItemName);
}

const byItemName = (a: SearchDocument, b: SearchDocument) =>
  a.item_name < b.item_name ? -1 : a.item_name > b.item_name ? 1 : a.implementation_id < b.implementation_id ? -1 : a.implementation_id > b.implementation_id ? 1 : 0;

/** Refreshes one implementation's document; true when it has a guide in force (and so a document). */
export async function refreshSearchIndex(db: Db, implementationId: string, onDate = shanghaiDate()): Promise<boolean> {
  return (await refreshSearchDocuments(db, [implementationId], { onDate })).documents > 0;
}

/** Refreshes every entry of an item and its sub-items, e.g. after the item is retired or renamed. */
export async function refreshSearchIndexForItem(db: Db, itemId: string, onDate = shanghaiDate()): Promise<void> {
  await refreshSearchDocuments(db, await q.implementationIdsOfItems(db, [itemId]), { onDate });
}

/** The implementation entries of these items and of their sub-items: what a change of the items touches. */
export async function implementationsOfItems(db: Db, itemIds: string[]): Promise<string[]> {
  return q.implementationIdsOfItems(db, itemIds);
}

/**
 * Rebuilds every document from the guides in force, in one transaction. Run after bulk loads that
 * bypass publishing (demo seed) and daily, when versions published earlier take effect. The index
 * is emptied (truncate: no dead rows left, so no vacuum is needed), written in item-name order
 * with its secondary indexes dropped, and they are built again at the end; searches wait for the
 * commit (the lock of the truncate) rather than seeing a half-built index.
 */
export async function rebuildSearchIndex(db: Db, onDate = shanghaiDate()): Promise<{ documents: number }> {
  // Inside a caller's transaction (e.g. a seed) run in it; Kysely has no nested transactions.
  if (db.isTransaction) return rebuildIn(db, onDate);
  return db.transaction().execute((trx) => rebuildIn(trx, onDate));
}

async function rebuildIn(trx: Db, onDate: string): Promise<{ documents: number }> {
  const docs = await buildDocuments(trx, await q.implementationIdsInForce(trx, onDate), onDate);
  await replaceSearchDocuments(trx, docs);
  return { documents: docs.length };
}

/**
 * Replaces every document with these (the bulk path of a rebuild; the search bench loads its
 * synthetic documents through it too): truncate, secondary indexes dropped, rows written in the
 * order given, indexes built again, statistics refreshed. Run it in a transaction.
 */
export async function replaceSearchDocuments(trx: Db, docs: SearchDocument[]): Promise<void> {
  const indexes = await q.secondaryIndexes(trx);
  await q.truncateDocuments(trx);
  await q.dropIndexes(trx, indexes);
  await q.upsertDocuments(trx, docs);
  await q.createIndexes(trx, indexes);
  await q.analyzeDocuments(trx);
}

/** Reclaims the rows a large refresh replaced (PGlite has no autovacuum); outside a transaction. */
export async function vacuumSearchIndex(db: Kysely<DB>): Promise<void> {
  await q.vacuumDocuments(db);
}

// A publication refreshes the entry's document inside the publishing transaction: if indexing
// fails, the publication rolls back, so the portal never lists a guide search cannot find.
onGuidePublished((trx, event) => refreshSearchIndex(trx, event.implementationId).then(() => undefined));
// A retired item (or a renamed one whose guides lack a name) must not stay findable.
onItemChanged((trx, event) => refreshSearchIndexForItem(trx, event.itemId));
