// Rules for an administrator's holiday arrangement (节假日安排) of one year.
import { unprocessable } from '../../http/errors.js';
import { validateYearData, type YearData } from '../../lib/calendar/index.js';

/**
 * The year must be internally sound: dates real and inside the year, no day both off and a
 * make-up working day (调休上班), make-up days on weekends, a named source notice.
 */
export function assertYearDataValid(data: YearData): void {
  const problems = validateYearData(data);
  if (problems.length === 0) return;
  throw unprocessable(
    'calendar-year-data-invalid',
    `${data.year} 年节假日安排有误：${problems.map((p) => p.message).join('；')} (the holiday arrangement for ${data.year} has ${problems.length} problem(s))`,
    problems.map((p) => ({ name: `body.${p.field}`, reason: p.message })),
  );
}

/** Dates added and removed between two versions of a year, for the audit record. */
export function diffYearData(before: YearData | null, after: YearData): Record<string, string[]> {
  const dates = (d: YearData | null, key: 'holidays' | 'makeupWorkdays') => new Set((d?.[key] ?? []).map((x) => x.date));
  const diff: Record<string, string[]> = {};
  for (const key of ['holidays', 'makeupWorkdays'] as const) {
    const a = dates(before, key);
    const b = dates(after, key);
    diff[`${key}Added`] = [...b].filter((x) => !a.has(x));
    diff[`${key}Removed`] = [...a].filter((x) => !b.has(x));
  }
  return diff;
}
