// The staff workbench (办件工作台) in a real browser on a phone-sized screen (375 px): a window clerk
// opens 我的待办, sees an application's time limit as a coloured tag that also says it in words,
// opens the case, and issues the one-time supplement notice (一次性告知补齐补正) by ticking one of
// the guide's materials. A second clerk's change in between is reported as 办件已被他人处理.
// axe checks the queue, the case page and the dialog.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Database } from '../../src/db/database.js';
import { SESSION_COOKIE } from '../../src/http/auth.js';
import { createSession } from '../../src/modules/identity/service.js';
import { DEFAULT_START, makeCaseWorld } from '../case-fixture.js';
import { ManualClock } from '../../src/lib/clock.js';
import { expectAccessible, launchBrowser, startServer, type TestServer, newPhonePage, signInStaff, expectNoSidewaysScroll, staffApi } from './browser.js';

const PASSWORD = 'Test-Passw0rd!'; // makeUser's default

async function seed(db: Database) {
  const world = await makeCaseWorld(db);
  const clerk = await db.selectFrom('users').select(['id', 'username']).where('id', '=', world.users.clerk).executeTakeFirstOrThrow();
  // A session of the clerk for the API calls of the test itself (the browser signs in on its own).
  const token = await createSession(db, clerk.id);
  return { world, clerk: { username: clerk.username, password: PASSWORD }, token };
}

let browser: Browser;
let server: TestServer<Awaited<ReturnType<typeof seed>>>;
const contexts: BrowserContext[] = [];

/** The API as the clerk (cookie session + CSRF token), outside the browser. */
async function asClerk(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  return staffApi(server.url, server.seeded.token, method, path, body);
}

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/ensure-web-build.mjs'], { stdio: 'inherit' });
  [browser, server] = await Promise.all([launchBrowser(), startServer(seed, { clock: new ManualClock(DEFAULT_START) })]);
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await server?.close();
});

/** An application entered at the window with the paper originals of the two required materials the applicant brings (营业执照 comes by data sharing). */
async function submitCase(name: string): Promise<{ id: string; caseNumber: string; version: number }> {
  const { world } = server.seeded;
  const res = await asClerk('POST', '/api/cases', {
    implementationId: world.implementation.id,
    situationId: 'new',
    applicant: { kind: 'person', name, idNumber: world.applicant.idNumber, phone: world.applicant.phone, email: 'window@example.com' },
    materials: [
      { materialId: 'application', paper: true },
      { materialId: 'floorplan', paper: true },
    ],
  });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json;
}

const COLOUR_WORDS: Record<string, RegExp> = { green: /正常/, amber: /即将到期/, red: /超期/, paused: /已暂停/ };

const phonePage = () => newPhonePage(browser, contexts);
const signIn = (page: Page, user: { username: string; password: string }) => signInStaff(page, server.url, user);

