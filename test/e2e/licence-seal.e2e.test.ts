// Issue 6, "Done when" (Playwright): a case granted in the workbench yields a sealed decision PDF and
// an e-licence; the QR page says genuine; uploading the same PDF with one byte changed says altered;
// cancelling (注销) the licence shows 已注销 on its public verification page.
//
// The decider does it all in a real browser on a 375 px phone: opens the case (already accepted and
// reviewed through the API), grants it (准予), downloads the 准予决定书 from the case page (the first
// download seals it: no job runner runs inside startServer), opens /verify/<documentId>, uploads a
// one-byte-altered copy at /verify, finds the e-licence on 电子证照, cancels it with a reason, and
// opens its verification page. axe checks every page on the way.
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Database } from '../../src/db/database.js';
import { ManualClock } from '../../src/lib/clock.js';
import { parseLicenceId } from '../../src/lib/licence-id.js';
import { DEFAULT_LICENCE_TYPES } from '../../src/modules/catalog/licence-types.js';
import { createSession } from '../../src/modules/identity/service.js';
import { caseGuideContent, DEFAULT_START, makeCaseWorld } from '../case-fixture.js';
import { makeGuide } from '../factories.js';
import { expectAccessible, launchBrowser, startServer, type TestServer, newPhonePage, signInStaff, expectNoSidewaysScroll, staffApi } from './browser.js';

const PASSWORD = 'Test-Passw0rd!'; // makeUser's default
const FOOD_LICENCE = DEFAULT_LICENCE_TYPES.find((t) => t.name === '食品经营许可证')!;
const ORG_NAME = '兴安盟市场监督管理局'; // makeCaseWorld's orgs.dept, which implements the item and seals

async function seed(db: Database) {
  const world = await makeCaseWorld(db);
  // The licence type the guide's result names, registered as the demo seed registers it.
  await db.insertInto('licence_types').values({ code: FOOD_LICENCE.code, name: FOOD_LICENCE.name, issuing_department: FOOD_LICENCE.issuingDepartment, shareable: true }).execute();
  // Version 2 of the item's guide, in force since 2025: its result is that licence (结果类型：证照),
  // so a grant under it issues the e-licence.
  await makeGuide(db, {
    implementationId: world.implementation.id,
    effectiveFrom: '2025-01-01',
    content: caseGuideContent({ result: { name: '食品经营许可证', kind: 'licence', licenceTypeCode: FOOD_LICENCE.code, delivery: ['window', 'electronic'] } }),
  });
  const decider = await db.selectFrom('users').select(['id', 'username']).where('id', '=', world.users.decider).executeTakeFirstOrThrow();
  // Sessions for the test's own API calls (the browser signs in on its own).
  const tokens = { clerk: await createSession(db, world.users.clerk), reviewer: await createSession(db, world.users.reviewer), decider: await createSession(db, decider.id) };
  return { world, decider: { username: decider.username, password: PASSWORD }, tokens };
}

let browser: Browser;
let server: TestServer<Awaited<ReturnType<typeof seed>>>;
const contexts: BrowserContext[] = [];

/** The API as a staff member (cookie session + CSRF token), outside the browser. */
async function as(who: keyof Awaited<ReturnType<typeof seed>>['tokens'], method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  return staffApi(server.url, server.seeded.tokens[who], method, path, body);
}

async function ok(who: Parameters<typeof as>[0], method: string, path: string, body?: unknown): Promise<any> {
  const res = await as(who, method, path, body);
  expect(res.status, `${method} ${path}: ${JSON.stringify(res.json)}`).toBeLessThan(300);
  return res.json;
}

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/ensure-web-build.mjs'], { stdio: 'inherit' });
  // A fixed day (Monday 2026-03-02): case dates are counted on the holiday calendar, which knows only some years.
  [browser, server] = await Promise.all([launchBrowser(), startServer(seed, { clock: new ManualClock(DEFAULT_START) })]);
}, 300_000);
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await server?.close();
});

async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), disableFontFace: true, useSystemFonts: false }).promise;
  let text = '';
  for (let p = 1; p <= doc.numPages; p++) {
    const content = await (await doc.getPage(p)).getTextContent();
    text += content.items.map((i) => ('str' in i ? i.str : '')).join('');
  }
  return text.replace(/\s+/g, '');
}

/** A window application, accepted by the clerk and reviewed by the reviewer: waiting for the decision. */
async function caseAwaitingDecision(): Promise<{ id: string; caseNumber: string }> {
  const { world } = server.seeded;
  const submitted = await ok('clerk', 'POST', '/api/cases', {
    implementationId: world.implementation.id,
    situationId: 'new',
    applicant: { kind: 'person', name: world.applicant.name, idNumber: world.applicant.idNumber, phone: world.applicant.phone, email: 'window@example.com' },
    materials: [
      { materialId: 'application', paper: true },
      { materialId: 'floorplan', paper: true },
    ],
  });
  // Bound to the guide in force: version 2, whose result is the licence.
  expect(submitted.guideVersion.version).toBe(2);
  const accepted = await ok('clerk', 'POST', `/api/cases/${submitted.id}/actions/accept`, { version: submitted.version });
  const reviewed = await ok('reviewer', 'POST', `/api/cases/${submitted.id}/actions/complete-review`, { version: accepted.version, opinion: '经审查，申请材料真实有效，经营场所符合要求。' });
  expect(reviewed.version).toBeGreaterThan(accepted.version);
  // allowedActions are the viewer's: the decider may now grant.
  expect((await ok('decider', 'GET', `/api/cases/${submitted.id}`)).allowedActions).toContain('grant');
  return { id: submitted.id, caseNumber: submitted.caseNumber };
}

