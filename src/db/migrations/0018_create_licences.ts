import { sql, type Kysely } from 'kysely';

// Electronic licences (电子证照, Art. 27): one row per licence version with the national identifier,
// the holder (identity number or credit code SM4-encrypted, keyed SM3 hash for lookup — the same
// hash as applicants.id_number_hash / credit_code_hash and cases.applicant_id_hash), validity and
// status; the lifecycle as append-only events; licence numbers per issuer, type and year; which
// licence types each department system may obtain by sharing, and a log of every sharing request.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table licences (
    id text primary key,
    licence_type_code text not null references licence_types(code),
    issuer_org_id text not null references orgs(id),
    -- as on the licence when issued (part of the identifier; the organization's record may change later)
    issuer_credit_code text not null,
    issuer_name text not null,
    licence_number text not null check (licence_number ~ '^[0-9A-Z]{1,40}$'),
    version integer not null check (version between 1 and 999),
    identifier text not null unique,
    holder_kind text not null check (holder_kind in ('person','enterprise')),
    holder_id_enc text not null,
    holder_hash text not null,
    holder_name text not null,
    valid_from date not null,
    valid_until date check (valid_until is null or valid_until >= valid_from),
    status text not null default 'active' check (status in ('active','cancelled','expired','revoked')),
    status_reason text,
    status_changed_at timestamptz,
    status_changed_by text,
    -- false once a later version replaced this one (换发): earlier versions stay readable
    is_current boolean not null default true,
    previous_id text references licences(id),
    case_id text references cases(id),
    -- the sealed PDF (documents module); no foreign key: it may be produced after the licence
    document_id text,
    data jsonb not null default '{}'::jsonb,
    issued_at timestamptz not null,
    issued_by text,
    check (status <> 'active' or (status_reason is null and status_changed_at is null)),
    check (status = 'active' or status_changed_at is not null),
    unique (licence_type_code, issuer_credit_code, licence_number, version)
  )`.execute(db);
  // One current version per licence (type, issuer, number).
  await sql`create unique index licences_current_idx on licences(licence_type_code, issuer_credit_code, licence_number) where is_current`.execute(db);
  await sql`create index licences_holder_idx on licences(holder_hash, licence_type_code)`.execute(db);
  await sql`create index licences_issuer_idx on licences(issuer_org_id, issued_at desc, id desc)`.execute(db);
  await sql`create index licences_previous_idx on licences(previous_id) where previous_id is not null`.execute(db);

  await sql`create table licence_events (
    licence_id text not null references licences(id),
    seq integer not null,
    action text not null check (action in ('issue','reissue','supersede','cancel','revoke','expire','attach-document')),
    from_status text,
    to_status text not null,
    reason text,
    actor_kind text not null check (actor_kind in ('staff','machine','system')),
    actor_id text,
    actor_name text,
    at timestamptz not null,
    primary key (licence_id, seq)
  )`.execute(db);

  await sql`create table licence_number_counters (
    issuer_credit_code text not null,
    licence_type_code text not null,
    year integer not null,
    last integer not null,
    primary key (issuer_credit_code, licence_type_code, year)
  )`.execute(db);

  await sql`create table licence_share_grants (
    client_id text not null references machine_clients(client_id) on delete cascade,
    licence_type_code text not null references licence_types(code),
    granted_by text,
    granted_at timestamptz not null,
    primary key (client_id, licence_type_code)
  )`.execute(db);

  await sql`create table licence_access_log (
    id text primary key,
    client_id text not null,
    client_name text not null,
    client_org_id text,
    client_org_name text,
    holder_hash text not null,
    requested_types text[] not null,
    granted_types text[] not null,
    licence_ids text[] not null default '{}',
    purpose text not null,
    case_number text not null,
    result text not null check (result in ('granted','partial','refused')),
    reason text,
    ip text,
    at timestamptz not null
  )`.execute(db);
  await sql`create index licence_access_holder_idx on licence_access_log(holder_hash, at desc)`.execute(db);
  await sql`create index licence_access_client_idx on licence_access_log(client_id, at desc)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['licence_access_log', 'licence_share_grants', 'licence_number_counters', 'licence_events', 'licences']) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  }
}
