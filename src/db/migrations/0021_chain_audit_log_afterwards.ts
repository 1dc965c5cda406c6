// The audit chain is linked after the fact by a chainer instead of under a lock every writer holds
// until commit (docs/decisions/0009-audit-chained-afterwards.md).
//
// - A writer inserts its record with seq, prev_hash and hash empty (pending), in its own transaction:
//   the record commits or rolls back with the action, and no writer waits for another.
// - The chainer (src/modules/audit/chainer.ts) locks audit_head, takes the pending records in id
//   order, gives each the next seq and its hashes, and advances the head — once per batch.
// - The row guard now allows exactly one change of a record: linking a pending record (seq, prev_hash
//   and hash from empty to set, every other column unchanged). Everything else is still refused.
// - The head guard allows an advance of several records at once, to a record that is in the chain.
// - The search indexes order by id (insertion order), which every record has from the start.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table audit_log
    alter column seq drop not null,
    alter column prev_hash drop not null,
    alter column hash drop not null,
    add constraint audit_log_linked_whole check ((seq is null) = (prev_hash is null) and (seq is null) = (hash is null))`.execute(db);
  await sql`create index audit_log_pending_idx on audit_log (id) where seq is null`.execute(db);

  await sql`drop index audit_log_actor_org_idx`.execute(db);
  await sql`drop index audit_log_org_idx`.execute(db);
  await sql`drop index audit_log_actor_idx`.execute(db);
  await sql`create index audit_log_actor_org_idx on audit_log (actor_org_id, id)`.execute(db);
  await sql`create index audit_log_org_idx on audit_log (org_id, id)`.execute(db);
  await sql`create index audit_log_actor_idx on audit_log (actor_id, id)`.execute(db);

  await sql`create function audit_log_guard() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' and old.seq is null and new.seq is not null
         and to_jsonb(new) - 'seq' - 'prev_hash' - 'hash' = to_jsonb(old) - 'seq' - 'prev_hash' - 'hash' then
        return new;
      end if;
      raise exception '审计日志只能追加，不能修改或删除 (audit_log is append-only: % refused)', tg_op
        using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`drop trigger audit_log_no_update_delete on audit_log`.execute(db);
  await sql`create trigger audit_log_no_update_delete before update or delete on audit_log
    for each row execute function audit_log_guard()`.execute(db);

  await sql`create or replace function audit_head_guard() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' and new.id = old.id and new.last_seq > old.last_seq
         and exists (select 1 from audit_log where seq = new.last_seq and hash = new.last_hash) then
        return new;
      end if;
      raise exception '审计链头只能随链前进 (audit_head only advances to a record of the chain: % refused)', tg_op
        using errcode = 'insufficient_privilege';
    end $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`create or replace function audit_head_guard() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' and new.id = old.id and new.last_seq = old.last_seq + 1 then
        return new;
      end if;
      raise exception '审计链头只能逐条前进 (audit_head only advances one record at a time: % refused)', tg_op
        using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`drop trigger audit_log_no_update_delete on audit_log`.execute(db);
  await sql`create trigger audit_log_no_update_delete before update or delete on audit_log
    for each row execute function audit_log_refuse_change()`.execute(db);
  await sql`drop function audit_log_guard()`.execute(db);
  await sql`drop index audit_log_actor_org_idx`.execute(db);
  await sql`drop index audit_log_org_idx`.execute(db);
  await sql`drop index audit_log_actor_idx`.execute(db);
  await sql`create index audit_log_actor_org_idx on audit_log (actor_org_id, seq)`.execute(db);
  await sql`create index audit_log_org_idx on audit_log (org_id, seq)`.execute(db);
  await sql`create index audit_log_actor_idx on audit_log (actor_id, seq)`.execute(db);
  await sql`drop index audit_log_pending_idx`.execute(db);
  // Pending records cannot be made whole here: chain them (the chainer) before going down.
  await sql`alter table audit_log drop constraint audit_log_linked_whole,
    alter column seq set not null, alter column prev_hash set not null, alter column hash set not null`.execute(db);
}
