import { sql, type Kysely } from 'kysely';

// Holiday calendar corrections (节假日安排): a row overrides the year shipped in
// src/lib/calendar/data/<year>.json, or adds a year announced after the release. `data` holds the
// whole year ({year, source, holidays, makeupWorkdays}); `source` repeats the notice for listing.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table holiday_years (
    year integer primary key check (year between 2000 and 2100),
    data jsonb not null,
    source text not null,
    updated_by text references users(id),
    updated_at timestamptz not null default now()
  )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists holiday_years`.execute(db);
}
