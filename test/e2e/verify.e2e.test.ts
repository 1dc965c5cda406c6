// The public verification page (电子文书核验) in a real browser on a 375 px phone: the QR page of a
// sealed receipt fits the screen and says 真实有效 in green; uploading the same PDF with one byte
// changed says 已被篡改 in red; axe finds nothing serious on either.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { issueDocument } from '../../src/modules/documents/service.js';
import { ensureDefaultSeal } from '../../src/modules/seals/service.js';
import { makeImplementingOrg } from '../factories.js';
import { expectAccessible, launchBrowser, startServer, type TestServer, newContext } from './browser.js';

let browser: Browser;
let server: TestServer<{ id: string; bytes: Buffer }>;
let page: Page;

beforeAll(async () => {
  server = await startServer(async (db) => {
    const deps = { config: { ...loadConfig({ NODE_ENV: 'test' }), seedDemo: false } };
    const org = await makeImplementingOrg(db, { name: '兴安盟市场监督管理局' });
    const issued = await db.transaction().execute(async (trx) => {
      await ensureDefaultSeal(trx, deps, org.id);
      return issueDocument(trx, deps, {
        kind: 'receipt',
        orgId: org.id,
        number: '兴市监受〔2026〕第0007号',
        title: '受理通知书',
        render: (c) => c.text('你（单位）提出的食品经营许可申请，申请材料齐全、符合法定形式，决定予以受理。', { size: 12 }),
      });
    });
    const row = await db.selectFrom('documents').select('bytes').where('id', '=', issued.id).executeTakeFirstOrThrow();
    return { id: issued.id, bytes: Buffer.from(row.bytes) };
  });
  browser = await launchBrowser();
  page = await (await newContext(browser, { viewport: { width: 375, height: 812 }, locale: 'zh-CN' })).newPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const scrollWidth = (p: Page) => p.evaluate(() => document.scrollingElement!.scrollWidth);
const borderColor = (p: Page) => p.locator('.verdict').evaluate((el) => getComputedStyle(el).borderTopColor);

describe('verification page on a phone (375 × 812)', () => {
  it('from the QR code: genuine, in green, fits the screen, accessible', async () => {
    await page.goto(`${server.url}/verify/${server.seeded.id}`);
    expect(await page.locator('h1').innerText()).toBe('电子文书核验');
    expect(await page.locator('.verdict [id="verdict-title"]').innerText()).toContain('真实有效');
    expect(await borderColor(page)).toBe('rgb(30, 123, 52)');
    expect(await page.locator('.seal-image svg').count()).toBe(1);
    expect(await page.getByRole('link', { name: '下载签发的 PDF 原件' }).count()).toBe(1);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
    await expectAccessible(page, 'verify genuine');
  });

  it('uploading the PDF with one byte changed: altered, in red, with the digests', async () => {
    const altered = Buffer.from(server.seeded.bytes);
    const at = Math.floor(altered.length / 2);
    altered[at] = altered[at]! ^ 0x01;
    await page.setInputFiles('#verify-file', { name: '受理通知书.pdf', mimeType: 'application/pdf', buffer: altered });
    await Promise.all([page.waitForURL(`${server.url}/verify`), page.getByRole('button', { name: '核验文件' }).click()]);
    expect(await page.locator('#verdict-title').innerText()).toContain('已被篡改');
    expect(await borderColor(page)).toBe('rgb(179, 38, 30)');
    expect(await page.locator('.digest-diff').innerText()).toContain('不一致');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
    await expectAccessible(page, 'verify altered');
  });
});
