// Reads and writes of catalog search: the sources of search documents (guide in force per
// implementation entry), the documents themselves, and the synonym groups.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { DocumentSource, SearchDocument } from './document.js';

type Db = Kysely<DB>;

/** Active implementation entries with the published version in force on `onDate`, one row each. */
function sourcesInForce(db: Db, onDate: string) {
  return db
    .selectFrom('implementations as i')
    .innerJoin('guide_versions as gv', 'gv.implementation_id', 'i.id')
    .innerJoin('catalog_items as ci', 'ci.id', 'i.item_id')
    .innerJoin('orgs as o', 'o.id', 'i.org_id')
    .leftJoin('divisions as d', 'd.code', 'o.division_code')
    .where('i.status', '=', 'active')
    .where('ci.status', '=', 'active')
    .where('gv.status', '=', 'published')
    .where('gv.effective_from', '<=', onDate)
    .distinctOn('i.id')
    .select([
      'i.id as implementation_id',
      'i.code as implementation_code',
      'i.level',
      'gv.id as version_id',
      'gv.content',
      'ci.id as item_id',
      'ci.code as item_code',
      'ci.name as item_name',
      'ci.type as item_type',
      'ci.description',
      'o.id as org_id',
      'o.name as org_name',
      'o.division_code',
      'd.name as division_name',
    ])
    .orderBy('i.id')
    .orderBy('gv.effective_from', 'desc')
    .orderBy('gv.version_no', 'desc');
}

type SourceRow = Awaited<ReturnType<ReturnType<typeof sourcesInForce>['execute']>>[number];

/** Each division code with itself and its ancestors, walking parent_code upwards. */
export async function divisionChains(db: Db, codes: string[]): Promise<Map<string, string[]>> {
  const chains = new Map<string, string[]>(codes.map((c) => [c, [c]]));
  if (!codes.length) return chains;
  const rows = await sql<{ start: string; codes: string[] }>`
    with recursive chain(start, code, parent, depth) as (
      select code, code, parent_code, 0 from divisions where code = any(${codes}::text[])
      union all
      select c.start, d.code, d.parent_code, c.depth + 1
      from chain c join divisions d on d.code = c.parent where c.depth < 8
    )
    select start, array_agg(code order by depth desc) as codes from chain group by start`.execute(db);
  for (const row of rows.rows) chains.set(row.start, row.codes);
  return chains;
}

async function toSources(db: Db, rows: SourceRow[]): Promise<DocumentSource[]> {
  const chains = await divisionChains(db, [...new Set(rows.map((r) => r.division_code))]);
  return rows.map((r) => ({
    implementationId: r.implementation_id,
    guideVersionId: r.version_id,
    itemId: r.item_id,
    itemCode: r.item_code,
    implementationCode: r.implementation_code,
    catalogItemName: r.item_name,
    itemType: r.item_type,
    description: r.description,
    orgId: r.org_id,
    orgName: r.org_name,
    level: r.level,
    divisionCode: r.division_code,
    divisionName: r.division_name ?? r.division_code,
    divisionCodes: chains.get(r.division_code) ?? [r.division_code],
    content: r.content ?? {},
  }));
}

/** The source of one implementation's document, or undefined when it has no guide in force. */
export async function findDocumentSource(db: Db, implementationId: string, onDate: string): Promise<DocumentSource | undefined> {
  const rows = await sourcesInForce(db, onDate).where('i.id', '=', implementationId).execute();
  return (await toSources(db, rows))[0];
}

/**
 * Implementation entries with a guide in force, in item-name order. A rebuild writes documents in
 * this order so the rows of one item share heap pages: a search reads far fewer pages.
 */
export async function implementationIdsInForce(db: Db, onDate: string): Promise<string[]> {
  const rows = await db
    .selectFrom('implementations as i')
    .innerJoin('catalog_items as ci', 'ci.id', 'i.item_id')
    .where('i.status', '=', 'active')
    .where('ci.status', '=', 'active')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('guide_versions as gv')
          .select('gv.id')
          .whereRef('gv.implementation_id', '=', 'i.id')
          .where('gv.status', '=', 'published')
          .where('gv.effective_from', '<=', onDate),
      ),
    )
    .select('i.id')
    .orderBy('ci.name')
    .orderBy('i.id')
    .execute();
  return rows.map((r) => r.id);
}

/** The sources of the given implementations, in the order given. */
export async function documentSources(db: Db, onDate: string, ids: string[]): Promise<DocumentSource[]> {
  if (!ids.length) return [];
  const sources = await toSources(db, await sourcesInForce(db, onDate).where('i.id', 'in', ids).execute());
  const byId = new Map(sources.map((s) => [s.implementationId, s]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Implementation entries of an item and of its sub-items (子项). */
export async function implementationIdsOfItem(db: Db, itemId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('implementations as i')
    .innerJoin('catalog_items as ci', 'ci.id', 'i.item_id')
    .where((eb) => eb.or([eb('ci.id', '=', itemId), eb('ci.parent_id', '=', itemId)]))
    .select('i.id')
    .execute();
  return rows.map((r) => r.id);
}

/** Upserts documents in chunks that stay well below PostgreSQL's 65535 parameters. */
export async function upsertDocuments(db: Db, docs: SearchDocument[]): Promise<void> {
  for (let i = 0; i < docs.length; i += 500) {
    const chunk = docs.slice(i, i + 500);
    await db
      .insertInto('search_documents')
      .values(chunk)
      .onConflict((oc) =>
        oc.column('implementation_id').doUpdateSet((eb) => {
          const columns = Object.keys(chunk[0]).filter((c) => c !== 'implementation_id') as (keyof SearchDocument)[];
          return { ...Object.fromEntries(columns.map((c) => [c, eb.ref(`excluded.${c}`)])), refreshed_at: new Date() };
        }),
      )
      .execute();
  }
}

export async function deleteDocument(db: Db, implementationId: string): Promise<void> {
  await db.deleteFrom('search_documents').where('implementation_id', '=', implementationId).execute();
}

export async function deleteAllDocuments(db: Db): Promise<void> {
  await db.deleteFrom('search_documents').execute();
}

export async function countDocuments(db: Db): Promise<number> {
  const row = await db.selectFrom('search_documents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listSynonymGroups(db: Db): Promise<string[][]> {
  const rows = await db.selectFrom('search_synonym_groups').select('terms').orderBy('position').execute();
  return rows.map((r) => r.terms);
}

export async function replaceSynonymGroups(db: Db, groups: string[][]): Promise<void> {
  await db.deleteFrom('search_synonym_groups').execute();
  if (!groups.length) return;
  await db
    .insertInto('search_synonym_groups')
    .values(groups.map((terms, position) => ({ position, terms })))
    .execute();
}
