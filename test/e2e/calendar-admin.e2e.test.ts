// 工作日历 in a real browser on a 375 px phone: a system administrator sees the holiday arrangement
// of each year, is reminded that the next year is missing, and enters it from the State Council's
// notice — periods of days off and make-up working days — after which the platform counts working
// days into that year. axe checks each screen; dates are typed, as a keyboard user would.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { Database } from '../../src/db/database.js';
import { makeOrg, makeUser } from '../factories.js';
import { calendarReminder } from '../../web/src/features/calendar/periods.js';
import { todayInShanghai } from '../../web/src/shared/time.js';
import { expectAccessible, expectNoSidewaysScroll, launchBrowser, newPhonePage, signInStaff, staffApi, startServer, type TestServer } from './browser.js';
import { createSession } from '../../src/modules/identity/service.js';

async function seed(db: Database) {
  const gov = await makeOrg(db, { kind: 'government', name: '兴安盟行政公署' });
  const sysadmin = await makeUser(db, gov.id, ['system-admin']);
  const token = await createSession(db, sysadmin.id);
  return { sysadmin, token };
}

let browser: Browser;
let server: TestServer<Awaited<ReturnType<typeof seed>>>;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/ensure-web-build.mjs'], { stdio: 'inherit' });
  [browser, server] = await Promise.all([launchBrowser(), startServer(seed)]);
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await server?.close();
});

const visible = (l: Locator) => expect.poll(() => l.isVisible(), { timeout: 30_000 }).toBe(true);

/** Types a date into an antd date field and confirms it with Enter, as a keyboard user does. */
async function typeDate(field: Locator, date: string): Promise<void> {
  await field.click();
  await field.fill(date);
  await field.press('Enter');
  await expect.poll(() => field.inputValue()).toBe(date);
}

