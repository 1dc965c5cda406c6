// The job runner (任务执行器): one pass fires the due timers, sends the due outbox messages and links
// the pending audit records into the chain (audit/chainer.ts).
// Timers and messages live in the database, so a pass after a restart finds whatever fell due while
// the platform was down; start() makes that pass at once. Several runners (processes) may run over
// the same database: every row is taken with FOR UPDATE SKIP LOCKED, so each is handled once.
import { sql } from 'kysely';
import type { AppDeps } from '../../app.js';
import { clockOf } from '../../lib/clock.js';
import { chainPendingAudit } from '../audit/chainer.js';
import { channelsFor, type Channels } from '../outbox/channels.js';
import { sendDueMessages, type SendOptions } from '../outbox/sender.js';
import type { DueTimer, TimerHandler } from './timers.js';

export interface RunnerLog {
  warn(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
}

export interface TimerRetryPolicy {
  /** Delay before the first retry; doubled each time. */
  baseMs: number;
  capMs: number;
  /** After this many failed attempts the timer is marked failed and left for a person to look at. */
  maxAttempts: number;
}

export const TIMER_RETRY: TimerRetryPolicy = { baseMs: 60_000, capMs: 3_600_000, maxAttempts: 5 };

export interface RunnerOptions {
  /** Pause between passes of the polling loop (default 5000). */
  intervalMs?: number;
  /** Most timers fired per pass (default 200). */
  timerBatch?: number;
  timerRetry?: TimerRetryPolicy;
  /** The message channels; default channelsFor(deps) (closed by stop()). */
  channels?: Channels;
  /** Batch sizes, retry policy and randomness of message sending. */
  send?: Omit<SendOptions, 'log'>;
  log?: RunnerLog;
}

export interface JobRunner {
  /** One pass: due timers, due messages, then pending audit records linked. Passes of one runner never overlap. */
  runOnce(): Promise<{ timers: number; messages: number; auditLinked: number }>;
  /** Starts the polling loop with a pass right away. */
  start(): void;
  /** Stops the loop after the pass in progress, if any. */
  stop(): Promise<void>;
}

/** A handler's failure, carried out of the rolled-back transaction with the timer it concerns. */
class TimerFailure extends Error {
  constructor(
    readonly timer: DueTimer & { rawDueAt: Date },
    readonly reason: unknown,
  ) {
    super('timer handler failed');
  }
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 500);
}

export function timerRetryDelayMs(attempts: number, policy: TimerRetryPolicy = TIMER_RETRY): number {
  return Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
}

/**
 * Fires due timers, each in its own transaction: the handler's writes and the 'fired' mark commit
 * together, or — when the handler throws — neither does, and the failure is recorded for a retry.
 */
export async function fireDueTimers(deps: AppDeps, handlers: Record<string, TimerHandler>, options: RunnerOptions = {}): Promise<number> {
  const batch = options.timerBatch ?? 200;
  const policy = options.timerRetry ?? TIMER_RETRY;
  const now = clockOf(deps).now();
  let handled = 0;
  for (let i = 0; i < batch; i++) {
    let fired: DueTimer | null;
    try {
      fired = await deps.db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('timers')
          .selectAll()
          .where('status', '=', 'pending')
          .where('due_at', '<=', now)
          .orderBy('due_at')
          .limit(1)
          .forUpdate()
          .skipLocked()
          .executeTakeFirst();
        if (!row) return null;
        const rawDueAt = new Date(row.due_at);
        const timer = { kind: row.kind, subjectId: row.subject_id, dueAt: rawDueAt, payload: row.payload ?? {} };
        const handler = handlers[row.kind];
        try {
          if (!handler) throw new Error(`no handler for timer kind ${row.kind} (没有处理此类定时事项的程序)`);
          await handler(deps, trx, timer);
        } catch (error) {
          throw new TimerFailure({ ...timer, rawDueAt }, error);
        }
        // Unless the handler moved or cancelled its own timer (same kind and subject), it has fired.
        await trx
          .updateTable('timers')
          .set({ status: 'fired', fired_at: now, last_error: null })
          .where('kind', '=', row.kind)
          .where('subject_id', '=', row.subject_id)
          .where('status', '=', 'pending')
          .where('due_at', '=', rawDueAt)
          .execute();
        return timer;
      });
    } catch (error) {
      if (!(error instanceof TimerFailure)) throw error;
      await recordTimerFailure(deps, error, now, policy, options.log);
      handled++;
      continue;
    }
    if (!fired) break;
    handled++;
  }
  return handled;
}

