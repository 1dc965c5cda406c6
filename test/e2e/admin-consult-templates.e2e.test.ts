// 咨询登记 and 消息模板 in the admin app, in a real browser on a phone-sized screen (375 px).
// A window clerk logs a phone consultation (she becomes its first responder, 首问负责人), answers
// it later, and turns it into an application at the window: 窗口收件 opens with the item chosen and
// the case it creates is linked back to the consultation. A system administrator previews a draft of
// the 'case.accepted' e-mail template with sample values, sees the server's refusal of an unknown
// placeholder on the field, and saves a new version — which the next accepted case's e-mail uses.
// axe checks each page and dialog.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Database } from '../../src/db/database.js';
import { ManualClock } from '../../src/lib/clock.js';
import { createSession } from '../../src/modules/identity/service.js';
import { DEFAULT_START, makeCaseWorld } from '../case-fixture.js';
import { expectAccessible, launchBrowser, startServer, type TestServer, newPhonePage, signInStaff, expectNoSidewaysScroll, chooseOption, staffApi } from './browser.js';

const PASSWORD = 'Test-Passw0rd!'; // makeUser's default

async function seed(db: Database) {
  const world = await makeCaseWorld(db);
  const userOf = (id: string) => db.selectFrom('users').select(['id', 'username', 'display_name']).where('id', '=', id).executeTakeFirstOrThrow();
  const clerk = await userOf(world.users.clerk);
  const admin = await userOf(world.users.admin);
  // Sessions for the test's own API calls (the browser signs in on its own).
  return {
    world,
    clerk: { username: clerk.username, password: PASSWORD, displayName: clerk.display_name, token: await createSession(db, clerk.id) },
    admin: { username: admin.username, password: PASSWORD, token: await createSession(db, admin.id) },
  };
}

const clock = new ManualClock(DEFAULT_START);
let browser: Browser;
let server: TestServer<Awaited<ReturnType<typeof seed>>>;
const contexts: BrowserContext[] = [];

/** The API as a staff member (cookie session + CSRF token), outside the browser. */
async function callAs(token: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  return staffApi(server.url, token, method, path, body);
}

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/ensure-web-build.mjs'], { stdio: 'inherit' });
  [browser, server] = await Promise.all([launchBrowser(), startServer(seed, { clock })]);
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await server?.close();
});

async function openFromMenu(page: Page, label: string): Promise<void> {
  await page.getByRole('button', { name: '打开菜单' }).click();
  await page.getByRole('link', { name: label }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1, name: label }).isVisible(), { timeout: 30_000 }).toBe(true);
}

/**
 * axe on the page once the passing toasts (已答复 …) are gone: one fading out is half transparent, and
 * axe would measure its contrast mid-animation.
 */
async function checkAccessible(page: Page, name: string): Promise<void> {
  await expect.poll(() => page.locator('.ant-message-notice').count(), { timeout: 10_000 }).toBe(0);
  await expectAccessible(page, name);
}

/**
 * The open dialog with this title. Not by accessible name: a bundle built under NODE_ENV=test (by
 * scripts/ensure-web-build.mjs inside vitest) gives every antd dialog title the same id.
 */
const dialogTitled = (page: Page, title: string) => page.getByRole('dialog').filter({ has: page.locator('.ant-modal-title', { hasText: title }) });

const visible = (locator: { isVisible(): Promise<boolean> }) => expect.poll(() => locator.isVisible(), { timeout: 30_000 }).toBe(true);

const phonePage = () => newPhonePage(browser, contexts);
const signIn = (page: Page, user: { username: string; password: string }) => signInStaff(page, server.url, user);

