// Verifying the audit chain (审计日志完整性校验): an untouched trail passes; a record edited, removed,
// swapped or rewritten directly in the database is named exactly. Each case tampers with the same
// six-record trail (restored afterwards), with the append-only triggers switched off the way an
// intruder with database rights would (session_replication_role = replica).
import { sql, type Transaction } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers.js';
import type { DB } from '../../src/db/schema.js';
import * as m0007 from '../../src/db/migrations/0007_chain_audit_log.js';
import * as m0021 from '../../src/db/migrations/0021_chain_audit_log_afterwards.js';
import { GENESIS_HASH, hashRecord } from '../../src/modules/audit/chain.js';
import { chainPendingAudit } from '../../src/modules/audit/chainer.js';
import { chainAndVerify, recordAudit, verifyAuditChain } from '../../src/modules/audit/service.js';

let d: TestDatabase;
let rows: { id: number; seq: number; hash: string }[];

beforeAll(async () => {
  d = await createTestDatabase();
  for (let i = 1; i <= 6; i++) {
    await recordAudit(d.db, null, { action: 'test.step', objectType: 'counter', objectId: `c-${i}`, changes: { n: { before: i - 1, after: i } } });
  }
  await chainPendingAudit(d.db);
  rows = (await d.db.selectFrom('audit_log').select(['id', 'seq', 'hash']).orderBy('seq').execute()) as typeof rows;
  await sql`create table audit_snapshot as select * from audit_log`.execute(d.db);
  await sql`create table head_snapshot as select * from audit_head`.execute(d.db);
});
afterAll(async () => d?.dispose());

/** Puts the untouched trail back. */
afterEach(async () => {
  await tamper(async (trx) => {
    await sql`delete from audit_log`.execute(trx);
    await sql`insert into audit_log select * from audit_snapshot`.execute(trx);
    await sql`delete from audit_head`.execute(trx);
    await sql`insert into audit_head select * from head_snapshot`.execute(trx);
  });
});

async function tamper(fn: (trx: Transaction<DB>) => Promise<unknown>): Promise<void> {
  await d.db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx);
    await fn(trx);
  });
}

const bySeq = (seq: number) => rows.find((r) => r.seq === seq)!;

