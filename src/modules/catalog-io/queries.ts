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

// Bulk writes pass each chunk as ONE JSON parameter expanded by jsonb_to_recordset: a statement
// with thousands of bind parameters costs more to parse and plan than the rows cost to write.

export async function upsertItems(trx: Db, rows: ItemRow[], now: Date): Promise<void> {
  for (const part of chunks(rows, 2500)) {
    await sql`insert into catalog_items (id, code, name, type, parent_id, legal_basis, legal_limit_days, description, created_at, updated_at)
      select r.id, r.code, r.name, r.type, r.parent_id, r.legal_basis, r.legal_limit_days, r.description, ${now}, ${now}
      from jsonb_to_recordset(${JSON.stringify(part)}::jsonb)
        as r(id text, code text, name text, type text, parent_id text, legal_basis jsonb, legal_limit_days integer, description text)
      on conflict (code) do update set
        name = excluded.name, type = excluded.type, parent_id = excluded.parent_id, legal_basis = excluded.legal_basis,
        legal_limit_days = excluded.legal_limit_days, description = excluded.description, updated_at = excluded.updated_at`.execute(trx);
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
  for (const part of chunks(rows, 5000)) {
    await sql`insert into implementations (id, item_id, org_id, code, level, created_at)
      select r.id, r.item_id, r.org_id, r.code, r.level, ${now}
      from jsonb_to_recordset(${JSON.stringify(part)}::jsonb) as r(id text, item_id text, org_id text, code text, level text)`.execute(trx);
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
