// The content security policy in a real browser: the admin app (antd, built by Vite), the portal,
// a guide page and the API docs render with no CSP violation; another site can frame the portal's
// public pages but not the admin app.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { execFileSync } from 'node:child_process';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { makeOrg, makeUser } from '../factories.js';
import { seedPublishedGuide } from '../portal-fixture.js';
import { expectAccessible, launchBrowser, startServer, type TestServer, newContext } from './browser.js';

async function seed(db: Database) {
  const guide = await seedPublishedGuide(db);
  const org = await makeOrg(db, { kind: 'management-office' });
  return { ...guide, admin: await makeUser(db, org.id, ['system-admin']) };
}

let browser: Browser;
let server: TestServer<Awaited<ReturnType<typeof seed>>>;
let context: BrowserContext;
let embedder: http.Server;
let embedderUrl = '';

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/ensure-web-build.mjs'], { stdio: 'inherit' });
  [server, browser] = await Promise.all([startServer(seed), launchBrowser()]);
  context = await newContext(browser, { viewport: { width: 1280, height: 720 } });
  // A department's site on another origin that frames our pages (政务服务入口).
  embedder = http.createServer((req, res) => {
    const src = new URL(req.url ?? '/', 'http://x').searchParams.get('src') ?? '/';
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><title>部门网站</title><iframe id="f" src="${server.url}${src}" width="800" height="600"></iframe>`);
  });
  await new Promise<void>((resolve) => embedder.listen(0, '127.0.0.1', resolve));
  // "localhost" is another origin than the server's 127.0.0.1.
  embedderUrl = `http://localhost:${(embedder.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await new Promise((resolve) => embedder?.close(resolve));
});

/** Opens a page and returns it with every CSP violation the browser reported while it loaded. */
async function visit(path: string, ready: (page: Page) => Promise<unknown>): Promise<{ page: Page; violations: string[] }> {
  const page = await context.newPage();
  const violations: string[] = [];
  page.on('console', (msg) => {
    if (/Content Security Policy/i.test(msg.text())) violations.push(msg.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(`${server.url}${path}`);
  await ready(page);
  return { page, violations };
}

describe('content security policy in Chromium', () => {
  it('the admin app (antd CSS-in-JS) and the sign-in pages work without a violation, state-changing calls included', async () => {
    const { page, violations } = await visit('/admin/', (p) => p.locator('.ant-btn-primary').first().waitFor());
    // antd's injected styles applied: the primary button is coloured, not the browser's default.
    const background = await page.locator('.ant-btn-primary').first().evaluate((b) => getComputedStyle(b).backgroundColor);
    expect(background).not.toBe('rgba(0, 0, 0, 0)');
    expect(background).not.toBe('rgb(239, 239, 239)');

    // Sign in through the platform's identity provider and land in the admin app.
    await page.locator('.ant-btn-primary').first().click();
    await page.waitForURL(/\/oidc\/interaction\//);
    await page.getByLabel('用户名').fill(server.seeded.admin.username);
    await page.getByLabel('密码').fill(server.seeded.admin.password);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(/\/admin\/catalog/);
    // The admin app holds the session's CSRF token and sends it: a state-changing call succeeds.
    const status = await page.evaluate(async () => {
      const csrf = document.cookie.split('; ').find((c) => c.startsWith('tb_csrf='))?.slice('tb_csrf='.length) ?? '';
      const res = await fetch('/api/auth/password', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': decodeURIComponent(csrf) },
        body: JSON.stringify({ currentPassword: 'wrong-on-purpose', newPassword: 'Whatever-Pass-2026' }),
      });
      const forged = await fetch('/api/auth/password', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ currentPassword: 'wrong-on-purpose', newPassword: 'Whatever-Pass-2026' }),
      });
      return [res.status, forged.status];
    });
    // With the token the request reaches the handler (wrong current password: 400); without it, 403.
    expect(status).toEqual([400, 403]);
    expect(violations).toEqual([]);
    await page.close();
  });

  it('the portal home, search and guide pages run their script and stylesheet without a violation', async () => {
    for (const path of ['/', '/search?q=shipin', `/guides/${server.seeded.implementationCode}`]) {
      const { page, violations } = await visit(path, (p) => p.locator('h1').first().waitFor());
      // portal.js ran: it reveals the large-text toggle.
      expect(await page.locator('[data-text-size]').first().isVisible(), path).toBe(true);
      expect(await page.evaluate(() => getComputedStyle(document.body).margin), path).toBe('0px');
      expect(violations, path).toEqual([]);
      await page.close();
    }
  });

  it('the identity provider’s own pages: its auto-submitting sign-out step runs (script allowed by hash) and the signed-out page shows', async () => {
    // A browser without a provider session (the shared one signed in above): /oidc/session/end then
    // answers a page whose inline script posts the sign-out onward, ending on the signed-out page.
    const fresh = await newContext(browser, { locale: 'zh-CN', viewport: { width: 375, height: 812 } });
    const page = await fresh.newPage();
    const violations: string[] = [];
    page.on('console', (msg) => {
      if (/Content Security Policy/i.test(msg.text())) violations.push(msg.text());
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.goto(`${server.url}/oidc/session/end`);
    await page.waitForURL(/\/oidc\/session\/end\/success$/);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain('您已退出统一身份认证');
    expect(violations).toEqual([]);
    await expectAccessible(page, 'signed-out page');
    await fresh.close();
  });

  it('the API docs (Swagger UI) render without a violation', async () => {
    const { page, violations } = await visit('/api/docs', (p) => p.locator('.swagger-ui .info').waitFor());
    expect(violations).toEqual([]);
    await page.close();
  });

  it('another site can frame a guide page but not the admin app', async () => {
    const page = await context.newPage();
    await page.goto(`${embedderUrl}/?src=${encodeURIComponent(`/guides/${server.seeded.implementationCode}`)}`);
    const guide = page.frameLocator('#f').locator('h1');
    expect(await guide.innerText()).toContain('食品经营许可');

    // The page's load event waits for its frames, refused ones included.
    await page.goto(`${embedderUrl}/?src=${encodeURIComponent('/admin/')}`, { waitUntil: 'load' });
    const frame = page.frames().find((f) => f !== page.mainFrame());
    expect(frame).toBeDefined();
    expect(await frame!.locator('#root').count().catch(() => 0)).toBe(0);
    await page.close();
  });
});
