// Dates and times as the admin app shows them. The platform stores instants in UTC and shows them
// in Asia/Shanghai (兴安盟's time) whatever zone the viewer's machine is set to, so a clerk on a
// laptop left on another zone still reads the times the applicant and the documents read. Calendar
// dates the API already sends as 'YYYY-MM-DD' (施行日期, 补正期限 …) are shown as they are: passing
// them through a Date would read them as UTC midnight and could shift them by a day.

export const DISPLAY_TIME_ZONE = 'Asia/Shanghai';

const EMPTY = '—';
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

// hourCycle h23: with hour12: false some engines write midnight as 24:00.
const PARTS = new Intl.DateTimeFormat('en-US', {
  timeZone: DISPLAY_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

type Instant = string | number | Date;

/** The wall clock of an instant in Asia/Shanghai, or null for a value that is not a time. */
function shanghai(value: Instant): { date: string; minute: string; second: string } | null {
  const instant = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(instant.getTime())) return null;
  const part: Record<string, string> = {};
  for (const { type, value: v } of PARTS.formatToParts(instant)) part[type] = v;
  const date = `${part.year}-${part.month}-${part.day}`;
  const minute = `${date} ${part.hour}:${part.minute}`;
  return { date, minute, second: `${minute}:${part.second}` };
}

/** An instant (ISO 8601 from the API) as 2026-03-02 01:30 in Asia/Shanghai; '—' when absent. */
export function formatDateTime(value: Instant | null | undefined, options: { seconds?: boolean } = {}): string {
  if (value === null || value === undefined || value === '') return EMPTY;
  const wall = shanghai(value);
  if (!wall) return EMPTY;
  return options.seconds ? wall.second : wall.minute;
}

/**
 * A calendar date as 2026-03-02: a 'YYYY-MM-DD' string unchanged, an instant as its day in
 * Asia/Shanghai; '—' when absent.
 */
export function formatDate(value: Instant | null | undefined): string {
  if (value === null || value === undefined || value === '') return EMPTY;
  if (typeof value === 'string' && CALENDAR_DATE.test(value)) return value;
  return shanghai(value)?.date ?? EMPTY;
}

/** Today in Asia/Shanghai as 'YYYY-MM-DD', the calendar the API's dates are on. */
export function todayInShanghai(now: Date = new Date()): string {
  return formatDate(now);
}
