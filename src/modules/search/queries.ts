// Reads and writes of catalog search: the sources of search documents (guide in force per
// implementation entry), the documents themselves, and the synonym groups.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { effectiveOn, inForceFirst } from '../catalog/queries.js';
import type { DocumentSource, SearchableContent, SearchDocument } from './document.js';

type Db = Kysely<DB>;

/**
 * Only the parts of a guide's content a search document is built from (names of the item,
 * sub-item, materials, result and situations): a full guide is ~2.5 KB of JSON, and a bulk refresh
 * would otherwise move and parse 25 MB per 10,000 documents for a few names each.
 */
function searchableContent() {
  const names = (key: string) =>
    sql`(select coalesce(jsonb_agg(jsonb_build_object('name', e->'name')), '[]'::jsonb) from jsonb_array_elements(case when jsonb_typeof(gv.content->${key}) = 'array' then gv.content->${key} else '[]'::jsonb end) e)`;
  return sql<SearchableContent>`jsonb_build_object(
    'itemName', gv.content->'itemName', 'subItemName', gv.content->'subItemName',
    'result', jsonb_build_object('name', gv.content#>'{result,name}'),
    'materials', ${names('materials')}, 'situations', ${names('situations')})`;
}

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
    .distinctOn('i.id')
    .select([
      'i.id as implementation_id',
      'i.code as implementation_code',
      'i.level',
      'gv.id as version_id',
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
    .$call(inForceFirst(onDate));
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

/** The searchable parts of the given guide versions' content, by version id. */
async function searchableContents(db: Db, versionIds: string[]): Promise<Map<string, SearchableContent>> {
  const out = new Map<string, SearchableContent>();
  for (const part of chunks(versionIds, 5000)) {
    const rows = await db.selectFrom('guide_versions as gv').select(['gv.id', searchableContent().as('content')]).where('gv.id', 'in', part).execute();
    for (const row of rows) out.set(row.id, row.content);
  }
  return out;
}

async function toSources(db: Db, rows: SourceRow[], contents: ReadonlyMap<string, SearchableContent>): Promise<DocumentSource[]> {
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
    content: contents.get(r.version_id) ?? {},
  }));
}

/** Implementation entries with a guide in force on `onDate`. */
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
          .where(effectiveOn(onDate)),
      ),
    )
    .select('i.id')
    .execute();
  return rows.map((r) => r.id);
}

/**
 * The sources of those of the given implementations that have a guide in force. `known` holds
 * content the caller has at hand by version id (an import, of the versions it just wrote): those
 * are not read back, since reading a guide's stored content costs more than building its document.
 */
export async function documentSources(db: Db, onDate: string, ids: string[], known: ReadonlyMap<string, SearchableContent> = new Map()): Promise<DocumentSource[]> {
  if (!ids.length) return [];
  const rows = await sourcesInForce(db, onDate).where('i.id', 'in', ids).execute();
  const stored = await searchableContents(db, rows.filter((r) => !known.has(r.version_id)).map((r) => r.version_id));
  return toSources(db, rows, stored.size ? new Map([...known, ...stored]) : known);
}

/** Implementation entries of the items and of their sub-items (子项). */
export async function implementationIdsOfItems(db: Db, itemIds: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const part of chunks(itemIds, 5000)) {
    const rows = await db
      .selectFrom('implementations as i')
      .innerJoin('catalog_items as ci', 'ci.id', 'i.item_id')
      .where((eb) => eb.or([eb('ci.id', 'in', part), eb('ci.parent_id', 'in', part)]))
      .select('i.id')
      .execute();
    out.push(...rows.map((r) => r.id));
  }
  return out;
}

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/**
 * Upserts documents, each chunk as ONE JSON parameter expanded by jsonb_populate_recordset into
 * the table's own row type: a multi-row VALUES with 22 bind parameters a row costs more to parse
 * and plan (on PGlite, more than the rows cost to write).
 */
export async function upsertDocuments(db: Db, docs: SearchDocument[]): Promise<void> {
  if (!docs.length) return;
  const columns = Object.keys(docs[0]) as (keyof SearchDocument)[];
  const list = sql.join(columns.map((c) => sql.ref(c)));
  const updates = sql.join(columns.filter((c) => c !== 'implementation_id').map((c) => sql`${sql.ref(c)} = excluded.${sql.ref(c)}`));
  for (const part of chunks(docs, 2000)) {
    await sql`insert into search_documents (${list})
      select ${list} from jsonb_populate_recordset(null::search_documents, ${JSON.stringify(part)}::jsonb)
      on conflict (implementation_id) do update set ${updates}, refreshed_at = now()`.execute(db);
  }
}

/** Removes the documents of the given implementations; returns how many there were. */
export async function deleteDocuments(db: Db, implementationIds: string[]): Promise<number> {
  let deleted = 0;
  for (const part of chunks(implementationIds, 5000)) {
    const result = await db.deleteFrom('search_documents').where('implementation_id', 'in', part).executeTakeFirst();
    deleted += Number(result.numDeletedRows);
  }
  return deleted;
}

/** Empties the index at once, leaving no dead rows behind (unlike DELETE); locks it until commit. */
export async function truncateDocuments(db: Db): Promise<void> {
  await sql`truncate search_documents`.execute(db);
}

export interface IndexDefinition {
  name: string;
  definition: string;
}

/**
 * The secondary indexes of search_documents (all but those behind constraints) as the statements
 * that create them, read from the catalog so that an index a later migration adds is included.
 */
export async function secondaryIndexes(db: Db): Promise<IndexDefinition[]> {
  const rows = await sql<IndexDefinition>`
    select c.relname as name, pg_get_indexdef(i.indexrelid) as definition
    from pg_index i join pg_class c on c.oid = i.indexrelid
    where i.indrelid = 'search_documents'::regclass
      and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
    order by c.relname`.execute(db);
  return rows.rows;
}

export async function dropIndexes(db: Db, indexes: IndexDefinition[]): Promise<void> {
  for (const index of indexes) await sql`drop index ${sql.id(index.name)}`.execute(db);
}

export async function createIndexes(db: Db, indexes: IndexDefinition[]): Promise<void> {
  for (const index of indexes) await sql.raw(index.definition).execute(db);
}

/** Fresh planner statistics (analyze may run inside a transaction; vacuum may not). */
export async function analyzeDocuments(db: Db): Promise<void> {
  await sql`analyze search_documents`.execute(db);
}

/** Reclaims the rows a refresh replaced; outside any transaction. */
export async function vacuumDocuments(db: Db): Promise<void> {
  await sql`vacuum analyze search_documents`.execute(db);
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
