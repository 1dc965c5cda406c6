// Kysely functions of the catalog: plain rows in, plain rows out. Each takes the database or the
// caller's transaction first (on embedded PGlite a transaction owns the only connection, so a
// query inside one must use the transaction, never the database).
import { sql, type ExpressionBuilder, type Kysely, type Selectable } from 'kysely';
import type { CatalogItemsTable, DB, GuideVersionsTable, ItemType } from '../../db/schema.js';
import { effectiveOn, inForceFirst } from './in-force.js';

export { effectiveOn, inForceFirst } from './in-force.js';

type Q = Kysely<DB>;
export type ItemRow = Selectable<CatalogItemsTable> & { implementation_count: number };
export type VersionRow = Selectable<GuideVersionsTable>;

/** How many active implementation entries (实施清单) an item has. */
const implementationCount = (eb: ExpressionBuilder<DB, 'catalog_items'>) =>
  eb
    .selectFrom('implementations')
    .select((e) => e.fn.countAll<number>().as('n'))
    .whereRef('implementations.item_id', '=', 'catalog_items.id')
    .where('implementations.status', '=', 'active')
    .$asScalar()
    .as('implementation_count');

export interface ItemFilter {
  type?: ItemType;
  q?: string;
  parentId?: string;
  status?: 'active' | 'retired';
}

export async function listItems(db: Q, filter: ItemFilter): Promise<ItemRow[]> {
  let query = db
    .selectFrom('catalog_items')
    .selectAll('catalog_items')
    .select(implementationCount);
  if (filter.type) query = query.where('type', '=', filter.type);
  if (filter.parentId) query = query.where('parent_id', '=', filter.parentId);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('name', 'ilike', like), eb('code', 'like', like)]));
  }
  return (await query.orderBy('code').execute()) as ItemRow[];
}

export async function findItem(db: Q, id: string): Promise<ItemRow | undefined> {
  return (await db
    .selectFrom('catalog_items')
    .selectAll('catalog_items')
    .select(implementationCount)
    .where('id', '=', id)
    .executeTakeFirst()) as ItemRow | undefined;
}

export async function itemCodeExists(db: Q, code: string): Promise<boolean> {
  return !!(await db.selectFrom('catalog_items').select('id').where('code', '=', code).executeTakeFirst());
}

