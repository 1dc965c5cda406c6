// The only place a search row becomes JSON.
import { ITEM_TYPE_NAMES } from '../catalog/guide-content.js';
import type { HitRow } from './matching.js';
import { TIERS } from './plan.js';
import type { SearchResult } from './service.js';

export function presentHit(row: HitRow) {
  return {
    implementationId: row.implementation_id,
    implementationCode: row.implementation_code,
    itemCode: row.item_code,
    itemName: row.item_name,
    subItemName: row.sub_item_name,
    itemType: row.item_type,
    itemTypeName: ITEM_TYPE_NAMES[row.item_type] ?? row.item_type,
    orgId: row.org_id,
    orgName: row.org_name,
    level: row.level,
    divisionCode: row.division_code,
    divisionName: row.division_name,
    matchedBy: TIERS[row.tier] ?? 'material',
  };
}

export function presentSearch(result: SearchResult) {
  return {
    items: result.rows.map(presentHit),
    total: result.total,
    nextCursor: result.nextCursor,
    query: { text: result.text, synonyms: result.synonyms, fuzzy: result.fuzzy },
  };
}
