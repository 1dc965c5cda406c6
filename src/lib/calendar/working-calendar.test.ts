import { describe, expect, it } from 'vitest';
import { CalendarError } from './errors.js';
import { addCalendarDays } from './dates.js';
import { buildCalendar, shippedCalendar } from './shipped.js';
import { WorkingCalendar } from './working-calendar.js';
import type { YearData } from './year-data.js';

const cal = shippedCalendar();

function refusal(fn: () => unknown): CalendarError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CalendarError) return error;
    throw error;
  }
  throw new Error('expected a CalendarError');
}

describe('addWorkingDays across 春节 2025 (1/28–2/4 off, 1/26 Sun and 2/8 Sat working)', () => {
  it('counts the Sunday make-up day and skips the festival', () => {
    // Fri 1/24 → Sun 1/26 (调休上班) is the 1st, Mon 1/27 the 2nd, Wed 2/5 the 3rd.
    expect(cal.addWorkingDays('2025-01-24', 1)).toBe('2025-01-26');
    expect(cal.addWorkingDays('2025-01-24', 2)).toBe('2025-01-27');
    expect(cal.addWorkingDays('2025-01-24', 3)).toBe('2025-02-05');
  });

  it('counts the Saturday make-up day after the festival', () => {
    // Wed 2/5, Thu 2/6, Fri 2/7, Sat 2/8 (调休上班), Mon 2/10.
    expect(cal.addWorkingDays('2025-02-04', 4)).toBe('2025-02-08');
    expect(cal.addWorkingDays('2025-02-04', 5)).toBe('2025-02-10');
  });

  it('with N = 0 gives a working day itself, and the next working day for a holiday', () => {
    expect(cal.addWorkingDays('2025-01-27', 0)).toBe('2025-01-27');
    expect(cal.addWorkingDays('2025-01-28', 0)).toBe('2025-02-05');
    expect(cal.addWorkingDays('2025-01-26', 0)).toBe('2025-01-26');
    expect(cal.addWorkingDays('2025-02-09', 0)).toBe('2025-02-10');
  });
});

describe('addWorkingDays across 国庆+中秋 2025 (10/1–10/8 off, 9/28 Sun and 10/11 Sat working)', () => {
  it('lands after the eight-day holiday', () => {
    // Fri 9/26 → Sun 9/28, Mon 9/29, Tue 9/30, Thu 10/9, Fri 10/10, Sat 10/11, Mon 10/13.
    expect(cal.addWorkingDays('2025-09-26', 1)).toBe('2025-09-28');
    expect(cal.addWorkingDays('2025-09-26', 4)).toBe('2025-10-09');
    expect(cal.addWorkingDays('2025-09-26', 6)).toBe('2025-10-11');
    expect(cal.addWorkingDays('2025-09-26', 7)).toBe('2025-10-13');
    expect(cal.addWorkingDays('2025-10-06', 0)).toBe('2025-10-09');
  });

  it('a 20-working-day limit (Art. 35 policies) from 2025-09-15 ends on 2025-10-17', () => {
    // September 16–30 has 12 working days incl. Sun 9/28; 10/9, 10/10, Sat 10/11, 10/13–10/17 give 8.
    expect(cal.addWorkingDays('2025-09-15', 20)).toBe('2025-10-17');
    expect(cal.countWorkingDays('2025-09-15', '2025-10-17')).toBe(20);
  });
});

