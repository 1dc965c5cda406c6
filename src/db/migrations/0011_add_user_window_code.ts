import { sql, type Kysely } from 'kysely';

// Staff accounts are bound to an organization and, where one is assigned, a window (窗口): the
// window code shown at the counter (e.g. "A03"). An account created or reset by an administrator
// with a generated one-time password must change it at the next sign-in (password_must_change).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table users add column window_code text
    check (window_code is null or window_code ~ '^[A-Za-z0-9][A-Za-z0-9-]{0,15}$')`.execute(db);
  await sql`alter table users add column password_must_change boolean not null default false`.execute(db);
  // Scoped user lists filter by the organization and page by username.
  await sql`create index users_org_idx on users(org_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists users_org_idx`.execute(db);
  await sql`alter table users drop column if exists password_must_change`.execute(db);
  await sql`alter table users drop column if exists window_code`.execute(db);
}
