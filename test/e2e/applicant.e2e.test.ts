// An applicant on a 375 px phone: asks for a sign-in code, the test reads it from the development
// SMS outbox (sms_outbox), signs in, links the real name, and sees only their own masked record —
// never another applicant's. axe finds nothing serious or critical on any of these pages.
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import { identityCheckCharacter } from '../../src/lib/identity-number.js';
import { applicantForSession, createApplicantSession, linkRealName, sendLoginCode, verifyLoginCode } from '../../src/modules/applicants/service.js';
import { latestOutboxMessage } from '../../src/modules/applicants/sms.js';
import { launchBrowser, startServer, type TestServer, newContext } from './browser.js';

const config = loadConfig({ NODE_ENV: 'test', TONGBAN_DATA_DIR: '/tmp/tongban-test' });
const idNumber = (seq: number) => {
  const first17 = `15220119900307${String(seq).padStart(3, '0')}`;
  return first17 + identityCheckCharacter(first17);
};
const ME = { phone: '13912345678', name: '白音', idNumber: idNumber(21) };
const OTHER = { phone: '13687654321', name: '其木格', idNumber: idNumber(42) };

/** The other applicant: signed up and real-name linked before the browser arrives. */
async function seedOtherApplicant(db: Database) {
  const deps = { db, config };
  await sendLoginCode(deps, OTHER.phone, '10.1.1.1');
  const code = /\d{6}/.exec((await latestOutboxMessage(deps, OTHER.phone))!.body)![0];
  const applicant = await verifyLoginCode(deps, OTHER.phone, code);
  const session = await applicantForSession(deps, await createApplicantSession(deps, applicant.id));
  await linkRealName(deps, session!, { kind: 'person', name: OTHER.name, idNumber: OTHER.idNumber });
  return { db, otherId: applicant.id };
}

let browser: Browser;
let server: TestServer<{ db: Database; otherId: string }>;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  server = await startServer(seedOtherApplicant);
  browser = await launchBrowser();
  context = await newContext(browser, { viewport: { width: 375, height: 812 }, locale: 'zh-CN' });
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

/** Nothing of the other applicant: not the name, the number (whole or masked), the phone, the id. */
async function showsNothingOfTheOther(p: Page) {
  const text = await p.content();
  for (const trace of [OTHER.name, OTHER.idNumber, `1522**********${OTHER.idNumber.slice(-4)}`, OTHER.phone, '136****4321', server.seeded.otherId]) {
    expect(text).not.toContain(trace);
  }
}

describe('applicant sign-in on a phone (375 × 812)', () => {
  it('the 我的 link leads to the sign-in page, which fits the screen and is accessible', async () => {
    await page.goto(`${server.url}/`);
    await page.getByRole('link', { name: '我的' }).click();
    await page.waitForURL(/\/my\/login$/);
    expect(await page.locator('h1').innerText()).toBe('办事人登录');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('asks for a code, reads it from the outbox, and signs in', async () => {
    await page.getByLabel('手机号').fill(ME.phone);
    await page.getByRole('button', { name: '获取验证码' }).click();
    await page.waitForSelector('#code');
    expect(await page.getByRole('status').first().innerText()).toContain('139****5678');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
    expect(await seriousViolations(page)).toEqual([]);

    const message = await latestOutboxMessage({ db: server.seeded.db, config }, ME.phone);
    const code = /\d{6}/.exec(message!.body)![0];
    await page.getByLabel('短信验证码').fill(code);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.waitForURL(/\/my$/);
    expect(await page.locator('h1').innerText()).toBe('我的');
    expect(await page.getByText('139****5678').count()).toBe(1);
    expect(await page.content()).not.toContain(ME.phone);
    expect(await page.getByText('未实名').count()).toBeGreaterThan(0);
    await showsNothingOfTheOther(page);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('links the real name and then sees their own number masked, nothing of the other applicant', async () => {
    await page.getByLabel('姓名或单位名称').fill(ME.name);
    await page.getByLabel('身份证号码或统一社会信用代码').fill(ME.idNumber);
    await page.getByRole('button', { name: '核验并绑定' }).click();
    await page.waitForURL(/\/my\?linked=1$/);
    expect(await page.getByRole('status').innerText()).toContain('实名核验已完成');
    expect(await page.getByText(`1522**********${ME.idNumber.slice(-4)}`).count()).toBe(1);
    expect(await page.content()).not.toContain(ME.idNumber);
    expect(await page.getByText(ME.name).count()).toBeGreaterThan(0);
    await showsNothingOfTheOther(page);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
    expect(await seriousViolations(page)).toEqual([]);

    // The API behind the same cookie answers with the same, own, masked record.
    const me = await page.evaluate(async () => (await fetch('/api/applicant/me')).json());
    expect(me).toMatchObject({ name: ME.name, phone: '139****5678', idNumber: `1522**********${ME.idNumber.slice(-4)}` });
    expect(me.id).not.toBe(server.seeded.otherId);
  });

  it('an ID number already linked to the other applicant is refused on the page', async () => {
    // A second browser, a new account: trying the other applicant's number gets a clear message.
    const other = await (await newContext(browser, { viewport: { width: 375, height: 812 }, locale: 'zh-CN' })).newPage();
    await other.goto(`${server.url}/my/login`);
    await other.getByLabel('手机号').fill('13700001111');
    await other.getByRole('button', { name: '获取验证码' }).click();
    await other.waitForSelector('#code');
    const code = /\d{6}/.exec((await latestOutboxMessage({ db: server.seeded.db, config }, '13700001111'))!.body)![0];
    await other.getByLabel('短信验证码').fill(code);
    await other.getByRole('button', { name: '登录', exact: true }).click();
    await other.waitForURL(/\/my$/);
    await other.getByLabel('姓名或单位名称').fill(OTHER.name);
    await other.getByLabel('身份证号码或统一社会信用代码').fill(OTHER.idNumber);
    await other.getByRole('button', { name: '核验并绑定' }).click();
    expect(await other.getByRole('alert').innerText()).toContain('已与其他账号绑定');
    expect(await other.content()).not.toContain(`1522**********${OTHER.idNumber.slice(-4)}`);
    expect(await seriousViolations(other)).toEqual([]);
    await other.context().close();
  });

  it('signs out', async () => {
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL(/\/my\/login$/);
    await page.goto(`${server.url}/my`);
    await page.waitForURL(/\/my\/login$/);
  });
});
