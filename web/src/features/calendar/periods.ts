// The State Council announces holidays as periods (“2月15日至23日放假调休，共9天”) and make-up working
// days one by one; the API stores single dates. These turn one form into the other, so the editor
// reads like the notice an administrator copies from.

export interface NamedDate {
  date: string;
  name: string;
}

/** A run of days off for one festival, both ends included, as 'YYYY-MM-DD'. */
export interface HolidayPeriod {
  name: string;
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;

function toUtcDay(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y!, m! - 1, d!) / DAY_MS;
}

function fromUtcDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Consecutive days off of the same festival become one period; the list comes back in date order. */
export function periodsOf(holidays: readonly NamedDate[]): HolidayPeriod[] {
  const sorted = [...holidays].sort((a, b) => a.date.localeCompare(b.date));
  const periods: HolidayPeriod[] = [];
  for (const { date, name } of sorted) {
    const last = periods[periods.length - 1];
    if (last && last.name === name && toUtcDay(date) === toUtcDay(last.to) + 1) last.to = date;
    else periods.push({ name, from: date, to: date });
  }
  return periods;
}

/** Every day of every period, in date order. */
export function datesOf(periods: readonly HolidayPeriod[]): NamedDate[] {
  const dates: NamedDate[] = [];
  for (const p of periods) {
    for (let day = toUtcDay(p.from); day <= toUtcDay(p.to); day++) dates.push({ date: fromUtcDay(day), name: p.name });
  }
  return dates.sort((a, b) => a.date.localeCompare(b.date));
}

/** Number of days in a period, both ends included (共 N 天). */
export function periodLength(p: Pick<HolidayPeriod, 'from' | 'to'>): number {
  return toUtcDay(p.to) - toUtcDay(p.from) + 1;
}

/** What is wrong with a period before it is sent, in Chinese; null when nothing is. */
export function periodProblem(p: Partial<HolidayPeriod>, year: number): string | null {
  if (!p.name?.trim()) return '请填写节日名称';
  if (!p.from || !p.to) return '请选择起止日期';
  if (!p.from.startsWith(`${year}-`) || !p.to.startsWith(`${year}-`)) return `日期须在 ${year} 年内`;
  if (p.to < p.from) return '结束日期不能早于开始日期';
  return null;
}

/** The weekday of a date, as a notice writes it: 周一 … 周日. */
export function weekdayName(date: string): string {
  return ['周日', '周一', '周二', '周三', '周四', '周五', '周六'][new Date(toUtcDay(date) * DAY_MS).getUTCDay()]!;
}

export const isWeekendDate = (date: string): boolean => {
  const d = new Date(toUtcDay(date) * DAY_MS).getUTCDay();
  return d === 0 || d === 6;
};

/** The festivals a State Council notice names, in the order it names them. */
export const FESTIVALS = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'] as const;

/**
 * The year whose arrangement is missing and matters soon, for an administrator's reminder: the
 * current year when it has none (limits cannot be counted at all), else next year when it has none.
 */
export function missingYear(knownYears: readonly number[], today: string): number | null {
  const year = Number(today.slice(0, 4));
  if (!knownYears.includes(year)) return year;
  if (!knownYears.includes(year + 1)) return year + 1;
  return null;
}

/** From this month of the year on, a missing next year is worth a reminder on every page. */
const REMIND_FROM_MONTH = 11;

/**
 * The reminder to show, if any: an error when this year has no arrangement (nothing can be counted),
 * a warning when next year has none — on every page from November, when the State Council announces
 * it, and at any time on the calendar page itself.
 */
export function calendarReminder(knownYears: readonly number[], today: string, where: 'calendar-page' | 'every-page'): { year: number; severity: 'error' | 'warning' } | null {
  const year = missingYear(knownYears, today);
  if (year === null) return null;
  if (year === Number(today.slice(0, 4))) return { year, severity: 'error' };
  if (where === 'every-page' && Number(today.slice(5, 7)) < REMIND_FROM_MONTH) return null;
  return { year, severity: 'warning' };
}