/** Highest number in code positions [start, start+length) among codes with the prefix, or 0. */
async function highestNumber(db: Q, prefix: string, start: number, length: number): Promise<number> {
  const row = await db
    .selectFrom('catalog_items')
    .select(sql<number | null>`max(substr(code, ${sql.lit(start)}, ${sql.lit(length)})::int)`.as('n'))
    .where('code', 'like', `${prefix}%`)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Highest main item number (主项序号) used under a type code. */
export const highestMainNumber = (db: Q, typeCode: string) => highestNumber(db, typeCode, 3, 5);
/** Highest sub-item number (子项序号) used under a main item's 7-digit prefix. */
export const highestSubNumber = (db: Q, mainPrefix: string) => highestNumber(db, mainPrefix, 8, 3);

export async function findOrg(db: Q, id: string) {
  return db
    .selectFrom('orgs')
    .leftJoin('divisions', 'divisions.code', 'orgs.division_code')
    .select(['orgs.id', 'orgs.name', 'orgs.path', 'orgs.level', 'orgs.credit_code', 'orgs.division_code', 'divisions.name as division_name'])
    .where('orgs.id', '=', id)
    .executeTakeFirst();
}

/** Implementation entries with their item and organization, as one flat row. */
export const implementationRows = (db: Q) =>
  db
    .selectFrom('implementations as im')
    .innerJoin('catalog_items as it', 'it.id', 'im.item_id')
    .innerJoin('orgs as o', 'o.id', 'im.org_id')
    .leftJoin('divisions as d', 'd.code', 'o.division_code')
    .select([
      'im.id',
      'im.code',
      'im.level',
      'im.status',
      'im.item_id',
      'im.org_id',
      'it.code as item_code',
      'it.name as item_name',
      'it.type as item_type',
      'it.status as item_status',
      'it.parent_id as item_parent_id',
      'it.legal_limit_days as item_legal_limit_days',
      'o.name as org_name',
      'o.path as org_path',
      'o.division_code',
      'd.name as division_name',
    ]);
export type ImplementationRow = Awaited<ReturnType<ReturnType<typeof implementationRows>['executeTakeFirstOrThrow']>>;

export async function findImplementation(db: Q, id: string): Promise<ImplementationRow | undefined> {
  return implementationRows(db).where('im.id', '=', id).executeTakeFirst();
}

export async function implementationExists(db: Q, itemId: string, orgId: string): Promise<boolean> {
  const row = await db.selectFrom('implementations').select('id').where('item_id', '=', itemId).where('org_id', '=', orgId).executeTakeFirst();
  return !!row;
}

export interface ImplementationFilter {
  orgId?: string;
  itemId?: string;
  /** Only organizations under this path prefix (the actor's scope). */
  scopePath?: string;
  status?: 'active' | 'retired';
}

export async function listImplementations(db: Q, filter: ImplementationFilter): Promise<ImplementationRow[]> {
  let query = implementationRows(db);
  if (filter.orgId) query = query.where('im.org_id', '=', filter.orgId);
  if (filter.itemId) query = query.where('im.item_id', '=', filter.itemId);
  if (filter.status) query = query.where('im.status', '=', filter.status);
  if (filter.scopePath) query = query.where('o.path', 'like', `${filter.scopePath}%`);
  return query.orderBy('it.code').orderBy('o.path').execute();
}

/** Takes the implementation's row lock so concurrent version writes for it queue up. */
export async function lockImplementation(db: Q, id: string): Promise<void> {
  await db.selectFrom('implementations').select('id').where('id', '=', id).forUpdate().execute();
}

// ——— guide versions ———

export async function findVersion(db: Q, id: string): Promise<VersionRow | undefined> {
  return db.selectFrom('guide_versions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function versionsOf(db: Q, implementationId: string, publishedOnly = false): Promise<VersionRow[]> {
  let query = db.selectFrom('guide_versions').selectAll().where('implementation_id', '=', implementationId);
  if (publishedOnly) query = query.where('status', '=', 'published');
  return query.orderBy('version_no', 'desc').execute();
}

/** The open (draft / submitted / returned) version of an implementation, if any. */
export async function openVersionOf(db: Q, implementationId: string): Promise<VersionRow | undefined> {
  return db
    .selectFrom('guide_versions')
    .selectAll()
    .where('implementation_id', '=', implementationId)
    .where('status', 'in', ['draft', 'submitted', 'returned'])
    .executeTakeFirst();
}

export async function highestVersionNo(db: Q, implementationId: string): Promise<number> {
  const row = await db
    .selectFrom('guide_versions')
    .select((eb) => eb.fn.max('version_no').as('n'))
    .where('implementation_id', '=', implementationId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The published version in force on a date for each implementation (the rule: ./in-force.ts). */
export async function versionsInForce(db: Q, implementationIds: string[], date: string): Promise<Map<string, VersionRow>> {
  if (implementationIds.length === 0) return new Map();
  return byImplementation(await onePerImplementation(db, implementationIds).$call(inForceFirst(date)).execute());
}

/** The first published version (earliest effective, then lowest number) effective on or before a date. */
export async function firstPublishedVersions(db: Q, implementationIds: string[], date: string): Promise<Map<string, VersionRow>> {
  if (implementationIds.length === 0) return new Map();
  const rows = await onePerImplementation(db, implementationIds)
    .where(effectiveOn(date))
    .orderBy('gv.effective_from', 'asc')
    .orderBy('gv.version_no', 'asc')
    .execute();
  return byImplementation(rows);
}

/** Versions of the given implementations, one per implementation: the first in the order the caller adds. */
function onePerImplementation(db: Q, implementationIds: string[]) {
  return db
    .selectFrom('guide_versions as gv')
    .selectAll()
    .distinctOn('gv.implementation_id')
    .where('gv.implementation_id', 'in', implementationIds)
    .orderBy('gv.implementation_id');
}

const byImplementation = (rows: VersionRow[]) => new Map(rows.map((r) => [r.implementation_id, r]));

/** The highest-numbered version of each implementation, whatever its status. */
export async function latestVersions(db: Q, implementationIds: string[]): Promise<Map<string, VersionRow>> {
  if (implementationIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('guide_versions')
    .selectAll()
    .distinctOn('implementation_id')
    .where('implementation_id', 'in', implementationIds)
    .orderBy('implementation_id')
    .orderBy('version_no', 'desc')
    .execute();
  return new Map(rows.map((r) => [r.implementation_id, r]));
}

/** Submitted versions of organizations within a scope, oldest submission first (审核队列). */
export async function submittedVersions(db: Q, scopePath: string) {
  return db
    .selectFrom('guide_versions as v')
    .innerJoin('implementations as im', 'im.id', 'v.implementation_id')
    .innerJoin('catalog_items as it', 'it.id', 'im.item_id')
    .innerJoin('orgs as o', 'o.id', 'im.org_id')
    .leftJoin('users as u', 'u.id', 'v.submitted_by')
    .select([
      'v.id',
      'v.version_no',
      'v.implementation_id',
      'v.change_reason',
      'v.effective_from',
      'v.submitted_by',
      'v.submitted_at',
      'u.display_name as submitted_by_name',
      'im.code as implementation_code',
      'it.id as item_id',
      'it.code as item_code',
      'it.name as item_name',
      'o.id as org_id',
      'o.name as org_name',
    ])
    .where('v.status', '=', 'submitted')
    .where('o.path', 'like', `${scopePath}%`)
    .orderBy('v.submitted_at', 'asc')
    .orderBy('v.id')
    .execute();
}

/** Licence types the e-licence library holds and shares (Art. 10(四)): code → name, and code → issuing department. */
export async function shareableLicenceTypes(db: Q): Promise<{ names: Map<string, string>; departments: Map<string, string> }> {
  const rows = await db.selectFrom('licence_types').select(['code', 'name', 'issuing_department']).where('shareable', '=', true).execute();
  return { names: new Map(rows.map((r) => [r.code, r.name])), departments: new Map(rows.map((r) => [r.code, r.issuing_department])) };
}

/** Items with at least `min` active implementations. */
export async function itemsWithImplementations(db: Q, min: number) {
  return db
    .selectFrom('catalog_items as it')
    .innerJoin('implementations as im', 'im.item_id', 'it.id')
    .select(['it.id', 'it.code', 'it.name'])
    .where('im.status', '=', 'active')
    .groupBy(['it.id', 'it.code', 'it.name'])
    .having((eb) => eb.fn.countAll(), '>=', min)
    .orderBy('it.code')
    .execute();
}
