// The sign-in code on the page of a demonstration instance: in development with the SMS outbox the
// visitor has no phone the outbox could reach, so /my/login/code and the identity provider's
// 群众/企业 tab show the code in a box marked 演示环境. In production — even a pilot allowed to use
// the outbox — and in the test configuration the page says only where the code went, and never
// names a database table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { demoLoginCode, latestOutboxMessage } from '../../src/modules/applicants/sms.js';
import { createTestDatabase, type TestDatabase } from '../helpers.js';
import { formTokenOf, InjectBrowser, interactionUid } from './sso-browser.js';

interface Instance {
  app: FastifyInstance;
  database: TestDatabase;
}

/** The whole app over a fresh database, as it runs with NODE_ENV = env (the outbox SMS channel). */
async function instance(env: Config['env']): Promise<Instance> {
  const database = await createTestDatabase();
  const config: Config = { ...loadConfig({ NODE_ENV: 'test', TONGBAN_DATA_DIR: '/tmp/tongban-test' }), seedDemo: false, env };
  const app = await buildApp({ db: database.db, config });
  await app.ready();
  return { app, database };
}

const instances: Partial<Record<Config['env'], Instance>> = {};
beforeAll(async () => {
  instances.development = await instance('development');
  instances.production = await instance('production');
  instances.test = await instance('test');
});
afterAll(async () => {
  for (const i of Object.values(instances)) {
    await i?.app.close();
    await i?.database.dispose();
  }
});

/** Asks the portal's sign-in for a code: the code step page as a browser gets it. */
async function portalCodePage(app: FastifyInstance, phone: string) {
  const login = await app.inject({ method: 'GET', url: '/my/login' });
  const token = /name="_csrf" value="([^"]+)"/.exec(login.body)![1]!;
  const cookies = Object.fromEntries(login.cookies.map((c) => [c.name, c.value]));
  const post = (url: string, form: Record<string, string>) =>
    app.inject({ method: 'POST', url, cookies, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: token, ...form }).toString() });
  return { sent: await post('/my/login/code', { phone }), post };
}

/** Asks the identity provider's 群众/企业 tab for a code. */
async function providerCodePage(app: FastifyInstance, phone: string) {
  const browser = new InjectBrowser(app, app.deps.config.publicUrl);
  const { response, path } = await browser.get('/auth/login?returnTo=%2Fmy');
  expect(response.statusCode).toBe(200);
  const uid = interactionUid(path);
  const sent = await browser.request('POST', `/oidc/interaction/${uid}/phone-code`, { token: formTokenOf(response.body), phone });
  return { sent, browser, uid };
}

const codeOf = async (app: FastifyInstance, phone: string) => /\d{6}/.exec((await latestOutboxMessage(app.deps, phone))!.body)![0]!;

describe('development (demo) with the SMS outbox', () => {
  it('shows the code on /my/login/code in a box marked 演示环境, and again after a wrong code', async () => {
    const { app } = instances.development!;
    const phone = '13900000101';
    const { sent, post } = await portalCodePage(app, phone);
    expect(sent.statusCode).toBe(200);
    const code = await codeOf(app, phone);
    expect(sent.body).toContain('验证码已发送至 139****0101');
    expect(sent.body).toContain(`<strong>演示环境：验证码 <span class="code">${code}</span></strong>（正式环境中通过短信发送）`);
    expect(sent.body).not.toContain('sms_outbox');
    expect(sent.body).not.toContain('发件箱');

    const wrong = await post('/my/login', { phone, code: code === '000000' ? '999999' : '000000' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain(`演示环境：验证码 <span class="code">${code}</span>`);
    // …and the code shown is the one that signs in.
    expect((await post('/my/login', { phone, code })).statusCode).toBe(303);
  });

  it('shows it on the identity provider’s 群众/企业 tab too', async () => {
    const { app } = instances.development!;
    const phone = '13900000102';
    const { sent } = await providerCodePage(app, phone);
    expect(sent.statusCode).toBe(200);
    expect(sent.body).toContain('验证码已发送至 139****0102');
    expect(sent.body).toContain(`演示环境：验证码 <span class="code">${await codeOf(app, phone)}</span></strong>（正式环境中通过短信发送）`);
    expect(sent.body).not.toContain('sms_outbox');
  });

  it('is never offered when a real SMS provider is configured', async () => {
    const { app } = instances.development!;
    const phone = '13900000101';
    expect(await demoLoginCode(app.deps, phone)).toMatch(/^\d{6}$/);
    const withGateway = { ...app.deps, config: { ...app.deps.config, smsProvider: 'carrier-gateway' as Config['smsProvider'] } };
    expect(await demoLoginCode(withGateway, phone)).toBeNull();
  });
});

describe.each(['production', 'test'] as const)('%s', (env) => {
  it('says only where the code went: no code, no demo box, no table name', async () => {
    const { app } = instances[env]!;
    const phone = '13900000103';
    const { sent } = await portalCodePage(app, phone);
    expect(sent.statusCode).toBe(200);
    expect(sent.body).toContain('验证码已发送至 139****0103');
    const code = await codeOf(app, phone);
    expect(sent.body).not.toContain(code);
    expect(sent.body).not.toContain('演示环境');
    expect(sent.body).not.toContain('sms_outbox');
    expect(sent.body).not.toContain('开发模式');

    const provider = await providerCodePage(app, '13900000104');
    expect(provider.sent.statusCode).toBe(200);
    expect(provider.sent.body).toContain('验证码已发送至 139****0104');
    expect(provider.sent.body).not.toContain(await codeOf(app, '13900000104'));
    expect(provider.sent.body).not.toContain('演示环境');
    expect(provider.sent.body).not.toContain('sms_outbox');
  });
});
