// Helpers for browser tests: Debian's Chromium driven by playwright-core, and the app listening on
// an ephemeral port over a fresh test database (PGlite, or PostgreSQL when DATABASE_URL is set).
//
//   const browser = await launchBrowser();
//   const server = await startServer(async (db) => seedSomething(db));   // server.seeded = its result
//   const page = await (await newContext(browser)).newPage();
//   await page.goto(`${server.url}/`);
//   …; await server.close(); await browser.close();
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import { createTestDatabase } from '../helpers.js';
import { SESSION_COOKIE } from '../../src/http/auth.js';
import { CSRF_COOKIE, CSRF_HEADER, csrfTokenFor } from '../../src/http/security.js';
import type { Clock } from '../../src/lib/clock.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface TestServer<T> {
  /** e.g. http://127.0.0.1:40123 (no trailing slash) */
  url: string;
  /** What the seed function returned. */
  seeded: T;
  close(): Promise<void>;
}

/**
 * Seeds a fresh database, then serves the whole app on 127.0.0.1 at a free port. Tests that create
 * cases pass a fixed clock: dates are counted on the holiday calendar, which knows only some years.
 */
export async function startServer<T = void>(seed?: (db: Database) => Promise<T>, options: { clock?: Clock } = {}): Promise<TestServer<T>> {
  const database = await createTestDatabase();
  const seeded = (seed ? await seed(database.db) : undefined) as T;
  const config: Config = { ...loadConfig({ NODE_ENV: 'test', TONGBAN_DATA_DIR: '/tmp/tongban-test' }), seedDemo: false };
  const app = await buildApp({ db: database.db, config, clock: options.clock });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  // The port is known only now; links and QR codes should point at this server.
  config.publicUrl = address;
  return {
    url: address,
    seeded,
    async close() {
      await app.close();
      await database.dispose();
    },
  };
}

/** No serious or critical axe violation on the page as it is now (after running animations end). */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  // A toast fading in is half transparent: axe would measure its contrast mid-animation.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), undefined, { timeout: 5_000 }).catch(() => undefined);
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${name}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  expect(bad, bad.join('\n')).toEqual([]);
}

/**
 * A browser context as the tests' users have it: Chinese, a 375 × 812 phone unless `options` say
 * otherwise, and reduced motion preferred — the app then opens dialogs and shows messages without
 * animation, so a click never lands on a dialog still zooming in on a busy machine.
 */
export function newContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'zh-CN', reducedMotion: 'reduce', ...options });
}

/** A new page on a 375 × 812 phone in Chinese; its context joins `contexts` so the test can close it. */
export async function newPhonePage(browser: Browser, contexts: BrowserContext[], options: BrowserContextOptions = {}): Promise<Page> {
  const context = await newContext(browser, options);
  contexts.push(context);
  return context.newPage();
}

/** A staff member signs in as people do: the admin app's button, then the platform's sign-in page (统一身份认证). */
export async function signInStaff(page: Page, serverUrl: string, user: { username: string; password: string }): Promise<void> {
  await page.goto(`${serverUrl}/admin/`);
  await page.getByRole('link', { name: '使用统一身份认证登录' }).click();
  await page.waitForURL(/\/oidc\/interaction\//);
  await page.getByLabel('用户名').fill(user.username);
  await page.getByLabel('密码').fill(user.password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  // Each lands on the home page of their work (web/src/app/HomeRedirect.tsx).
  await page.waitForURL(/\/admin\/(catalog|cases)/);
}

/** The page does not scroll sideways at 375 px (tables scroll inside their own box). */
export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(1);
}

/**
 * Chooses an option of an antd select (its field found by label). On a loaded machine a click can
 * land while the drop-down is still opening and choose nothing, so it is repeated until the field
 * shows the choice.
 */
export async function chooseOption(page: Page, field: Locator, option: string): Promise<void> {
  const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  // The select's own box (not the drop-down, which antd renders elsewhere) shows the choice.
  const chosen = page.locator('.ant-select', { has: field, hasText: option });
  const deadline = Date.now() + 30_000;
  while ((await chosen.count()) === 0) {
    if (Date.now() > deadline) throw new Error(`the select did not take ${option}`);
    if ((await open.count()) === 0) await field.click({ timeout: 5_000 }).catch(() => {});
    await open.locator('.ant-select-item-option', { hasText: option }).first().click({ timeout: 5_000 }).catch(() => {});
    await page.waitForTimeout(300);
  }
}

/** The API as a staff member (cookie session + its CSRF token), outside the browser. */
export async function staffApi(serverUrl: string, token: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const csrf = csrfTokenFor(token);
  const res = await fetch(`${serverUrl}${path}`, {
    method,
    headers: {
      cookie: `${SESSION_COOKIE}=${token}; ${CSRF_COOKIE}=${csrf}`,
      [CSRF_HEADER]: csrf,
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json().catch(() => null) };
}
