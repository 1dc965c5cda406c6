// 网上申请 on a 375 px phone, in a real browser: a signed-in, real-name-verified applicant opens the
// guide, presses 在线申请, chooses the situation, uploads the materials (a progress bar moves while
// the upload runs), gives an e-mail, submits, and finds the case in 我的办件 with its timeline.
// Every step fits the screen without sideways scrolling and axe finds nothing serious.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { SESSION_COOKIE } from '../../src/http/auth.js';
import { CSRF_HEADER, csrfTokenFor } from '../../src/http/security.js';
import { ManualClock, type Clock } from '../../src/lib/clock.js';
import { createSession } from '../../src/modules/identity/service.js';
import { makeCaseWorld, PNG, testConfig, type CaseWorld } from '../case-fixture.js';
import { createTestDatabase, type TestDatabase } from '../helpers.js';
import { expectAccessible, launchBrowser, newContext } from './browser.js';

let browser: Browser;
let context: BrowserContext;
let page: Page;
let database: TestDatabase;
let app: Awaited<ReturnType<typeof buildApp>>;
let url: string;
let world: CaseWorld;

// The platform's clock on a known working day (the acceptance date is counted on the calendar).
const clock = new ManualClock('2026-03-02T09:00:00+08:00');

beforeAll(async () => {
  database = await createTestDatabase();
  const config = testConfig();
  world = await makeCaseWorld(database.db, config);
  app = await buildApp({ db: database.db, config, clock: clock as Clock });
  url = await app.listen({ host: '127.0.0.1', port: 0 });
  config.publicUrl = url;
  browser = await launchBrowser();
  context = await newContext(browser, { viewport: { width: 375, height: 812 }, locale: 'zh-CN' });
  // Signed in: the applicant's session cookie, as the portal's sign-in would have set it.
  await context.addCookies([{ name: 'tb_applicant', value: world.applicant.token, url, httpOnly: true, sameSite: 'Lax' }]);
  page = await context.newPage();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.dispose();
});

const scrollWidth = (p: Page) => p.evaluate(() => document.scrollingElement!.scrollWidth);

async function fitsAndAccessible(p: Page, name: string) {
  expect(await scrollWidth(p), `${name}: sideways scroll`).toBeLessThanOrEqual(375);
  await expectAccessible(p, name);
}

/** A PDF of about `kb` kilobytes: large enough for the upload to take a while on a slow line. */
function pdfOf(kb: number): Buffer {
  return Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(kb * 1024, 0x20), Buffer.from('\n%%EOF\n')]);
}

let caseUrl = '';

