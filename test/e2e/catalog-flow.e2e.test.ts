// The catalog flow end to end, in a real browser (the acceptance test):
// a department admin writes a guide in the admin app, sees the linter name the articles it breaks
// (第十条: a catch-all material, a form without blank and sample), fixes them and submits; a catalog
// reviewer publishes it; a citizen on a phone finds it on the portal by pinyin initials, opens it and
// downloads the PDF, whose text carries the item's Chinese name. axe checks every page on the way.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, startServer, type TestServer, expectAccessible, signInStaff, newContext } from './browser.js';
import { ITEM_NAME, seedCatalogFlow } from './catalog-flow.seed.js';

type World = Awaited<ReturnType<typeof seedCatalogFlow>>;

let browser: Browser;
let server: TestServer<World>;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  // The admin app under test is the built one (web/dist, served at /admin/): build it if it is
  // missing or older than its sources, as `npm test` does, so running this file alone is honest too.
  execFileSync(process.execPath, ['scripts/ensure-web-build.mjs'], { stdio: 'inherit' });
  [browser, server] = await Promise.all([launchBrowser(), startServer(seedCatalogFlow)]);
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await server?.close();
});

async function newPage(viewport = { width: 1280, height: 900 }): Promise<Page> {
  const context = await newContext(browser, { viewport, locale: 'zh-CN', acceptDownloads: true });
  contexts.push(context);
  return context.newPage();
}


const lintPanel = (page: Page) => page.getByTestId('lint-panel');

/** Fills everything but the materials so that only the material rules remain to be seen. */
async function fillGuideElements(page: Page): Promise<void> {
  await page.getByRole('checkbox', { name: '法人' }).check();
  await page.getByLabel('承诺办结时限天数').fill('10');
  await page.getByRole('button', { name: '添加受理条件' }).click();
  await page.getByLabel('受理条件 1', { exact: true }).fill('申请人已取得名称自主申报结果');
  await page.getByLabel('收费标准及收费依据说明（不收费的也写明依据）').fill('依据《市场主体登记管理条例》，登记不收费');
  await page.getByRole('checkbox', { name: '窗口办理' }).check();
  await page.getByRole('button', { name: '添加办理地点' }).click();
  await page.getByLabel('地点 1 名称').fill('兴安盟政务服务中心');
  await page.getByLabel('地址', { exact: true }).fill('乌兰浩特市兴安北大路政务服务中心一楼');
  await page.getByLabel('办公时间').fill('工作日 9:00-17:00');
  await page.getByLabel('结果名称').fill('营业执照');
  await page.getByLabel('结果电子证照类型代码').fill('YYZZ');
  await page.getByLabel('结果样本名称（已脱敏）').fill('营业执照样本（已隐藏个人信息）');
  await page.getByLabel('结果样本地址').fill('https://example.gov.cn/samples/yyzz.pdf');
  await page.getByRole('checkbox', { name: '窗口领取' }).check();
  await page.getByLabel('咨询电话').fill('0482-8226110');
  await page.getByLabel('监督投诉电话').fill('0482-8226120');
}

