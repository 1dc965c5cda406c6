// Builds the search document (检索文档) of one implementation entry from its guide in force. Pure:
// the service loads the source row, this decides what is matched and how.
import type { Selectable } from 'kysely';
import type { ItemType, Level, SearchDocumentsTable } from '../../db/schema.js';
import { compactText, pinyinForms, type PinyinForms } from './text.js';

/**
 * The parts of a guide's content a document is built from; the rest of the guide is not read
 * (a full GuideContent fits this shape).
 */
export interface SearchableContent {
  itemName?: string;
  subItemName?: string;
  materials?: { name?: string }[];
  result?: { name?: string };
  situations?: { name?: string }[];
}

export interface DocumentSource {
  implementationId: string;
  guideVersionId: string;
  itemId: string;
  itemCode: string;
  implementationCode: string;
  /** The catalog's name, used when the guide content lacks one. */
  catalogItemName: string;
  itemType: ItemType;
  description: string;
  orgId: string;
  orgName: string;
  level: Level;
  divisionCode: string;
  divisionName: string;
  /** The division and all its ancestors (盟 → 旗县市 → 苏木乡镇). */
  divisionCodes: string[];
  content: SearchableContent;
}

/** The row stored in search_documents: every column but the refresh time, which the database sets. */
export type SearchDocument = Omit<Selectable<SearchDocumentsTable>, 'refreshed_at'>;

export const LEVEL_RANK: Record<Level, number> = { league: 0, county: 1, township: 2, village: 3 };

/** Keeps the keyword blob and its gram array bounded for guides with very long material lists. */
const MAX_KEYWORDS_CHARS = 4000;

/** Material, result and situation names: secondary text a person may search by (e.g. “身份证”). */
export function keywordPieces(content: SearchableContent, description: string): string[] {
  const pieces = [
    ...(content.materials ?? []).map((m) => m.name),
    content.result?.name,
    ...(content.situations ?? []).map((s) => s.name),
    description,
  ];
  const seen = new Set<string>();
  let length = 0;
  for (const piece of pieces) {
    const compact = piece ? compactText(piece) : '';
    if (compact.length < 2 || seen.has(compact) || length + compact.length > MAX_KEYWORDS_CHARS) continue;
    seen.add(compact);
    length += compact.length + 1;
  }
  return [...seen];
}

/**
 * pinyin-pro's context reading and polyphone list cost ~50 µs a name, and names repeat: the 910
 * demo guides share 68 names, a real league catalog is much the same item in every county. The
 * result depends on the text alone, so it is kept per name (bounded; cleared when full).
 */
const PINYIN_CACHE_LIMIT = 20_000;
const pinyinCache = new Map<string, PinyinForms>();
const NO_PINYIN: PinyinForms = { full: '', initials: '', alternatives: [] };

function cachedPinyinForms(compact: string): PinyinForms {
  if (!compact) return NO_PINYIN;
  let forms = pinyinCache.get(compact);
  if (!forms) {
    if (pinyinCache.size >= PINYIN_CACHE_LIMIT) pinyinCache.clear();
    forms = pinyinForms(compact);
    pinyinCache.set(compact, forms);
  }
  return forms;
}

export function buildSearchDocument(source: DocumentSource): SearchDocument {
  const itemName = source.content.itemName?.trim() || source.catalogItemName;
  const subItemName = source.content.subItemName?.trim() || null;
  const itemNorm = compactText(itemName);
  const subNorm = subItemName ? compactText(subItemName) : '';
  const nameNorm = itemNorm + subNorm;
  const itemPinyin = cachedPinyinForms(itemNorm);
  const subPinyin = cachedPinyinForms(subNorm);
  const keywords = keywordPieces(source.content, source.description);
  return {
    implementation_id: source.implementationId,
    guide_version_id: source.guideVersionId,
    item_id: source.itemId,
    item_code: source.itemCode,
    implementation_code: source.implementationCode,
    item_name: itemName,
    sub_item_name: subItemName,
    item_type: source.itemType,
    org_id: source.orgId,
    org_name: source.orgName,
    level: source.level,
    level_rank: LEVEL_RANK[source.level] ?? 9,
    division_code: source.divisionCode,
    division_name: source.divisionName,
    division_codes: source.divisionCodes,
    item_norm: itemNorm,
    name_norm: nameNorm,
    name_len: [...nameNorm].length,
    pinyin: itemPinyin.full + subPinyin.full,
    initials: itemPinyin.initials + subPinyin.initials,
    pinyin_alt: [...itemPinyin.alternatives, ...subPinyin.alternatives].join(' '),
    keywords: keywords.join('|'),
  };
}
