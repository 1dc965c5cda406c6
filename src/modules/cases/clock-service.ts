// The clock of an accepted case (承诺办结时限, Art. 17): the due date is always computed here, by the
// server, from the dated segments in case_pauses and case_extensions — never taken from a caller
// and never adjusted by increments. A year without holiday data refuses (calendar-year-unknown,
// 422) and, thrown inside the action's transaction, leaves nothing half-written.
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { buildCalendar, type WorkingCalendar } from '../../lib/calendar/index.js';
import type { AppDeps } from '../../app.js';
import { listHolidayYearRows } from '../calendar/queries.js';
import { calendarFor } from '../calendar/service.js';
import { dueDate } from './rules.js';

export interface CaseClock {
  dueOn: string;
  extensionDays: number;
  /** The start of the open pause, if the clock stands still now (cases.paused_since). */
  pausedSince: string | null;
}

export interface ClockInput {
  acceptedOn: string;
  promisedDays: number;
  promisedUnit: 'working-day' | 'calendar-day';
  pauses: readonly { startedOn: string; endedOn: string | null }[];
  extensions: readonly { days: number }[];
  today: string;
}

/** The clock from the segments (pure: the calendar is passed in). */
export function clockFrom(calendar: WorkingCalendar, c: ClockInput): CaseClock {
  const extensionDays = c.extensions.reduce((sum, e) => sum + e.days, 0);
  const open = c.pauses.find((p) => p.endedOn === null) ?? null;
  return {
    dueOn: dueDate(calendar, {
      acceptedOn: c.acceptedOn,
      promisedDays: c.promisedDays,
      promisedUnit: c.promisedUnit,
      extensionDays,
      pauses: c.pauses,
      today: c.today,
    }),
    extensionDays,
    pausedSince: open?.startedOn ?? null,
  };
}

/**
 * Reads the case's pauses and extensions (as written so far in `trx`) and computes its clock on
 * the given calendar (caseCalendar(deps), fetched before the transaction: on the embedded database
 * a query outside the open transaction would wait for it). The caller writes the result to cases
 * (due_on, extension_days, paused_since) through recordAction's patch, so the columns move in step
 * with the history.
 */
export async function computeCaseClock(
  trx: Transaction<DB>,
  calendar: WorkingCalendar,
  row: { id: string; accepted_on: string | null; promised_days: number; promised_unit: 'working-day' | 'calendar-day' },
  today: string,
  acceptedOn: string | null = row.accepted_on,
): Promise<CaseClock> {
  if (!acceptedOn) throw new Error(`case ${row.id} has no acceptance date: its clock does not run`);
  // Both segment lists in one round trip.
  const { rows } = await sql<{ pauses: { startedOn: string; endedOn: string | null }[]; extension_days: number }>`select
      (select coalesce(json_agg(json_build_object('startedOn', started_on, 'endedOn', ended_on) order by started_on), '[]'::json)
         from case_pauses where case_id = ${row.id}) as pauses,
      (select coalesce(sum(days), 0)::int from case_extensions where case_id = ${row.id}) as extension_days`.execute(trx);
  const segments = rows[0];
  return clockFrom(calendar, {
    acceptedOn,
    promisedDays: row.promised_days,
    promisedUnit: row.promised_unit,
    pauses: segments.pauses,
    extensions: segments.extension_days ? [{ days: segments.extension_days }] : [],
    today,
  });
}

/** This installation's calendar (with the administrators' corrections), cached per database. */
export function caseCalendar(deps: Pick<AppDeps, 'db'>): Promise<WorkingCalendar> {
  return calendarFor(deps.db);
}

/**
 * The same calendar read inside a transaction that is already open (the job runner's): on the
 * embedded database the cached calendarFor(db) could have to query outside it, and wait forever.
 * Built per call — timers are few.
 */
export async function caseCalendarIn(trx: Transaction<DB>): Promise<WorkingCalendar> {
  return buildCalendar((await listHolidayYearRows(trx)).map((r) => r.data));
}
