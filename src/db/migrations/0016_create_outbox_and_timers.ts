import { sql, type Kysely } from 'kysely';

// The transactional outbox (messages written with the change that causes them, sent by the job
// runner), versioned message templates, and durable timers (acceptance due, correction due,
// deemed renewal …) that survive a restart.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table message_templates (
    key text not null,
    channel text not null check (channel in ('portal','email','sms')),
    version integer not null,
    subject text not null default '',
    body text not null,
    note text,
    created_by text,
    created_at timestamptz not null default now(),
    primary key (key, channel, version)
  )`.execute(db);

  await sql`create table outbox_messages (
    id text primary key,
    dedupe_key text not null unique,
    channel text not null check (channel in ('portal','email','sms')),
    template_key text not null,
    template_version integer not null,
    recipient_enc text,
    applicant_id text,
    case_id text,
    subject text not null default '',
    body text not null,
    status text not null check (status in ('created','sending','delivered','temporary-failure','permanent-failure')),
    attempts integer not null default 0,
    next_attempt_at timestamptz not null,
    locked_until timestamptz,
    last_error text,
    provider text,
    provider_ref text,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    delivered_at timestamptz
  )`.execute(db);
  await sql`create index outbox_due_idx on outbox_messages(next_attempt_at) where status in ('created','sending','temporary-failure')`.execute(db);
  await sql`create index outbox_case_idx on outbox_messages(case_id, created_at)`.execute(db);
  await sql`create index outbox_applicant_idx on outbox_messages(applicant_id, created_at desc) where applicant_id is not null`.execute(db);

  await sql`create table timers (
    kind text not null,
    subject_id text not null,
    due_at timestamptz not null,
    payload jsonb not null default '{}'::jsonb,
    status text not null default 'pending' check (status in ('pending','fired','cancelled','failed')),
    attempts integer not null default 0,
    last_error text,
    fired_at timestamptz,
    created_at timestamptz not null default now(),
    primary key (kind, subject_id)
  )`.execute(db);
  await sql`create index timers_due_idx on timers(due_at) where status = 'pending'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists timers`.execute(db);
  await sql`drop table if exists outbox_messages`.execute(db);
  await sql`drop table if exists message_templates`.execute(db);
}