describe('across the year boundary', () => {
  it('moves from 2025 into 2026 (元旦 1/1–1/3 off, 1/4 Sun working)', () => {
    expect(cal.addWorkingDays('2025-12-31', 1)).toBe('2026-01-04');
    expect(cal.countWorkingDays('2025-12-30', '2026-01-05')).toBe(3);
  });

  it('2026 春节: 2/15–2/23 off, 2/14 and 2/28 Saturdays working', () => {
    expect(cal.addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(cal.addWorkingDays('2026-02-14', 1)).toBe('2026-02-24');
    expect(cal.isWorkingDay('2026-02-28')).toBe(true);
  });
});

describe('countWorkingDays counts (FROM, TO]', () => {
  it('excludes FROM and includes TO', () => {
    expect(cal.countWorkingDays('2025-03-03', '2025-03-03')).toBe(0);
    expect(cal.countWorkingDays('2025-03-03', '2025-03-04')).toBe(1);
    expect(cal.countWorkingDays('2025-03-07', '2025-03-10')).toBe(1);
    // 1/26 (Sun, 调休), 1/27, 2/5, 2/6, 2/7, 2/8 (Sat, 调休).
    expect(cal.countWorkingDays('2025-01-24', '2025-02-08')).toBe(6);
  });

  it('is the inverse of addWorkingDays from a working day', () => {
    for (const n of [1, 5, 17, 40, 250]) {
      expect(cal.countWorkingDays('2025-01-02', cal.addWorkingDays('2025-01-02', n))).toBe(n);
    }
  });

  it('is negative when TO is before FROM (a deadline already passed)', () => {
    expect(cal.countWorkingDays('2025-02-05', '2025-01-24')).toBe(-3);
  });

  it('a whole year: 2025 has 248 working days', () => {
    // 261 weekdays, 18 of them holidays (元旦 1, 春节 6, 清明 1, 劳动节 3, 端午 1, 国庆中秋 6), plus 5 调休 days.
    expect(cal.countWorkingDays('2024-12-31', '2025-12-31')).toBe(248);
  });
});

describe('years without holiday data are refused, never treated as plain weekdays', () => {
  it('refuses a date in 2030 naming the year', () => {
    const e = refusal(() => cal.addWorkingDays('2030-03-01', 1));
    expect(e.code).toBe('calendar-year-unknown');
    expect(e.year).toBe(2030);
    expect(e.detail).toContain('2030');
    expect(e.status).toBe(422);
  });

  it('refuses a span that crosses into a year without data', () => {
    const e = refusal(() => cal.addWorkingDays('2026-12-24', 10));
    expect(e.year).toBe(2027);
    expect(refusal(() => cal.countWorkingDays('2026-12-01', '2027-01-05')).year).toBe(2027);
    expect(refusal(() => cal.countWorkingDays('2023-12-29', '2024-01-05')).year).toBe(2023);
  });

  it('refuses a span over a gap year between two known years', () => {
    const y2030: YearData = {
      year: 2030,
      source: { title: 'test', number: null, issued: null, url: null },
      holidays: [{ date: '2030-01-01', name: '元旦' }],
      makeupWorkdays: [],
    };
    const gappy = buildCalendar([y2030]);
    expect(gappy.addWorkingDays('2030-01-01', 1)).toBe('2030-01-02');
    expect(refusal(() => gappy.countWorkingDays('2026-06-01', '2030-01-02')).year).toBe(2027);
    expect(refusal(() => gappy.addWorkingDays('2026-12-31', 1)).year).toBe(2027);
  });
});

describe('bad input', () => {
  it('names the field of an impossible date and a negative count', () => {
    const bad = refusal(() => cal.addWorkingDays('2025-02-29', 1));
    expect(bad.code).toBe('calendar-invalid-date');
    expect(bad.invalidParams[0].name).toBe('date');
    expect(refusal(() => cal.addWorkingDays('2025-02-03', -1)).code).toBe('calendar-invalid-count');
    expect(refusal(() => cal.addWorkingDays('2025-02-03', 1.5)).code).toBe('calendar-invalid-count');
    expect(refusal(() => cal.countWorkingDays('2025-13-01', '2025-02-03')).invalidParams[0].name).toBe('from');
  });

  it('refuses to build a calendar from nothing', () => {
    expect(() => new WorkingCalendar([])).toThrow();
  });
});

describe('limits in calendar days (日)', () => {
  it('adds calendar days across months and leap years', () => {
    expect(addCalendarDays('2025-02-25', 7)).toBe('2025-03-04');
    expect(addCalendarDays('2024-02-25', 7)).toBe('2024-03-03');
    expect(addCalendarDays('2025-12-28', 7)).toBe('2026-01-04');
  });

  it('moves a period ending on a rest day to the next working day (民法典 第二百零三条)', () => {
    expect(cal.calendarDayDeadline('2025-09-24', 7)).toBe('2025-10-09');
    expect(cal.calendarDayDeadline('2025-03-03', 7)).toBe('2025-03-10');
  });

  it('describes a day with its festival', () => {
    expect(cal.describeDay('2025-10-06')).toEqual({ date: '2025-10-06', kind: 'holiday', working: false, name: '中秋节' });
    expect(cal.describeDay('2025-09-28').kind).toBe('makeup-working');
    expect(cal.describeDay('2025-03-08').kind).toBe('weekend');
  });
});
