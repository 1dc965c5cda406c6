// The holiday editor shows the State Council's periods and sends single dates: the two forms must
// turn into each other without losing or inventing a day.
import { describe, expect, it } from 'vitest';
import { calendarReminder, datesOf, isWeekendDate, missingYear, periodLength, periodProblem, periodsOf, weekdayName } from '../../web/src/features/calendar/periods.js';
import { readShippedYears } from '../../src/lib/calendar/shipped.js';

describe('holiday periods in the calendar editor', () => {
  it('groups the 2026 春节 into one period of 9 days and 国庆节 into 7, and expands them back to the same dates', () => {
    const year = readShippedYears().find((y) => y.year === 2026)!;
    const periods = periodsOf(year.holidays);
    const spring = periods.find((p) => p.name === '春节')!;
    expect(spring).toEqual({ name: '春节', from: '2026-02-15', to: '2026-02-23' });
    expect(periodLength(spring)).toBe(9);
    expect(periods.find((p) => p.name === '国庆节')).toEqual({ name: '国庆节', from: '2026-10-01', to: '2026-10-07' });
    expect(datesOf(periods)).toEqual([...year.holidays].sort((a, b) => a.date.localeCompare(b.date)));
  });

  it('keeps two festivals on adjacent days apart, and one festival split by a working day as two periods', () => {
    const periods = periodsOf([
      { date: '2023-10-01', name: '国庆节' },
      { date: '2023-09-30', name: '中秋节' },
      { date: '2023-09-29', name: '中秋节' },
      { date: '2023-10-03', name: '国庆节' },
    ]);
    expect(periods).toEqual([
      { name: '中秋节', from: '2023-09-29', to: '2023-09-30' },
      { name: '国庆节', from: '2023-10-01', to: '2023-10-01' },
      { name: '国庆节', from: '2023-10-03', to: '2023-10-03' },
    ]);
  });

  it('crosses a month end when expanding', () => {
    expect(datesOf([{ name: '春节', from: '2027-01-30', to: '2027-02-02' }]).map((d) => d.date)).toEqual(['2027-01-30', '2027-01-31', '2027-02-01', '2027-02-02']);
  });

  it('says what is wrong with a period before it is sent', () => {
    expect(periodProblem({ name: '', from: '2027-01-01', to: '2027-01-01' }, 2027)).toBe('请填写节日名称');
    expect(periodProblem({ name: '元旦', from: '2027-01-01' }, 2027)).toBe('请选择起止日期');
    expect(periodProblem({ name: '元旦', from: '2026-12-31', to: '2027-01-01' }, 2027)).toBe('日期须在 2027 年内');
    expect(periodProblem({ name: '元旦', from: '2027-01-03', to: '2027-01-01' }, 2027)).toBe('结束日期不能早于开始日期');
    expect(periodProblem({ name: '元旦', from: '2027-01-01', to: '2027-01-03' }, 2027)).toBeNull();
  });

  it('names weekdays as a notice does', () => {
    expect(weekdayName('2026-02-14')).toBe('周六');
    expect(weekdayName('2026-02-23')).toBe('周一');
    expect(isWeekendDate('2026-02-28')).toBe(true);
    expect(isWeekendDate('2026-02-27')).toBe(false);
  });

  it('reminds of the current year first, then of next year, and of nothing when both are there', () => {
    expect(missingYear([2024, 2025, 2026], '2026-11-26')).toBe(2027);
    expect(missingYear([2024, 2025, 2026], '2027-01-04')).toBe(2027);
    expect(missingYear([2025, 2027], '2026-03-01')).toBe(2026);
    expect(missingYear([2026, 2027], '2026-11-26')).toBeNull();
  });

  it('warns of next year on every page only from November, on the calendar page at any time, and errs when this year is missing', () => {
    const known = [2024, 2025, 2026];
    expect(calendarReminder(known, '2026-10-31', 'every-page')).toBeNull();
    expect(calendarReminder(known, '2026-10-31', 'calendar-page')).toEqual({ year: 2027, severity: 'warning' });
    expect(calendarReminder(known, '2026-11-01', 'every-page')).toEqual({ year: 2027, severity: 'warning' });
    expect(calendarReminder(known, '2027-01-04', 'every-page')).toEqual({ year: 2027, severity: 'error' });
    expect(calendarReminder([...known, 2027], '2026-12-01', 'every-page')).toBeNull();
  });
});
