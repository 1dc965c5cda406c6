import { sql, type Kysely } from 'kysely';

// Case handling (Art. 13–21): consultations, cases, their append-only history, materials, private
// applicant files, clock pauses and extensions, and the notices issued on a case.
// Personal data (identity numbers, phones, e-mail) is SM4-encrypted (*_enc) with a keyed SM3 hash
// (*_hash) beside it where it must be looked up (一证办理: what is held for an ID or credit code).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create sequence case_number_seq`.execute(db);

  await sql`create table cases (
    id text primary key,
    case_number text not null unique,
    item_id text not null references catalog_items(id),
    implementation_id text not null references implementations(id),
    guide_version_id text not null references guide_versions(id),
    org_id text not null references orgs(id),
    channel text not null check (channel in ('online','window')),
    applicant_id text references applicants(id),
    applicant_kind text not null check (applicant_kind in ('person','enterprise')),
    applicant_name text not null,
    applicant_id_enc text not null,
    applicant_id_hash text not null,
    phone_enc text,
    email_enc text,
    situation_id text,
    state text not null,
    submitted_at timestamptz not null,
    submitted_on date not null,
    acceptance_due_on date not null,
    acceptance_overdue_at timestamptz,
    accepted_at timestamptz,
    accepted_on date,
    promised_days integer not null,
    promised_unit text not null check (promised_unit in ('working-day','calendar-day')),
    extension_days integer not null default 0,
    paused_since date,
    due_on date,
    supplement_deadline_on date,
    tolerant_deadline_on date,
    decision text check (decision in ('granted','refused','deemed-granted')),
    decided_at timestamptz,
    ended_at timestamptz,
    end_reason text,
    is_renewal boolean not null default false,
    licence_number text,
    licence_expires_on date,
    delivery_method text check (delivery_method in ('window','electronic','mail')),
    delivered_at timestamptz,
    action_count integer not null default 0,
    version integer not null default 1,
    created_by text,
    updated_at timestamptz not null default now()
  )`.execute(db);
  // The workbench queue: open cases of an organization by due date (keyset on due_on, id).
  await sql`create index cases_queue_idx on cases(org_id, state, due_on, id)`.execute(db);
  await sql`create index cases_acceptance_queue_idx on cases(org_id, acceptance_due_on, id) where state in ('submitted','awaiting-supplement')`.execute(db);
  // Every overdue case among millions: only open, running clocks are in this index.
  await sql`create index cases_running_due_idx on cases(due_on, id) where state in ('under-review','awaiting-decision') and paused_since is null`.execute(db);
  await sql`create index cases_applicant_idx on cases(applicant_id, submitted_at desc) where applicant_id is not null`.execute(db);
  await sql`create index cases_holder_idx on cases(applicant_id_hash, submitted_at desc)`.execute(db);
  await sql`create index cases_submitted_idx on cases(submitted_at desc, id)`.execute(db);

  // A case's history: append-only. The state in cases is derived from it and kept in step in the
  // same transaction; the trigger refuses any change to a written action.
  await sql`create table case_actions (
    case_id text not null references cases(id),
    seq integer not null,
    action text not null,
    from_state text,
    to_state text not null,
    actor_kind text not null check (actor_kind in ('staff','applicant','system','machine')),
    actor_id text,
    actor_name text,
    actor_roles text,
    actor_org_id text,
    guide_version_id text not null,
    details jsonb not null default '{}'::jsonb,
    at timestamptz not null,
    primary key (case_id, seq)
  )`.execute(db);
  await sql`create function case_actions_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'case_actions is append-only (办件记录只能追加)';
    end $$`.execute(db);
  await sql`create trigger case_actions_no_change before update or delete on case_actions
    for each row execute function case_actions_append_only()`.execute(db);

  // Applicants' uploaded files: private, in the database (never under a web root), served only to
  // the applicant and to staff of the case's organization, with Content-Disposition.
  await sql`create table case_files (
    id text primary key,
    holder_hash text not null,
    file_name text not null,
    content_type text not null,
    size integer not null check (size > 0),
    sha256 text not null,
    bytes bytea not null,
    uploaded_by_kind text not null check (uploaded_by_kind in ('applicant','staff')),
    uploaded_by text,
    created_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index case_files_holder_idx on case_files(holder_hash, created_at desc)`.execute(db);

  // The materials of a case, one row per guide material supplied (a replacement supersedes).
  await sql`create table case_materials (
    id text primary key,
    case_id text not null references cases(id),
    material_id text not null,
    name text not null,
    source text not null check (source in ('upload','reuse','sharing','paper')),
    file_id text references case_files(id),
    reused_from_case_id text references cases(id),
    status text not null check (status in ('submitted','accepted','to-correct')),
    note text,
    superseded_at timestamptz,
    created_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index case_materials_case_idx on case_materials(case_id)`.execute(db);

  // Clock pauses (听证、专家评审、检验检测、公示 …): dated segments [started_on, ended_on).
  await sql`create table case_pauses (
    id text primary key,
    case_id text not null references cases(id),
    kind text not null,
    reason text not null,
    started_on date not null,
    ended_on date,
    started_by text,
    ended_by text,
    created_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index case_pauses_case_idx on case_pauses(case_id)`.execute(db);
  await sql`create unique index case_pauses_one_open on case_pauses(case_id) where ended_on is null`.execute(db);

  // Extensions of the time limit (延长), each granted on a date for a number of days.
  await sql`create table case_extensions (
    id text primary key,
    case_id text not null references cases(id),
    days integer not null check (days > 0),
    reason text not null,
    granted_on date not null,
    granted_by text,
    created_at timestamptz not null default now()
  )`.execute(db);

  // Notices and documents issued on a case: 受理凭证, 一次性补齐补正告知书, 容缺受理告知书,
  // 不予受理决定书, 准予/不予决定书, 视为准予延续通知. The PDF is drawn from this record.
  await sql`create table case_notices (
    id text primary key,
    case_id text not null references cases(id),
    kind text not null,
    number text not null unique,
    content jsonb not null,
    deadline_on date,
    issued_by text,
    created_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index case_notices_case_idx on case_notices(case_id, created_at)`.execute(db);

  // Consultations (咨询, Art. 14), with the first responder (首问负责).
  await sql`create table consultations (
    id text primary key,
    channel text not null check (channel in ('window','phone','online','letter')),
    org_id text not null references orgs(id),
    item_id text references catalog_items(id),
    responder_id text,
    asker_name text,
    asker_contact_enc text,
    question text not null,
    answer text,
    answered_at timestamptz,
    case_id text references cases(id),
    created_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index consultations_org_idx on consultations(org_id, created_at desc)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['consultations', 'case_notices', 'case_extensions', 'case_pauses', 'case_materials', 'case_files', 'case_actions', 'cases']) {
    await sql.raw(`drop table if exists ${t}`).execute(db);
  }
  await sql`drop function if exists case_actions_append_only()`.execute(db);
  await sql`drop sequence if exists case_number_seq`.execute(db);
}
