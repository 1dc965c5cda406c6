import { chromium } from 'playwright-core';
const launchBrowser = () => chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
import AxeBuilder from '@axe-core/playwright';
import fs from 'node:fs';
const raw = fs.readFileSync('/tmp/dev.log', 'utf8'); const info = JSON.parse(raw.slice(0, raw.indexOf('\n}') + 2));
const mobile = process.argv.includes('--mobile');
const browser = await launchBrowser();
const page = await (await browser.newContext(mobile ? { viewport: { width: 375, height: 812 } } : { viewport: { width: 1366, height: 900 } })).newPage();
page.on('console', (m) => { if ((m.type() === 'error' || m.type() === 'warning') && !m.text().includes('Failed to load resource')) console.log('console:', m.text().slice(0, 300)); });
page.on('pageerror', (e) => console.log('pageerror:', e.message));
const sfx = mobile ? '-m' : '';
async function visit(path: string, name: string, wait: string) {
  await page.goto(`${info.url}/admin${path}`);
  await page.getByText(wait).first().waitFor({ timeout: 15000 }).catch(() => console.log('missing text', wait, 'on', name));
  await page.waitForTimeout(600);
  const r = await new AxeBuilder({ page }).analyze();
  for (const v of r.violations) if (v.impact !== 'minor') console.log(`axe ${name}: ${v.impact} ${v.id} :: ${v.nodes.slice(0, 2).map((n) => n.target.join(' ') + ' ' + (n.any[0]?.message ?? '')).join(' | ')}`);
  console.log(name, await page.title());
  await page.screenshot({ path: `/tmp/t-${name}${sfx}.png`, fullPage: true });
}
await page.goto(`${info.url}/admin/login`);
await page.getByLabel('用户名').fill(info.sys.username);
await page.getByLabel('密码').fill(info.sys.password);
await page.getByRole('button', { name: /登\s*录/ }).click();
await page.waitForURL(/catalog/);
await visit(`/catalog/implementations/${info.implementation.id}`, 'impl', '版本');
await visit(`/catalog/implementations/${info.implementation.id}/history`, 'history', '版本比对');
await visit('/consistency', 'consistency', '不一致');
await visit('/simplification', 'simplification', '按事项');
await visit('/import', 'import', '导出 Excel');
await visit('/synonyms', 'synonyms', '添加同义词组');
await visit('/review', 'review-queue', '指南审核');
if (false) {
  await page.goto(`${info.url}/admin/review`);
  await page.getByRole('link', { name: /营业执照核发/ }).first().click();
  await page.waitForURL(/review\//);
  await page.getByRole('button', { name: '发布' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '发布' }).click();
  await page.getByRole('alert').first().waitFor();
  console.log('refusal:', await page.getByRole('alert').first().innerText());
  await page.screenshot({ path: `/tmp/t-foureyes.png` });
  await page.getByRole('tab', { name: '与现行版本比对' }).click();
  await page.waitForTimeout(800);
  await page.screenshot({ path: `/tmp/t-review-diff.png`, fullPage: true });
}
await browser.close();
