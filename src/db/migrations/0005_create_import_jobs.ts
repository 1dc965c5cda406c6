import { sql, type Kysely } from 'kysely';

// Catalog import jobs (事项目录导入任务): status and progress of a background import, kept in a
// table so the admin page can show the outcome after a reload.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table import_jobs (
    id text primary key,
    kind text not null default 'catalog',
    status text not null check (status in ('validating','writing','done','failed')),
    dry_run boolean not null default false,
    file_name text not null,
    file_format text not null check (file_format in ('json','xlsx')),
    total integer not null default 0,
    processed integer not null default 0,
    -- the first 200 problems; error_count has them all
    errors jsonb not null default '[]'::jsonb,
    error_count integer not null default 0,
    counts jsonb,
    created_by text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    finished_at timestamptz
  )`.execute(db);
  await sql`create index import_jobs_created_idx on import_jobs(created_at desc)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists import_jobs`.execute(db);
}
