import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { normalizeYearData } from '../../src/lib/calendar/index.js';
import { upsertHolidayYearRow } from '../../src/modules/calendar/queries.js';
import { CALENDAR_REFRESH_MS } from '../../src/modules/calendar/service.js';
import { createTestApp, type TestApp } from '../helpers.js';
import { makeOrg, makeUser } from '../factories.js';

let t: TestApp;
let admin: { id: string };
let clerk: { id: string };

const year2027 = {
  source: { title: '国务院办公厅关于2027年部分节假日安排的通知', number: null, url: 'https://www.gov.cn/example' },
  // A test arrangement (not the real one): 元旦 1/1–1/3 off, Sun 1/10 working.
  holidays: [
    { date: '2027-01-03', name: '元旦' },
    { date: '2027-01-01', name: '元旦' },
    { date: '2027-01-02', name: '元旦' },
  ],
  makeupWorkdays: [{ date: '2027-01-10', name: '元旦' }],
};

beforeAll(async () => {
  t = await createTestApp();
  const org = await makeOrg(t.db);
  admin = await makeUser(t.db, org.id, ['system-admin']);
  clerk = await makeUser(t.db, org.id, ['window-clerk']);
});
afterAll(async () => t?.close());

describe('working-day computations over HTTP', () => {
  it('adds working days across 春节 2025 and counts (FROM, TO]', async () => {
    const add = await t.app.inject({ method: 'GET', url: '/api/calendar/add-working-days?date=2025-01-24&n=3' });
    expect(add.statusCode).toBe(200);
    expect(add.json()).toEqual({ date: '2025-02-05' });
    const count = await t.app.inject({ method: 'GET', url: '/api/calendar/working-days?from=2025-09-26&to=2025-10-13' });
    expect(count.json()).toEqual({ count: 7 });
  });

  it('refuses a year without data with a message naming it', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/calendar/add-working-days?date=2030-03-01&n=1' });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'calendar-year-unknown', year: 2030 });
    expect(res.json().detail).toContain('2030');
    expect(res.json().invalidParams.map((p: { name: string }) => p.name)).toEqual(['querystring.date']);
    const span = await t.app.inject({ method: 'GET', url: '/api/calendar/working-days?from=2026-03-02&to=9999-12-31' });
    expect([span.statusCode, span.json().invalidParams.map((p: { name: string }) => p.name)]).toEqual([422, ['querystring.to']]);
  });

  it('names the query field of an impossible date or a negative n', async () => {
    const bad = await t.app.inject({ method: 'GET', url: '/api/calendar/add-working-days?date=2025-02-30&n=1' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().invalidParams[0].name).toBe('querystring.date');
    const neg = await t.app.inject({ method: 'GET', url: '/api/calendar/add-working-days?date=2025-02-03&n=-1' });
    expect(neg.statusCode).toBe(400);
    expect(neg.json().invalidParams[0].name).toBe('querystring.n');
    const to = await t.app.inject({ method: 'GET', url: '/api/calendar/working-days?from=2025-02-03&to=2025-02-29' });
    expect(to.json().invalidParams[0].name).toBe('querystring.to');
  });
});

