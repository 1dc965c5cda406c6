// Dates as 'YYYY-MM-DD' strings and as day numbers (days since 1970-01-01). A legal date has no
// time zone, so nothing here touches Date objects: the conversions are the proleptic Gregorian
// arithmetic of "days from civil", which is exact and fast enough for a million calls a second.
import { invalidCount, invalidDate } from './errors.js';

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1];
}

/** Day number of a civil date (month 1–12). */
export function dayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The civil date of a day number. */
export function civilOf(n: number): { year: number; month: number; day: number } {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

export function formatDayNumber(n: number): string {
  const { year, month, day } = civilOf(n);
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

export function isWeekend(n: number): boolean {
  const w = weekdayOf(n);
  return w === 0 || w === 6;
}

// Reads a 4-digit or 2-digit decimal field by char codes; -1 when a character is not a digit.
function digits(s: string, start: number, count: number): number {
  let v = 0;
  for (let i = start; i < start + count; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** Parses a real 'YYYY-MM-DD' date (years 1000–9999); null when it is not one. */
export function tryParseDate(value: unknown): { year: number; month: number; day: number; n: number } | null {
  if (typeof value !== 'string' || value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return null;
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 2);
  const day = digits(value, 8, 2);
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day, n: dayNumber(year, month, day) };
}

export function isValidDate(value: unknown): value is string {
  return tryParseDate(value) !== null;
}

/** Day number of a 'YYYY-MM-DD' date; throws calendar-invalid-date naming the field otherwise. */
export function parseDate(value: string, field = 'date'): number {
  const parsed = tryParseDate(value);
  if (!parsed) throw invalidDate(field, String(value));
  return parsed.n;
}

export function checkCount(n: number, field = 'n'): number {
  if (!Number.isSafeInteger(n) || n < 0) throw invalidCount(field, n);
  return n;
}

/**
 * The date n calendar days after `date` (limits written in 日, e.g. 差评 rectified within 7 日).
 * Pure arithmetic: it needs no holiday data. For the Civil Code rule that moves a period ending
 * on a rest day, use WorkingCalendar.calendarDayDeadline.
 */
export function addCalendarDays(date: string, n: number): string {
  if (!Number.isSafeInteger(n)) throw invalidCount('n', n);
  return formatDayNumber(parseDate(date) + n);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function calendarDaysBetween(from: string, to: string): number {
  return parseDate(to, 'to') - parseDate(from, 'from');
}
