// One case from application to decision, in real browsers (issue 5, Art. 13–21): an applicant
// applies online on a phone; the window clerk issues the one-time supplement notice; the applicant
// supplies; the clerk accepts; the reviewer pauses the clock for expert review and resumes it three
// days later (the due date moves by the paused working days); the decider grants. The applicant
// sees every step in 我的办件 and receives an e-mail for each, read back from a real local SMTP
// server that the platform's job runner delivers to.
import { execFileSync } from 'node:child_process';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { SESSION_COOKIE } from '../../src/http/auth.js';
import { CSRF_COOKIE, csrfTokenFor } from '../../src/http/security.js';
import { ManualClock, type Clock } from '../../src/lib/clock.js';
import { createSession } from '../../src/modules/identity/service.js';
import { createPlatformRunner } from '../../src/modules/jobs/registry.js';
import { makeCaseWorld, PNG, testConfig, type CaseWorld } from '../case-fixture.js';
import { createTestDatabase, type TestDatabase } from '../helpers.js';
import { startTestSmtp, type TestSmtp } from '../smtp-server.js';
import { expectAccessible, launchBrowser, newContext } from './browser.js';

let browser: Browser;
let database: TestDatabase;
let app: Awaited<ReturnType<typeof buildApp>>;
let smtp: TestSmtp;
let url: string;
let world: CaseWorld;
let runner: ReturnType<typeof createPlatformRunner>;
const contexts: BrowserContext[] = [];
let applicant: Page;
let caseId = '';
let caseNumber = '';

// Monday 2 March 2026, 09:00 in 兴安盟: dates are counted on the real calendar from here.
const clock = new ManualClock('2026-03-02T09:00:00+08:00');
const EMAIL = 'zhang.sanming@example.com';

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/ensure-web-build.mjs'], { stdio: 'inherit' });
  smtp = await startTestSmtp();
  database = await createTestDatabase();
  const base = testConfig();
  const config = { ...base, outbox: { ...base.outbox, smtpUrl: smtp.url, sandbox: false } };
  world = await makeCaseWorld(database.db, config);
  app = await buildApp({ db: database.db, config, clock: clock as Clock });
  url = await app.listen({ host: '127.0.0.1', port: 0 });
  config.publicUrl = url;
  runner = createPlatformRunner(app.deps);
  browser = await launchBrowser();
  applicant = await phone([{ name: 'tb_applicant', value: world.applicant.token }]);
}, 120_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await app?.close();
  await database?.dispose();
  await smtp?.close();
});

async function phone(cookies: { name: string; value: string }[]): Promise<Page> {
  const context = await newContext(browser, { viewport: { width: 375, height: 812 }, locale: 'zh-CN' });
  contexts.push(context);
  await context.addCookies(cookies.map((c) => ({ ...c, url, sameSite: 'Lax' as const })));
  return context.newPage();
}

/** A staff member's phone, signed in (the session and CSRF cookies the sign-in sets). */
async function staffPhone(userId: string): Promise<Page> {
  const token = await createSession(database.db, userId);
  return phone([
    { name: SESSION_COOKIE, value: token },
    { name: CSRF_COOKIE, value: csrfTokenFor(token) },
  ]);
}

/** The case page in the workbench, ready for the next action. */
async function openCase(page: Page): Promise<void> {
  await page.goto(`${url}/admin/cases/${caseId}`);
  await expect.poll(() => page.getByRole('heading', { level: 1, name: `办件 ${caseNumber}` }).isVisible(), { timeout: 30_000 }).toBe(true);
}