describe('apply online on a phone (375 × 812)', () => {
  it('the guide page offers 在线申请, which opens the situation step', async () => {
    await page.goto(`${url}/guides/${world.implementation.code}`);
    await page.getByRole('link', { name: '在线申请' }).click();
    await page.waitForURL(new RegExp(`/apply/${world.implementation.id}$`));
    expect(await page.locator('h1').innerText()).toBe('在线申请：食品经营许可');
    expect(await page.locator('.stepper [aria-current="step"]').innerText()).toContain('选择情形');
    // On a phone the guide is folded above the form; it opens on demand.
    const guide = page.locator('details#apply-guide');
    expect(await guide.evaluate((d: HTMLDetailsElement) => d.open)).toBe(false);
    await guide.locator('summary').click();
    expect(await guide.getByText('承诺时限').isVisible()).toBe(true);
    await fitsAndAccessible(page, 'apply step 1');
  });

  it('chooses the situation from the keyboard', async () => {
    await page.getByLabel('新办').focus();
    await page.keyboard.press('Space');
    expect(await page.getByLabel('新办').isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('下一步：提交材料');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\?situation=new$/);
    expect(await page.locator('.stepper [aria-current="step"]').innerText()).toContain('提交材料');
    // Exactly the materials of 新办; 营业执照 comes by data sharing, nothing to upload.
    expect(await page.locator('input[type="file"]').count()).toBe(3);
    expect(await page.getByText('该材料由办理部门通过数据共享获取').count()).toBe(1);
    expect(await page.getByText('变更事项证明材料').count()).toBe(0);
    await fitsAndAccessible(page, 'apply step 2');
  });

  it('refuses to go on while a required material is missing', async () => {
    await page.getByRole('button', { name: '下一步：联系方式' }).click();
    const alert = page.locator('[data-step-error]');
    expect(await alert.innerText()).toContain('食品经营许可申请书');
    expect(await alert.innerText()).toContain('经营场所平面布局图');
    expect(await alert.innerText()).not.toContain('租赁合同'); // optional
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('file-application');
    await fitsAndAccessible(page, 'apply step 2 with the missing list');
  });

  it('uploads with a progress bar that moves while the file goes up', async () => {
    // A slow line (about 64 KB/s up) so that the progress can be seen between start and end.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 64 * 1024 });
    const bar = page.locator('#file-application-progress');
    await page.locator('#file-application').setInputFiles({ name: '申请书.pdf', mimeType: 'application/pdf', buffer: pdfOf(320) });
    await page.waitForFunction(() => {
      const p = document.querySelector<HTMLProgressElement>('#file-application-progress');
      return !!p && !p.hidden && p.value > 0 && p.value < 100;
    });
    expect(await bar.isVisible()).toBe(true);
    await fitsAndAccessible(page, 'apply step 2 while uploading');
    await page.getByText('已上传：申请书.pdf').waitFor({ timeout: 30_000 });
    expect(await bar.evaluate((p: HTMLProgressElement) => p.value)).toBe(100);
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

    await page.locator('#file-floorplan').setInputFiles({ name: '平面图.png', mimeType: 'image/png', buffer: PNG });
    await page.getByText('已上传：平面图.png').waitFor();
    await fitsAndAccessible(page, 'apply step 2 uploaded');
  });

  it('shows a wrong file type as a message beside the material', async () => {
    await page.locator('#file-lease').setInputFiles({ name: '合同.txt', mimeType: 'text/plain', buffer: Buffer.from('not a scan') });
    await page.getByText('上传失败').waitFor();
    expect(await page.locator('#file-lease-status').innerText()).toContain('PDF、JPEG、PNG');
    await page.locator('#file-lease').setInputFiles([]);
  });

  it('step 3: contact and confirmation, then submits', async () => {
    await page.getByRole('button', { name: '下一步：联系方式' }).click();
    expect(await page.locator('.stepper [aria-current="step"]').innerText()).toContain('联系方式与提交');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('step3-h');
    expect(await page.locator('#step-materials').isHidden()).toBe(true);
    const summary = await page.locator('[data-summary]').innerText();
    expect(summary).toContain('已上传：申请书.pdf');
    expect(summary).toContain('已上传：平面图.png');
    expect(summary).toContain('数据共享获取');
    expect(await page.getByText(`1522**********${world.applicant.idNumber.slice(-4)}`).count()).toBe(1);
    await page.getByLabel('电子邮箱（选填）').fill('zhang@example.com');
    await fitsAndAccessible(page, 'apply step 3');

    await page.getByRole('button', { name: '确认提交' }).click();
    await page.waitForURL(/\/my\/cases\/[0-9a-f-]{36}\?submitted=1$/);
    caseUrl = page.url();
    expect(await page.locator('h1').innerText()).toBe('食品经营许可');
    expect(await page.getByRole('status').innerText()).toContain('申请已提交');
    expect(await page.locator('#state-title').innerText()).toContain('待受理');
    expect(await page.locator('.timeline').innerText()).toContain('提交申请');
    await fitsAndAccessible(page, 'my case after submitting');
  });

  it('finds the case in 我的办件 with its number and state', async () => {
    const row = await database.db.selectFrom('cases').select(['id', 'case_number', 'state']).where('applicant_id', '=', world.applicant.id).executeTakeFirstOrThrow();
    expect(caseUrl).toContain(row.id);
    expect(row.state).toBe('submitted');
    const materials = await database.db.selectFrom('case_materials').select(['material_id', 'source']).where('case_id', '=', row.id).orderBy('material_id').execute();
    expect(materials).toEqual([
      { material_id: 'application', source: 'upload' },
      { material_id: 'bizlicence', source: 'sharing' },
      { material_id: 'floorplan', source: 'upload' },
    ]);

    await page.goto(`${url}/my/cases`);
    expect(await page.locator('h1').innerText()).toBe('我的办件');
    const card = page.locator('.case-card', { hasText: row.case_number });
    expect(await card.count()).toBe(1);
    expect(await card.innerText()).toContain('待受理');
    await fitsAndAccessible(page, 'my cases');
    await card.getByRole('link', { name: '食品经营许可' }).click();
    await page.waitForURL(new RegExp(`/my/cases/${row.id}$`));
    await fitsAndAccessible(page, 'my case');
  });

  it('on a wide screen the guide stands open beside the form', async () => {
    const wide = await newContext(browser, { viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    await wide.addCookies([{ name: 'tb_applicant', value: world.applicant.token, url, httpOnly: true, sameSite: 'Lax' }]);
    const p = await wide.newPage();
    await p.goto(`${url}/apply/${world.implementation.id}?situation=new`);
    const guide = p.locator('details#apply-guide');
    expect(await guide.evaluate((d: HTMLDetailsElement) => d.open)).toBe(true);
    const [g, form] = [await guide.boundingBox(), await p.locator('.apply-main').boundingBox()];
    expect(g!.x).toBeGreaterThan(form!.x + form!.width - 1);
    expect(g!.y).toBeLessThan(form!.y + 50);
    await expectAccessible(p, 'apply step 2, wide');
    await wide.close();
  });

  it('supplies what the one-time supplement notice asks for, from the case page', async () => {
    const row = await database.db.selectFrom('cases').select(['id', 'version']).where('applicant_id', '=', world.applicant.id).executeTakeFirstOrThrow();
    const token = await createSession(database.db, world.users.clerk);
    const notice = await app.inject({
      method: 'POST',
      url: `/api/cases/${row.id}/actions/request-supplement`,
      cookies: { [SESSION_COOKIE]: token },
      headers: { [CSRF_HEADER]: csrfTokenFor(token) },
      payload: { version: row.version, items: [{ materialId: 'floorplan', note: '请标明操作间面积' }], deadlineOn: '2026-03-20' },
    });
    expect(notice.statusCode, notice.body).toBe(200);

    await page.goto(`${url}/my/cases/${row.id}`);
    expect(await page.locator('#state-title').innerText()).toContain('待补齐补正');
    expect(await page.getByText('补正说明：请标明操作间面积').count()).toBe(1);
    // The notice downloads as a PDF from the applicant's own address.
    const pdfHref = await page.getByRole('link', { name: /一次性补齐补正告知书/ }).getAttribute('href');
    const pdf = await page.request.get(`${url}${pdfHref}`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    await fitsAndAccessible(page, 'my case awaiting supplement');

    await page.locator('#file-supply-floorplan').setInputFiles({ name: '平面图-标注.png', mimeType: 'image/png', buffer: PNG });
    await page.getByText('已上传：平面图-标注.png').waitFor();
    await page.getByRole('button', { name: '提交补齐补正材料' }).click();
    await page.waitForURL(/\?done=supply$/);
    expect(await page.locator('.form-ok').innerText()).toContain('补齐补正材料已提交');
    expect(await page.locator('#state-title').innerText()).toContain('待受理');
    expect(await page.locator('.timeline').innerText()).toMatch(/提交申请[\s\S]*一次性告知补齐补正[\s\S]*补齐补正材料/);
    await fitsAndAccessible(page, 'my case after supplying');
  });

  it('withdraws the application from the keyboard', async () => {
    await page.locator('details.withdraw summary').focus();
    await page.keyboard.press('Enter');
    await page.getByLabel('撤回原因（选填）').fill('材料需重新准备');
    await page.getByRole('button', { name: '确认撤回' }).press('Enter');
    await page.waitForURL(/\?done=withdraw$/);
    expect(await page.locator('#state-title').innerText()).toContain('已撤回');
    expect(await page.locator('details.withdraw').count()).toBe(0);
    await fitsAndAccessible(page, 'my case withdrawn');
  });

  it('a second application uses the earlier 申请书 instead of uploading it again (一证办理)', async () => {
    await page.goto(`${url}/apply/${world.implementation.id}?situation=change`);
    const reuse = page.getByLabel(/使用已有材料：申请书\.pdf/);
    expect(await reuse.count()).toBe(1);
    await fitsAndAccessible(page, 'apply with a reuse offer');
    await reuse.check();
    expect(await page.locator('#file-application').isHidden()).toBe(true);
    await page.locator('#file-changeproof').setInputFiles({ name: '变更证明.pdf', mimeType: 'application/pdf', buffer: pdfOf(2) });
    await page.getByText('已上传：变更证明.pdf').waitFor();
    await page.getByRole('button', { name: '下一步：联系方式' }).click();
    expect(await page.locator('[data-summary]').innerText()).toContain('使用已有材料：申请书.pdf');
    await page.getByRole('button', { name: '确认提交' }).click();
    await page.waitForURL(/\/my\/cases\/([0-9a-f-]{36})\?submitted=1$/);
    const id = /\/my\/cases\/([0-9a-f-]{36})/.exec(page.url())![1];
    const reused = await database.db.selectFrom('case_materials').select(['material_id', 'source', 'reused_from_case_id']).where('case_id', '=', id).where('material_id', '=', 'application').executeTakeFirstOrThrow();
    expect(reused.source).toBe('reuse');
    expect(caseUrl).toContain(reused.reused_from_case_id!);
  });
});