/** After a failed attempt: retried later (due_at moves on), or marked failed after maxAttempts. */
async function recordTimerFailure(deps: AppDeps, failure: TimerFailure, now: Date, policy: TimerRetryPolicy, log?: RunnerLog): Promise<void> {
  const { timer } = failure;
  const reason = errorText(failure.reason);
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('timers')
      .select(['attempts', 'status', 'due_at'])
      .where('kind', '=', timer.kind)
      .where('subject_id', '=', timer.subjectId)
      .forUpdate()
      .executeTakeFirst();
    // Rescheduled or cancelled meanwhile (by another transaction): that decision stands.
    if (!row || row.status !== 'pending' || new Date(row.due_at).getTime() !== timer.rawDueAt.getTime()) return;
    const attempts = row.attempts + 1;
    const failed = attempts >= policy.maxAttempts;
    await trx
      .updateTable('timers')
      .set({
        attempts: sql<number>`attempts + 1`,
        last_error: reason,
        status: failed ? 'failed' : 'pending',
        due_at: failed ? row.due_at : new Date(now.getTime() + timerRetryDelayMs(attempts, policy)),
      })
      .where('kind', '=', timer.kind)
      .where('subject_id', '=', timer.subjectId)
      .execute();
    log?.[failed ? 'error' : 'warn']({ timerKind: timer.kind, subjectId: timer.subjectId, attempts, failed, reason }, failed ? 'timer failed, giving up' : 'timer failed, will retry');
  });
}

export function createJobRunner(deps: AppDeps, handlers: Record<string, TimerHandler>, options: RunnerOptions = {}): JobRunner {
  const intervalMs = options.intervalMs ?? 5000;
  const ownChannels = !options.channels;
  let channels: Channels | null = options.channels ?? null;
  let chain: Promise<unknown> = Promise.resolve();
  let loop: Promise<void> | null = null;
  let stopping = false;
  let wake: (() => void) | null = null;
  let sleeper: NodeJS.Timeout | null = null;

  const pass = async () => {
    channels ??= channelsFor(deps);
    const timers = await fireDueTimers(deps, handlers, options);
    const messages = await sendDueMessages(deps, channels, { ...options.send, log: options.log });
    // Last, so the records the timers' actions wrote are linked in this pass too.
    const auditLinked = await chainPendingAudit(deps.db);
    return { timers, messages, auditLinked };
  };

  const runOnce = () => {
    const result = chain.then(pass);
    chain = result.catch(() => undefined);
    return result;
  };

  const sleep = () =>
    new Promise<void>((resolve) => {
      wake = resolve;
      sleeper = setTimeout(resolve, intervalMs);
      sleeper.unref?.();
    });

  return {
    runOnce,
    start() {
      if (loop) return;
      stopping = false;
      loop = (async () => {
        while (!stopping) {
          try {
            await runOnce();
          } catch (error) {
            // The database may be briefly away; the next pass tries again.
            options.log?.error({ err: errorText(error) }, 'job runner pass failed');
          }
          if (stopping) break;
          await sleep();
        }
      })();
    },
    async stop() {
      stopping = true;
      if (sleeper) clearTimeout(sleeper);
      wake?.();
      await loop;
      await chain;
      loop = null;
      if (ownChannels) {
        channels?.close();
        channels = null;
      }
    },
  };
}
