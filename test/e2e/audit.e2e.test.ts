// The 审计日志 page in a real browser: an auditor reads the trail of their scope as people and cases
// (受理 by 乌日娜 on case XA-2026-0001, not case.accept on a uuid), filters it by a person's name and
// an action's name, exports it, and checks its integrity — before and after a record is removed
// behind the application's back. Signed in by a session cookie (the sign-in page is tested elsewhere).
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { expectAccessible, expectNoSidewaysScroll, launchBrowser, startServer, type TestServer, newContext } from './browser.js';
import type { Database } from '../../src/db/database.js';
import { makeGuide, makeImplementation, makeImplementingOrg, makeItem, makeOrg, makeUser } from '../factories.js';
import { chainPendingAudit } from '../../src/modules/audit/chainer.js';
import { recordAudit } from '../../src/modules/audit/service.js';
import { actorForUser, createSession, createUser } from '../../src/modules/identity/service.js';
import { SESSION_COOKIE } from '../../src/http/auth.js';

/** A case row as the application service leaves it (the case module owns the real write path). */
async function insertCase(db: Database, orgId: string, implementation: { id: string; itemId: string }, guideId: string, caseNumber: string) {
  const id = randomUUID();
  await db
    .insertInto('cases')
    .values({
      id,
      case_number: caseNumber,
      item_id: implementation.itemId,
      implementation_id: implementation.id,
      guide_version_id: guideId,
      org_id: orgId,
      channel: 'window',
      applicant_kind: 'person',
      applicant_name: '张三明',
      applicant_id_enc: 'x',
      applicant_id_hash: 'x',
      state: 'submitted',
      submitted_at: new Date(),
      submitted_on: '2026-03-02',
      acceptance_due_on: '2026-03-03',
      promised_days: 10,
      promised_unit: 'working-day',
    })
    .execute();
  return { id, caseNumber };
}

async function seedAudit(db: Database) {
  const county = await makeOrg(db, { kind: 'government', level: 'county', divisionCode: '152201', name: '乌兰浩特市人民政府' });
  const dept = await makeImplementingOrg(db, { kind: 'department', level: 'county', parentId: county.id, divisionCode: '152201', name: '乌兰浩特市市场监督管理局' });
  const auditor = await makeUser(db, county.id, ['auditor']);
  const wurina = await createUser(db, { username: 'wurina', displayName: '乌日娜', password: 'Test-Passw0rd!', orgId: dept.id, roles: ['window-clerk'] });
  const hasi = await createUser(db, { username: 'hasi', displayName: '哈斯', password: 'Test-Passw0rd!', orgId: dept.id, roles: ['window-clerk', 'reviewer'] });
  const implementation = await makeImplementation(db, { itemId: (await makeItem(db, { name: '食品经营许可' })).id, orgId: dept.id });
  const guide = await makeGuide(db, { implementationId: implementation.id });
  const cases = [];
  for (let i = 1; i <= 4; i++) cases.push(await insertCase(db, dept.id, implementation, guide.id, `XA-2026-000${i}`));

  const asWurina = { ...(await actorForUser(db, wurina))!, ip: '10.0.0.7' };
  for (const c of cases.slice(0, 3)) {
    await recordAudit(db, asWurina, { action: 'case.accept', objectType: 'case', objectId: c.id, orgId: dept.id, changes: { caseNumber: c.caseNumber, state: { before: 'submitted', after: 'under-review' }, phone: { before: null, after: '13812345678' } } });
  }
  const asHasi = { ...(await actorForUser(db, hasi))!, ip: '2001:db8:85a3:8d3:1319:8a2e:370:7348' };
  await recordAudit(db, asHasi, { action: 'case.refuse-acceptance', objectType: 'case', objectId: cases[3].id, orgId: dept.id, changes: { caseNumber: cases[3].caseNumber } });
  await recordAudit(db, null, { action: 'system.only', objectType: 'system', objectId: 'hidden' });
  return { db, cases, token: await createSession(db, auditor.id) };
}

let browser: Browser;
let server: TestServer<Awaited<ReturnType<typeof seedAudit>>>;

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/ensure-web-build.mjs'], { stdio: 'inherit' });
  [browser, server] = await Promise.all([launchBrowser(), startServer(seedAudit)]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function auditorPage(options: BrowserContextOptions = {}): Promise<Page> {
  const context = await newContext(browser, { viewport: { width: 1280, height: 900 }, acceptDownloads: true, ...options });
  const { hostname } = new URL(server.url);
  await context.addCookies([{ name: SESSION_COOKIE, value: server.seeded.token, domain: hostname, path: '/' }]);
  const page = await context.newPage();
  await page.goto(`${server.url}/admin/audit`);
  await page.getByRole('heading', { name: '审计日志' }).waitFor();
  return page;
}

/** What the table shows, as text: to wait for a filter's result. */
const tableText = (page: Page) => page.locator('.ant-table-tbody').innerText();

/** Chooses an option of an antd select after typing into it (the 操作人 picker searches the server). */
async function typeAndChoose(page: Page, label: string, typed: string, option: string) {
  const field = page.getByLabel(label, { exact: true });
  await field.click();
  await field.fill(typed);
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: option }).first().click();
  await page.locator('.ant-select', { has: field, hasText: option }).waitFor();
}

