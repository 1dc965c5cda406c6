// The 审计日志 page in a real browser: an auditor sees the trail of their scope, filters it, exports
// it, and checks its integrity — before and after a record is removed behind the application's back.
// Signed in by a session cookie (the sign-in page is tested elsewhere).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { launchBrowser, startServer, type TestServer, newContext } from './browser.js';
import type { Database } from '../../src/db/database.js';
import { makeOrg, makeUser } from '../factories.js';
import { chainPendingAudit } from '../../src/modules/audit/chainer.js';
import { recordAudit } from '../../src/modules/audit/service.js';
import { actorForUser, createSession } from '../../src/modules/identity/service.js';
import { SESSION_COOKIE } from '../../src/http/auth.js';

async function seedAudit(db: Database) {
  const county = await makeOrg(db, { kind: 'government', level: 'county', divisionCode: '152201', name: '乌兰浩特市人民政府' });
  const dept = await makeOrg(db, { kind: 'department', level: 'county', parentId: county.id, divisionCode: '152201', name: '乌兰浩特市市场监督管理局' });
  const auditor = await makeUser(db, county.id, ['auditor']);
  const clerk = await makeUser(db, dept.id, ['window-clerk']);
  const clerkActor = (await actorForUser(db, clerk.id))!;
  for (let i = 1; i <= 3; i++) {
    await recordAudit(db, { ...clerkActor, ip: '10.0.0.7' }, { action: 'case.accept', objectType: 'case', objectId: `CASE-${i}`, orgId: dept.id, changes: { status: { before: 'submitted', after: 'accepted' }, phone: { before: null, after: '13812345678' } } });
  }
  await recordAudit(db, null, { action: 'system.only', objectType: 'system', objectId: 'hidden' });
  return { db, token: await createSession(db, auditor.id) };
}

let browser: Browser;
let server: TestServer<Awaited<ReturnType<typeof seedAudit>>>;

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/ensure-web-build.mjs'], { stdio: 'inherit' });
  [browser, server] = await Promise.all([launchBrowser(), startServer(seedAudit)]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function auditorPage(): Promise<Page> {
  const context = await newContext(browser, { viewport: { width: 1280, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
  const { hostname } = new URL(server.url);
  await context.addCookies([{ name: SESSION_COOKIE, value: server.seeded.token, domain: hostname, path: '/' }]);
  const page = await context.newPage();
  await page.goto(`${server.url}/admin/audit`);
  await page.getByRole('heading', { name: '审计日志' }).waitFor();
  return page;
}

describe('审计日志 page', () => {
  it('lists the records of the auditor’s scope with masked changes, filters, exports and verifies', async () => {
    const page = await auditorPage();
    await page.getByRole('link', { name: '审计日志' }).waitFor();
    const table = page.getByRole('table');
    await table.getByText('CASE-3').waitFor();
    expect(await table.getByText('case · CASE-', { exact: false }).count()).toBe(3);
    expect(await page.getByText('system · hidden').count()).toBe(0);

    // A row opens to its before/after, personal data masked.
    await page.getByRole('button', { name: /展开行|Expand row/ }).first().click();
    await page.getByText('138****5678').first().waitFor();
    expect(await page.content()).not.toContain('13812345678');

    const axe = await new AxeBuilder({ page }).analyze();
    const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
    expect(serious, serious.join('\n')).toEqual([]);

    await page.getByLabel('对象 ID').fill('CASE-2');
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await page.waitForFunction(() => !document.body.innerText.includes('CASE-3'));
    await table.getByText('CASE-2').waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /导出 CSV/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^audit-\d{8}\.csv$/);
    const csv = await fs.readFile((await download.path())!, 'utf8');
    expect(csv).toContain('CASE-2');
    expect(csv).not.toContain('CASE-3');

    await page.getByRole('button', { name: /校验完整性/ }).click();
    await page.getByText(/审计日志完整：共 \d+ 条记录/).waitFor();
  });

  it('names the removed record when the trail was tampered with', async () => {
    await chainPendingAudit(server.seeded.db);
    await server.seeded.db.transaction().execute(async (trx) => {
      await sql`set local session_replication_role = replica`.execute(trx);
      await sql`delete from audit_log where seq = 2`.execute(trx);
    });
    const page = await auditorPage();
    await page.getByRole('button', { name: /校验完整性/ }).click();
    await page.getByText('审计日志完整性校验未通过：第 2 条记录被删除').waitFor();
  });
});
