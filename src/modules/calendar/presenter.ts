// The only place a holiday year becomes JSON.
import type { YearEntry } from './service.js';

export function presentYear(entry: YearEntry) {
  return { ...entry.data, origin: entry.origin, updatedAt: entry.updatedAt?.toISOString() ?? null };
}

export function presentYearSummary(entry: YearEntry) {
  return {
    year: entry.data.year,
    sourceTitle: entry.data.source.title,
    sourceNumber: entry.data.source.number,
    holidayCount: entry.data.holidays.length,
    makeupWorkdayCount: entry.data.makeupWorkdays.length,
    origin: entry.origin,
    updatedAt: entry.updatedAt?.toISOString() ?? null,
  };
}
