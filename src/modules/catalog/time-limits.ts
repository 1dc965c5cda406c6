// Time limits (时限) of a guide in working days (工作日). A guide is not tied to a date, so a
// limit the law writes in calendar days (日) has no exact working-day equivalent: we bound it by
// weekends only (a calendar week holds five working days) and round so that no comparison ever
// passes on rounding. Public holidays would only lower the lower bound further; the linter
// therefore also warns that such limits should be written in working days (宜以工作日计).
import type { TimeLimit } from './guide-content.js';

export interface WorkingDayBounds {
  /** The fewest working days the limit can be (used for a ceiling: a legal limit). */
  min: number;
  /** The most working days the limit can be (used for what must fit under a ceiling: a promise). */
  max: number;
}

export function workingDayBounds(limit: TimeLimit): WorkingDayBounds {
  if (limit.unit === 'working-day') return { min: limit.days, max: limit.days };
  return { min: Math.floor((limit.days * 5) / 7), max: Math.ceil((limit.days * 5) / 7) };
}

/** True when `inner` may take longer than `outer` allows: exact in one unit, conservative across units. */
export function mayExceed(inner: TimeLimit, outer: TimeLimit): boolean {
  if (inner.unit === outer.unit) return inner.days > outer.days;
  return workingDayBounds(inner).max > workingDayBounds(outer).min;
}

/** A readable limit: "20个工作日" or "30日（自然日）". */
export function formatLimit(limit: TimeLimit | undefined): string {
  if (!limit || typeof limit.days !== 'number') return '未填写';
  return limit.unit === 'calendar-day' ? `${limit.days}日（自然日）` : `${limit.days}个工作日`;
}

/** A limit that is well-formed enough to compute with (drafts may carry partial objects). */
export function isTimeLimit(value: unknown): value is TimeLimit {
  const v = value as Partial<TimeLimit> | undefined;
  return !!v && typeof v.days === 'number' && Number.isFinite(v.days) && (v.unit === 'working-day' || v.unit === 'calendar-day');
}

/** The English twin of formatLimit: "20 working days", "30 calendar days". */
export function formatLimitEn(limit: TimeLimit): string {
  return `${limit.days} ${limit.unit === 'calendar-day' ? 'calendar' : 'working'} day${limit.days === 1 ? '' : 's'}`;
}
