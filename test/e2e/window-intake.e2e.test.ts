// 窗口收件 and what follows it, as a window clerk sees them in a real browser (375 px phone):
// - a material the platform obtains by data sharing (营业执照) offers nothing to receive, is never
//   sent, and the case page tags it 数据共享获取 rather than 已提交;
// - when the server refuses materials (here: a new guide version took effect while the clerk was
//   filling in the form), the alert names the materials in Chinese, not body.materials.N paths;
// - a case waiting for the applicant's supplement says 等待申请人补正 (with the deadline on the case
//   page), not 正常 · … 前受理.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Database } from '../../src/db/database.js';
import { createSession } from '../../src/modules/identity/service.js';
import { ManualClock } from '../../src/lib/clock.js';
import { caseGuideContent, DEFAULT_START, makeCaseWorld } from '../case-fixture.js';
import { makeGuide } from '../factories.js';
import { chooseOption, expectAccessible, launchBrowser, newPhonePage, signInStaff, staffApi, startServer, type TestServer } from './browser.js';

const PASSWORD = 'Test-Passw0rd!'; // makeUser's default

async function seed(db: Database) {
  const world = await makeCaseWorld(db);
  const clerk = await db.selectFrom('users').select(['id', 'username']).where('id', '=', world.users.clerk).executeTakeFirstOrThrow();
  const token = await createSession(db, clerk.id);
  return { db, world, clerk: { username: clerk.username, password: PASSWORD }, token };
}

let browser: Browser;
let server: TestServer<Awaited<ReturnType<typeof seed>>>;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/ensure-web-build.mjs'], { stdio: 'inherit' });
  [browser, server] = await Promise.all([launchBrowser(), startServer(seed, { clock: new ManualClock(DEFAULT_START) })]);
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await server?.close();
});

const asClerk = (method: string, path: string, body?: unknown) => staffApi(server.url, server.seeded.token, method, path, body);

/** Signs the clerk in and fills 窗口收件 for 食品经营许可 · 新办 with the paper originals of the two materials the applicant brings. */
async function fillIntake(name: string): Promise<Page> {
  const page = await newPhonePage(browser, contexts);
  await signInStaff(page, server.url, server.seeded.clerk);
  await page.goto(`${server.url}/admin/cases/new`);
  await expect.poll(() => page.getByRole('heading', { level: 1, name: '窗口收件' }).isVisible(), { timeout: 30_000 }).toBe(true);
  await chooseOption(page, page.getByLabel(/^事项/), '食品经营许可');
  await page.getByRole('radio', { name: '新办' }).check();
  await expect.poll(() => page.getByText('营业执照', { exact: true }).isVisible(), { timeout: 30_000 }).toBe(true);
  await page.getByLabel('姓名').fill(name);
  await page.getByLabel('身份证号码').fill(server.seeded.world.otherApplicant.idNumber);
  await page.getByRole('checkbox', { name: '“食品经营许可申请书”纸质已收' }).check();
  await page.getByRole('checkbox', { name: '“经营场所平面布局图”纸质已收' }).check();
  return page;
}

