// Walks the audit chain in seq order and names the first record that is not as it was written
// (`tongban audit verify`, GET /api/audit/verify).
//
// The walk covers the linked chain up to the head read when it starts (callers link the pending
// records first: chainAndVerify in service.ts). Records are only ever appended, so
// that prefix cannot change under a concurrent writer, and no transaction has to stay open (on the
// embedded database one would block every other request for the whole walk).
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { GENESIS_HASH, hashRecord } from './chain.js';
import { contentOf } from './chainer.js';
import * as q from './queries.js';

type Q = Kysely<DB> | Transaction<DB>;

export type ChainProblem = 'altered' | 'removed' | 'reordered' | 'prev-hash-mismatch';

export type ChainVerdict =
  | { ok: true; records: number }
  | {
      ok: false;
      /** Records found intact before the first bad one. */
      records: number;
      firstBadSeq: number | null;
      /** The bad record's row id; null when the record is gone. */
      id: number | null;
      problem: ChainProblem;
      /** Chinese, then English: what was found. */
      detail: string;
    };

type Bad = Omit<Extract<ChainVerdict, { ok: false }>, 'ok' | 'records'>;

const BATCH = 1000;

/** Checks one record against its expected position and predecessor; null when it is intact. */
async function checkRecord(db: Q, row: q.LinkedRow, expectedSeq: number, prevHash: string): Promise<Bad | null> {
  const seq = Number(row.seq);
  const id = Number(row.id);
  if (seq !== expectedSeq) {
    return {
      firstBadSeq: expectedSeq,
      id: null,
      problem: 'removed',
      detail: `第 ${expectedSeq} 条记录缺失 (record ${expectedSeq} is missing; the next present is seq ${seq}, id ${id})`,
    };
  }
  if (hashRecord(contentOf(row), row.prev_hash) !== row.hash) {
    return { firstBadSeq: seq, id, problem: 'altered', detail: `第 ${seq} 条记录内容被修改 (record ${seq}, id ${id}: its content no longer matches its hash)` };
  }
  if (row.prev_hash === prevHash) return null;
  const predecessor = await q.findByHash(db, row.prev_hash);
  if (predecessor && Number(predecessor.seq) !== seq) {
    return {
      firstBadSeq: seq,
      id,
      problem: 'reordered',
      detail: `第 ${seq} 条记录顺序被调换 (record ${seq}, id ${id} belongs after seq ${predecessor.seq}, id ${predecessor.id})`,
    };
  }
  return {
    firstBadSeq: seq,
    id,
    problem: 'prev-hash-mismatch',
    detail: `第 ${seq} 条记录与前一条不衔接 (record ${seq}, id ${id} links to a predecessor that is not in the trail: the record before it was rewritten or removed)`,
  };
}

/** Walks the whole chain; the verdict names the first bad record. */
export async function verifyAuditChain(db: Q): Promise<ChainVerdict> {
  const head = await q.readHead(db);
  const maxSeq = head ? head.last_seq : Number.MAX_SAFE_INTEGER;
  let checked = 0;
  let prevHash = GENESIS_HASH;
  let last: q.LinkedRow | null = null;
  for (;;) {
    const rows = await q.chainBatch(db, last ? Number(last.seq) : 0, maxSeq, BATCH);
    for (const row of rows) {
      const bad = await checkRecord(db, row, checked + 1, prevHash);
      if (bad) return { ok: false, records: checked, ...bad };
      checked += 1;
      prevHash = row.hash;
      last = row;
    }
    if (rows.length < BATCH) break;
  }
  const tail = checkTail(head, checked, prevHash, last);
  return tail ? { ok: false, records: checked, ...tail } : { ok: true, records: checked };
}

/** The head records the last seq and hash: it shows a removed or rewritten end of the chain. */
function checkTail(head: q.HeadRow | null, checked: number, prevHash: string, last: q.LinkedRow | null): Bad | null {
  if (!head) {
    return { firstBadSeq: checked + 1, id: null, problem: 'removed', detail: '审计链头缺失 (the chain head audit_head is missing)' };
  }
  if (checked < head.last_seq) {
    const seq = checked + 1;
    return { firstBadSeq: seq, id: null, problem: 'removed', detail: `第 ${seq} 条及以后的记录缺失 (records from ${seq} to ${head.last_seq} are missing)` };
  }
  if (last && prevHash !== head.last_hash) {
    const seq = Number(last.seq);
    const id = Number(last.id);
    return { firstBadSeq: seq, id, problem: 'altered', detail: `第 ${seq} 条记录被改写 (record ${seq}, id ${id} differs from the one the chain head recorded)` };
  }
  return null;
}
