// The admin app's one way of showing times (web/src/shared/time.ts): instants in Asia/Shanghai
// whatever zone the viewer's machine is on, calendar dates never shifted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, todayInShanghai } from '../../web/src/shared/time.js';

// A clerk's laptop left on New York time (UTC−5 in March).
const machineZone = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'America/New_York';
});
afterAll(() => {
  if (machineZone === undefined) delete process.env.TZ;
  else process.env.TZ = machineZone;
});

describe('formatDateTime', () => {
  it('shows a UTC instant at its Shanghai wall-clock time, not the machine’s', () => {
    const instant = '2026-03-01T17:30:00Z';
    // The machine really is on New York time: its own clock reads the afternoon of 1 March.
    expect(new Date(instant).getHours()).toBe(12);
    expect(formatDateTime(instant)).toBe('2026-03-02 01:30');
    expect(formatDateTime(new Date(instant))).toBe('2026-03-02 01:30');
    expect(formatDateTime('2026-03-01T17:30:09.500Z', { seconds: true })).toBe('2026-03-02 01:30:09');
  });

  it('writes midnight in Shanghai as 00:00 and an offset instant by its moment', () => {
    expect(formatDateTime('2026-03-01T16:00:00Z')).toBe('2026-03-02 00:00');
    expect(formatDateTime('2026-03-02T09:15:00+08:00')).toBe('2026-03-02 09:15');
  });

  it('shows a dash for a missing or unreadable time', () => {
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime(undefined)).toBe('—');
    expect(formatDateTime('')).toBe('—');
    expect(formatDateTime('not a time')).toBe('—');
  });
});

describe('formatDate', () => {
  it('leaves a calendar date as it is, even where UTC midnight is the day before locally', () => {
    expect(new Date('2026-03-02').getDate()).toBe(1); // what reading it as an instant would show
    expect(formatDate('2026-03-02')).toBe('2026-03-02');
  });

  it('shows an instant as its day in Shanghai', () => {
    expect(formatDate('2026-03-01T17:30:00Z')).toBe('2026-03-02');
    expect(formatDate(null)).toBe('—');
  });
});

describe('todayInShanghai', () => {
  it('is the Shanghai calendar day, already tomorrow while New York is in the evening', () => {
    expect(todayInShanghai(new Date('2026-03-01T23:00:00-05:00'))).toBe('2026-03-02');
  });
});