describe('window intake', () => {
  it('a material obtained by data sharing has nothing to receive, is not sent, and the case tags it 数据共享获取', async () => {
    const page = await fillIntake('王共享');
    const row = page.getByRole('list', { name: '材料清单' }).getByRole('listitem').filter({ hasText: '营业执照' });
    expect(await row.innerText()).toContain('由平台通过数据共享获取，申请人无需提交');
    // Neither an upload button nor 纸质已收 for it (the applicant's own materials keep theirs).
    expect(await page.getByRole('button', { name: '上传“营业执照”' }).count()).toBe(0);
    expect(await page.getByRole('checkbox', { name: '“营业执照”纸质已收' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '上传“经营场所平面布局图”' }).count()).toBe(1);
    await expectAccessible(page, 'window intake with a shared material');

    const request = page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/cases');
    await page.getByRole('button', { name: '提交申请' }).click();
    const sent = (await request).postDataJSON() as { materials: { materialId: string }[] };
    expect(sent.materials.map((m) => m.materialId)).toEqual(['application', 'floorplan']);

    await page.waitForURL(/\/admin\/cases\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    const id = page.url().split('/').pop()!;
    const detail = await asClerk('GET', `/api/cases/${id}`);
    expect(detail.json.materials.find((m: { materialId: string }) => m.materialId === 'bizlicence')).toMatchObject({ source: 'sharing', status: 'submitted' });
    // The materials table: the platform obtained 营业执照 itself — not 已提交 like the paper ones.
    const material = page.getByRole('row').filter({ hasText: '营业执照' });
    await expect.poll(() => material.isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await material.locator('.ant-tag').innerText()).toBe('数据共享获取');
    expect(await page.getByRole('row').filter({ hasText: '经营场所平面布局图' }).locator('.ant-tag').innerText()).toBe('已提交');
    await expectAccessible(page, 'case with a shared material');
  });

  it('a case waiting for the applicant’s supplement says so, with the deadline on the case page', async () => {
    const { world } = server.seeded;
    const created = await asClerk('POST', '/api/cases', {
      implementationId: world.implementation.id,
      situationId: 'new',
      applicant: { kind: 'person', name: '赵补正', idNumber: world.otherApplicant.idNumber },
      materials: [
        { materialId: 'application', paper: true },
        { materialId: 'floorplan', paper: true },
      ],
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const deadline = '2026-03-16';
    const notice = await asClerk('POST', `/api/cases/${created.json.id}/actions/request-supplement`, {
      version: created.json.version,
      items: [{ materialId: 'floorplan', note: '请标明操作间面积' }],
      deadlineOn: deadline,
    });
    expect(notice.status, JSON.stringify(notice.json)).toBe(200);

    const page = await newPhonePage(browser, contexts);
    await signInStaff(page, server.url, server.seeded.clerk);
    // 待受理 lists it; a queue row does not carry the supplement deadline, so the tag names no date.
    await page.goto(`${server.url}/admin/cases`);
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: created.json.caseNumber }) });
    await expect.poll(() => row.isVisible(), { timeout: 30_000 }).toBe(true);
    const queueTag = row.locator('[data-colour]');
    expect(await queueTag.innerText()).toBe('等待申请人补正');
    expect(await queueTag.getAttribute('data-colour')).toBe('waiting');

    await page.goto(`${server.url}/admin/cases/${created.json.id}`);
    await expect.poll(() => page.getByRole('heading', { level: 1, name: `办件 ${created.json.caseNumber}` }).isVisible(), { timeout: 30_000 }).toBe(true);
    const tag = page.locator('[data-colour]');
    expect(await tag.innerText()).toBe(`等待申请人补正 · ${deadline} 前`);
    expect(await page.getByText(/前受理/).count()).toBe(0);
    await expectAccessible(page, 'case awaiting supplement');
  });

  // Last: it puts a new guide version in force for the rest of the file.
  it('when the server refuses materials, the alert names them as the form does, in Chinese', async () => {
    const page = await fillIntake('王新版');
    // Meanwhile a new guide version takes effect today: 经营场所平面布局图 now comes by data sharing and
    // 新办 no longer lists the application form. The form still shows the version it loaded.
    const content = caseGuideContent();
    content.materials = content.materials.map((m) => (m.id === 'floorplan' ? { ...m, source: 'sharing' as const } : m));
    content.situations = content.situations.map((s) => (s.id === 'new' ? { ...s, materialIds: s.materialIds.filter((id) => id !== 'application') } : s));
    await makeGuide(server.seeded.db, { implementationId: server.seeded.world.implementation.id, content, effectiveFrom: DEFAULT_START.slice(0, 10) });

    await page.getByRole('button', { name: '提交申请' }).click();
    const alert = page.getByRole('alert').filter({ hasText: '收件未成功' });
    await expect.poll(() => alert.isVisible(), { timeout: 30_000 }).toBe(true);
    const text = await alert.innerText();
    expect(text).toContain('申请材料有误');
    expect(text).toContain('“经营场所平面布局图”由平台通过数据共享获取，无需提交');
    // The server named the application form by its id; the alert by its name.
    expect(text).toContain('材料“食品经营许可申请书”不在办事指南（所选情形）中');
    expect(text).not.toMatch(/body\.|materialId|floorplan|application/);
    expect(page.url()).toMatch(/\/admin\/cases\/new$/);
  });
});
