import { describe, expect, it } from 'vitest';
import { readShippedYears } from './shipped.js';
import { validateYearData, type YearData } from './year-data.js';

const shipped = new Map(readShippedYears().map((y) => [y.year, y]));
const offDays = (year: number) => shipped.get(year)!.holidays.map((h) => h.date);
const makeup = (year: number) => shipped.get(year)!.makeupWorkdays.map((h) => h.date);

function range(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) {
    out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

describe('shipped holiday data matches the State Council notices', () => {
  it('ships 2024, 2025 and 2026, each naming its notice', () => {
    expect([...shipped.keys()]).toEqual(expect.arrayContaining([2024, 2025, 2026]));
    expect(shipped.get(2025)!.source).toMatchObject({ number: '国办发明电〔2024〕12号', issued: '2024-11-12' });
    expect(shipped.get(2026)!.source.title).toBe('国务院办公厅关于2026年部分节假日安排的通知');
    for (const y of shipped.values()) expect(y.source.url).toMatch(/^https:\/\/www\.gov\.cn\//);
  });

  it('2025 (国办发明电〔2024〕12号)', () => {
    expect(offDays(2025)).toEqual([
      '2025-01-01',
      ...range('2025-01-28', '2025-02-04'),
      ...range('2025-04-04', '2025-04-06'),
      ...range('2025-05-01', '2025-05-05'),
      ...range('2025-05-31', '2025-06-02'),
      ...range('2025-10-01', '2025-10-08'),
    ]);
    expect(makeup(2025)).toEqual(['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']);
  });

  it('2026 (国办发明电〔2025〕7号)', () => {
    expect(offDays(2026)).toEqual([
      ...range('2026-01-01', '2026-01-03'),
      ...range('2026-02-15', '2026-02-23'),
      ...range('2026-04-04', '2026-04-06'),
      ...range('2026-05-01', '2026-05-05'),
      ...range('2026-06-19', '2026-06-21'),
      ...range('2026-09-25', '2026-09-27'),
      ...range('2026-10-01', '2026-10-07'),
    ]);
    expect(makeup(2026)).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
  });

  it('2024 (国办发明电〔2023〕7号)', () => {
    expect(offDays(2024)).toEqual([
      '2024-01-01',
      ...range('2024-02-10', '2024-02-17'),
      ...range('2024-04-04', '2024-04-06'),
      ...range('2024-05-01', '2024-05-05'),
      '2024-06-10',
      ...range('2024-09-15', '2024-09-17'),
      ...range('2024-10-01', '2024-10-07'),
    ]);
    expect(makeup(2024)).toEqual(['2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12']);
  });
});

describe('validateYearData', () => {
  const good = (): YearData => ({
    year: 2027,
    source: { title: '国务院办公厅关于2027年部分节假日安排的通知', number: null, issued: null, url: null },
    holidays: [{ date: '2027-01-01', name: '元旦' }],
    makeupWorkdays: [],
  });
  const codes = (d: YearData) => validateYearData(d).map((p) => `${p.field}:${p.code}`);

  it('accepts a sensible year', () => {
    expect(codes(good())).toEqual([]);
  });

  it('refuses a date outside the year, an impossible date and a duplicate', () => {
    const d = good();
    d.holidays.push({ date: '2026-12-31', name: '元旦' }, { date: '2027-02-30', name: '春节' }, { date: '2027-01-01', name: '元旦' });
    expect(codes(d)).toEqual(['holidays.1.date:calendar-date-outside-year', 'holidays.2.date:calendar-date-invalid', 'holidays.3.date:calendar-date-duplicate']);
  });

  it('refuses a day that is both off and a make-up working day, and a make-up day on a weekday', () => {
    const d = good();
    d.holidays.push({ date: '2027-02-06', name: '春节' });
    // 2027-02-06 is a Saturday; 2027-02-08 a Monday.
    d.makeupWorkdays.push({ date: '2027-02-06', name: '春节' }, { date: '2027-02-08', name: '春节' });
    expect(codes(d)).toEqual(['makeupWorkdays.0.date:calendar-date-both', 'makeupWorkdays.1.date:calendar-makeup-not-weekend']);
  });

  it('requires a source, at least one holiday and a year in range', () => {
    expect(codes({ ...good(), source: { title: ' ', number: null, issued: null, url: 'ftp://x' } })).toEqual([
      'source.title:calendar-source-missing',
      'source.url:calendar-source-url-invalid',
    ]);
    expect(codes({ ...good(), holidays: [] })).toEqual(['holidays:calendar-holidays-empty']);
    expect(codes({ ...good(), year: 1999 })).toEqual(['year:calendar-year-out-of-range']);
  });
});
