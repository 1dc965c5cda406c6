import { sql, type Kysely } from 'kysely';
import { sm3 } from 'sm-crypto-v2';

// The audit trail (审计日志, Art. 21, 37) becomes append-only and hash-chained:
// - seq: the gap-free order of the chain (1, 2, 3 …), assigned under the lock of audit_head;
// - prev_hash / hash: each record holds the SM3 hash of the previous record and of its own content
//   plus that previous hash, so editing, removing or reordering a record breaks the chain;
// - org_id: the organization the object belongs to (for auditors' scope), when the caller knows it;
// - audit_head: one row with the last seq and hash. Writers lock it FOR UPDATE, so two transactions
//   never link to the same predecessor; it also reveals a removed tail of the chain.
// - triggers refuse UPDATE, DELETE and TRUNCATE of audit_log, and anything but a one-step advance of
//   audit_head.
// Records written before this migration are chained here, in id order.
//
// This file is frozen with the migration, so it carries its own copy of the record's canonical form
// (version 1). It must stay byte-for-byte what src/modules/audit/chain.ts computes; the migration
// test (src/modules/audit/chain.test.ts) checks a chained legacy trail verifies.

const GENESIS = '0'.repeat(64);

function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

interface LegacyRow {
  id: number;
  at: Date;
  actor_id: string | null;
  actor_role: string | null;
  actor_org_id: string | null;
  action: string;
  object_type: string;
  object_id: string;
  ip: string | null;
  changes: unknown;
}

function hashV1(r: LegacyRow, prevHash: string): string {
  const text = JSON.stringify([
    'tongban-audit-v1',
    prevHash,
    new Date(r.at).toISOString(),
    r.actor_id,
    r.actor_role,
    r.actor_org_id,
    null, // org_id: unknown for records written before it existed
    r.action,
    r.object_type,
    r.object_id,
    r.ip,
    canonicalJson(r.changes ?? {}),
  ]);
  return sm3(text);
}

async function chainExistingRows(db: Kysely<any>): Promise<{ lastSeq: number; lastHash: string }> {
  let lastSeq = 0;
  let lastHash = GENESIS;
  let afterId = 0;
  for (;;) {
    const { rows } = await sql<LegacyRow>`select id, at, actor_id, actor_role, actor_org_id, action, object_type, object_id, ip, changes
      from audit_log where id > ${afterId} order by id limit 1000`.execute(db);
    if (rows.length === 0) break;
    for (const row of rows) {
      const hash = hashV1(row, lastHash);
      lastSeq += 1;
      await sql`update audit_log set seq = ${lastSeq}, prev_hash = ${lastHash}, hash = ${hash} where id = ${row.id}`.execute(db);
      lastHash = hash;
      afterId = Number(row.id);
    }
  }
  return { lastSeq, lastHash };
}

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table audit_log
    add column seq bigint,
    add column prev_hash text,
    add column hash text,
    add column org_id text`.execute(db);

  const head = await chainExistingRows(db);

  await sql`alter table audit_log
    alter column seq set not null,
    alter column prev_hash set not null,
    alter column hash set not null,
    add constraint audit_log_seq_unique unique (seq),
    add constraint audit_log_seq_positive check (seq > 0)`.execute(db);
  // No two records may follow the same predecessor: a fork of the chain is refused by the database
  // even if a writer forgot the head lock.
  await sql`create unique index audit_log_prev_hash_idx on audit_log(prev_hash)`.execute(db);
  await sql`create index audit_log_hash_idx on audit_log(hash)`.execute(db);
  await sql`create index audit_log_actor_org_idx on audit_log(actor_org_id, seq)`.execute(db);
  await sql`create index audit_log_org_idx on audit_log(org_id, seq)`.execute(db);
  await sql`create index audit_log_actor_idx on audit_log(actor_id, seq)`.execute(db);
  await sql`create index audit_log_at_idx on audit_log(at)`.execute(db);

  await sql`create table audit_head (
    id integer primary key check (id = 1),
    last_seq bigint not null check (last_seq >= 0),
    last_hash text not null,
    updated_at timestamptz not null default now()
  )`.execute(db);
  await sql`insert into audit_head (id, last_seq, last_hash) values (1, ${head.lastSeq}, ${head.lastHash})`.execute(db);

  await sql`create function audit_log_refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception '审计日志只能追加，不能修改或删除 (audit_log is append-only: % refused)', tg_op
        using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`create trigger audit_log_no_update_delete before update or delete on audit_log
    for each row execute function audit_log_refuse_change()`.execute(db);
  await sql`create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_refuse_change()`.execute(db);

  // The head only ever moves one record forward.
  await sql`create function audit_head_guard() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' and new.id = old.id and new.last_seq = old.last_seq + 1 then
        return new;
      end if;
      raise exception '审计链头只能逐条前进 (audit_head only advances one record at a time: % refused)', tg_op
        using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`create trigger audit_head_guard before update or delete on audit_head
    for each row execute function audit_head_guard()`.execute(db);
  await sql`create trigger audit_head_no_truncate before truncate on audit_head
    for each statement execute function audit_log_refuse_change()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists audit_head`.execute(db);
  await sql`drop function if exists audit_head_guard()`.execute(db);
  await sql`drop trigger if exists audit_log_no_update_delete on audit_log`.execute(db);
  await sql`drop trigger if exists audit_log_no_truncate on audit_log`.execute(db);
  await sql`drop function if exists audit_log_refuse_change()`.execute(db);
  await sql`drop index if exists audit_log_prev_hash_idx`.execute(db);
  await sql`drop index if exists audit_log_hash_idx`.execute(db);
  await sql`drop index if exists audit_log_actor_org_idx`.execute(db);
  await sql`drop index if exists audit_log_org_idx`.execute(db);
  await sql`drop index if exists audit_log_actor_idx`.execute(db);
  await sql`drop index if exists audit_log_at_idx`.execute(db);
  await sql`alter table audit_log drop column seq, drop column prev_hash, drop column hash, drop column org_id`.execute(db);
}
