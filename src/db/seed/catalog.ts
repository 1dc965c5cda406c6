// The demo catalog: basic items (基本目录) with their sub-items, implementation entries (实施清单)
// at league departments, every county's department and every township center, and one published
// guide version (办事指南) per implementation.
import type { Insertable, Kysely } from 'kysely';
import type { DB, Level } from '../schema.js';
import { basicCode, implementationCode } from '../../modules/catalog/codes.js';
import { computeTotals } from '../../modules/catalog/totals.js';
import { buildGuide, type ImplementationSite } from './guides.js';
import { seedId } from './ids.js';
import { DEMO_ITEMS, type ItemSpec, type SubSpec } from './items/index.js';
import type { OrgTree } from './orgs.js';

type ItemRow = Insertable<DB['catalog_items']>;
type ImplementationRow = Insertable<DB['implementations']>;
type GuideRow = Insertable<DB['guide_versions']>;

export interface CatalogRows {
  items: ItemRow[];
  implementations: ImplementationRow[];
  guides: GuideRow[];
}

export interface GuideAuthors {
  editorId: string;
  reviewerId: string;
}

// Guides were prepared and approved before the 2026 catalog took effect.
const PUBLISHED_AT = new Date('2025-12-26T02:00:00Z');
const SUBMITTED_AT = new Date('2025-12-22T02:00:00Z');

/** Every place the item is implemented, with the level its implementation code carries. */
function sitesOf(spec: ItemSpec, tree: OrgTree): { site: ImplementationSite; level: Level }[] {
  const out: { site: ImplementationSite; level: Level }[] = [];
  const l = tree.league;
  if (spec.levels.includes('league')) {
    const org = l.depts[spec.dept];
    out.push({ level: 'league', site: { org, body: org.name, center: l.center, office: l.office, countyCode: null } });
  }
  for (const c of tree.counties) {
    if (spec.levels.includes('county')) {
      const org = c.depts[spec.dept];
      out.push({ level: 'county', site: { org, body: org.name, center: c.center, office: c.office, countyCode: c.divisionCode } });
    }
    if (!spec.levels.includes('township')) continue;
    for (const t of c.townships) {
      out.push({ level: 'township', site: { org: t.center, body: t.gov.name, center: t.center, office: c.office, countyCode: c.divisionCode } });
    }
  }
  return out;
}

function itemRow(code: string, name: string, spec: ItemSpec, parentId: string | null, now: Date): ItemRow {
  return {
    id: seedId(`item:${code}`),
    code,
    name,
    type: spec.type,
    parent_id: parentId,
    legal_basis: JSON.stringify(spec.legalBasis),
    // A sub-item inherits its main item's legal limit (the catalog service reads it from the parent).
    legal_limit_days: parentId ? null : spec.legalDays,
    created_at: now,
    updated_at: now,
  };
}

function implement(rows: CatalogRows, item: ItemRow, spec: ItemSpec, sub: SubSpec | undefined, tree: OrgTree, authors: GuideAuthors): void {
  for (const { site, level } of sitesOf(spec, tree)) {
    const code = implementationCode(item.code, level, site.org.creditCode);
    const implementationId = seedId(`impl:${code}`);
    rows.implementations.push({ id: implementationId, item_id: item.id, org_id: site.org.id, code, level, created_at: PUBLISHED_AT });
    const content = buildGuide(spec, sub, site);
    rows.guides.push({
      id: seedId(`guide:${code}:1`),
      implementation_id: implementationId,
      version_no: 1,
      status: 'published',
      content: JSON.stringify(content),
      totals: JSON.stringify(computeTotals(content)),
      effective_from: '2026-01-01',
      change_reason: '首次发布',
      created_by: authors.editorId,
      submitted_by: authors.editorId,
      submitted_at: SUBMITTED_AT,
      reviewed_by: authors.reviewerId,
      published_at: PUBLISHED_AT,
      created_at: SUBMITTED_AT,
      updated_at: PUBLISHED_AT,
    });
  }
}

export function buildCatalogRows(tree: OrgTree, authors: GuideAuthors): CatalogRows {
  const rows: CatalogRows = { items: [], implementations: [], guides: [] };
  const now = new Date(SUBMITTED_AT);
  for (const spec of DEMO_ITEMS) {
    const main = itemRow(basicCode(spec.type, spec.no), spec.name, spec, null, now);
    rows.items.push(main);
    if (!spec.subs?.length) {
      implement(rows, main, spec, undefined, tree, authors);
      continue;
    }
    for (const sub of spec.subs) {
      const child = itemRow(basicCode(spec.type, spec.no, sub.no), sub.name, spec, main.id as string, now);
      rows.items.push(child);
      implement(rows, child, spec, sub, tree, authors);
    }
  }
  return rows;
}

async function insertChunked<T extends keyof DB>(db: Kysely<DB>, table: T, rows: Insertable<DB[T]>[], size: number): Promise<void> {
  for (let i = 0; i < rows.length; i += size) {
    // The generic table name defeats Kysely's inference; the rows are typed by the caller.
    await db.insertInto(table).values(rows.slice(i, i + size) as never).execute();
  }
}

export async function insertCatalog(db: Kysely<DB>, rows: CatalogRows): Promise<void> {
  await insertChunked(db, 'catalog_items', rows.items, 200);
  await insertChunked(db, 'implementations', rows.implementations, 500);
  await insertChunked(db, 'guide_versions', rows.guides, 300);
}
