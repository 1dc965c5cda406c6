import { sql, type Kysely } from 'kysely';

// search_grams (0004) feeds the GIN expression indexes of search_documents, so it runs for every
// document written, for every row an index build reads, and on rechecks. Its SQL body (a union of
// two generate_series scans, substr per position, array_agg(distinct …)) cost ~250 µs a name on
// embedded PGlite: building the two gram indexes for a 10,000-item import took longer than the
// import itself. This body splits the text into characters once and walks the array: the same SET
// of grams (it may repeat a gram, which GIN ignores; searches only ask `@>`), 5–9 times faster.
// Same name, arguments and volatility, so the existing indexes stay valid and are still used.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create or replace function search_grams(t text, unigrams boolean) returns text[]
    language plpgsql immutable strict parallel safe as $$
    declare
      chars text[] := string_to_array(t, null);
      grams text[] := case when unigrams then chars else '{}'::text[] end;
    begin
      for i in 1 .. coalesce(cardinality(chars), 0) - 1 loop
        grams := array_append(grams, chars[i] || chars[i + 1]);
      end loop;
      return grams;
    end $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`create or replace function search_grams(t text, unigrams boolean) returns text[]
    language sql immutable strict parallel safe as $$
      select coalesce(array_agg(distinct g), '{}'::text[]) from (
        select substr(t, i, 1) as g from generate_series(1, char_length(t)) as i where unigrams
        union all
        select substr(t, i, 2) from generate_series(1, char_length(t) - 1) as i
      ) grams
    $$`.execute(db);
}
