// Typed calendar errors. They extend DomainError so that an error escaping any service (a case
// deadline computed for a year without holiday data) still becomes a clear problem+json answer,
// never a 500.
import { DomainError } from '../../http/errors.js';

export type CalendarErrorCode = 'calendar-year-unknown' | 'calendar-invalid-date' | 'calendar-invalid-count';

export class CalendarError extends DomainError {
  constructor(
    readonly code: CalendarErrorCode,
    status: number,
    detail: string,
    field?: string,
    readonly year?: number,
  ) {
    super(status, code, detail, field ? [{ name: field, reason: detail }] : [], year === undefined ? {} : { year });
    this.name = 'CalendarError';
  }
}

/**
 * A computation touched a year whose State Council holiday arrangement (国务院办公厅部分节假日安排)
 * is not in the calendar. Treating it as plain weekdays would move legal deadlines silently.
 */
export function yearUnknown(year: number): CalendarError {
  return new CalendarError(
    'calendar-year-unknown',
    422,
    `${year} 年的节假日安排尚未录入，无法计算工作日，请管理员先录入国务院办公厅公布的 ${year} 年安排 ` +
      `(no holiday data for ${year}: working days cannot be computed until the ${year} State Council holiday arrangement is entered)`,
    undefined,
    year,
  );
}

export function invalidDate(field: string, value: string): CalendarError {
  const shown = value.length > 20 ? `${value.slice(0, 20)}…` : value;
  return new CalendarError(
    'calendar-invalid-date',
    400,
    `${field} 不是有效日期，应为 YYYY-MM-DD 格式的真实日期 (${field} "${shown}" is not a real date in YYYY-MM-DD form)`,
    field,
  );
}

export function invalidCount(field: string, value: unknown): CalendarError {
  return new CalendarError(
    'calendar-invalid-count',
    400,
    `${field} 应为不小于 0 的整数 (${field} must be a whole number ≥ 0, got ${String(value).slice(0, 20)})`,
    field,
  );
}