describe('咨询登记', () => {
  it('a clerk logs a phone consultation, answers it later, and turns it into a window application linked to it', async () => {
    const { clerk, world } = server.seeded;
    const page = await phonePage();
    await signIn(page, clerk);
    await openFromMenu(page, '咨询登记');
    await visible(page.getByText('暂无咨询记录'));

    // 登记咨询: phone, the item chosen by typing, the asker, the question; the answer comes later.
    await page.getByRole('button', { name: '登记咨询' }).click();
    const dialog = dialogTitled(page, '登记咨询');
    await visible(dialog.getByLabel('咨询内容'));
    await dialog.getByRole('radio', { name: '电话' }).check();
    await dialog.getByLabel('咨询事项').click();
    await page.keyboard.type('食品经营');
    await visible(page.locator('.ant-select-item-option', { hasText: '食品经营许可' }));
    await page.keyboard.press('Enter');
    await dialog.getByLabel('咨询人姓名').fill('赵咨询');
    await dialog.getByLabel('联系方式').fill('13800138000');
    await dialog.getByLabel('咨询内容').fill('开一家小餐馆，办食品经营许可需要准备哪些材料？');
    // Answering now asks for the answer; answering later does not.
    await visible(dialog.getByLabel('答复内容'));
    await dialog.getByRole('radio', { name: '稍后答复' }).check();
    await expect.poll(() => dialog.getByLabel('答复内容').count()).toBe(0);
    await checkAccessible(page, 'log consultation dialog');
    await dialog.getByRole('button', { name: '登记' }).click();

    // The card: channel and item, the asker (a clerk processes cases: shown whole), the clerk as first responder, 待答复.
    const card = page.getByRole('article', { name: '电话咨询 · 食品经营许可' });
    await visible(card);
    await visible(card.getByText('待答复'));
    await visible(card.getByText('赵咨询，13800138000'));
    await visible(card.getByText(clerk.displayName, { exact: true }));
    await visible(card.getByText('开一家小餐馆，办食品经营许可需要准备哪些材料？'));
    const logged = (await callAs(clerk.token, 'GET', '/api/consultations')).json.items;
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ channel: 'phone', item: { id: world.item.id }, responder: { id: world.users.clerk }, answer: null, case: null });
    await expectNoSidewaysScroll(page);
    await checkAccessible(page, 'consultations list');

    // 答复.
    await card.getByRole('button', { name: '答复' }).click();
    const answerDialog = dialogTitled(page, '答复咨询');
    await visible(answerDialog.getByLabel('答复内容'));
    await answerDialog.getByLabel('答复内容').fill('需要申请书、经营场所平面布局图；营业执照由平台共享获取，无需提交。');
    await checkAccessible(page, 'answer dialog');
    await answerDialog.getByRole('button', { name: '保存答复' }).click();
    await visible(card.getByText('已答复'));
    await visible(card.getByText(/需要申请书、经营场所平面布局图/));
    // Answered once: the button is gone.
    await expect.poll(() => card.getByRole('button', { name: '答复' }).count()).toBe(0);
    expect((await callAs(clerk.token, 'GET', '/api/consultations?answered=true')).json.items[0].answer).toMatch(/^需要申请书/);

    // 转为申请: 窗口收件 opens with the consultation's item chosen.
    await card.getByRole('button', { name: '转为申请' }).click();
    await page.waitForURL(/\/admin\/cases\/new\?/, { timeout: 30_000 });
    const url = new URL(page.url());
    expect(url.searchParams.get('consultation')).toBe(logged[0].id);
    expect(url.searchParams.get('implementationId')).toBe(world.implementation.id);
    await visible(page.getByText('由咨询转为申请'));
    await visible(page.getByText('食品经营许可（兴安盟市场监督管理局）'));
    // The chosen item's guide is loaded: its situations are offered.
    await page.getByRole('radio', { name: '新办' }).check();
    await page.getByLabel('姓名').fill('赵咨询');
    await page.getByLabel('身份证号码').fill(world.otherApplicant.idNumber);
    await page.getByRole('checkbox', { name: '“食品经营许可申请书”纸质已收' }).check();
    await page.getByRole('checkbox', { name: '“经营场所平面布局图”纸质已收' }).check();
    await expectNoSidewaysScroll(page);
    await checkAccessible(page, 'window application from a consultation');
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.waitForURL(/\/admin\/cases\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    const caseId = page.url().split('/').pop()!;
    const created = (await callAs(clerk.token, 'GET', `/api/cases/${caseId}`)).json;
    expect(created).toMatchObject({ state: 'submitted', channel: 'window' });

    // The consultation now names the case (linked by the page after the case was created).
    await expect.poll(async () => (await callAs(clerk.token, 'GET', '/api/consultations')).json.items[0].case?.id, { timeout: 30_000 }).toBe(caseId);
    await openFromMenu(page, '咨询登记');
    const linked = page.getByRole('article', { name: '电话咨询 · 食品经营许可' });
    await visible(linked.getByText('已转为申请'));
    await visible(linked.getByRole('link', { name: created.caseNumber }));
    // Converted once: no second conversion offered.
    expect(await linked.getByRole('button', { name: '转为申请' }).count()).toBe(0);
    await checkAccessible(page, 'consultations list with a linked case');
    await linked.getByRole('link', { name: created.caseNumber }).click();
    await visible(page.getByRole('heading', { level: 1, name: `办件 ${created.caseNumber}` }));
  });

  it('the list is newest first and continues with 加载更多', async () => {
    const { clerk } = server.seeded;
    // 21 more, a minute apart, on top of the one logged above: a page holds 20.
    for (let i = 1; i <= 21; i++) {
      clock.advance(60_000);
      const res = await callAs(clerk.token, 'POST', '/api/consultations', { channel: i % 2 ? 'window' : 'letter', question: `分页咨询第 ${i} 条`, answer: '已当场答复' });
      expect(res.status, JSON.stringify(res.json)).toBe(201);
    }
    const page = await phonePage();
    await signIn(page, clerk);
    await page.goto(`${server.url}/admin/consultations`);
    const cards = page.getByRole('list', { name: '咨询记录' }).getByRole('article');
    await expect.poll(() => cards.count(), { timeout: 30_000 }).toBe(20);
    expect(await cards.first().innerText()).toContain('分页咨询第 21 条');
    expect(await cards.nth(19).innerText()).toContain('分页咨询第 2 条');
    await page.getByRole('button', { name: '加载更多' }).click();
    await expect.poll(() => cards.count(), { timeout: 30_000 }).toBe(22);
    expect(await cards.nth(20).innerText()).toContain('分页咨询第 1 条');
    // The oldest: the phone consultation of the first test, now linked to its case.
    expect(await cards.nth(21).innerText()).toContain('开一家小餐馆');
    await expect.poll(() => page.getByRole('button', { name: '加载更多' }).count()).toBe(0);
    // 信函 only: the filter goes to the server (10 of the 21 are letters).
    await chooseOption(page, page.getByLabel('按渠道筛选'), '信函');
    await expect.poll(() => cards.count(), { timeout: 30_000 }).toBe(10);
    expect(await cards.first().innerText()).toContain('信函咨询 · 未指定事项');
    await expectNoSidewaysScroll(page);
  });
});

