// The folded sections of the citizen pages on a 375 px phone — "办事指南：…" beside the application
// form and "撤回申请" on a case — show that they open: a ▸ that turns when open and the words
// 展开 / 收起, toggled from the keyboard; with reduced motion the marker turns without animating.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaseTestApp, makeCaseWorld, submitOnline, type CaseTestApp, type CaseWorld } from '../case-fixture.js';
import { expectAccessible, launchBrowser, newContext } from './browser.js';

let t: CaseTestApp;
let world: CaseWorld;
let url: string;
let browser: Browser;

beforeAll(async () => {
  t = await createCaseTestApp();
  world = await makeCaseWorld(t.db, t.config);
  url = await t.app.listen({ host: '127.0.0.1', port: 0 });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** A signed-in applicant's page on a phone; `motion` as the person set it in their system. */
async function phonePage(path: string, motion: 'reduce' | 'no-preference'): Promise<Page> {
  const context = await newContext(browser, { reducedMotion: motion });
  await context.addCookies([{ name: 'tb_applicant', value: world.applicant.token, url, httpOnly: true, sameSite: 'Lax' }]);
  const page = await context.newPage();
  await page.goto(`${url}${path}`);
  return page;
}

/** What a summary shows around its text: the marker (::before), the words (::after), the marker's turn and animation. */
const looks = (summary: Locator) =>
  summary.evaluate((s) => {
    const before = getComputedStyle(s, '::before');
    const after = getComputedStyle(s, '::after');
    return { marker: before.content, turned: before.transform !== 'none', animated: parseFloat(before.transitionDuration) > 0, words: after.content, display: after.display };
  });

async function expectToggles(page: Page, details: Locator) {
  const summary = details.locator('summary');
  expect(await details.evaluate((d: HTMLDetailsElement) => d.open)).toBe(false);
  const closed = await looks(summary);
  expect(closed.marker).toContain('▸');
  expect(closed.turned).toBe(false);
  expect(closed.words).toContain('展开');
  expect(closed.display).not.toBe('none');
  // The words sit on the summary's line, inside the phone's width.
  const box = (await summary.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(375);

  await summary.focus();
  await page.keyboard.press('Enter');
  expect(await details.evaluate((d: HTMLDetailsElement) => d.open)).toBe(true);
  const open = await looks(summary);
  expect(open.turned).toBe(true);
  expect(open.words).toContain('收起');

  await page.keyboard.press('Space');
  expect(await details.evaluate((d: HTMLDetailsElement) => d.open)).toBe(false);
  expect((await looks(summary)).words).toContain('展开');
  return closed;
}

describe('folded sections show they open (375 px)', () => {
  it('办事指南 beside the application form: ▸ 展开, then 收起 from the keyboard', async () => {
    const page = await phonePage(`/apply/${world.implementation.id}?situation=new`, 'reduce');
    const closed = await expectToggles(page, page.locator('details#apply-guide'));
    expect(closed.animated).toBe(false); // reduced motion: no animation
    await expectAccessible(page, 'apply form, guide folded');
    await page.screenshot({ path: '/tmp/portal-details-apply.png' });
    await page.context().close();
  });

  it('撤回申请 on a case; the marker turns with a short animation unless reduced motion is asked for', async () => {
    const submitted = await submitOnline(t, world);
    const page = await phonePage(`/my/cases/${submitted.id}`, 'no-preference');
    const closed = await expectToggles(page, page.locator('details.withdraw'));
    expect(closed.animated).toBe(true);
    await expectAccessible(page, 'my case, withdraw folded');
    await page.locator('details.withdraw').scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/portal-details-withdraw.png' });
    await page.context().close();
  });
});
