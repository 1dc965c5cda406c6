// From checked records to the rows to write (导入计划). Semantics (docs/catalog-exchange.md):
// items are upserted by code; an implementation is created when its code is new; a guide gets a
// new published version only when its content differs from the version in force on the
// file's effective date (or today), so importing the same file twice writes no new versions.
import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/database.js';
import type { GuideContent } from '../catalog/guide-content.js';
import { computeTotals } from '../catalog/totals.js';
import { loadVersionContents, loadVersionHeads, type ImplementationRow, type ItemRow, type VersionHead, type VersionRow } from './queries.js';
import type { ResolvedItem, ValidationContext } from './rules.js';

export interface ImportCounts {
  items: number;
  itemsCreated: number;
  itemsUpdated: number;
  itemsUnchanged: number;
  implementations: number;
  implementationsCreated: number;
  guideVersionsCreated: number;
  guidesUnchanged: number;
}

export interface WritePlan {
  /** Items to insert or update, main items (主项) before their sub-items (子项). */
  items: ItemRow[];
  implementations: ImplementationRow[];
  versions: VersionRow[];
  counts: ImportCounts;
}

/** JSON with object keys sorted and undefined left out: equal content ⇔ equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(',')}]`;
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The published version in force on a date: the latest effective date on or before it, then the highest number. */
export function versionInForce(heads: VersionHead[], date: string): VersionHead | undefined {
  let best: VersionHead | undefined;
  for (const h of heads) {
    if (h.status !== 'published' || (h.effectiveFrom !== null && h.effectiveFrom > date)) continue;
    const a = h.effectiveFrom ?? '';
    const b = best?.effectiveFrom ?? '';
    if (!best || a > b || (a === b && h.versionNo > best.versionNo)) best = h;
  }
  return best;
}

const sameItem = (a: ItemRow, b: ItemRow) =>
  a.name === b.name &&
  a.type === b.type &&
  a.parent_id === b.parent_id &&
  a.legal_limit_days === b.legal_limit_days &&
  a.description === b.description &&
  canonicalJson(a.legal_basis) === canonicalJson(b.legal_basis);

function planItems(items: ResolvedItem[], existing: ReadonlyMap<string, ItemRow>, counts: ImportCounts): { rows: ItemRow[]; idByCode: Map<string, string> } {
  const idByCode = new Map<string, string>();
  for (const item of items) idByCode.set(item.code, existing.get(item.code)?.id ?? randomUUID());
  const rows: ItemRow[] = [];
  // Main items first: a sub-item's parent must exist before the sub-item row is written.
  const ordered = [...items.filter((i) => !i.parentCode), ...items.filter((i) => i.parentCode)];
  for (const item of ordered) {
    const row: ItemRow = {
      id: idByCode.get(item.code)!,
      code: item.code,
      name: item.name,
      type: item.type,
      parent_id: item.parentCode ? (idByCode.get(item.parentCode) ?? existing.get(item.parentCode)?.id ?? null) : null,
      legal_basis: item.legalBasis,
      legal_limit_days: item.legalLimitDays,
      description: item.description,
    };
    const before = existing.get(item.code);
    if (!before) counts.itemsCreated++;
    else if (sameItem(before, row)) {
      counts.itemsUnchanged++;
      continue;
    } else counts.itemsUpdated++;
    rows.push(row);
  }
  return { rows, idByCode };
}

export async function planImport(
  db: Database,
  items: ResolvedItem[],
  ctx: ValidationContext,
  existingItems: ReadonlyMap<string, ItemRow>,
  today: string,
): Promise<WritePlan> {
  const counts: ImportCounts = { items: items.length, itemsCreated: 0, itemsUpdated: 0, itemsUnchanged: 0, implementations: 0, implementationsCreated: 0, guideVersionsCreated: 0, guidesUnchanged: 0 };
  const { rows, idByCode } = planItems(items, existingItems, counts);
  const implementations: ImplementationRow[] = [];
  const withGuide: { implementationId: string; guide: GuideContent; date: string; isNew: boolean }[] = [];
  for (const item of items) {
    for (const impl of item.implementations) {
      counts.implementations++;
      const existing = ctx.existingImplsByCode.get(impl.code);
      const id = existing?.id ?? randomUUID();
      if (!existing) {
        implementations.push({ id, item_id: idByCode.get(item.code)!, org_id: impl.org.id, code: impl.code, level: impl.org.level });
        counts.implementationsCreated++;
      }
      if (impl.guide) withGuide.push({ implementationId: id, guide: impl.guide, date: impl.effectiveFrom ?? today, isNew: !existing });
    }
  }
  const heads = await loadVersionHeads(db, withGuide.filter((g) => !g.isNew).map((g) => g.implementationId));
  const headsByImpl = new Map<string, VersionHead[]>();
  for (const h of heads) headsByImpl.set(h.implementationId, [...(headsByImpl.get(h.implementationId) ?? []), h]);
  const inForce = new Map(withGuide.map((g) => [g.implementationId, versionInForce(headsByImpl.get(g.implementationId) ?? [], g.date)]));
  const contents = await loadVersionContents(db, [...inForce.values()].filter((h): h is VersionHead => !!h).map((h) => h.id));
  const versions: VersionRow[] = [];
  for (const g of withGuide) {
    const current = inForce.get(g.implementationId);
    if (current && canonicalJson(contents.get(current.id)) === canonicalJson(g.guide)) {
      counts.guidesUnchanged++;
      continue;
    }
    const maxNo = Math.max(0, ...(headsByImpl.get(g.implementationId) ?? []).map((h) => h.versionNo));
    versions.push({ id: randomUUID(), implementation_id: g.implementationId, version_no: maxNo + 1, content: g.guide, totals: computeTotals(g.guide), effective_from: g.date });
    counts.guideVersionsCreated++;
  }
  return { items: rows, implementations, versions, counts };
}
