// One year's holiday arrangement (部分节假日安排) as the State Council General Office (国务院办公厅)
// announces it: the days off (放假, including the weekend days inside a holiday period) and the
// make-up working days (调休上班) that fall on weekends. Everything else follows the week.
import { dayNumber, isWeekend, tryParseDate } from './dates.js';

export interface HolidaySource {
  /** e.g. 国务院办公厅关于2025年部分节假日安排的通知 */
  title: string;
  /** Document number (文号), e.g. 国办发明电〔2024〕12号; null when not known. */
  number: string | null;
  /** Date the notice was issued, YYYY-MM-DD; null when not known. */
  issued: string | null;
  url: string | null;
}

export interface NamedDate {
  date: string;
  /** The festival it belongs to: 元旦, 春节, 清明节, 劳动节, 端午节, 中秋节, 国庆节 … */
  name: string;
}

export interface YearData {
  year: number;
  source: HolidaySource;
  /** Days off (放假). */
  holidays: NamedDate[];
  /** Weekend days that are working days (调休上班). */
  makeupWorkdays: NamedDate[];
}

export interface YearDataProblem {
  /** Field path, e.g. holidays.3.date */
  field: string;
  code: string;
  /** Chinese, then English. */
  message: string;
}

export const MIN_CALENDAR_YEAR = 2000;
export const MAX_CALENDAR_YEAR = 2100;

function checkDates(
  data: YearData,
  list: 'holidays' | 'makeupWorkdays',
  seen: Map<string, string>,
  problems: YearDataProblem[],
): void {
  const entries = data[list];
  entries.forEach((entry, i) => {
    const field = `${list}.${i}`;
    const parsed = tryParseDate(entry?.date);
    if (!parsed) {
      problems.push({ field: `${field}.date`, code: 'calendar-date-invalid', message: `日期无效 (not a real YYYY-MM-DD date): ${String(entry?.date).slice(0, 20)}` });
      return;
    }
    if (parsed.year !== data.year) {
      problems.push({ field: `${field}.date`, code: 'calendar-date-outside-year', message: `${entry.date} 不在 ${data.year} 年内 (${entry.date} is not in ${data.year})` });
    }
    if (typeof entry.name !== 'string' || entry.name.trim() === '' || entry.name.length > 40) {
      problems.push({ field: `${field}.name`, code: 'calendar-name-invalid', message: '节日名称不能为空且不超过 40 字 (name must be 1–40 characters)' });
    }
    const earlier = seen.get(entry.date);
    if (earlier === list) {
      problems.push({ field: `${field}.date`, code: 'calendar-date-duplicate', message: `${entry.date} 重复出现 (${entry.date} is listed twice)` });
    } else if (earlier) {
      problems.push({ field: `${field}.date`, code: 'calendar-date-both', message: `${entry.date} 不能既放假又调休上班 (${entry.date} cannot be both a holiday and a make-up working day)` });
    }
    seen.set(entry.date, list);
    // A make-up working day only makes sense on a weekend: a weekday already is a working day.
    if (list === 'makeupWorkdays' && !isWeekend(dayNumber(parsed.year, parsed.month, parsed.day))) {
      problems.push({ field: `${field}.date`, code: 'calendar-makeup-not-weekend', message: `调休上班日 ${entry.date} 应为周六或周日 (make-up working day ${entry.date} must be a Saturday or Sunday)` });
    }
  });
}

function checkSource(source: HolidaySource | undefined, problems: YearDataProblem[]): void {
  if (!source || typeof source.title !== 'string' || source.title.trim() === '') {
    problems.push({ field: 'source.title', code: 'calendar-source-missing', message: '须注明依据的通知名称 (the notice this data comes from must be named)' });
  }
  if (source?.url && !/^https?:\/\/\S+$/.test(source.url)) {
    problems.push({ field: 'source.url', code: 'calendar-source-url-invalid', message: '来源网址须以 http(s):// 开头 (source url must be http(s))' });
  }
  if (source?.issued && !tryParseDate(source.issued)) {
    problems.push({ field: 'source.issued', code: 'calendar-date-invalid', message: '发布日期无效 (issued is not a real date)' });
  }
}

/** Every problem of a year's data; an empty list means it can be used. */
export function validateYearData(data: YearData): YearDataProblem[] {
  const problems: YearDataProblem[] = [];
  if (!Number.isInteger(data.year) || data.year < MIN_CALENDAR_YEAR || data.year > MAX_CALENDAR_YEAR) {
    problems.push({ field: 'year', code: 'calendar-year-out-of-range', message: `年份须在 ${MIN_CALENDAR_YEAR}–${MAX_CALENDAR_YEAR} 之间 (year must be ${MIN_CALENDAR_YEAR}–${MAX_CALENDAR_YEAR})` });
    return problems;
  }
  checkSource(data.source, problems);
  if (!Array.isArray(data.holidays) || data.holidays.length === 0) {
    // Every year has statutory holidays (元旦 at least); an empty list is a mistake, not a year.
    problems.push({ field: 'holidays', code: 'calendar-holidays-empty', message: '放假日期不能为空 (a year has at least one holiday)' });
  }
  const seen = new Map<string, string>();
  if (Array.isArray(data.holidays)) checkDates(data, 'holidays', seen, problems);
  if (!Array.isArray(data.makeupWorkdays)) {
    problems.push({ field: 'makeupWorkdays', code: 'calendar-makeup-missing', message: '须提供调休上班日列表（可为空）(makeupWorkdays must be a list, possibly empty)' });
  } else {
    checkDates(data, 'makeupWorkdays', seen, problems);
  }
  return problems;
}

/** The same data with both lists sorted by date: stored and shown in one canonical order. */
export function normalizeYearData(data: YearData): YearData {
  const byDate = (a: NamedDate, b: NamedDate) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);
  return {
    year: data.year,
    source: {
      title: data.source.title.trim(),
      number: data.source.number?.trim() || null,
      issued: data.source.issued || null,
      url: data.source.url?.trim() || null,
    },
    holidays: data.holidays.map((h) => ({ date: h.date, name: h.name.trim() })).sort(byDate),
    makeupWorkdays: data.makeupWorkdays.map((h) => ({ date: h.date, name: h.name.trim() })).sort(byDate),
  };
}
