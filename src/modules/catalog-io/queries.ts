// Reads and bulk writes of the catalog import/export. Lists are chunked so a 10,000-item file
// stays within PostgreSQL's 65,535 bind parameters per statement.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, ItemType, Level } from '../../db/schema.js';
import type { GuideContent, GuideTotals } from '../catalog/guide-content.js';
import type { ExistingImplementation, OrgRef } from './rules.js';

type Db = Kysely<DB> | Transaction<DB>;

export function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

export async function loadOrgRefs(db: Db): Promise<OrgRef[]> {
  const rows = await db.selectFrom('orgs').select(['id', 'code', 'name', 'credit_code', 'level', 'path', 'division_code']).execute();
  return rows.map((o) => ({ id: o.id, code: o.code, name: o.name, creditCode: o.credit_code, level: o.level, path: o.path, divisionCode: o.division_code }));
}

export interface ItemRow {
  id: string;
  code: string;
  name: string;
  type: ItemType;
  parent_id: string | null;
  legal_basis: string[];
  legal_limit_days: number | null;
  description: string;
}

export interface ExistingItemRow extends ItemRow {
  status: 'active' | 'retired';
}

export async function loadItemsByCodes(db: Db, codes: string[]): Promise<ExistingItemRow[]> {
  const out: ExistingItemRow[] = [];
  for (const part of chunks([...new Set(codes)], 5000)) {
    const rows = await db
      .selectFrom('catalog_items')
      .select(['id', 'code', 'name', 'type', 'parent_id', 'legal_basis', 'legal_limit_days', 'description', 'status'])
      .where('code', 'in', part)
      .execute();
    out.push(...rows);
  }
  return out;
}

export async function loadImplementations(db: Db, codes: string[], itemIds: string[]): Promise<ExistingImplementation[]> {
  const byId = new Map<string, ExistingImplementation>();
  const add = (rows: { id: string; item_id: string; org_id: string; code: string; status: 'active' | 'retired' }[]) =>
    rows.forEach((r) => byId.set(r.id, { id: r.id, itemId: r.item_id, orgId: r.org_id, code: r.code, status: r.status }));
  const base = () => db.selectFrom('implementations').select(['id', 'item_id', 'org_id', 'code', 'status']);
  for (const part of chunks([...new Set(codes)], 5000)) add(await base().where('code', 'in', part).execute());
  for (const part of chunks([...new Set(itemIds)], 5000)) add(await base().where('item_id', 'in', part).execute());
  return [...byId.values()];
}

/** Licence types obtainable by sharing (Art. 10(四)): code → name and code → issuing department. */
export async function loadShareableLicenceTypes(db: Db): Promise<{ names: Map<string, string>; departments: Map<string, string> }> {
  const rows = await db.selectFrom('licence_types').select(['code', 'name', 'issuing_department']).where('shareable', '=', true).execute();
  return { names: new Map(rows.map((r) => [r.code, r.name])), departments: new Map(rows.map((r) => [r.code, r.issuing_department])) };
}

export interface VersionHead {
  id: string;
  implementationId: string;
  versionNo: number;
  status: string;
  effectiveFrom: string | null;
}

export async function loadVersionHeads(db: Db, implementationIds: string[]): Promise<VersionHead[]> {
  const out: VersionHead[] = [];
  for (const part of chunks(implementationIds, 5000)) {
    const rows = await db
      .selectFrom('guide_versions')
      .select(['id', 'implementation_id', 'version_no', 'status', 'effective_from'])
      .where('implementation_id', 'in', part)
      .execute();
    for (const r of rows) out.push({ id: r.id, implementationId: r.implementation_id, versionNo: r.version_no, status: r.status, effectiveFrom: r.effective_from });
  }
  return out;
}

export async function loadVersionContents(db: Db, ids: string[]): Promise<Map<string, GuideContent>> {
  const out = new Map<string, GuideContent>();
  for (const part of chunks(ids, 2000)) {
    const rows = await db.selectFrom('guide_versions').select(['id', 'content']).where('id', 'in', part).execute();
    for (const r of rows) out.set(r.id, r.content);
  }
  return out;
}

export async function upsertItems(trx: Db, rows: ItemRow[], now: Date): Promise<void> {
  for (const part of chunks(rows, 1000)) {
    await trx
      .insertInto('catalog_items')
      .values(part.map((r) => ({ ...r, legal_basis: JSON.stringify(r.legal_basis), created_at: now, updated_at: now })))
      .onConflict((oc) =>
        oc.column('code').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          type: eb.ref('excluded.type'),
          parent_id: eb.ref('excluded.parent_id'),
          legal_basis: eb.ref('excluded.legal_basis'),
          legal_limit_days: eb.ref('excluded.legal_limit_days'),
          description: eb.ref('excluded.description'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
}

export interface ImplementationRow {
  id: string;
  item_id: string;
  org_id: string;
  code: string;
  level: Level;
}

export async function insertImplementations(trx: Db, rows: ImplementationRow[], now: Date): Promise<void> {
  for (const part of chunks(rows, 2000)) {
    await trx.insertInto('implementations').values(part.map((r) => ({ ...r, created_at: now }))).execute();
  }
}

export interface VersionRow {
  id: string;
  implementation_id: string;
  version_no: number;
  content: GuideContent;
  totals: GuideTotals;
  effective_from: string;
}

/**
 * Guide versions go in as one JSON parameter per chunk, expanded by jsonb_to_recordset: the
 * content is parsed once by the server instead of once per bind parameter.
 */
export async function insertGuideVersions(trx: Db, rows: VersionRow[], actorId: string | null, reason: string): Promise<void> {
  for (const part of chunks(rows, 1000)) {
    const payload = JSON.stringify(part);
    await sql`insert into guide_versions
        (id, implementation_id, version_no, status, content, totals, effective_from, change_reason,
         created_by, submitted_by, submitted_at, reviewed_by, published_at, created_at, updated_at)
      select r.id, r.implementation_id, r.version_no, 'published', r.content, r.totals, r.effective_from, ${reason},
             ${actorId}, ${actorId}, now(), ${actorId}, now(), now(), now()
      from jsonb_to_recordset(${payload}::jsonb)
        as r(id text, implementation_id text, version_no integer, content jsonb, totals jsonb, effective_from date)`.execute(trx);
  }
}

export function countRows(db: Db, table: 'catalog_items' | 'implementations' | 'guide_versions') {
  return db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow().then((r) => Number(r.n));
}