// Once seen in CI (1 run of 6): the preview of the version in use did not appear within 30 s on a
// loaded machine. The test saves nothing before that point, so a second attempt starts clean.
describe('消息模板', { retry: 1 }, () => {
  it("an admin previews a draft of the 'case.accepted' e-mail and saves it as a new version, used by the next acceptance's e-mail", async () => {
    const { admin, clerk, world } = server.seeded;
    const page = await phonePage();
    await signIn(page, admin);
    await openFromMenu(page, '消息模板');

    // Every key with the version in use per channel; 已受理's e-mail is the built-in one.
    const header = page.getByRole('button', { name: /^已受理 case\.accepted/ });
    await visible(header);
    expect(await header.innerText()).toContain('电子邮件 内置版');
    await expectNoSidewaysScroll(page);
    await checkAccessible(page, 'templates list');
    await header.click();
    await page.getByRole('button', { name: '编辑“已受理”电子邮件模板' }).click();

    const dialog = dialogTitled(page, '编辑模板：已受理 · 电子邮件');
    const preview = dialog.getByRole('region', { name: /预览/ });
    // The version in use, rendered by the server with sample values.
    await visible(preview.getByText('【通办】申请已受理（办件编号 XA2026031200123）'));

    // An unknown placeholder: the server's reason appears on the body field.
    const body = dialog.getByLabel('正文');
    await body.fill('您的申请已受理：{{foo}}');
    await expect.poll(() => dialog.locator('#template-editor_body_help').innerText().catch(() => ''), { timeout: 30_000 }).toMatch(/未知的占位符 \{\{foo\}\}/);
    await checkAccessible(page, 'template editor with a refused draft');

    // A new text, a placeholder inserted with its button at the cursor, then typing on.
    await dialog.getByLabel('邮件标题').fill('【通办】您的申请已受理（{{caseNumber}}）');
    await body.fill('您申请办理的“{{itemName}}”已受理，请于 ');
    await dialog.getByRole('button', { name: /承诺办结日期/ }).click();
    await expect.poll(() => body.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type(' 前留意办结通知。');
    expect(await body.inputValue()).toBe('您申请办理的“{{itemName}}”已受理，请于 {{dueOn}} 前留意办结通知。');
    await visible(preview.getByText('您申请办理的“食品经营许可证核发”已受理，请于 2026-04-10 前留意办结通知。'));
    await expect.poll(() => dialog.getByText(/未知的占位符/).count()).toBe(0);
    // A sample value of the administrator's own.
    await dialog.getByRole('button', { name: '预览用的示例值（可改）' }).click();
    await dialog.getByLabel('办件编号（caseNumber）').fill('XA-SAMPLE-1');
    await visible(preview.getByText('【通办】您的申请已受理（XA-SAMPLE-1）'));
    await dialog.getByLabel('修改说明').fill('正文更简短');
    await expectNoSidewaysScroll(page);
    await checkAccessible(page, 'template editor');
    await dialog.getByRole('button', { name: '保存为新版本' }).click();

    // Saved as version 1; the list shows it.
    await visible(page.getByText('已保存为第 1 版，此后发出的消息使用新版本'));
    await expect.poll(() => header.innerText(), { timeout: 30_000 }).toContain('电子邮件 第 1 版');
    const versions = (await callAs(admin.token, 'GET', '/api/message-templates/case.accepted/email/versions')).json.items;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([1, 0]);
    expect(versions[0]).toMatchObject({ subject: '【通办】您的申请已受理（{{caseNumber}}）', body: '您申请办理的“{{itemName}}”已受理，请于 {{dueOn}} 前留意办结通知。', note: '正文更简短' });

    // 版本历史: the new version in use, the built-in one below it.
    await page.getByRole('button', { name: '版本历史：“已受理”电子邮件模板' }).click();
    const history = dialogTitled(page, '版本历史：已受理 · 电子邮件');
    await visible(history.getByRole('heading', { name: '第 1 版' }));
    await visible(history.getByRole('heading', { name: '第 0 版' }));
    await checkAccessible(page, 'versions dialog');
    await history.getByRole('button', { name: '关闭' }).first().click();

    // The e-mail of the next acceptance is written from version 1.
    const submitted = await callAs(clerk.token, 'POST', '/api/cases', {
      implementationId: world.implementation.id,
      situationId: 'new',
      applicant: { kind: 'person', name: '王模板', idNumber: world.applicant.idNumber, email: 'template@example.com' },
      materials: [
        { materialId: 'application', paper: true },
        { materialId: 'floorplan', paper: true },
      ],
    });
    expect(submitted.status, JSON.stringify(submitted.json)).toBe(201);
    const accepted = await callAs(clerk.token, 'POST', `/api/cases/${submitted.json.id}/actions/accept`, { version: submitted.json.version });
    expect(accepted.status, JSON.stringify(accepted.json)).toBe(200);
    const messages = (await callAs(clerk.token, 'GET', `/api/cases/${submitted.json.id}/messages`)).json.items;
    const email = messages.find((m: { templateKey: string; channel: string }) => m.templateKey === 'case.accepted' && m.channel === 'email');
    expect(email).toMatchObject({ templateVersion: 1, subject: `【通办】您的申请已受理（${submitted.json.caseNumber}）` });
    expect(email.body).toContain('已受理，请于');
  });
});
