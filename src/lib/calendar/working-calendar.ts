// The working-day calendar (工作日): weekends are off except make-up working days (调休上班), and
// the holidays of the State Council's yearly arrangement are off. Built once from year data into
// flat arrays so that adding and counting working days is O(1) per call:
//   cum[i]      working days in [base, base + i)
//   work[k]     the day offset of the k-th working day
// Years are usually contiguous; a gap (a year without data between two known ones) is allowed,
// and any computation touching it is refused, like any year outside the data.
import { checkCount, civilOf, dayNumber, formatDayNumber, isWeekend, parseDate } from './dates.js';
import { yearUnknown } from './errors.js';
import type { YearData } from './year-data.js';

export type DayKind = 'working' | 'weekend' | 'holiday' | 'makeup-working';

const KIND_WORKING = 0;
const KIND_WEEKEND = 1;
const KIND_HOLIDAY = 2;
const KIND_MAKEUP = 3;
const KIND_UNKNOWN = 4;
const KIND_NAMES: DayKind[] = ['working', 'weekend', 'holiday', 'makeup-working'];

export class WorkingCalendar {
  private readonly base: number;
  private readonly firstYear: number;
  private readonly lastYear: number;
  private readonly known: Uint8Array;
  private readonly kinds: Uint8Array;
  private readonly yearOfOffset: Uint16Array;
  private readonly cum: Int32Array;
  private readonly work: Int32Array;
  private readonly isoCache: string[];
  private readonly names = new Map<string, string>();

  constructor(years: readonly YearData[]) {
    if (years.length === 0) throw new Error('WorkingCalendar needs at least one year of holiday data');
    const numbers = years.map((y) => y.year);
    this.firstYear = Math.min(...numbers);
    this.lastYear = Math.max(...numbers);
    this.base = dayNumber(this.firstYear, 1, 1);
    const length = dayNumber(this.lastYear + 1, 1, 1) - this.base;
    this.known = new Uint8Array(this.lastYear - this.firstYear + 1);
    this.kinds = new Uint8Array(length).fill(KIND_UNKNOWN);
    this.yearOfOffset = new Uint16Array(length);
    for (let y = this.firstYear; y <= this.lastYear; y++) {
      this.yearOfOffset.fill(y, dayNumber(y, 1, 1) - this.base, dayNumber(y + 1, 1, 1) - this.base);
    }
    for (const data of years) this.fillYear(data);
    this.cum = new Int32Array(length + 1);
    let count = 0;
    for (let i = 0; i < length; i++) {
      this.cum[i] = count;
      if (this.kinds[i] === KIND_WORKING || this.kinds[i] === KIND_MAKEUP) count++;
    }
    this.cum[length] = count;
    this.work = new Int32Array(count);
    for (let i = 0, k = 0; i < length; i++) if (this.cum[i + 1] > this.cum[i]) this.work[k++] = i;
    this.isoCache = Array.from({ length }, (_, i) => formatDayNumber(this.base + i));
  }

  private fillYear(data: YearData): void {
    const start = dayNumber(data.year, 1, 1) - this.base;
    const end = dayNumber(data.year + 1, 1, 1) - this.base;
    this.known[data.year - this.firstYear] = 1;
    for (let i = start; i < end; i++) this.kinds[i] = isWeekend(this.base + i) ? KIND_WEEKEND : KIND_WORKING;
    for (const h of data.holidays) {
      this.kinds[parseDate(h.date) - this.base] = KIND_HOLIDAY;
      this.names.set(h.date, h.name);
    }
    for (const m of data.makeupWorkdays) {
      this.kinds[parseDate(m.date) - this.base] = KIND_MAKEUP;
      this.names.set(m.date, m.name);
    }
  }

  /** Years with holiday data, ascending. */
  knownYears(): number[] {
    const out: number[] = [];
    for (let y = this.firstYear; y <= this.lastYear; y++) if (this.known[y - this.firstYear]) out.push(y);
    return out;
  }

  hasYear(year: number): boolean {
    return year >= this.firstYear && year <= this.lastYear && this.known[year - this.firstYear] === 1;
  }

  /** The first year from `from` on without data. */
  private firstMissingYear(from: number): number {
    let y = from;
    while (this.hasYear(y)) y++;
    return y;
  }

  /** Throws calendar-year-unknown for the first year in [from, to] without data. */
  private requireYears(from: number, to: number): void {
    for (let y = from; y <= to; y++) if (!this.hasYear(y)) throw yearUnknown(y);
  }

  /** Offset of a date inside the data, refusing a date whose year has no data. */
  private offsetOf(date: string, field: string): number {
    const offset = parseDate(date, field) - this.base;
    if (offset < 0 || offset >= this.kinds.length || this.kinds[offset] === KIND_UNKNOWN) {
      throw yearUnknown(civilOf(offset + this.base).year);
    }
    return offset;
  }

  private yearAt(offset: number): number {
    return this.yearOfOffset[offset];
  }

  isWorkingDay(date: string): boolean {
    const kind = this.kinds[this.offsetOf(date, 'date')];
    return kind === KIND_WORKING || kind === KIND_MAKEUP;
  }

  /** What a date is, with the festival's name for holidays and make-up days. */
  describeDay(date: string): { date: string; kind: DayKind; working: boolean; name: string | null } {
    const kind = this.kinds[this.offsetOf(date, 'date')];
    return { date, kind: KIND_NAMES[kind], working: kind === KIND_WORKING || kind === KIND_MAKEUP, name: this.names.get(date) ?? null };
  }

  /**
   * The n-th working day after `date` (n ≥ 0). n = 0 gives `date` itself when it is a working
   * day, else the next working day. Refuses when the span reaches a year without data.
   */
  addWorkingDays(date: string, n: number): string {
    checkCount(n, 'n');
    const offset = this.offsetOf(date, 'date');
    // Working days strictly before the first candidate day: with n = 0 the candidate is the
    // date itself, otherwise the day after it.
    const rank = n === 0 ? this.cum[offset] : this.cum[offset + 1] + n - 1;
    const fromYear = this.yearAt(offset);
    // Past the last working day in the data: the answer lies in a year after the last one known.
    if (rank >= this.work.length) throw yearUnknown(this.firstMissingYear(fromYear));
    const target = this.work[rank];
    const toYear = this.yearAt(target);
    if (toYear !== fromYear) this.requireYears(fromYear, toYear);
    return this.isoCache[target];
  }

  /**
   * Working days in (from, to]: the day `from` itself is not counted, `to` is. When `to` is
   * earlier than `from` the count is negative (minus the working days in (to, from]), so that
   * "working days left" goes below zero once a deadline has passed.
   */
  countWorkingDays(from: string, to: string): number {
    const a = this.offsetOf(from, 'from');
    const b = this.offsetOf(to, 'to');
    const ya = this.yearAt(a);
    const yb = this.yearAt(b);
    if (ya !== yb) this.requireYears(Math.min(ya, yb), Math.max(ya, yb));
    return this.cum[b + 1] - this.cum[a + 1];
  }

  /**
   * A limit in calendar days (日): n days after `date`, and when that last day is a rest day the
   * period ends on the next working day (民法典 第二百零三条: 期间的最后一日是法定休假日的，以法定休假日
   * 结束的次日为期间的最后一日).
   */
  calendarDayDeadline(date: string, n: number): string {
    checkCount(n, 'n');
    const end = formatDayNumber(parseDate(date, 'date') + n);
    return this.addWorkingDays(end, 0);
  }
}
