// Durable timers (定时事项): a row per (kind, subject) in the timers table, written in the same
// transaction as the change that needs it, fired by the job runner when due — also after a
// restart, since nothing lives in memory. Rescheduling the same kind and subject replaces it.
import { type Kysely, type QueryCreator, type Transaction } from 'kysely';
import type { AppDeps } from '../../app.js';
import type { DB } from '../../db/schema.js';

export interface TimerSpec {
  kind: string;
  subjectId: string;
  dueAt: Date;
  payload?: Record<string, unknown>;
}

export interface DueTimer {
  kind: string;
  subjectId: string;
  /** When it fell due — after a failed attempt, when its retry fell due (the runner moves it on). */
  dueAt: Date;
  payload: Record<string, unknown>;
}

/** Runs in the transaction that fires the timer; throwing rolls it back and the timer is retried. */
export type TimerHandler = (deps: AppDeps, trx: Transaction<DB>, timer: DueTimer) => Promise<void>;

/** Schedules (or moves) the timer of this kind for this subject; it is pending again. */
export async function scheduleTimer(trx: Kysely<DB> | Transaction<DB>, t: TimerSpec): Promise<void> {
  await timerUpsert(trx, t).execute();
}

/**
 * The statement scheduleTimer runs, on any query creator — the database, a transaction, or a WITH
 * whose other part is the change the timer belongs to (one round trip for both).
 */
export function timerUpsert<D extends DB>(qc: QueryCreator<D>, t: TimerSpec) {
  const payload = JSON.stringify(t.payload ?? {});
  // Typed as the platform's tables: a WITH only adds names beside them.
  return (qc as unknown as QueryCreator<DB>)
    .insertInto('timers')
    .values({ kind: t.kind, subject_id: t.subjectId, due_at: t.dueAt, payload, status: 'pending' })
    .onConflict((oc) =>
      oc.columns(['kind', 'subject_id']).doUpdateSet({ due_at: t.dueAt, payload, status: 'pending', attempts: 0, last_error: null, fired_at: null }),
    );
}

/** Cancels a pending timer (the deadline it watched no longer applies). No timer: nothing to do. */
export async function cancelTimer(trx: Kysely<DB> | Transaction<DB>, kind: string, subjectId: string): Promise<void> {
  await trx.updateTable('timers').set({ status: 'cancelled' }).where('kind', '=', kind).where('subject_id', '=', subjectId).where('status', '=', 'pending').execute();
}

/** Cancels the pending timers of these kinds of one subject, in one statement. */
export async function cancelTimers(trx: Kysely<DB> | Transaction<DB>, kinds: readonly string[], subjectId: string): Promise<void> {
  if (kinds.length === 0) return;
  await trx.updateTable('timers').set({ status: 'cancelled' }).where('kind', 'in', kinds).where('subject_id', '=', subjectId).where('status', '=', 'pending').execute();
}

/** Pending timers of a subject (the case page shows what the platform will do, and when). */
export async function pendingTimersOf(db: Kysely<DB>, subjectId: string): Promise<DueTimer[]> {
  const rows = await db.selectFrom('timers').selectAll().where('subject_id', '=', subjectId).where('status', '=', 'pending').orderBy('due_at').execute();
  return rows.map((r) => ({ kind: r.kind, subjectId: r.subject_id, dueAt: new Date(r.due_at), payload: r.payload }));
}