describe('审计日志 page', () => {
  it('shows actions by their Chinese names and objects by case number, in Beijing time, fitting a 1280 px screen', async () => {
    // A laptop left on another time zone still reads the times in Asia/Shanghai.
    const page = await auditorPage({ timezoneId: 'America/New_York' });
    await page.getByRole('link', { name: '审计日志' }).waitFor();
    const table = page.getByRole('table');
    const { cases } = server.seeded;
    for (const c of cases) await table.getByText(c.caseNumber, { exact: true }).waitFor();

    // 操作: the Chinese name, the code beside it; 对象: the case number with its type, not "case · <uuid>".
    expect(await table.getByText('受理', { exact: true }).count()).toBe(3);
    expect(await table.getByText('case.accept', { exact: true }).count()).toBe(3);
    await table.getByText('不予受理', { exact: true }).waitFor();
    expect(await table.getByText('办件', { exact: true }).count()).toBe(4);
    const text = await tableText(page);
    expect(text).not.toContain('case · ');
    expect(text).not.toContain(cases[0].id);
    expect(text).not.toContain('system.only');

    const first = await server.seeded.db.selectFrom('audit_log').select('at').where('object_id', '=', cases[0].id).executeTakeFirstOrThrow();
    const beijing = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'medium' }).format(new Date(first.at));
    expect(text).toContain(beijing);

    // Nothing clipped: the table fits its box, the last column is on screen, a name takes one line.
    const fit = await page.evaluate(() => {
      const box = document.querySelector<HTMLElement>('.ant-table-content, .ant-table-body')!;
      const headers = [...document.querySelectorAll<HTMLElement>('.ant-table-thead th')];
      const names = [...document.querySelectorAll<HTMLElement>('.ant-table-tbody a')].map((a) => a.getBoundingClientRect().height);
      return { overflow: box.scrollWidth - box.clientWidth, lastRight: headers[headers.length - 1].getBoundingClientRect().right, lastText: headers[headers.length - 1].innerText, names };
    });
    expect(fit.overflow).toBeLessThanOrEqual(1);
    expect(fit.lastText).toBe('来源地址');
    expect(fit.lastRight).toBeLessThanOrEqual(1280);
    expect(fit.names.length).toBe(4);
    for (const h of fit.names) expect(h).toBeLessThan(30);
    await expectNoSidewaysScroll(page);

    // A row opens to its before/after (personal data masked) and the object's id.
    await page.getByRole('row', { name: new RegExp(cases[0].caseNumber) }).getByRole('button', { name: /展开行|Expand row/ }).click();
    await page.getByText('138****5678').first().waitFor();
    expect(await page.content()).not.toContain('13812345678');
    await expectAccessible(page, '审计日志');
  });

  it('filters by a person found by name and by an action chosen by its Chinese name; the export carries the names', async () => {
    const page = await auditorPage();
    const { cases } = server.seeded;
    await page.getByRole('table').getByText(cases[3].caseNumber, { exact: true }).waitFor();

    await typeAndChoose(page, '操作人', '乌日', '乌日娜（wurina）');
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await page.waitForFunction(() => !document.querySelector('.ant-table-tbody')!.textContent!.includes('不予受理'));
    expect(await page.getByRole('table').getByText('乌日娜', { exact: true }).count()).toBe(3);

    await page.getByRole('button', { name: /重\s*置/ }).click();
    await page.getByRole('table').getByText('不予受理', { exact: true }).waitFor();
    await typeAndChoose(page, '操作', '不予', '不予受理');
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await page.waitForFunction((n) => !document.querySelector('.ant-table-tbody')!.textContent!.includes(n), cases[0].caseNumber);
    expect(await tableText(page)).toContain(cases[3].caseNumber);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /导出 CSV/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^audit-\d{8}\.csv$/);
    const csv = await fs.readFile((await download.path())!, 'utf8');
    expect(csv).toContain('不予受理');
    expect(csv).toContain(cases[3].caseNumber);
    expect(csv).not.toContain(cases[0].caseNumber);

    // The advanced filter by an object's id, for an id taken from a record or an export.
    await page.getByRole('button', { name: /重\s*置/ }).click();
    await page.getByRole('button', { name: '按对象 ID 筛选' }).click();
    await page.getByLabel('对象 ID').fill(cases[1].id);
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await page.waitForFunction((n) => !document.querySelector('.ant-table-tbody')!.textContent!.includes(n), cases[3].caseNumber);
    expect(await tableText(page)).toContain(cases[1].caseNumber);

    await page.getByRole('button', { name: /校验完整性/ }).click();
    await page.getByText(/审计日志完整：共 \d+ 条记录/).waitFor();
  });

  it('on a 375 px phone the table scrolls in its own box, never the page', async () => {
    const page = await auditorPage({ viewport: { width: 375, height: 812 } });
    await page.getByRole('table').getByText(server.seeded.cases[0].caseNumber, { exact: true }).waitFor();
    await expectNoSidewaysScroll(page);
    const box = await page.evaluate(() => {
      const el = document.querySelector<HTMLElement>('.ant-table-content, .ant-table-body')!;
      return { scrolls: el.scrollWidth > el.clientWidth };
    });
    expect(box.scrolls).toBe(true);
    await expect.poll(async () => page.evaluate(() => document.querySelector('.ant-table-content, .ant-table-body')!.getAttribute('tabindex'))).toBe('0');
  });

  it('names the removed record when the trail was tampered with', async () => {
    await chainPendingAudit(server.seeded.db);
    await server.seeded.db.transaction().execute(async (trx) => {
      await sql`set local session_replication_role = replica`.execute(trx);
      await sql`delete from audit_log where seq = 2`.execute(trx);
    });
    const page = await auditorPage();
    await page.getByRole('button', { name: /校验完整性/ }).click();
    await page.getByText('审计日志完整性校验未通过：第 2 条记录被删除').waitFor();
  });
});
