import { sql, type Kysely } from 'kysely';

// Sign-in hardening (issue 4, E2): account lockout after repeated failures, the history of retired
// password hashes (no reuse of the last five), a PostgreSQL-backed rate limiter that survives a
// restart, sessions with their own idle timeout and an absolute lifetime, and the one-time token
// that creates the first administrator of a production installation.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table users
    add column failed_attempts integer not null default 0,
    add column locked_until timestamptz,
    add column password_changed_at timestamptz`.execute(db);

  // Hashes a user no longer signs in with, newest last; the current hash stays in users.
  await sql`create table password_history (
    id bigserial primary key,
    user_id text not null references users(id) on delete cascade,
    password_hash text not null,
    retired_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index password_history_user_idx on password_history(user_id, id desc)`.execute(db);

  // Sliding-window counters (current and previous fixed window, weighted): one row per key.
  await sql`create table rate_limits (
    key text primary key,
    window_seconds integer not null check (window_seconds > 0),
    window_start timestamptz not null,
    hits integer not null default 0,
    previous_hits integer not null default 0
  )`.execute(db);

  // Each session carries its own idle timeout (staff 30 min by default, set from configuration at
  // sign-in) and an absolute end that sliding never moves.
  await sql`alter table sessions
    add column idle_seconds integer not null default 1800 check (idle_seconds > 0),
    add column absolute_expires_at timestamptz not null default (now() + interval '12 hours')`.execute(db);
  await sql`create index sessions_user_idx on sessions(user_id)`.execute(db);

  // At most one pending first-start token; only its hash is stored.
  await sql`create table setup_tokens (
    id integer primary key check (id = 1),
    token_hash text not null,
    created_at timestamptz not null default now(),
    used_at timestamptz
  )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists setup_tokens`.execute(db);
  await sql`drop index if exists sessions_user_idx`.execute(db);
  await sql`alter table sessions drop column if exists absolute_expires_at, drop column if exists idle_seconds`.execute(db);
  await sql`drop table if exists rate_limits`.execute(db);
  await sql`drop table if exists password_history`.execute(db);
  await sql`alter table users drop column if exists password_changed_at, drop column if exists locked_until, drop column if exists failed_attempts`.execute(db);
}