async function act(page: Page, button: string, ok: string, fill?: (dialog: ReturnType<Page['getByRole']>) => Promise<void>): Promise<void> {
  // antd writes a two-character label with a space between (受 理).
  const name = button.length === 2 ? new RegExp(`^${button[0]}\\s*${button[1]}$`) : button;
  await page.getByRole('button', { name, exact: true }).click();
  const dialog = page.getByRole('dialog');
  await expect.poll(() => dialog.getByRole('button', { name: ok }).isVisible(), { timeout: 30_000 }).toBe(true);
  if (fill) await fill(dialog);
  await expectAccessible(page, `${button} dialog`);
  await dialog.getByRole('button', { name: ok }).click();
  await expect.poll(() => dialog.isVisible(), { timeout: 30_000 }).toBe(false);
}

const stateOf = async () => (await database.db.selectFrom('cases').select(['state', 'due_on', 'paused_since']).where('id', '=', caseId).executeTakeFirstOrThrow());

/** The e-mails the applicant has received for this case, by subject, after the runner's pass. */
async function mailSubjects(): Promise<string[]> {
  await runner.runOnce();
  return smtp.received.filter((m) => m.to.includes(EMAIL)).map((m) => m.subject);
}

/** The applicant's case page: the state in words and the timeline. */
async function applicantSees(state: string, step: RegExp): Promise<void> {
  await applicant.goto(`${url}/my/cases/${caseId}`);
  expect(await applicant.locator('#state-title').innerText()).toContain(state);
  expect(await applicant.locator('.timeline').innerText()).toMatch(step);
  const overflow = await applicant.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(1);
}

