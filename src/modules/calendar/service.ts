// The working-day calendar of this installation: the shipped State Council data with the
// administrators' corrections (holiday_years) on top. Other modules compute deadlines with
// `calendarFor(db)`; it is built once per database, rebuilt after a correction and reloaded every
// minute so that corrections made through another instance arrive too.
import type { Database } from '../../db/database.js';
import { DomainError, forbidden, notFound } from '../../http/errors.js';
import {
  buildCalendar,
  CalendarError,
  normalizeYearData,
  readShippedYears,
  type WorkingCalendar,
  type YearData,
} from '../../lib/calendar/index.js';
import { recordAudit } from '../audit/service.js';
import { can, type Actor } from '../identity/permissions.js';
import { findHolidayYearRow, listHolidayYearRows, upsertHolidayYearRow } from './queries.js';
import { assertYearDataValid, diffYearData } from './rules.js';
import type { YearBodyInput } from './schema.js';

export interface YearEntry {
  data: YearData;
  origin: 'shipped' | 'database';
  updatedAt: Date | null;
}

interface CachedCalendar {
  calendar: Promise<WorkingCalendar>;
  loadedAt: number;
  refreshing: boolean;
}

const calendars = new WeakMap<Database, CachedCalendar>();

/**
 * A correction made through another process (a second instance of the platform) reaches this one
 * within this time: the cached calendar is reloaded in the background once it is older.
 */
export const CALENDAR_REFRESH_MS = 60_000;

function loadCalendar(db: Database): Promise<WorkingCalendar> {
  return listHolidayYearRows(db).then((rows) => buildCalendar(rows.map((r) => r.data)));
}

/**
 * The calendar with this database's corrections: cached, rebuilt at once after a correction in this
 * process and reloaded in the background every CALENDAR_REFRESH_MS (the stale one serves meanwhile,
 * so a caller never waits on the reload — on the embedded database that could wait on an open
 * transaction).
 */
export function calendarFor(db: Database): Promise<WorkingCalendar> {
  const cached = calendars.get(db);
  if (!cached) {
    const calendar = loadCalendar(db);
    // A failed load (database down) must not stick: the next call tries again.
    calendar.catch(() => calendars.delete(db));
    calendars.set(db, { calendar, loadedAt: Date.now(), refreshing: false });
    return calendar;
  }
  if (!cached.refreshing && Date.now() - cached.loadedAt > CALENDAR_REFRESH_MS) {
    cached.refreshing = true;
    loadCalendar(db).then(
      (calendar) => {
        // Unless a correction here replaced the entry meanwhile.
        if (calendars.get(db) === cached) calendars.set(db, { calendar: Promise.resolve(calendar), loadedAt: Date.now(), refreshing: false });
      },
      () => {
        cached.refreshing = false; // try again on a later call
      },
    );
  }
  return cached.calendar;
}

export async function listYears(db: Database): Promise<YearEntry[]> {
  const byYear = new Map<number, YearEntry>();
  for (const data of readShippedYears()) byYear.set(data.year, { data, origin: 'shipped', updatedAt: null });
  for (const row of await listHolidayYearRows(db)) {
    byYear.set(row.year, { data: row.data, origin: 'database', updatedAt: new Date(row.updated_at) });
  }
  return [...byYear.values()].sort((a, b) => a.data.year - b.data.year);
}

export async function getYear(db: Database, year: number): Promise<YearEntry> {
  const row = await findHolidayYearRow(db, year);
  if (row) return { data: row.data, origin: 'database', updatedAt: new Date(row.updated_at) };
  const data = readShippedYears().find((y) => y.year === year);
  if (!data) throw notFound('calendar-year-unknown', `${year} 年的节假日安排尚未录入 (no holiday data for ${year})`);
  return { data, origin: 'shipped', updatedAt: null };
}

/** Corrects a year or adds a newly announced one (calendar.write, system administrators). */
export async function putYear(db: Database, actor: Actor, year: number, input: YearBodyInput, ip?: string): Promise<YearEntry> {
  if (!can(actor, 'calendar.write')) throw forbidden();
  const raw: YearData = {
    year,
    source: { title: input.source.title, number: input.source.number ?? null, issued: input.source.issued ?? null, url: input.source.url ?? null },
    holidays: input.holidays,
    makeupWorkdays: input.makeupWorkdays,
  };
  assertYearDataValid(raw);
  const data = normalizeYearData(raw);
  const source = [data.source.title, data.source.number, data.source.url].filter(Boolean).join(' ');
  const updatedAt = await db.transaction().execute(async (trx) => {
    const previous = (await findHolidayYearRow(trx, year))?.data ?? readShippedYears().find((y) => y.year === year) ?? null;
    const at = await upsertHolidayYearRow(trx, data, source, actor.userId);
    await recordAudit(trx, actor, {
      action: previous ? 'calendar.year.correct' : 'calendar.year.add',
      objectType: 'holiday_year',
      objectId: String(year),
      changes: { source, ...diffYearData(previous, data) },
      ip,
    });
    return at;
  });
  calendars.delete(db);
  return { data, origin: 'database', updatedAt };
}

/**
 * Runs a calendar computation for a route, naming the offending query parameters: the one a
 * malformed value came in, or for a year without holiday data the dates in that year (else every
 * parameter: the span or the count walked into it).
 */
function inQuery<T>(query: Record<string, string | number>, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (!(error instanceof CalendarError)) throw error;
    if (error.invalidParams.length) {
      throw new DomainError(
        error.status,
        error.code,
        error.detail,
        error.invalidParams.map((p) => ({ ...p, name: `querystring.${p.name}` })),
      );
    }
    if (error.code !== 'calendar-year-unknown') throw error;
    const inYear = Object.keys(query).filter((k) => String(query[k]).startsWith(`${error.year}-`));
    const reason = `${error.year} 年无节假日数据 (no holiday data for ${error.year})`;
    const names = (inYear.length ? inYear : Object.keys(query)).map((k) => ({ name: `querystring.${k}`, reason }));
    throw new DomainError(error.status, error.code, error.detail, names, error.extra);
  }
}

export async function addWorkingDaysFor(db: Database, date: string, n: number): Promise<string> {
  const calendar = await calendarFor(db);
  return inQuery({ date, n }, () => calendar.addWorkingDays(date, n));
}

export async function countWorkingDaysFor(db: Database, from: string, to: string): Promise<number> {
  const calendar = await calendarFor(db);
  return inQuery({ from, to }, () => calendar.countWorkingDays(from, to));
}
