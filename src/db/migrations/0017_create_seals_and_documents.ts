import { sql, type Kysely } from 'kysely';

// Electronic seals (电子印章, Art. 26) and the documents they sealed.
// - seals: one organization holds one or more seals, each with its own SM2 key pair; the private
//   key is stored SM4-encrypted (never in plain), the public key in the clear. The key, the owner,
//   the kind and the drawn name never change; status moves active ⇄ suspended → revoked, and a
//   revoked seal stays revoked (trigger).
// - seal_events: the seal's history (created, suspended, resumed, revoked) with reason, who and
//   when, append-only: "was the seal valid when it signed?" is answered from it.
// - documents: every issued document exactly as issued (the PDF bytes), its SM3 digest, the SM2
//   signature over that digest, the seal, the signer and the time. Append-only (trigger): a later
//   template change cannot alter a document already issued.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table seals (
    id text primary key,
    org_id text not null references orgs(id),
    kind text not null check (kind in ('公章','行政审批专用章','业务专用章')),
    name text not null check (length(name) between 1 and 40),
    public_key text not null,
    private_key_enc text not null,
    status text not null default 'active' check (status in ('active','suspended','revoked')),
    status_reason text,
    status_changed_at timestamptz,
    status_changed_by text,
    status_changed_by_name text,
    created_by text,
    created_at timestamptz not null
  )`.execute(db);
  await sql`create index seals_org_idx on seals(org_id, status)`.execute(db);

  await sql`create function seals_guard() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        raise exception '印章不能删除，只能吊销 (a seal cannot be deleted, only revoked)';
      end if;
      if new.id <> old.id or new.org_id <> old.org_id or new.kind <> old.kind or new.name <> old.name
         or new.public_key <> old.public_key or new.private_key_enc <> old.private_key_enc or new.created_at <> old.created_at then
        raise exception '印章的密钥、所属机构、类型和印文不能修改 (a seal''s key, organization, kind and name never change)';
      end if;
      if old.status = 'revoked' and new.status <> 'revoked' then
        raise exception '已吊销的印章不能恢复 (a revoked seal stays revoked)';
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger seals_guard before update or delete on seals
    for each row execute function seals_guard()`.execute(db);

  await sql`create table seal_events (
    seal_id text not null references seals(id),
    seq integer not null,
    action text not null check (action in ('created','suspended','resumed','revoked')),
    status text not null check (status in ('active','suspended','revoked')),
    reason text,
    actor_id text,
    actor_name text,
    at timestamptz not null,
    primary key (seal_id, seq)
  )`.execute(db);

  await sql`create table documents (
    id text primary key,
    kind text not null,
    case_id text references cases(id),
    org_id text not null references orgs(id),
    number text not null,
    title text not null,
    issued_on date not null,
    file_name text not null,
    size integer not null check (size > 0),
    bytes bytea not null,
    digest text not null,
    signature text not null,
    seal_id text not null references seals(id),
    signed_by text,
    signed_by_name text,
    signed_at timestamptz not null
  )`.execute(db);
  await sql`create index documents_digest_idx on documents(digest)`.execute(db);
  await sql`create index documents_case_idx on documents(case_id) where case_id is not null`.execute(db);
  await sql`create index documents_org_idx on documents(org_id, signed_at)`.execute(db);

  await sql`create function sealed_records_refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception '已签发的文书和印章记录只能追加，不能修改或删除 (% refused on %: issued documents and seal history are append-only)', tg_op, tg_table_name;
    end $$`.execute(db);
  for (const table of ['documents', 'seal_events']) {
    await sql`create trigger ${sql.raw(`${table}_append_only`)} before update or delete on ${sql.table(table)}
      for each row execute function sealed_records_refuse_change()`.execute(db);
    await sql`create trigger ${sql.raw(`${table}_no_truncate`)} before truncate on ${sql.table(table)}
      for each statement execute function sealed_records_refuse_change()`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists documents`.execute(db);
  await sql`drop table if exists seal_events`.execute(db);
  await sql`drop table if exists seals`.execute(db);
  await sql`drop function if exists sealed_records_refuse_change()`.execute(db);
  await sql`drop function if exists seals_guard()`.execute(db);
}