describe('工作日历', () => {
  it('shows each year month by month, reminds of the missing year, and an administrator enters it from the notice', { timeout: 180_000 }, async () => {
    const { sysadmin, token } = server.seeded;
    const page: Page = await newPhonePage(browser, contexts);
    await signInStaff(page, server.url, sysadmin);
    const known = (await staffApi(server.url, token, 'GET', '/api/calendar/years')).json.items.map((y: { year: number }) => y.year);
    const today = todayInShanghai();
    // On any page (here 事项目录), from November or when this year is missing: the reminder.
    const everywhere = calendarReminder(known, today, 'every-page');
    const banner = page.getByText(/年节假日安排尚未录入/);
    if (everywhere) await visible(banner.first());
    else expect(await banner.count()).toBe(0);

    // Straight from the menu.
    await page.getByRole('button', { name: '打开菜单' }).click();
    await page.getByRole('link', { name: '工作日历' }).click();
    await visible(page.getByRole('heading', { level: 1, name: '工作日历' }));

    // The shipped years, and this year's arrangement as the notice reads (2026 when it is shipped).
    for (const year of [2024, 2025, 2026]) await visible(page.getByRole('button', { name: `${year} 年`, exact: true }));
    await page.getByRole('button', { name: '2026 年', exact: true }).click();
    const periods = page.getByTestId('holiday-periods');
    await visible(periods.getByText('春节：2026-02-15 至 2026-02-23，共 9 天'));
    await visible(page.getByTestId('makeup-days').getByText('2026-02-14（周六）春节'));
    expect(await page.locator('td[data-date="2026-02-15"]').getAttribute('data-kind')).toBe('holiday');
    expect(await page.locator('td[data-date="2026-02-28"]').getAttribute('data-kind')).toBe('makeup');
    expect(await page.locator('td[data-date="2026-03-02"]').getAttribute('data-kind')).toBeNull();
    await expectNoSidewaysScroll(page);
    await expectAccessible(page, 'calendar page');

    // Here always: the reminder names the year that is missing and soonest needed (today's, else next year).
    const missing = calendarReminder(known, today, 'calendar-page')!.year;
    expect(missing).toBeGreaterThanOrEqual(2027);
    await visible(page.getByText(`${missing} 年节假日安排尚未录入`).first());
    // Before the year is entered, no limit can be counted into it.
    const lastOfYear = `${missing - 1}-12-31`;
    expect((await staffApi(server.url, token, 'GET', `/api/calendar/add-working-days?date=${lastOfYear}&n=1`)).status).toBeGreaterThanOrEqual(400);

    await page.getByRole('button', { name: `录入 ${missing} 年节假日安排` }).first().click();
    await visible(page.getByRole('heading', { level: 1, name: `录入 ${missing} 年节假日安排` }));
    expect(await page.getByLabel('通知名称').inputValue()).toBe(`国务院办公厅关于${missing}年部分节假日安排的通知`);
    await page.getByLabel('文号').fill('测试文号〔示例〕1号');

    // One row per festival is offered; keep 元旦 and 春节 and remove the other five.
    for (let i = 7; i >= 3; i--) await page.getByRole('button', { name: `删除放假 ${i}` }).click();
    expect(await page.getByRole('button', { name: /^删除放假 \d$/ }).count()).toBe(2);
    const first = page.getByRole('group', { name: '放假 1' });
    const second = page.getByRole('group', { name: '放假 2' });
    expect(await first.getByLabel('节日').inputValue()).toBe('元旦');
    await typeDate(first.getByLabel('开始日期'), `${missing}-01-01`);
    await typeDate(first.getByLabel('结束日期'), `${missing}-01-03`);
    await visible(first.getByText(/共 3 天/));
    // An end before the start is refused on the field, before anything is sent.
    await typeDate(second.getByLabel('开始日期'), `${missing}-02-14`);
    await typeDate(second.getByLabel('结束日期'), `${missing}-02-06`);
    await page.getByRole('button', { name: '保存' }).click();
    await visible(second.getByText('结束日期不能早于开始日期'));
    await typeDate(second.getByLabel('开始日期'), `${missing}-02-06`);
    await typeDate(second.getByLabel('结束日期'), `${missing}-02-14`);
    await visible(second.getByText(/共 9 天/));

    // A make-up working day must be a weekend day.
    await page.getByRole('button', { name: '添加调休上班日' }).click();
    await page.getByLabel('调休上班 1 所属节日').fill('春节');
    const weekday = firstWeekday(missing, 2, 17);
    await typeDate(page.getByLabel('调休上班 1 日期'), weekday);
    await visible(page.getByText('调休上班日应为周六或周日'));
    const saturday = firstSaturday(missing, 2, 15);
    await typeDate(page.getByLabel('调休上班 1 日期'), saturday);

    // The preview shows what will be saved.
    expect(await page.locator(`td[data-date="${missing}-02-06"]`).getAttribute('data-kind')).toBe('holiday');
    expect(await page.locator(`td[data-date="${saturday}"]`).getAttribute('data-kind')).toBe('makeup');
    await expectNoSidewaysScroll(page);
    await expectAccessible(page, 'holiday year editor');

    await page.getByRole('button', { name: '保存' }).click();
    await visible(page.getByRole('heading', { level: 1, name: '工作日历' }));
    await visible(page.getByRole('button', { name: `${missing} 年`, exact: true }));
    await visible(page.getByTestId('holiday-periods').getByText(`春节：${missing}-02-06 至 ${missing}-02-14，共 9 天`));
    await visible(page.getByText('管理员录入').first());
    expect(await page.getByText(`${missing} 年节假日安排尚未录入`).count()).toBe(0);

    // Saved as entered, and the platform counts into the new year at once: the first working day
    // after 31 December is the Monday after the 元旦 days off.
    const saved = (await staffApi(server.url, token, 'GET', `/api/calendar/years/${missing}`)).json;
    expect(saved.source).toMatchObject({ title: `国务院办公厅关于${missing}年部分节假日安排的通知`, number: '测试文号〔示例〕1号' });
    expect(saved.holidays).toHaveLength(12);
    expect(saved.makeupWorkdays).toEqual([{ date: saturday, name: '春节' }]);
    const next = (await staffApi(server.url, token, 'GET', `/api/calendar/add-working-days?date=${lastOfYear}&n=1`)).json.date;
    expect(next).toBe(firstWorkingDayAfterNewYear(missing));
  });
});

const isoDay = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const iso = (d: Date) => d.toISOString().slice(0, 10);

/** The first Monday–Friday on or after the given day. */
function firstWeekday(y: number, m: number, d: number): string {
  const day = isoDay(y, m, d);
  while ([0, 6].includes(day.getUTCDay())) day.setUTCDate(day.getUTCDate() + 1);
  return iso(day);
}

/** The first Saturday on or after the given day. */
function firstSaturday(y: number, m: number, d: number): string {
  const day = isoDay(y, m, d);
  while (day.getUTCDay() !== 6) day.setUTCDate(day.getUTCDate() + 1);
  return iso(day);
}

/** After 1–3 January off, the first Monday–Friday from 4 January. */
function firstWorkingDayAfterNewYear(y: number): string {
  return firstWeekday(y, 1, 4);
}
