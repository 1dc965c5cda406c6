// The content security policy in a real browser: the admin app (antd, built by Vite), the portal,
// a guide page and the API docs render with no CSP violation; another site can frame the portal's
// public pages but not the admin app.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { execFileSync } from 'node:child_process';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPublishedGuide, type SeededGuide } from '../portal-fixture.js';
import { launchBrowser, startServer, type TestServer } from './browser.js';

let browser: Browser;
let server: TestServer<SeededGuide>;
let context: BrowserContext;
let embedder: http.Server;
let embedderUrl = '';

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/ensure-web-build.mjs'], { stdio: 'inherit' });
  [server, browser] = await Promise.all([startServer((db) => seedPublishedGuide(db)), launchBrowser()]);
  context = await browser.newContext({ locale: 'zh-CN' });
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
  it('the admin app renders and styles its sign-in page (antd CSS-in-JS) without a violation', async () => {
    const { page, violations } = await visit('/admin/', (p) => p.getByLabel('用户名').waitFor());
    // antd's injected styles applied: the primary button is coloured, not the browser's grey.
    const background = await page.getByRole('button', { name: /登\s*录/ }).evaluate((b) => getComputedStyle(b).backgroundColor);
    expect(background).not.toBe('rgba(0, 0, 0, 0)');
    expect(background).not.toBe('rgb(239, 239, 239)');
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

    await page.goto(`${embedderUrl}/?src=${encodeURIComponent('/admin/')}`);
    await page.waitForTimeout(500);
    const frame = page.frames().find((f) => f !== page.mainFrame());
    const adminRendered = frame ? await frame.locator('#root').count().catch(() => 0) : 0;
    expect(adminRendered).toBe(0);
    await page.close();
  });
});