describe('staff workbench', () => {
  it('a clerk sees the queue with its time-limit tag and issues a supplement notice by ticking a material', async () => {
    const submitted = await submitCase('张三明');
    const page = await phonePage();
    await signIn(page, server.seeded.clerk);

    // A clerk opens on the queue (home page by role), which the menu also offers.
    await expect.poll(() => new URL(page.url()).pathname).toBe('/admin/cases');
    await expect.poll(() => page.getByRole('heading', { level: 1, name: '我的待办' }).isVisible(), { timeout: 30_000 }).toBe(true);
    await page.getByRole('button', { name: '打开菜单' }).click();
    await page.getByRole('link', { name: '我的待办' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1, name: '我的待办' }).isVisible(), { timeout: 30_000 }).toBe(true);
    // A clerk starts on 待受理, where the new application is.
    await expect.poll(() => page.getByRole('tab', { name: '待受理', selected: true }).isVisible(), { timeout: 30_000 }).toBe(true);
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: submitted.caseNumber }) });
    await expect.poll(() => row.isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => row.getByText('张三明').isVisible()).toBe(true);

    // The tag says in words what its colour says: compare with what the API reports for the case.
    const queue = await asClerk('GET', '/api/cases/queue?view=acceptance');
    const summary = queue.json.items.find((c: { id: string }) => c.id === submitted.id);
    const tag = row.locator('[data-colour]');
    const shown = await tag.getAttribute('data-colour');
    const expected = summary.colour === 'none' ? (summary.acceptanceOverdue ? 'red' : 'green') : summary.colour;
    expect(shown).toBe(expected);
    expect(await tag.innerText()).toMatch(COLOUR_WORDS[expected]);
    // Its colour is the green of 正常 (not only a class name): the application was submitted just now.
    expect(expected).toBe('green');
    expect(await tag.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(19, 82, 0)');
    await expectNoSidewaysScroll(page);
    await expectAccessible(page, 'queue');

    // The case page: state, guide version, materials, history, and the actions of a clerk.
    await row.getByRole('link', { name: submitted.caseNumber }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1, name: `办件 ${submitted.caseNumber}` }).isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => page.getByText('第 1 版（2024-01-01 起施行）').isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('button', { name: '受理', exact: true }).isVisible()).toBe(true);
    // A clerk may not decide: no 准予 button.
    expect(await page.getByRole('button', { name: '准予', exact: true }).count()).toBe(0);
    await expectNoSidewaysScroll(page);
    await expectAccessible(page, 'case detail');

    await page.getByRole('button', { name: '一次性告知补齐补正' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByRole('checkbox', { name: /经营场所平面布局图/ }).isVisible(), { timeout: 30_000 }).toBe(true);
    // Only the guide's materials of the situation 新办 are offered (not 变更事项证明材料).
    // 营业执照 comes by data sharing: named, never offered to be asked of the applicant.
    expect(await dialog.getByRole('checkbox').count()).toBe(3);
    expect(await dialog.getByRole('checkbox', { name: /营业执照/ }).count()).toBe(0);
    expect(await dialog.getByText('由平台通过数据共享获取、不需申请人补正：营业执照').isVisible()).toBe(true);
    expect(await dialog.getByRole('checkbox', { name: /变更事项证明材料/ }).count()).toBe(0);
    await dialog.getByRole('checkbox', { name: /经营场所平面布局图/ }).check();
    await dialog.getByLabel('“经营场所平面布局图”需补齐补正的内容').fill('请提交标明各功能区的平面布局图原件');
    const deadline = '2026-03-12'; // ten days after the server's day (DEFAULT_START)
    await dialog.getByLabel('补正期限').fill(deadline);
    await expectAccessible(page, 'supplement dialog');
    await dialog.getByRole('button', { name: '发出补正告知' }).click();

    // The case moved on; the notice is listed with its PDF; the history names the step.
    await expect.poll(() => page.getByText('待补齐补正', { exact: true }).first().isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => page.getByRole('link', { name: '下载 PDF：一次性补齐补正告知书' }).first().isVisible(), { timeout: 30_000 }).toBe(true);
    // The link serves the notice itself.
    const href = await page.getByRole('link', { name: '下载 PDF：一次性补齐补正告知书' }).first().getAttribute('href');
    const pdf = await fetch(`${server.url}${href}`, { headers: { cookie: `${SESSION_COOKIE}=${server.seeded.token}` } });
    expect(pdf.status).toBe(200);
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    await expect.poll(() => page.getByText('请提交标明各功能区的平面布局图原件').first().isVisible()).toBe(true);
    const after = await asClerk('GET', `/api/cases/${submitted.id}`);
    expect(after.json.state).toBe('awaiting-supplement');
    expect(after.json.supplement).toMatchObject({ deadlineOn: deadline, items: [{ materialId: 'floorplan', note: '请提交标明各功能区的平面布局图原件' }] });
    await expectAccessible(page, 'case after supplement notice');
  });

  it('a clerk enters an application at the window: item, situation, applicant, an uploaded scan and a paper original', async () => {
    const page = await phonePage();
    await signIn(page, server.seeded.clerk);
    await page.goto(`${server.url}/admin/cases/new`);
    await expect.poll(() => page.getByRole('heading', { level: 1, name: '窗口收件' }).isVisible(), { timeout: 30_000 }).toBe(true);
    await page.getByLabel(/^事项/).click();
    await page.keyboard.type('食品经营');
    // Chosen with the keyboard, once the search has found it.
    await expect.poll(() => page.locator('.ant-select-item-option', { hasText: '食品经营许可' }).isVisible(), { timeout: 30_000 }).toBe(true);
    await page.keyboard.press('Enter');
    // The situation decides the checklist: 新办 asks for the floor plan, 变更 does not.
    await page.getByRole('radio', { name: '新办' }).check();
    await expect.poll(() => page.getByText('经营场所平面布局图', { exact: true }).isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await page.getByText('变更事项证明材料').count()).toBe(0);
    await page.getByLabel('姓名').fill('王窗口');
    await page.getByLabel('身份证号码').fill(server.seeded.world.otherApplicant.idNumber);

    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: '上传“食品经营许可申请书”' }).click();
    await (await chooser).setFiles({ name: '申请书.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n') });
    await expect.poll(() => page.getByText(/已上传：申请书\.pdf/).isVisible(), { timeout: 30_000 }).toBe(true);
    await page.getByRole('checkbox', { name: '“经营场所平面布局图”纸质已收' }).check();
    await expectNoSidewaysScroll(page);
    await expectAccessible(page, 'window application');
    await page.getByRole('button', { name: '提交申请' }).click();

    await page.waitForURL(/\/admin\/cases\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    const id = page.url().split('/').pop()!;
    await expect.poll(() => page.getByRole('heading', { level: 1, name: /^办件 / }).isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => page.getByRole('link', { name: /申请书\.pdf/ }).isVisible(), { timeout: 30_000 }).toBe(true);
    const detail = await asClerk('GET', `/api/cases/${id}`);
    expect(detail.json).toMatchObject({ state: 'submitted', channel: 'window', situation: { id: 'new' } });
    const bySource = Object.fromEntries(detail.json.materials.map((m: { materialId: string; source: string }) => [m.materialId, m.source]));
    expect(bySource).toMatchObject({ application: 'upload', floorplan: 'paper' });
  });

  it('an action on a case someone else changed meanwhile says 办件已被他人处理 and shows the case as it now is', async () => {
    const submitted = await submitCase('李小红');
    const page = await phonePage();
    await signIn(page, server.seeded.clerk);
    await page.goto(`${server.url}/admin/cases/${submitted.id}`);
    await expect.poll(() => page.getByRole('button', { name: '电话回访' }).isVisible(), { timeout: 30_000 }).toBe(true);

    // Another clerk logs a follow-up after this page loaded (the case's version moves on).
    const other = await asClerk('POST', `/api/cases/${submitted.id}/actions/phone-follow-up`, { version: submitted.version, note: '已电话联系申请人' });
    expect(other.status, JSON.stringify(other.json)).toBe(200);

    await page.getByRole('button', { name: '电话回访' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('回访记录').fill('申请人表示材料齐全');
    await dialog.getByRole('button', { name: '保存回访记录' }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: '办件已被他人处理' }).isVisible(), { timeout: 30_000 }).toBe(true);
    // Reloaded: the other clerk's follow-up is in the history now.
    await expect.poll(() => page.getByText('已电话联系申请人').isVisible(), { timeout: 30_000 }).toBe(true);
  });
});
