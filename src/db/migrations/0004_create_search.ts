import { sql, type Kysely } from 'kysely';

// Catalog search (事项搜索): one search document per implementation entry (实施清单) whose guide is
// in force, derived from the published record, plus an editable synonym list (同义词).
// Chinese is matched through GIN-indexed character unigrams and pairs (a 2-character word like
// “执照” yields no trigram); pinyin and initials are ASCII and use pg_trgm trigrams.
// The grams live only in expression indexes (search_grams), which keeps the rows narrow: every
// search reads the matching rows' heap pages, so a narrow row is a faster search. GIN indexes
// are built without a pending list (fastupdate off): the index is read far more than written.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);
  // The distinct characters (when unigrams) and adjacent character pairs of a text; the search
  // code computes the same grams of a query (src/modules/search/text.ts charGrams).
  await sql`create function search_grams(t text, unigrams boolean) returns text[]
    language sql immutable strict parallel safe as $$
      select coalesce(array_agg(distinct g), '{}'::text[]) from (
        select substr(t, i, 1) as g from generate_series(1, char_length(t)) as i where unigrams
        union all
        select substr(t, i, 2) from generate_series(1, char_length(t) - 1) as i
      ) grams
    $$`.execute(db);

  await sql`create table search_documents (
    implementation_id text primary key,
    guide_version_id text not null,
    item_id text not null,
    item_code text not null,
    implementation_code text not null,
    item_name text not null,
    sub_item_name text,
    item_type text not null,
    org_id text not null,
    org_name text not null,
    level text not null,
    -- league 0, county 1, township 2, village 3: ties rank the wider level first
    level_rank smallint not null,
    division_code text not null,
    division_name text not null,
    -- the division and its ancestors, so a county filter also finds its townships
    division_codes text[] not null,
    -- matching forms: lower case, half-width, no spaces or punctuation
    item_norm text not null,
    name_norm text not null,
    name_len integer not null,
    pinyin text not null,
    initials text not null,
    -- other readings of polyphones (行 xing/hang …), space separated
    pinyin_alt text not null default '',
    -- material, result and situation names, '|' separated, normalized
    keywords text not null default '',
    refreshed_at timestamptz not null default now()
  )`.execute(db);
  const gin = (name: string, expression: string) =>
    sql`create index ${sql.raw(name)} on search_documents using gin (${sql.raw(expression)}) with (fastupdate = off)`.execute(db);
  await gin('search_documents_name_grams_idx', 'search_grams(name_norm, true)');
  await gin('search_documents_keyword_grams_idx', 'search_grams(keywords, false)');
  await gin('search_documents_pinyin_trgm_idx', 'pinyin gin_trgm_ops');
  await gin('search_documents_initials_trgm_idx', 'initials gin_trgm_ops');
  await gin('search_documents_pinyin_alt_trgm_idx', 'pinyin_alt gin_trgm_ops');
  await gin('search_documents_divisions_idx', 'division_codes');
  // Prefix matches of short latin queries (“yy”) and codes, which trigrams cannot serve.
  await sql`create index search_documents_pinyin_prefix_idx on search_documents (pinyin text_pattern_ops)`.execute(db);
  await sql`create index search_documents_initials_prefix_idx on search_documents (initials text_pattern_ops)`.execute(db);
  await sql`create index search_documents_item_code_idx on search_documents (item_code text_pattern_ops)`.execute(db);
  await sql`create index search_documents_impl_code_idx on search_documents (implementation_code text_pattern_ops)`.execute(db);
  await sql`create index search_documents_org_idx on search_documents (org_id)`.execute(db);
  await sql`create index search_documents_type_idx on search_documents (item_type)`.execute(db);

  // Synonym groups (同义词组): every term of a group finds what the others find.
  await sql`create table search_synonym_groups (
    position integer primary key,
    terms text[] not null check (cardinality(terms) >= 2)
  )`.execute(db);
  const defaults = [
    ['营业执照', '执照', '工商执照'],
    ['身份证', '居民身份证'],
    ['户口', '户籍'],
    ['社保', '社会保险'],
    ['医保', '医疗保险', '医疗保障'],
    ['公积金', '住房公积金'],
    ['驾照', '驾驶证'],
    ['低保', '最低生活保障'],
    ['出生证', '出生医学证明'],
    ['房产证', '不动产权证书', '不动产登记'],
  ];
  for (const [i, terms] of defaults.entries()) {
    await sql`insert into search_synonym_groups (position, terms) values (${i}, ${terms}::text[])`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists search_synonym_groups`.execute(db);
  await sql`drop table if exists search_documents`.execute(db);
  await sql`drop function if exists search_grams(text, boolean)`.execute(db);
}