async function addMaterial(page: Page, name: string, opts: { isForm: boolean }): Promise<void> {
  await page.getByRole('button', { name: '添加材料' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('材料名称').fill(name);
  if (opts.isForm) await dialog.getByRole('switch', { name: '是否为需填写的表格' }).click();
  await dialog.getByLabel('设定依据').fill('《中华人民共和国市场主体登记管理条例》第十六条');
  await dialog.getByRole('button', { name: /完\s*成/ }).click();
  await dialog.waitFor({ state: 'hidden' });
}

async function addStep(page: Page): Promise<void> {
  await page.getByRole('button', { name: '添加环节' }).click();
  await page.getByLabel('环节名称').fill('受理');
  await page.getByLabel('责任单位/岗位').fill('综合受理窗口');
  await page.getByLabel('环节依据').fill('《中华人民共和国市场主体登记管理条例》第十九条');
}

const signIn = (page: Page, user: { username: string; password: string }) => signInStaff(page, server.url, user);

describe('catalog flow: write, lint, submit, publish, find on the portal, download the PDF', () => {
  it('shows the four-eyes refusal when the submitter tries to publish his own version', { timeout: 120_000 }, async () => {
    const { allRoles, otherImplementation } = server.seeded;
    const page = await newPage();
    await signIn(page, allRoles);
    await page.goto(`${server.url}/admin/catalog/implementations/${otherImplementation.id}`);
    await page.getByRole('button', { name: '新建修订草稿' }).click();
    await page.waitForURL(/\/edit$/);
    await lintPanel(page).getByText(/^0 个错误/).waitFor();
    await page.getByRole('button', { name: '提交审核' }).click();
    const submitDialog = page.getByRole('dialog', { name: '提交审核' });
    await submitDialog.getByLabel('调整原因（如依据的法律法规变化）').fill('依据条例修订调整');
    await submitDialog.getByRole('button', { name: /提\s*交/ }).click();
    await page.waitForURL(new RegExp(`/admin/catalog/implementations/${otherImplementation.id}$`));
    await page.getByRole('link', { name: '审核', exact: true }).click();
    await page.getByRole('button', { name: /发\s*布/ }).click();
    await page.getByRole('dialog', { name: '发布指南' }).getByRole('button', { name: /发\s*布/ }).click();
    await page.getByRole('alert').filter({ hasText: '操作未成功' }).filter({ hasText: '不能审核发布本人提交的版本' }).waitFor();
    await page.getByText('待审核').first().waitFor();
  });


  it('goes from an empty implementation to a published guide a citizen downloads', { timeout: 300_000 }, async () => {
    const { admin, reviewer, implementation } = server.seeded;

    // ——— the department admin writes the guide ———
    const page = await newPage();
    await page.goto(`${server.url}/admin/`);
    await page.getByRole('link', { name: '使用统一身份认证登录' }).waitFor();
    expect(await page.title()).toContain('登录');
    await expectAccessible(page, 'login');
    await signIn(page, admin);

    await page.getByRole('cell', { name: ITEM_NAME }).waitFor();
    await page.getByRole('button', { name: /展开行/ }).first().click();
    const implLink = page.getByRole('link', { name: '兴安盟市场监督管理局' });
    await implLink.waitFor();
    await expectAccessible(page, 'catalog');
    await implLink.click();
    await page.waitForURL(new RegExp(`/admin/catalog/implementations/${implementation.id}$`));
    await page.getByRole('button', { name: '新建办事指南' }).click();
    await page.waitForURL(/\/admin\/guide-versions\/[^/]+\/edit$/);
    await page.getByLabel('事项名称', { exact: true }).waitFor();
    expect(await page.getByLabel('事项名称', { exact: true }).inputValue()).toBe(ITEM_NAME);

    await fillGuideElements(page);
    await addMaterial(page, '其他相关材料', { isForm: false });
    await addMaterial(page, '营业执照登记申请书', { isForm: true });
    await addStep(page);

    // The live linter names the articles the two materials break, and submission is blocked.
    await lintPanel(page).getByText('第十条第（一）项 Art. 10(1)').first().waitFor();
    await lintPanel(page).getByText('第十条第（二）项 Art. 10(2)').first().waitFor();
    await expect.poll(() => lintPanel(page).getByText(/兜底性表述/).count()).toBeGreaterThan(0);
    expect(await lintPanel(page).getByText(/缺少空白表格|缺少空表|缺少样表|缺少/).count()).toBeGreaterThan(0);
    await page.getByTestId('submit-blocked').waitFor();
    expect(await page.getByRole('button', { name: '提交审核' }).isDisabled()).toBe(true);
    await expectAccessible(page, 'editor with lint errors');

    // Clicking the catch-all message opens that material with its name field focused; fix it there.
    await lintPanel(page).getByRole('button', { name: /所需材料 第1项「其他相关材料」/ }).first().click();
    const dialog = page.getByRole('dialog');
    const nameField = dialog.getByLabel('材料名称');
    await expect.poll(() => nameField.evaluate((el) => el === document.activeElement)).toBe(true);
    await nameField.fill('法定代表人身份证明');
    await dialog.getByRole('button', { name: /完\s*成/ }).click();
    await dialog.waitFor({ state: 'hidden' });

    // The form gets its blank and sample (Art. 10(2)).
    await page.getByRole('button', { name: '编辑材料 营业执照登记申请书' }).click();
    await dialog.getByLabel('空白表格名称').fill('登记申请书（空白表）');
    await dialog.getByLabel('空白表格下载地址').fill('https://example.gov.cn/forms/yyzz-blank.pdf');
    await dialog.getByLabel('示例样表名称').fill('登记申请书（填写示例）');
    await dialog.getByLabel('示例样表下载地址').fill('https://example.gov.cn/forms/yyzz-sample.pdf');
    await dialog.getByRole('button', { name: /完\s*成/ }).click();
    await dialog.waitFor({ state: 'hidden' });

    await lintPanel(page).getByText(/^0 个错误/).waitFor();
    await page.getByTestId('submit-blocked').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '提交审核' }).click();
    const submitDialog = page.getByRole('dialog', { name: '提交审核' });
    await submitDialog.getByLabel('调整原因（如依据的法律法规变化）').fill('首次编制办事指南');
    await submitDialog.getByRole('button', { name: /提\s*交/ }).click();
    await page.waitForURL(new RegExp(`/admin/catalog/implementations/${implementation.id}$`));
    await page.getByText('待审核').first().waitFor();

    // ——— the reviewer publishes it ———
    const reviewPage = await newPage();
    await signIn(reviewPage, reviewer);
    await reviewPage.getByRole('link', { name: '指南审核' }).click();
    await reviewPage.getByRole('link', { name: new RegExp(ITEM_NAME) }).click();
    await reviewPage.waitForURL(/\/admin\/review\/[^/]+$/);
    await reviewPage.getByText('法定代表人身份证明').first().waitFor();
    await expectAccessible(reviewPage, 'review');
    await reviewPage.getByRole('button', { name: /发\s*布/ }).click();
    const publishDialog = reviewPage.getByRole('dialog', { name: '发布指南' });
    await publishDialog.getByLabel('审核意见').fill('内容完整，同意发布');
    await publishDialog.getByRole('button', { name: /发\s*布/ }).click();
    await reviewPage.waitForURL(/\/admin\/review$/);
    await reviewPage.getByRole('link', { name: new RegExp(ITEM_NAME) }).waitFor({ state: 'detached' });

    // ——— a citizen on a phone finds it by pinyin initials and downloads the PDF ———
    const phone = await newPage({ width: 375, height: 812 });
    await phone.goto(`${server.url}/`);
    await expectAccessible(phone, 'portal home');
    await phone.getByRole('searchbox').first().fill('yyzz');
    await phone.getByRole('searchbox').first().press('Enter');
    await phone.waitForURL(/\/search\?/);
    const hit = phone.getByRole('link', { name: new RegExp(ITEM_NAME) }).first();
    await hit.waitFor();
    await expectAccessible(phone, 'portal search');
    await hit.click();
    await phone.waitForURL(/\/guides\/[^/.]+$/);
    await phone.getByRole('heading', { name: new RegExp(ITEM_NAME) }).first().waitFor();
    await phone.getByText('法定代表人身份证明').first().waitFor();
    await expectAccessible(phone, 'portal guide');

    const [download] = await Promise.all([phone.waitForEvent('download'), phone.getByRole('link', { name: /下载\s*PDF/ }).click()]);
    const bytes = await fs.readFile((await download.path())!);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = await pdfText(bytes);
    expect(text).toContain(ITEM_NAME);
  });
});

async function pdfText(bytes: Buffer): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false }).promise;
  let text = '';
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    text += content.items.map((item) => ('str' in item ? item.str : '')).join('');
  }
  await doc.destroy();
  return text.replace(/\s+/g, '');
}
