// Single sign-on in a real browser (the acceptance test): a staff member with the second
// factor switched on opens the admin app, is sent to the platform's OpenID Connect sign-in page,
// gives username and password, then the 6-digit code of their authenticator (computed here from the
// enrolled secret), and lands in the workbench. axe checks the sign-in pages; the page fits 375 px.
import { execFileSync } from 'node:child_process';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import { sensitiveColumns } from '../../src/lib/sm-crypto.js';
import { generateTotpSecret, totpCode } from '../../src/lib/totp.js';
import { makeOrg, makeUser } from '../factories.js';
import { launchBrowser, startServer, type TestServer, expectAccessible, newContext } from './browser.js';

interface World {
  user: { id: string; username: string; password: string };
  secret: string;
}

/** A catalog administrator who enrolled an authenticator app (双因素认证已开启). */
async function seedStaffWithTotp(db: Database): Promise<World> {
  const org = await makeOrg(db, { name: '兴安盟政务服务局' });
  const user = await makeUser(db, org.id, ['catalog-admin']);
  const secret = generateTotpSecret();
  const columns = sensitiveColumns(loadConfig({ NODE_ENV: 'test' }));
  await db.insertInto('staff_totp').values({ user_id: user.id, secret_enc: columns.encrypt(secret, 'staff_totp.secret'), enabled: true, last_step: null, enabled_at: new Date() }).execute();
  return { user, secret };
}

let browser: Browser;
let server: TestServer<World>;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/ensure-web-build.mjs'], { stdio: 'inherit' });
  [browser, server] = await Promise.all([launchBrowser(), startServer(seedStaffWithTotp)]);
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await server?.close();
});

async function newPage(viewport = { width: 1280, height: 900 }): Promise<Page> {
  const context = await newContext(browser, { viewport, locale: 'zh-CN' });
  contexts.push(context);
  return context.newPage();
}


describe('single sign-on (统一身份认证)', () => {
  it("a staff member signs in through the platform's OIDC login page and lands in the workbench", async () => {
    const { user, secret } = server.seeded;
    const page = await newPage();
    await page.goto(`${server.url}/admin/catalog`);
    await page.getByRole('link', { name: '使用统一身份认证登录' }).click();

    await page.waitForURL(/\/oidc\/interaction\/[^/]+$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('统一身份认证登录');
    expect(await page.getByRole('link', { name: '工作人员', exact: true }).getAttribute('aria-current')).toBe('page');
    await expectAccessible(page, 'sign-in page');
    await page.getByLabel('用户名').fill(user.username);
    await page.getByLabel('密码').fill(user.password);
    await page.getByRole('button', { name: '登录' }).click();

    // The second factor (双因素认证): the code of the authenticator app, computed from the secret.
    await page.waitForURL(/\/oidc\/interaction\/[^/]+\/totp$/);
    await expectAccessible(page, 'second-factor page');
    await page.getByRole('textbox', { name: '动态验证码' }).fill(totpCode(secret));
    await page.getByRole('button', { name: '验证并登录' }).click();

    await page.waitForURL(/\/admin\/catalog$/);
    // The workbench: its main menu and the signed-in person's name in the header.
    await page.getByRole('navigation', { name: '主菜单' }).waitFor();
    await page.getByText(`测试用户 ${user.username}`).waitFor();
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'tb_session')?.httpOnly).toBe(true);

    // Signing out ends the provider's session too: the next sign-in asks for the password again.
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL(/\/admin\/login$/);
    await page.getByRole('link', { name: '使用统一身份认证登录' }).click();
    await page.waitForURL(/\/oidc\/interaction\/[^/]+$/);
    await page.getByLabel('密码').waitFor();
  });

  it('shows a wrong second-factor code as an error on the page, on a 375 px phone without sideways scrolling', async () => {
    const { user } = server.seeded;
    const page = await newPage({ width: 375, height: 812 });
    await page.goto(`${server.url}/auth/login?returnTo=${encodeURIComponent('/admin/catalog')}`);
    await page.waitForURL(/\/oidc\/interaction\//);
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(375);
    await page.getByRole('link', { name: '群众/企业' }).click();
    await page.getByLabel('手机号').waitFor();
    await page.getByRole('link', { name: '工作人员', exact: true }).click();
    await page.getByLabel('用户名').fill(user.username);
    await page.getByLabel('密码').fill(user.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(/\/totp$/);
    await page.getByRole('textbox', { name: '动态验证码' }).fill('000000' === totpCode(server.seeded.secret) ? '111111' : '000000');
    await page.getByRole('button', { name: '验证并登录' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('动态验证码不正确');
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(375);
  });
});
