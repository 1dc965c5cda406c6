// The staff administration pages in a real browser on a phone-sized screen (375 px): a department
// administrator creates a window clerk and sees the one-time password once; a system administrator
// registers a department system and sees its secret once. axe checks each page and dialog.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Database } from '../../src/db/database.js';
import { makeOrg, makeUser } from '../factories.js';
import { launchBrowser, startServer, type TestServer, expectAccessible, newPhonePage, signInStaff, expectNoSidewaysScroll } from './browser.js';

async function seed(db: Database) {
  const gov = await makeOrg(db, { kind: 'government', name: '兴安盟行政公署' });
  const dept = await makeOrg(db, { kind: 'department', parentId: gov.id, name: '兴安盟市场监督管理局' });
  await makeOrg(db, { kind: 'service-point', parentId: dept.id, name: '登记注册窗口' });
  return { deptAdmin: await makeUser(db, dept.id, ['dept-admin']), sysadmin: await makeUser(db, gov.id, ['system-admin']) };
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

/**
 * Picks an organization in the tree picker and waits for its drop-down to close. Under a heavily
 * loaded machine a click can land while the drop-down is still opening and select nothing, so the
 * click is repeated until the choice shows in the field.
 */
async function pickOrg(page: Page, field: ReturnType<Page['getByLabel']>, name: string): Promise<void> {
  const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  await field.click();
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (await open.count()) await open.getByTitle(name, { exact: true }).click({ timeout: 5_000 }).catch(() => {});
    await page.waitForTimeout(300);
    if ((await open.count()) === 0) break;
    if (Date.now() > deadline) throw new Error(`the organization picker did not take ${name}`);
  }
}

const phonePage = () => newPhonePage(browser, contexts);
const signIn = (page: Page, user: { username: string; password: string }) => signInStaff(page, server.url, user);

describe('staff administration pages', () => {
  it('a department administrator creates a window clerk and sees the one-time password once', async () => {
    const page = await phonePage();
    await signIn(page, server.seeded.deptAdmin);
    await page.goto(`${server.url}/admin/users`);
    await expect.poll(() => page.getByRole('heading', { level: 1, name: '用户管理' }).isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => page.getByRole('cell', { name: server.seeded.deptAdmin.username, exact: true }).first().isVisible(), { timeout: 30_000 }).toBe(true);
    await expectNoSidewaysScroll(page);
    await expectAccessible(page, 'users list');

    await page.getByRole('button', { name: '新增用户' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('登录名').fill('li.chuang');
    await dialog.getByLabel('姓名').fill('李窗');
    await pickOrg(page, dialog.getByLabel('所属机构'), '登记注册窗口');
    await dialog.getByLabel('窗口号').fill('A03');
    // Only roles a department administrator may grant are offered.
    await expect.poll(() => dialog.getByLabel('系统管理员').count(), { timeout: 30_000 }).toBe(0);
    await dialog.getByLabel('窗口受理人员').check();
    await expectAccessible(page, 'create user dialog');
    await dialog.getByRole('button', { name: '创 建' }).or(dialog.getByRole('button', { name: '创建' })).click();

    const secret = dialog.getByLabel('li.chuang 的初始密码', { exact: true });
    await expect.poll(() => secret.isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await secret.inputValue()).toMatch(/^.{16}$/);
    await expectAccessible(page, 'one-time password');
    await dialog.getByRole('button', { name: '我已记下，关闭' }).click();
    await expect.poll(() => page.getByRole('cell', { name: 'li.chuang' }).first().isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => page.getByText('待改初始密码').first().isVisible(), { timeout: 30_000 }).toBe(true);
  });

  it('a system administrator registers a department system and sees its secret once', async () => {
    const page = await phonePage();
    await signIn(page, server.seeded.sysadmin);
    await page.goto(`${server.url}/admin/machine-clients`);
    await expect.poll(() => page.getByRole('heading', { level: 1, name: '接入系统' }).isVisible(), { timeout: 30_000 }).toBe(true);
    await expectNoSidewaysScroll(page);
    await expectAccessible(page, 'machine clients list');

    await page.getByRole('button', { name: '登记接入系统' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('系统名称').fill('市场监管局企业登记系统');
    await pickOrg(page, dialog.getByLabel('所属机构'), '兴安盟市场监督管理局');
    await dialog.getByLabel(/读取事项目录与办事指南/).check();
    await expectAccessible(page, 'register client dialog');
    await dialog.getByRole('button', { name: '登 记' }).or(dialog.getByRole('button', { name: '登记' })).click();
    const secret = dialog.getByLabel('客户端密钥', { exact: true });
    await expect.poll(() => secret.isVisible(), { timeout: 30_000 }).toBe(true);
    expect((await secret.inputValue()).length).toBeGreaterThanOrEqual(32);
    await expectAccessible(page, 'client secret');
    await dialog.getByRole('button', { name: '我已保存，关闭' }).click();
    await expect.poll(() => page.getByRole('cell', { name: '市场监管局企业登记系统' }).first().isVisible(), { timeout: 30_000 }).toBe(true);
  });
});
