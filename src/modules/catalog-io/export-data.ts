// What an export holds: the active catalog with, for each implementation entry, the guide version
// in force today. Only published content leaves the platform (同源发布, Art. 11).
import type { Database } from '../../db/database.js';
import type { GuideContent } from '../catalog/guide-content.js';
import { inForceFirst } from '../catalog/queries.js';
import { EXCHANGE_FORMAT, EXCHANGE_VERSION, type ExchangeDocument, type ExchangeImplementation, type ExchangeItem } from './exchange.js';

export interface ExportOrg {
  code: string;
  name: string;
  creditCode: string | null;
  divisionCode: string;
  divisionName: string;
}

export interface ExportData {
  doc: ExchangeDocument;
  /** The implementing organizations by orgs.code, for the JSON-LD competent authorities. */
  orgs: Map<string, ExportOrg>;
}

async function guidesInForce(db: Database, today: string): Promise<Map<string, { content: GuideContent; effectiveFrom: string | null }>> {
  const rows = await db
    .selectFrom('guide_versions as gv')
    .distinctOn('gv.implementation_id')
    .select(['gv.implementation_id', 'gv.content', 'gv.effective_from'])
    .orderBy('gv.implementation_id')
    .$call(inForceFirst(today))
    .execute();
  return new Map(rows.map((r) => [r.implementation_id, { content: r.content, effectiveFrom: r.effective_from }]));
}

export async function loadExportData(db: Database, today: string, exportedAt: Date): Promise<ExportData> {
  const items = await db
    .selectFrom('catalog_items')
    .select(['id', 'code', 'name', 'type', 'parent_id', 'legal_basis', 'legal_limit_days', 'description'])
    .where('status', '=', 'active')
    .orderBy('code')
    .execute();
  const impls = await db
    .selectFrom('implementations as im')
    .innerJoin('orgs as o', 'o.id', 'im.org_id')
    .innerJoin('divisions as d', 'd.code', 'o.division_code')
    .select(['im.id', 'im.item_id', 'im.code', 'o.code as org_code', 'o.name as org_name', 'o.credit_code', 'o.division_code', 'd.name as division_name'])
    .where('im.status', '=', 'active')
    .orderBy('im.code')
    .execute();
  const guides = await guidesInForce(db, today);
  const codeById = new Map(items.map((i) => [i.id, i.code]));
  const byItem = new Map<string, ExchangeImplementation[]>();
  const orgs = new Map<string, ExportOrg>();
  for (const im of impls) {
    const guide = guides.get(im.id);
    const entry: ExchangeImplementation = { code: im.code, orgCode: im.org_code };
    if (guide) {
      if (guide.effectiveFrom) entry.effectiveFrom = guide.effectiveFrom;
      entry.guide = guide.content;
    }
    byItem.set(im.item_id, [...(byItem.get(im.item_id) ?? []), entry]);
    orgs.set(im.org_code, { code: im.org_code, name: im.org_name, creditCode: im.credit_code, divisionCode: im.division_code, divisionName: im.division_name });
  }
  const out: ExchangeItem[] = items.map((i) => {
    const parentCode = i.parent_id ? codeById.get(i.parent_id) : undefined;
    return {
      code: i.code,
      name: i.name,
      type: i.type,
      ...(parentCode ? { parentCode } : {}),
      legalBasis: i.legal_basis,
      ...(i.legal_limit_days !== null ? { legalLimitDays: i.legal_limit_days } : {}),
      ...(i.description ? { description: i.description } : {}),
      implementations: byItem.get(i.id) ?? [],
    };
  });
  return { doc: { format: EXCHANGE_FORMAT, version: EXCHANGE_VERSION, exportedAt: exportedAt.toISOString(), items: out }, orgs };
}
