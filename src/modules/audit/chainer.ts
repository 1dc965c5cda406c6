// The chainer (链接器): links pending audit records into the hash chain, in the order it finds them
// committed (decision 0009). Writers only insert; the chainer is the one place that takes the head's
// lock, once per batch, so no action waits for another's commit. It runs on every pass of the job
// runner and before anything that reads the chain whole (verification, export, a case archive), so
// those see every record committed before they started.
//
// Order: records are linked by id. A record whose transaction commits after a later id was already
// linked is simply linked in the next batch: the chain's order (seq) is the order in which records
// became visible, which is what an auditor can rely on; id remains the order of insertion.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { hashRecord, type ChainContent } from './chain.js';
import * as q from './queries.js';

const BATCH = 500;

/** The hashed content of a record as it reads back from the database (chainer and verifier alike). */
export function contentOf(row: q.ChainRow): ChainContent {
  return {
    at: row.at,
    actorId: row.actor_id,
    actorRole: row.actor_role,
    actorOrgId: row.actor_org_id,
    orgId: row.org_id,
    action: row.action,
    objectType: row.object_type,
    objectId: row.object_id,
    ip: row.ip,
    changes: row.changes,
  };
}

/**
 * Links every pending record into the chain, a batch per transaction. Safe to run in several
 * processes at once: the head's lock serializes batches, and a batch reads the pending records
 * after taking it. Returns how many records were linked.
 */
export async function chainPendingAudit(db: Kysely<DB>, batch = BATCH): Promise<number> {
  let linked = 0;
  for (;;) {
    const n = await db.transaction().execute(async (trx) => {
      const head = await q.lockHead(trx);
      const rows = await q.pendingBatch(trx, batch);
      let seq = head.last_seq;
      let prevHash = head.last_hash;
      const links = rows.map((row) => {
        const hash = hashRecord(contentOf(row), prevHash);
        const link = { id: Number(row.id), seq: ++seq, prev_hash: prevHash, hash };
        prevHash = hash;
        return link;
      });
      await q.linkRecords(trx, links, new Date());
      return links.length;
    });
    linked += n;
    if (n < batch) return linked;
  }
}
