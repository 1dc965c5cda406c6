// The citizen portal in a real browser on a 375 px phone: home → search → guide page, no
// sideways scrolling, the PDF downloads, large-text mode, and axe finds nothing serious.
import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPublishedGuide, type SeededGuide } from '../portal-fixture.js';
import { launchBrowser, startServer, type TestServer, newContext } from './browser.js';

let browser: Browser;
let server: TestServer<SeededGuide>;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  server = await startServer((db) => seedPublishedGuide(db));
  browser = await launchBrowser();
  context = await newContext(browser, { viewport: { width: 375, height: 812 }, locale: 'zh-CN', acceptDownloads: true });
  page = await context.newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function seriousViolations(p: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page: p }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

const scrollWidth = (p: Page) => p.evaluate(() => document.scrollingElement!.scrollWidth);

describe('portal on a phone (375 × 812)', () => {
  it('home: fits the screen, is accessible, and its search box finds the guide', async () => {
    await page.goto(`${server.url}/`);
    await expect(page.locator('h1')).toBeDefined();
    expect(await page.locator('h1').textContent()).toBe('办事指南查询');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
    expect(await seriousViolations(page)).toEqual([]);

    await page.fill('#home-q', '食品经营');
    await page.press('#home-q', 'Enter');
    await page.waitForURL(/\/search\?q=/);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
    expect(await seriousViolations(page)).toEqual([]);
    const result = page.locator(`a[href="/guides/${server.seeded.implementationCode}"]`);
    expect(await result.count()).toBe(1);
    await result.click();
    await page.waitForURL(new RegExp(`/guides/${server.seeded.implementationCode}$`));
  });

  it('guide page: the whole guide fits the screen and axe finds nothing serious', async () => {
    expect(await page.locator('h1').innerText()).toContain('食品经营许可');
    expect(await page.getByText('经营场所平面布局图').count()).toBeGreaterThan(0);
    expect(await page.locator('.qr svg').count()).toBe(1);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('can be used from the keyboard: the first Tab reaches "跳到正文"', async () => {
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('跳到正文');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => location.hash)).toBe('#main');
  });

  it('has a large-text mode that is remembered and still fits the screen', async () => {
    const toggle = page.locator('[data-text-size]');
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('20px');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.classList.contains('large-text'))).toBe(true);
    await page.locator('[data-text-size]').click(); // back to normal for the next tests
  });

  it('downloads the PDF from the guide page', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载 PDF' }).click()]);
    expect(download.suggestedFilename()).toBe('食品经营许可-办事指南-第1版.pdf');
    const file = await download.path();
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('kiosk view: large type without navigation, accessible', async () => {
    await page.goto(`${server.url}/kiosk/guides/${server.seeded.implementationCode}`);
    expect(await page.locator('nav').count()).toBe(0);
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('24px');
    expect(await seriousViolations(page)).toEqual([]);
  });
});