describe('holiday years', () => {
  it('lists the shipped years with their notices, publicly', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/calendar/years' });
    expect(res.statusCode).toBe(200);
    const y2025 = res.json().items.find((i: { year: number }) => i.year === 2025);
    expect(y2025).toMatchObject({ sourceNumber: '国办发明电〔2024〕12号', origin: 'shipped', makeupWorkdayCount: 5 });
    const one = await t.app.inject({ method: 'GET', url: '/api/calendar/years/2026' });
    expect(one.json().makeupWorkdays[0]).toEqual({ date: '2026-01-04', name: '元旦' });
    const none = await t.app.inject({ method: 'GET', url: '/api/calendar/years/2029' });
    expect(none.statusCode).toBe(404);
  });

  it('only a system administrator may add a year', async () => {
    const anonymous = await t.app.inject({ method: 'PUT', url: '/api/calendar/years/2027', payload: year2027 });
    expect(anonymous.statusCode).toBe(401);
    const asClerk = await t.injectAs(clerk.id, { method: 'PUT', url: '/api/calendar/years/2027', payload: year2027 });
    expect(asClerk.statusCode).toBe(403);
  });

  it('adding the next year makes spans into it computable, and is audited', async () => {
    const before = await t.app.inject({ method: 'GET', url: '/api/calendar/add-working-days?date=2026-12-31&n=1' });
    expect(before.json()).toMatchObject({ code: 'calendar-year-unknown', year: 2027 });
    const put = await t.injectAs(admin.id, { method: 'PUT', url: '/api/calendar/years/2027', payload: year2027 });
    expect(put.statusCode).toBe(200);
    expect(put.json().holidays.map((h: { date: string }) => h.date)).toEqual(['2027-01-01', '2027-01-02', '2027-01-03']);
    expect(put.json().origin).toBe('database');
    // Thu 2026-12-31 → 1/1–1/3 off → Mon 1/4 … Fri 1/8 is the 5th, Sun 1/10 (调休) the 6th.
    const after = await t.app.inject({ method: 'GET', url: '/api/calendar/add-working-days?date=2026-12-31&n=6' });
    expect(after.json()).toEqual({ date: '2027-01-10' });
    const audit = await t.db.selectFrom('audit_log').selectAll().where('object_type', '=', 'holiday_year').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'calendar.year.add', object_id: '2027', actor_id: admin.id });
  });

  it('a correction of a shipped year overrides the file', async () => {
    const current = (await t.app.inject({ method: 'GET', url: '/api/calendar/years/2025' })).json();
    // Pretend Mon 2025-03-03 were declared a day off.
    const corrected = { source: current.source, holidays: [...current.holidays, { date: '2025-03-03', name: '测试' }], makeupWorkdays: current.makeupWorkdays };
    const put = await t.injectAs(admin.id, { method: 'PUT', url: '/api/calendar/years/2025', payload: corrected });
    expect(put.statusCode).toBe(200);
    const add = await t.app.inject({ method: 'GET', url: '/api/calendar/add-working-days?date=2025-02-28&n=1' });
    expect(add.json()).toEqual({ date: '2025-03-04' });
    const audit = await t.db.selectFrom('audit_log').select(['action', 'changes']).where('object_id', '=', '2025').executeTakeFirstOrThrow();
    expect(audit.action).toBe('calendar.year.correct');
    expect(audit.changes).toMatchObject({ holidaysAdded: ['2025-03-03'], holidaysRemoved: [] });
  });

  it('a correction made through another instance of the platform reaches this one within a minute', async () => {
    const addOne = async () => (await t.app.inject({ method: 'GET', url: '/api/calendar/add-working-days?date=2025-03-04&n=1' })).json();
    expect(await addOne()).toEqual({ date: '2025-03-05' });
    // Another instance declares Wed 2025-03-05 a day off: the row changes, this process is not told.
    const current = (await t.app.inject({ method: 'GET', url: '/api/calendar/years/2025' })).json();
    const data = normalizeYearData({ year: 2025, source: current.source, holidays: [...current.holidays, { date: '2025-03-05', name: '测试' }], makeupWorkdays: current.makeupWorkdays });
    await upsertHolidayYearRow(t.db, data, 'another instance', admin.id);
    expect(await addOne()).toEqual({ date: '2025-03-05' });
    // A minute later the cached calendar is reloaded in the background; the answer changes soon after.
    const now = Date.now();
    const clock = vi.spyOn(Date, 'now').mockReturnValue(now + CALENDAR_REFRESH_MS + 1000);
    try {
      await expect.poll(addOne, { timeout: 5000, interval: 50 }).toEqual({ date: '2025-03-06' });
    } finally {
      clock.mockRestore();
    }
  });

  it('refuses unsound data naming each field, and writes nothing', async () => {
    const bad = {
      ...year2027,
      holidays: [{ date: '2028-01-01', name: '元旦' }, { date: '2027-01-09', name: '元旦' }],
      // Fri 2027-01-08 is a weekday; Sat 01-09 is also listed as a holiday.
      makeupWorkdays: [{ date: '2027-01-08', name: '元旦' }, { date: '2027-01-09', name: '元旦' }],
    };
    const res = await t.injectAs(admin.id, { method: 'PUT', url: '/api/calendar/years/2027', payload: bad });
    expect(res.statusCode).toBe(422);
    expect(res.json().invalidParams.map((p: { name: string }) => p.name)).toEqual([
      'body.holidays.0.date',
      'body.makeupWorkdays.0.date',
      'body.makeupWorkdays.1.date',
    ]);
    const still = await t.app.inject({ method: 'GET', url: '/api/calendar/years/2027' });
    expect(still.json().holidays).toHaveLength(3);
    const shape = await t.injectAs(admin.id, { method: 'PUT', url: '/api/calendar/years/2027', payload: { holidays: [] } });
    expect(shape.statusCode).toBe(400);
    expect(shape.json().invalidParams.map((p: { name: string }) => p.name)).toContain('body.source');
  });
});
