import { sql, type Kysely } from 'kysely';

// Applicants (办事人: 自然人 by resident identity number, 法人及其他组织 by unified social credit code),
// their phone sign-in codes, the development SMS outbox and applicant sessions.
// Identity numbers, phones and addresses are stored SM4-encrypted (*_enc) with a keyed SM3 hash
// beside them (*_hash) for exact lookup; the hash columns carry the uniqueness rules.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table applicants (
    id text primary key,
    -- null until the real-name step (实名核验) links the account to a person or an enterprise
    kind text check (kind in ('person','enterprise')),
    name text,
    id_number_enc text,
    id_number_hash text unique,
    credit_code text,
    credit_code_hash text unique,
    phone_enc text not null,
    phone_hash text not null unique,
    address_enc text,
    real_name_verified_at timestamptz,
    real_name_provider text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check (
      (kind is null and id_number_hash is null and credit_code_hash is null and real_name_verified_at is null)
      or (kind = 'person' and id_number_hash is not null and id_number_enc is not null and credit_code_hash is null and name is not null)
      or (kind = 'enterprise' and credit_code_hash is not null and credit_code is not null and id_number_hash is null and name is not null)
    )
  )`.execute(db);

  // One row per code sent; the per-phone sending limits are counts over this table, so they hold
  // across restarts and processes. The code itself is never stored, only its keyed hash.
  await sql`create table login_codes (
    id text primary key,
    phone_hash text not null,
    code_hash text not null,
    expires_at timestamptz not null,
    attempts integer not null default 0,
    consumed_at timestamptz,
    ip text,
    created_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index login_codes_phone_idx on login_codes(phone_hash, created_at)`.execute(db);

  // DEVELOPMENT OUTBOX (开发用短信发件箱): messages the 'outbox' SMS adapter keeps instead of sending.
  // Nothing here leaves the machine; the body holds the code so that tests and developers can read it.
  await sql`create table sms_outbox (
    id text primary key,
    phone_enc text not null,
    phone_hash text not null,
    template text not null,
    body text not null,
    status text not null check (status in ('held','sent','failed')),
    created_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index sms_outbox_phone_idx on sms_outbox(phone_hash, created_at)`.execute(db);

  // The cookie holds a random token; the table holds its hash. Rows are kept after sign-out
  // (revoked_at) as the applicant's own sign-in history (登录记录).
  await sql`create table applicant_sessions (
    id text primary key,
    applicant_id text not null references applicants(id),
    method text not null default 'phone-code',
    created_at timestamptz not null default now(),
    last_seen_at timestamptz not null default now(),
    expires_at timestamptz not null,
    revoked_at timestamptz
  )`.execute(db);
  await sql`create index applicant_sessions_applicant_idx on applicant_sessions(applicant_id, created_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['applicant_sessions', 'sms_outbox', 'login_codes', 'applicants']) {
    await sql`drop table if exists ${sql.table(t)}`.execute(db);
  }
}
