// Sending the outbox (发件箱发送). A worker claims due messages in a short transaction — FOR UPDATE
// SKIP LOCKED, so two workers never take the same row — marks them 'sending' with a lock until a
// deadline, commits, sends, and records the outcome in a second transaction. A worker that dies
// mid-send leaves its rows 'sending'; when their lock passes, another worker takes them again (an
// e-mail then carries the same Message-ID, so the rare second copy is recognisable).
//
// next_attempt_at doubles as the lock deadline of a 'sending' row, so one partial index
// (outbox_due_idx) finds both new or retried messages and abandoned ones.
import { sql } from 'kysely';
import type { AppDeps } from '../../app.js';
import type { Database } from '../../db/database.js';
import type { DeliveryStatus, MessageChannel } from '../../db/schema.js';
import { clockOf, systemClock, type Clock } from '../../lib/clock.js';
import { sensitiveColumns } from '../../lib/sm-crypto.js';
import { DeliveryError, type Channels } from './channels.js';
import { advanceStatus, describeFailure, failureOutcome, isPermanentMailError, RETRY_POLICY, type RetryPolicy } from './rules.js';

/** How long a claimed message stays reserved: longer than the slowest send of a batch (channels.ts timeouts). */
export const LOCK_MS = 10 * 60_000;

export interface SendLog {
  warn(details: Record<string, unknown>, message: string): void;
}

export interface SendOptions {
  /** Messages claimed per transaction. */
  batchSize?: number;
  /** Most messages one pass sends (the rest wait for the next pass). */
  maxPerPass?: number;
  random?: () => number;
  policy?: RetryPolicy;
  log?: SendLog;
}

interface ClaimedMessage {
  id: string;
  channel: MessageChannel;
  template_key: string;
  recipient_enc: string | null;
  subject: string;
  body: string;
  attempts: number;
}

/** Reserves up to `limit` due messages for this worker; attempts counts the attempt now starting. */
export async function claimDueMessages(deps: AppDeps, limit: number, policy: RetryPolicy = RETRY_POLICY): Promise<ClaimedMessage[]> {
  const now = clockOf(deps).now();
  const lockedUntil = new Date(now.getTime() + LOCK_MS);
  return deps.db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('outbox_messages')
      .select(['id', 'status', 'attempts'])
      .where('status', 'in', ['created', 'sending', 'temporary-failure'])
      .where('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    if (due.length === 0) return [];
    // An abandoned last attempt is not made a ninth time: it may well have gone out.
    const exhausted = due.filter((d) => d.status === 'sending' && d.attempts >= policy.maxAttempts).map((d) => d.id);
    if (exhausted.length) {
      await trx
        .updateTable('outbox_messages')
        .set({ status: 'permanent-failure', locked_until: null, last_error: 'lock-expired', updated_at: now })
        .where('id', 'in', exhausted)
        .execute();
    }
    const ids = due.map((d) => d.id).filter((id) => !exhausted.includes(id));
    if (ids.length === 0) return [];
    return trx
      .updateTable('outbox_messages')
      .set({ status: 'sending', attempts: sql<number>`attempts + 1`, locked_until: lockedUntil, next_attempt_at: lockedUntil, updated_at: now })
      .where('id', 'in', ids)
      .returning(['id', 'channel', 'template_key', 'recipient_enc', 'subject', 'body', 'attempts'])
      .execute();
  });
}

/** Sends what is due now; returns how many messages were attempted. */
export async function sendDueMessages(deps: AppDeps, channels: Channels, options: SendOptions = {}): Promise<number> {
  const batchSize = options.batchSize ?? 10;
  const maxPerPass = options.maxPerPass ?? 500;
  let sent = 0;
  while (sent < maxPerPass) {
    const claimed = await claimDueMessages(deps, Math.min(batchSize, maxPerPass - sent), options.policy);
    for (const message of claimed) await deliverOne(deps, channels, message, options);
    sent += claimed.length;
    if (claimed.length < batchSize) break;
  }
  return sent;
}

async function deliverOne(deps: AppDeps, channels: Channels, message: ClaimedMessage, options: SendOptions): Promise<void> {
  const columns = sensitiveColumns(deps.config);
  let result;
  try {
    const recipient = columns.decrypt(message.recipient_enc, `outbox_messages.${message.channel}`);
    result = await channels[message.channel].send({
      id: message.id,
      channel: message.channel,
      recipient,
      subject: message.subject,
      body: message.body,
      templateKey: message.template_key,
    });
  } catch (error) {
    const permanent = error instanceof DeliveryError ? error.permanent : message.channel === 'email' ? isPermanentMailError(error as never) : false;
    const reason = describeFailure(error);
    // The id, channel and reason identify the problem; the recipient and the text stay out of logs.
    options.log?.warn({ messageId: message.id, channel: message.channel, attempts: message.attempts, reason, permanent }, 'outbox message not delivered');
    await recordFailure(deps, message, permanent, reason, options);
    return;
  }
  await recordDelivered(deps.db, message.id, clockOf(deps).now(), result.provider, result.providerRef ?? null);
}

/** A failed attempt: retried later with backoff, or given up. Ignored when another attempt has taken over. */
async function recordFailure(deps: AppDeps, message: ClaimedMessage, permanent: boolean, reason: string, options: SendOptions): Promise<void> {
  const now = clockOf(deps).now();
  const outcome = failureOutcome(message.attempts, permanent, options.random, options.policy);
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('outbox_messages').select(['status', 'attempts']).where('id', '=', message.id).forUpdate().executeTakeFirst();
    // Our claim is void when the lock passed and another worker claimed it again, or a receipt moved it.
    if (!row || row.status !== 'sending' || row.attempts !== message.attempts) return;
    const status = advanceStatus(row.status, outcome.status);
    await trx
      .updateTable('outbox_messages')
      .set({
        status,
        last_error: reason,
        locked_until: null,
        next_attempt_at: outcome.status === 'temporary-failure' ? new Date(now.getTime() + outcome.retryInMs) : now,
        updated_at: now,
      })
      .where('id', '=', message.id)
      .execute();
  });
}

/** The provider took the message. Delivered outranks every other non-terminal state, whoever claimed it since. */
async function recordDelivered(db: Database, id: string, now: Date, provider: string, providerRef: string | null): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('outbox_messages').select(['status']).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row || advanceStatus(row.status, 'delivered') !== 'delivered' || row.status === 'delivered') return;
    await trx
      .updateTable('outbox_messages')
      .set({ status: 'delivered', delivered_at: now, provider, provider_ref: providerRef, locked_until: null, last_error: null, updated_at: now })
      .where('id', '=', id)
      .execute();
  });
}

/**
 * A provider's delivery receipt (回执) for a message. It moves the status only forwards: a late
 * receipt (a 'temporary-failure' report arriving after 'delivered') changes nothing. Returns the
 * status after the receipt, or null for an unknown message.
 */
export async function recordReceipt(db: Database, messageId: string, status: DeliveryStatus, clock: Clock = systemClock): Promise<DeliveryStatus | null> {
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('outbox_messages').select(['status']).where('id', '=', messageId).forUpdate().executeTakeFirst();
    if (!row) return null;
    const next = advanceStatus(row.status, status);
    if (next === row.status) return row.status;
    await trx
      .updateTable('outbox_messages')
      .set({
        status: next,
        updated_at: now,
        ...(next === 'delivered' ? { delivered_at: now, locked_until: null, last_error: null } : {}),
        ...(next === 'permanent-failure' ? { locked_until: null, last_error: 'provider-receipt' } : {}),
      })
      .where('id', '=', messageId)
      .execute();
    return next;
  });
}
