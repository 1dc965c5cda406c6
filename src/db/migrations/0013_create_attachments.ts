import { sql, type Kysely } from 'kysely';

// Files published with guides: blank forms (空白表格), filled-in samples (示例样表) and redacted result
// samples (Art. 10(二), 11). Kept in the database, never under a web root, and served with
// Content-Disposition and nosniff.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table attachments (
    id text primary key,
    file_name text not null,
    content_type text not null,
    size integer not null check (size > 0),
    sha256 text not null,
    bytes bytea not null,
    uploaded_by text,
    org_id text references orgs(id),
    created_at timestamptz not null default now()
  )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists attachments`.execute(db);
}