const phonePage = () => newPhonePage(browser, contexts, { acceptDownloads: true });
const signIn = (page: Page, user: { username: string; password: string }) => signInStaff(page, server.url, user);

describe('a granted case: sealed decision, e-licence, verification', () => {
  it('准予 in the workbench → sealed 准予决定书 (genuine; altered copy detected) and an e-licence whose 注销 shows on its verification page', async () => {
    const kase = await caseAwaitingDecision();
    const page = await phonePage();
    await signIn(page, server.seeded.decider);

    // ——— the workbench: open the case and grant it ———
    await page.goto(`${server.url}/admin/cases/${kase.id}`);
    await expect.poll(() => page.getByRole('heading', { level: 1, name: `办件 ${kase.caseNumber}` }).isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => page.getByRole('button', { name: '准予', exact: true }).isVisible(), { timeout: 30_000 }).toBe(true);
    await expectNoSidewaysScroll(page);
    await expectAccessible(page, 'case awaiting decision');

    await page.getByRole('button', { name: '准予', exact: true }).click();
    const dialog = page.getByRole('dialog');
    // Electronic result is ticked by default.
    await expect.poll(() => dialog.getByRole('checkbox', { name: /电子结果/ }).isChecked(), { timeout: 30_000 }).toBe(true);
    await dialog.getByLabel('决定意见（可选）').fill('符合食品经营许可条件，准予许可。');
    await expectAccessible(page, 'grant dialog');
    await dialog.getByRole('button', { name: '确认准予' }).click();

    // The case page lists the 准予决定书 with its PDF.
    const decisionLink = page.getByRole('link', { name: '下载 PDF：准予决定书' });
    await expect.poll(() => decisionLink.isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => page.getByText(`准予决定书（${kase.caseNumber}-JD`).isVisible()).toBe(true);
    // The closing dialog's scroll lock (a style on body) is gone once the dialog is.
    await expect.poll(() => dialog.count(), { timeout: 30_000 }).toBe(0);
    await expectNoSidewaysScroll(page);
    await expectAccessible(page, 'case granted');

    // ——— the decision PDF: sealed, with the organization, the number and the verification address ———
    const [download] = await Promise.all([page.waitForEvent('download'), decisionLink.click()]);
    const pdf = Buffer.from(await readFile((await download.path())!));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(pdf);
    expect(text).toContain(ORG_NAME);
    expect(text).toContain(`${kase.caseNumber}-JD`);
    expect(text).toContain('准予决定书');
    expect(text).toContain('决定准予');
    const address = new RegExp(`核验网址：${server.url.replace(/[.:/]/g, '\\$&')}/verify/([0-9a-f-]{36})`).exec(text);
    expect(address, `no verification address of this server in: ${text.slice(0, 400)}`).not.toBeNull();
    const documentId = address![1]!;
    // It is what the case's notice was sealed as, and the same bytes anyone downloads from the verification page.
    const issued = await fetch(`${server.url}/verify/${documentId}/document.pdf`);
    expect(issued.status).toBe(200);
    expect(Buffer.from(await issued.arrayBuffer()).equals(pdf)).toBe(true);

    // ——— the QR page says genuine ———
    await page.goto(`${server.url}/verify/${documentId}`);
    expect(await page.locator('h1').innerText()).toBe('电子文书核验');
    expect(await page.locator('#verdict-title').innerText()).toContain('真实有效');
    await expect.poll(() => page.getByText(ORG_NAME).first().isVisible()).toBe(true);
    await expectNoSidewaysScroll(page);
    await expectAccessible(page, 'verify decision (genuine)');

    // ——— the same PDF with one byte changed says altered ———
    const altered = Buffer.from(pdf);
    // A byte away from the embedded verification address, so the file still names the document.
    const latin1 = altered.toString('latin1');
    let at = Math.floor(altered.length / 2);
    while (latin1.slice(Math.max(0, at - 120), at + 120).includes('verify')) at += 256;
    altered[at] = altered[at]! ^ 0x01;
    expect(altered.equals(pdf)).toBe(false);
    await page.goto(`${server.url}/verify`);
    await page.setInputFiles('#verify-file', { name: '准予决定书.pdf', mimeType: 'application/pdf', buffer: altered });
    await Promise.all([page.waitForURL(`${server.url}/verify`), page.getByRole('button', { name: '核验文件' }).click()]);
    expect(await page.locator('#verdict-title').innerText()).toContain('已被篡改');
    expect(await page.locator('#verdict-title').innerText()).not.toContain('真实有效');
    await expectNoSidewaysScroll(page);
    await expectAccessible(page, 'verify altered decision');

    // ——— the e-licence on 电子证照 (through the menu) ———
    await page.goto(`${server.url}/admin/cases`);
    await page.getByRole('button', { name: '打开菜单' }).click();
    await page.getByRole('link', { name: '电子证照' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1, name: '电子证照' }).isVisible(), { timeout: 30_000 }).toBe(true);
    const licences = await ok('decider', 'GET', '/api/licences');
    const licence = licences.items.find((l: { caseId: string }) => l.caseId === kase.id);
    expect(licence, JSON.stringify(licences.items)).toBeDefined();
    expect(licence).toMatchObject({ licenceType: { code: FOOD_LICENCE.code, name: '食品经营许可证' }, status: 'active', version: 1, holder: { kind: 'person' } });
    expect(parseLicenceId(licence.identifier).valid).toBe(true);
    const row = page.getByRole('row').filter({ hasText: licence.licenceNumber });
    await expect.poll(() => row.isVisible(), { timeout: 30_000 }).toBe(true);
    // The holder's number is masked in the list (the decider may read it whole, but a list need not show it).
    const idNumber = server.seeded.world.applicant.idNumber;
    expect(await row.innerText()).toContain(`${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`);
    expect(await row.innerText()).not.toContain(idNumber);
    expect(await row.innerText()).toContain('有效');
    // Searching by the licence number finds it.
    await page.getByRole('searchbox', { name: '按证照编号、证照标识或持证人名称搜索' }).fill(licence.licenceNumber);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url()).toContain(`q=${licence.licenceNumber}`);
    await expect.poll(() => row.isVisible(), { timeout: 30_000 }).toBe(true);
    await expectNoSidewaysScroll(page);
    await expectAccessible(page, 'licences list');

    // ——— its detail: identifier, holder masked, validity, verification link ———
    await row.getByRole('link', { name: new RegExp(licence.licenceNumber) }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1, name: `食品经营许可证 ${licence.licenceNumber}` }).isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await page.getByTestId('licence-identifier').innerText()).toBe(licence.identifier);
    expect(await page.getByText(idNumber).count()).toBe(0);
    // Valid from the day of the grant (the server's day), without end: no validity date was given.
    await expect.poll(() => page.getByText('2026-03-02 起长期有效').first().isVisible()).toBe(true);
    const verifyLink = page.getByRole('link', { name: /打开公开核验页/ });
    const verifyUrl = `${server.url}/verify/licence/${encodeURIComponent(licence.identifier)}`;
    expect(await verifyLink.getAttribute('href')).toBe(verifyUrl);
    await expectNoSidewaysScroll(page);
    await expectAccessible(page, 'licence detail');

    // ——— 注销 with a reason, by keyboard in the dialog ———
    await page.getByRole('button', { name: '注销', exact: true }).click();
    const cancelDialog = page.getByRole('dialog');
    await expect.poll(() => cancelDialog.getByLabel('注销理由').isVisible(), { timeout: 30_000 }).toBe(true);
    // Reduced motion was asked for (the test's browser context): the dialog is there at once, not zooming in.
    expect(await page.locator('.ant-modal').evaluate((modal) => modal.getAnimations({ subtree: true }).length)).toBe(0);
    // Without a reason nothing is sent: the field says what is missing.
    await cancelDialog.getByRole('button', { name: '确认注销' }).click();
    await expect.poll(() => cancelDialog.getByText('请填写注销理由').isVisible()).toBe(true);
    expect((await ok('decider', 'GET', `/api/licences/${licence.id}`)).status).toBe('active');
    await cancelDialog.getByLabel('注销理由').fill('持证人申请注销，经营活动已终止');
    await expectAccessible(page, 'cancel dialog');
    await cancelDialog.getByRole('button', { name: '确认注销' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('理由：持证人申请注销，经营活动已终止').first().isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => page.locator('[data-status="cancelled"]').first().innerText()).toBe('已注销');
    await expect.poll(() => cancelDialog.count(), { timeout: 30_000 }).toBe(0);
    // Ended: no more 注销 / 吊销.
    expect(await page.getByRole('button', { name: '吊销', exact: true }).count()).toBe(0);
    const after = await ok('decider', 'GET', `/api/licences/${licence.id}`);
    expect(after).toMatchObject({ status: 'cancelled', statusReason: '持证人申请注销，经营活动已终止' });
    await expectAccessible(page, 'licence cancelled');

    // ——— its public verification page says 已注销 ———
    await page.goto(verifyUrl);
    expect(await page.locator('h1').innerText()).toBe('电子证照核验');
    const status = await page.locator('#licence-status').innerText();
    expect(status).toContain('已注销');
    expect(status).toContain('持证人申请注销，经营活动已终止');
    expect(await page.getByText(licence.identifier).count()).toBeGreaterThan(0);
    // The public page masks the holder.
    expect(await page.content()).not.toContain(idNumber);
    await expectNoSidewaysScroll(page);
    await expectAccessible(page, 'licence verification (cancelled)');
  }, 240_000);
});