describe('a case from the online application to the decision', () => {
  it('the applicant applies online with the materials of the chosen situation', async () => {
    await applicant.goto(`${url}/apply/${world.implementation.id}?situation=new`);
    await applicant.locator('#file-application').setInputFiles({ name: '申请书.png', mimeType: 'image/png', buffer: PNG });
    await applicant.getByText('已上传：申请书.png').waitFor();
    await applicant.locator('#file-floorplan').setInputFiles({ name: '平面图.png', mimeType: 'image/png', buffer: PNG });
    await applicant.getByText('已上传：平面图.png').waitFor();
    await applicant.getByRole('button', { name: '下一步：联系方式' }).click();
    await applicant.getByLabel('电子邮箱（选填）').fill(EMAIL);
    await applicant.getByRole('button', { name: '确认提交' }).click();
    await applicant.waitForURL(/\/my\/cases\/[0-9a-f-]{36}\?submitted=1$/);
    caseId = /\/my\/cases\/([0-9a-f-]{36})/.exec(applicant.url())![1]!;
    caseNumber = (await database.db.selectFrom('cases').select('case_number').where('id', '=', caseId).executeTakeFirstOrThrow()).case_number;
    await applicantSees('待受理', /提交申请/);
    expect(await mailSubjects()).toEqual([`【通办】申请已提交（办件编号 ${caseNumber}）`]);
  });

  it('the clerk issues one supplement notice by ticking a material; the applicant is told and supplies it', async () => {
    const clerk = await staffPhone(world.users.clerk);
    await openCase(clerk);
    await act(clerk, '一次性告知补齐补正', '发出补正告知', async (dialog) => {
      await dialog.getByRole('checkbox', { name: /经营场所平面布局图/ }).check();
      await dialog.getByLabel('“经营场所平面布局图”需补齐补正的内容').fill('请标明操作间和仓库的面积');
      await dialog.getByLabel('补正期限').fill('2026-03-16');
      await dialog.getByLabel('补正期限').press('Enter');
    });
    expect((await stateOf()).state).toBe('awaiting-supplement');
    const afterNotice = await mailSubjects();
    expect(afterNotice, afterNotice.join(" | ")).toContain(`【通办】请补齐补正申请材料（办件编号 ${caseNumber}）`);
    const mail = smtp.received.find((m) => m.subject.includes('请补齐补正申请材料'))!;
    expect(mail.text).toContain('经营场所平面布局图');
    expect(mail.text).toContain(`${url}/my/cases/${caseId}`);

    await applicantSees('待补齐补正', /一次性告知补齐补正/);
    expect(await applicant.getByText('补正说明：请标明操作间和仓库的面积').count()).toBe(1);
    await applicant.locator('#file-supply-floorplan').setInputFiles({ name: '平面图-标注.png', mimeType: 'image/png', buffer: PNG });
    await applicant.getByText('已上传：平面图-标注.png').waitFor();
    await applicant.getByRole('button', { name: '提交补齐补正材料' }).click();
    await applicant.waitForURL(/\?done=supply$/);
    await applicantSees('待受理', /一次性告知补齐补正[\s\S]*补齐补正材料/);
    await expectAccessible(applicant, 'my case after supplying');
  });

  it('the clerk accepts: the applicant gets the receipt with the promised date', async () => {
    const clerk = await staffPhone(world.users.clerk);
    await openCase(clerk);
    await act(clerk, '受理', '确认受理');
    const accepted = await stateOf();
    expect(accepted.state).toBe('under-review');
    // 20 working days from Monday 2 March 2026.
    expect(accepted.due_on).toBe('2026-03-30');
    expect(await mailSubjects()).toContain(`【通办】申请已受理（办件编号 ${caseNumber}）`);
    await applicantSees('审查中', /受理/);
    expect(await applicant.getByRole('link', { name: /受理凭证/ }).count()).toBeGreaterThan(0);
  });

  it('the reviewer pauses the clock for expert review and resumes it three days later: the due date moves', async () => {
    const reviewer = await staffPhone(world.users.reviewer);
    await openCase(reviewer);
    await act(reviewer, '暂停计时', '暂停计时', async (dialog) => {
      // By keyboard (deterministic under load): open the list on 听证, one down to 专家评审, choose.
      await dialog.getByLabel('暂停原因类别').focus();
      await reviewer.keyboard.press('ArrowDown');
      await reviewer.locator('.ant-select-item-option', { hasText: '听证' }).first().waitFor();
      await reviewer.keyboard.press('ArrowDown');
      await reviewer.keyboard.press('Enter');
      await expect.poll(() => dialog.getByText('专家评审').count(), { timeout: 30_000 }).toBeGreaterThan(0);
      await dialog.getByLabel('具体原因').fill('组织食品安全专家现场核查');
    });
    expect((await stateOf()).paused_since).toBe('2026-03-02');
    expect(await mailSubjects()).toContain(`【通办】办理时限暂停计算（办件编号 ${caseNumber}）`);

    clock.advanceDays(3); // Thursday 5 March
    await openCase(reviewer);
    await act(reviewer, '恢复计时', '恢复计时');
    const resumed = await stateOf();
    expect(resumed.paused_since).toBeNull();
    // Paused Monday to Wednesday: three working days added.
    expect(resumed.due_on).toBe('2026-04-02');
    expect(await mailSubjects()).toContain(`【通办】办理时限恢复计算（办件编号 ${caseNumber}）`);
    await applicantSees('审查中', /暂停计时[\s\S]*恢复计时/);
  });

  it('the decider grants; the applicant sees the decision and has an e-mail for every step', async () => {
    const decider = await staffPhone(world.users.decider);
    await openCase(decider);
    await act(decider, '准予', '确认准予', async (dialog) => {
      await dialog.getByRole('checkbox', { name: '电子结果（电子证照）' }).check();
    });
    expect((await stateOf()).state).toBe('granted');
    await applicantSees('准予', /提交申请[\s\S]*一次性告知补齐补正[\s\S]*补齐补正材料[\s\S]*受理[\s\S]*暂停计时[\s\S]*恢复计时[\s\S]*准予/);
    await expectAccessible(applicant, 'my case granted');

    const subjects = await mailSubjects();
    for (const title of ['申请已提交', '请补齐补正申请材料', '补正材料已收到', '申请已受理', '办理时限暂停计算', '办理时限恢复计算', '准予决定']) {
      expect(subjects, title).toContain(`【通办】${title}（办件编号 ${caseNumber}）`);
    }
    // Sent once each, however many passes the runner made.
    expect(new Set(subjects).size).toBe(subjects.length);
  });
});