describe('verifyAuditChain', () => {
  it('passes an untouched trail, counting its records', async () => {
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await verifyAuditChain(d.db)).toEqual({ ok: true, records: 6 });
  });

  it('names a record whose content was edited', async () => {
    await tamper((trx) => sql`update audit_log set object_id = 'c-30' where seq = 3`.execute(trx));
    expect(await verifyAuditChain(d.db)).toMatchObject({ ok: false, records: 2, firstBadSeq: 3, id: bySeq(3).id, problem: 'altered' });
  });

  it('names a record whose before/after or time was edited', async () => {
    await tamper((trx) => sql`update audit_log set changes = '{"n":{"before":3,"after":5}}' where seq = 4`.execute(trx));
    expect(await verifyAuditChain(d.db)).toMatchObject({ firstBadSeq: 4, id: bySeq(4).id, problem: 'altered' });
    await tamper((trx) => sql`update audit_log set at = at - interval '1 second' where seq = 2`.execute(trx));
    expect(await verifyAuditChain(d.db)).toMatchObject({ firstBadSeq: 2, id: bySeq(2).id, problem: 'altered' });
  });

  it('names a removed record by its place in the chain', async () => {
    await tamper((trx) => sql`delete from audit_log where seq = 3`.execute(trx));
    expect(await verifyAuditChain(d.db)).toMatchObject({ ok: false, records: 2, firstBadSeq: 3, id: null, problem: 'removed' });
  });

  it('notices the first and the last record removed', async () => {
    await tamper((trx) => sql`delete from audit_log where seq = 6`.execute(trx));
    expect(await verifyAuditChain(d.db)).toMatchObject({ ok: false, records: 5, firstBadSeq: 6, id: null, problem: 'removed' });
    await tamper((trx) => sql`delete from audit_log where seq = 1`.execute(trx));
    expect(await verifyAuditChain(d.db)).toMatchObject({ ok: false, records: 0, firstBadSeq: 1, id: null, problem: 'removed' });
  });

  it('names the first of two records whose places were swapped', async () => {
    await tamper(async (trx) => {
      await sql`update audit_log set seq = 1000000 where seq = 2`.execute(trx);
      await sql`update audit_log set seq = 2 where seq = 5`.execute(trx);
      await sql`update audit_log set seq = 5 where seq = 1000000`.execute(trx);
    });
    // Seq 2 now holds the record written fifth: intact in itself, but it follows record 4.
    expect(await verifyAuditChain(d.db)).toMatchObject({ ok: false, records: 1, firstBadSeq: 2, id: bySeq(5).id, problem: 'reordered' });
  });

  it('names a swap of two neighbours made by exchanging their contents', async () => {
    await tamper(async (trx) => {
      const cols = sql`at, actor_id, actor_role, actor_org_id, org_id, action, object_type, object_id, ip, changes, prev_hash, hash`;
      await sql`create temp table swap on commit drop as select * from audit_log where seq in (3, 4)`.execute(trx);
      await sql`delete from audit_log where seq in (3, 4)`.execute(trx);
      // Row id and seq stay where they were; what each row says is the other's.
      await sql`insert into audit_log (id, seq, ${cols})
        select other.id, other.seq, ${sql.raw(['at', 'actor_id', 'actor_role', 'actor_org_id', 'org_id', 'action', 'object_type', 'object_id', 'ip', 'changes', 'prev_hash', 'hash'].map((c) => `s.${c}`).join(', '))}
        from swap s join swap other on other.seq = 7 - s.seq`.execute(trx);
    });
    expect(await verifyAuditChain(d.db)).toMatchObject({ ok: false, firstBadSeq: 3, id: bySeq(3).id, problem: 'reordered' });
  });

  it('names the successor of a record rewritten together with its hash', async () => {
    // An intruder who knows the format recomputes the edited record's own hash: the record itself
    // checks out, but the next one still links to the original.
    const row = await d.db.selectFrom('audit_log').selectAll().where('seq', '=', 3).executeTakeFirstOrThrow();
    const forged = { ...row, object_id: 'c-forged' };
    const hash = hashRecord(
      { at: forged.at, actorId: forged.actor_id, actorRole: forged.actor_role, actorOrgId: forged.actor_org_id, orgId: forged.org_id, action: forged.action, objectType: forged.object_type, objectId: forged.object_id, ip: forged.ip, changes: forged.changes },
      forged.prev_hash!,
    );
    await tamper((trx) => sql`update audit_log set object_id = 'c-forged', hash = ${hash} where seq = 3`.execute(trx));
    expect(await verifyAuditChain(d.db)).toMatchObject({ ok: false, records: 3, firstBadSeq: 4, id: bySeq(4).id, problem: 'prev-hash-mismatch' });
  });
});

describe('records written before the chain existed (migration 0007)', () => {
  it('are chained in id order by the migration and verify, and new records continue the chain', async () => {
    await m0021.down(d.db);
    await m0007.down(d.db);
    // Legacy rows as 0001 allowed them: time from the database clock (microseconds), jsonb with keys
    // in any order, empty fields.
    await sql`insert into audit_log (actor_id, actor_role, actor_org_id, action, object_type, object_id, ip, changes) values
      (null, 'system', null, 'seed.demo', 'system', 'demo-data', null, '{"z":1,"a":{"y":[1,"二"],"b":null}}'),
      ('u-1', 'catalog-admin', 'o-1', 'catalog.item.create', 'catalog_item', 'i-1', '127.0.0.1', '{}')`.execute(d.db);
    await m0007.up(d.db);
    await m0021.up(d.db);

    const head = await d.db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
    expect(head.last_seq).toBe(8);
    expect(await verifyAuditChain(d.db)).toEqual({ ok: true, records: 8 });
    const first = await d.db.selectFrom('audit_log').selectAll().where('seq', '=', 1).executeTakeFirstOrThrow();
    expect(first.prev_hash).toBe(GENESIS_HASH);
    await recordAudit(d.db, null, { action: 'after.migration', objectType: 't', objectId: '1' });
    expect(await chainAndVerify(d.db)).toEqual({ ok: true, records: 9 });
  });
});
