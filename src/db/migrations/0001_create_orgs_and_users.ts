import { sql, type Kysely } from 'kysely';

// Divisions (行政区划), the organization tree, staff accounts and sessions, and the audit trail.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table divisions (
    code text primary key,
    name text not null,
    level text not null check (level in ('province','prefecture','county','township','village')),
    parent_code text
  )`.execute(db);

  await sql`create table orgs (
    id text primary key,
    code text not null unique,
    name text not null,
    short_name text,
    kind text not null check (kind in ('government','management-office','department','center','township','service-point')),
    level text not null check (level in ('league','county','township','village')),
    division_code text not null references divisions(code),
    parent_id text references orgs(id),
    -- materialized path of ids '/a/b/c/': a subtree is one prefix match
    path text not null,
    credit_code text,
    phone text,
    address text,
    created_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index orgs_parent_idx on orgs(parent_id)`.execute(db);
  await sql`create index orgs_path_idx on orgs(path text_pattern_ops)`.execute(db);
  await sql`create index orgs_division_idx on orgs(division_code)`.execute(db);

  await sql`create table users (
    id text primary key,
    username text not null unique,
    display_name text not null,
    password_hash text not null,
    org_id text not null references orgs(id),
    roles text[] not null default '{}',
    active boolean not null default true,
    created_at timestamptz not null default now()
  )`.execute(db);

  await sql`create table sessions (
    id text primary key,
    user_id text not null references users(id),
    created_at timestamptz not null default now(),
    last_seen_at timestamptz not null default now(),
    expires_at timestamptz not null
  )`.execute(db);

  // Append-only record of every state-changing action (Art. 21, 37).
  await sql`create table audit_log (
    id bigserial primary key,
    at timestamptz not null default now(),
    actor_id text,
    actor_role text,
    actor_org_id text,
    action text not null,
    object_type text not null,
    object_id text not null,
    ip text,
    changes jsonb not null default '{}'::jsonb
  )`.execute(db);
  await sql`create index audit_object_idx on audit_log(object_type, object_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['audit_log', 'sessions', 'users', 'orgs', 'divisions']) {
    await sql`drop table if exists ${sql.table(t)}`.execute(db);
  }
}
