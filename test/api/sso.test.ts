// Single sign-on (统一身份认证, Art. 22): the provider's discovery document and keys, department
// systems with client credentials and Bearer tokens limited to their scopes, the web app's BFF
// sign-in (state, nonce, PKCE checked), the staff second factor, and single sign-out.
import { createHash } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers.js';
import { makeOrg, makeUser } from '../factories.js';
import { totpCode } from '../../src/lib/totp.js';
import { createMachineClient, disableMachineClient, rotateSecret } from '../../src/modules/oidc/clients.js';
import { actorForUser } from '../../src/modules/identity/service.js';
import { latestOutboxMessage } from '../../src/modules/applicants/sms.js';
import { formTokenOf, InjectBrowser, interactionUid } from './sso-browser.js';

let t: TestApp;
let publicUrl: string;
let orgId: string;
let admin: { id: string };
let staff: { id: string; username: string; password: string };

beforeAll(async () => {
  t = await createTestApp();
  publicUrl = t.app.deps.config.publicUrl;
  orgId = (await makeOrg(t.db, { name: '兴安盟市场监督管理局' })).id;
  admin = await makeUser(t.db, orgId, ['system-admin']);
  staff = await makeUser(t.db, orgId, ['catalog-admin']);
});

afterAll(async () => {
  await t?.close();
});

const host = () => new URL(publicUrl).host;
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

async function clientToken(clientId: string, secret: string, scope: string) {
  return t.app.inject({
    method: 'POST',
    url: '/oidc/token',
    headers: { host: host(), authorization: basic(clientId, secret), 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ grant_type: 'client_credentials', scope }).toString(),
  });
}

describe('the provider', () => {
  it('publishes its discovery document with the platform issuer and client credentials', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/oidc/.well-known/openid-configuration', headers: { host: host() } });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.issuer).toBe(`${publicUrl}/oidc`);
    expect(doc.token_endpoint).toBe(`${publicUrl}/oidc/token`);
    expect(doc.grant_types_supported).toEqual(expect.arrayContaining(['authorization_code', 'client_credentials']));
    expect(doc.code_challenge_methods_supported).toEqual(['S256']);
    expect(doc.scopes_supported).toEqual(expect.arrayContaining(['openid', 'catalog.read', 'catalog.import']));
  });

  it('publishes only the public half of its signing key, the same key after a restart of the provider', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/oidc/jwks', headers: { host: host() } });
    const { keys } = res.json() as { keys: Record<string, string>[] };
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(key).not.toHaveProperty('d');
    const stored = await t.db.selectFrom('oidc_signing_keys').selectAll().execute();
    expect(stored.map((k) => k.kid).sort()).toEqual(keys.map((k) => k.kid).sort());
    // The private half is encrypted at rest (SM4), never plain JSON.
    for (const row of stored) expect(row.private_jwk_enc.startsWith('sm4:v1:')).toBe(true);
  });
});

describe('department systems (client credentials)', () => {
  it('get a token for a granted scope and call a route within it, but not one outside it', async () => {
    const actor = (await actorForUser(t.db, admin.id))!;
    const { clientId, clientSecret } = await createMachineClient(t.app.deps, actor, { name: '市场监管业务系统', orgId, scopes: ['catalog.read'] });
    const tokenRes = await clientToken(clientId, clientSecret, 'catalog.read');
    expect(tokenRes.statusCode).toBe(200);
    const { access_token: token, token_type: type, scope } = tokenRes.json();
    expect(type).toBe('Bearer');
    expect(scope).toBe('catalog.read');

    const inScope = await t.app.inject({ method: 'GET', url: '/api/catalog/implementations', headers: { authorization: `Bearer ${token}` } });
    expect(inScope.statusCode).toBe(200);
    const outOfScope = await t.app.inject({ method: 'GET', url: '/api/catalog/import/00000000-0000-0000-0000-000000000000', headers: { authorization: `Bearer ${token}` } });
    expect(outOfScope.statusCode).toBe(403);
    const adminRoute = await t.app.inject({ method: 'GET', url: '/api/machine-clients', headers: { authorization: `Bearer ${token}` } });
    expect(adminRoute.statusCode).toBe(403);
  });

  it('cannot obtain a scope that was not granted, nor use a wrong secret', async () => {
    const actor = (await actorForUser(t.db, admin.id))!;
    const { clientId, clientSecret } = await createMachineClient(t.app.deps, actor, { name: '只读系统', orgId, scopes: ['catalog.read'] });
    const widened = await clientToken(clientId, clientSecret, 'catalog.import');
    expect(widened.statusCode).toBe(400);
    expect(widened.json().error).toBe('invalid_scope');
    const wrong = await clientToken(clientId, 'not-the-secret', 'catalog.read');
    expect(wrong.statusCode).toBe(401);
  });

  it('lose access at once when disabled or when the secret is rotated', async () => {
    const actor = (await actorForUser(t.db, admin.id))!;
    const { clientId, clientSecret } = await createMachineClient(t.app.deps, actor, { name: '导入系统', orgId, scopes: ['catalog.read', 'catalog.import'] });
    const first = (await clientToken(clientId, clientSecret, 'catalog.read catalog.import')).json().access_token as string;
    const call = (token: string) => t.app.inject({ method: 'GET', url: '/api/catalog/implementations', headers: { authorization: `Bearer ${token}` } });
    expect((await call(first)).statusCode).toBe(200);

    const rotated = await rotateSecret(t.app.deps, actor, clientId);
    expect((await call(first)).statusCode).toBe(401);
    expect((await clientToken(clientId, clientSecret, 'catalog.read')).statusCode).toBe(401);
    const second = (await clientToken(clientId, rotated.clientSecret, 'catalog.read')).json().access_token as string;
    expect((await call(second)).statusCode).toBe(200);

    await disableMachineClient(t.app.deps, actor, clientId);
    expect((await call(second)).statusCode).toBe(401);
    expect((await clientToken(clientId, rotated.clientSecret, 'catalog.read')).statusCode).toBe(401);
  });

  it('refuses an unknown Bearer token with 401', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/catalog/implementations', headers: { authorization: 'Bearer 0123456789abcdefghijklmnopqrstuvwxyzABCDEFG' } });
    expect(res.statusCode).toBe(401);
  });

  it('stores neither the plain client secret nor usable token values', async () => {
    const actor = (await actorForUser(t.db, admin.id))!;
    const { clientId, clientSecret } = await createMachineClient(t.app.deps, actor, { name: '核查系统', orgId, scopes: ['catalog.read'] });
    const token = (await clientToken(clientId, clientSecret, 'catalog.read')).json().access_token as string;
    const row = await t.db.selectFrom('machine_clients').selectAll().where('client_id', '=', clientId).executeTakeFirstOrThrow();
    expect(row.secret_enc).not.toContain(clientSecret);
    const dump = JSON.stringify(await t.db.selectFrom('oidc_payloads').selectAll().execute());
    expect(dump).not.toContain(token);
  });
});

/** Walks the BFF sign-in up to the provider's sign-in page. */
async function openSignInPage(browser: InjectBrowser, returnTo = '/admin/catalog') {
  const { response, path } = await browser.get(`/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
  expect(response.statusCode).toBe(200);
  return { uid: interactionUid(path), html: response.body, path };
}

const reachesApp = (path: string) => path.startsWith('/admin') || path === '/my' || path.startsWith('/my?');

describe('the web app signing in through the provider (BFF)', () => {
  it('signs a staff member in with username and password and returns to the page asked for', async () => {
    const browser = new InjectBrowser(t.app, publicUrl);
    const page = await openSignInPage(browser);
    expect(page.html).toContain('统一身份认证登录');
    expect(page.html).toContain('工作人员');
    expect(page.html).toContain('群众/企业');
    const done = await browser.post(`/oidc/interaction/${page.uid}/login`, { token: formTokenOf(page.html), username: staff.username, password: staff.password }, reachesApp);
    expect(done.path).toBe('/admin/catalog');
    const me = await browser.request('GET', '/api/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().username).toBe(staff.username);
  });

  it('shows a wrong password on the page again, without signing in', async () => {
    const browser = new InjectBrowser(t.app, publicUrl);
    const page = await openSignInPage(browser);
    const res = await browser.request('POST', `/oidc/interaction/${page.uid}/login`, { token: formTokenOf(page.html), username: staff.username, password: 'wrong-password' });
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain('用户名或密码错误');
    expect(res.body).toContain('role="alert"');
    expect(browser.cookie('tb_session')).toBeUndefined();
  });

  it('makes a staff member signing in with a one-time password set their own before the sign-in completes', async () => {
    const oneTime = await makeUser(t.db, orgId, ['catalog-admin']);
    await t.db.updateTable('users').set({ password_must_change: true }).where('id', '=', oneTime.id).execute();
    const browser = new InjectBrowser(t.app, publicUrl);
    const page = await openSignInPage(browser);
    const step = await browser.post(`/oidc/interaction/${page.uid}/login`, { token: formTokenOf(page.html), username: oneTime.username, password: oneTime.password }, reachesApp);
    expect(step.path).toBe(`/oidc/interaction/${page.uid}/new-password`);
    expect(step.response.body).toContain('设置您自己的密码');
    expect(browser.cookie('tb_session')).toBeUndefined();

    // The one-time password itself cannot be kept, and the two entries must match.
    const token = formTokenOf(step.response.body);
    const kept = await browser.request('POST', `/oidc/interaction/${page.uid}/new-password`, { token, newPassword: oneTime.password, confirmPassword: oneTime.password });
    expect(kept.statusCode).toBe(422);
    expect(kept.body).toContain('role="alert"');
    const mismatch = await browser.request('POST', `/oidc/interaction/${page.uid}/new-password`, { token, newPassword: 'Own-Secret-Passw0rd!', confirmPassword: 'Own-Secret-Passw0rd?' });
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.body).toContain('与新密码不一致');
    expect(browser.cookie('tb_session')).toBeUndefined();

    const done = await browser.post(`/oidc/interaction/${page.uid}/new-password`, { token, newPassword: 'Own-Secret-Passw0rd!', confirmPassword: 'Own-Secret-Passw0rd!' }, reachesApp);
    expect(done.path).toBe('/admin/catalog');
    const me = await browser.request('GET', '/api/auth/me');
    expect(me.json().username).toBe(oneTime.username);
    const row = await t.db.selectFrom('users').select('password_must_change').where('id', '=', oneTime.id).executeTakeFirstOrThrow();
    expect(row.password_must_change).toBe(false);
  });

  it('refuses every permissioned call of a session still holding a one-time password', async () => {
    const oneTime = await makeUser(t.db, orgId, ['catalog-admin']);
    await t.db.updateTable('users').set({ password_must_change: true }).where('id', '=', oneTime.id).execute();
    const lint = { method: 'POST' as const, url: '/api/catalog/lint', payload: { content: {} } };
    const res = await t.injectAs(oneTime.id, lint);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('password-must-change');
    // The same call goes through once the flag is gone: the refusal was the one-time password's.
    await t.db.updateTable('users').set({ password_must_change: false }).where('id', '=', oneTime.id).execute();
    expect((await t.injectAs(oneTime.id, lint)).statusCode).not.toBe(403);
  });

  it('refuses a form without the page’s form token', async () => {
    const browser = new InjectBrowser(t.app, publicUrl);
    const page = await openSignInPage(browser);
    const res = await browser.request('POST', `/oidc/interaction/${page.uid}/login`, { token: 'forged', username: staff.username, password: staff.password });
    expect(res.statusCode).toBe(403);
    expect(browser.cookie('tb_session')).toBeUndefined();
  });

  it('refuses a callback whose state does not match the one it sent', async () => {
    const browser = new InjectBrowser(t.app, publicUrl);
    const page = await openSignInPage(browser);
    const callback = await browser.post(`/oidc/interaction/${page.uid}/login`, { token: formTokenOf(page.html), username: staff.username, password: staff.password }, (p) => p.startsWith('/auth/callback'));
    const tampered = new URL(callback.path, publicUrl);
    tampered.searchParams.set('state', 'another-state');
    const res = await browser.request('GET', tampered.pathname + tampered.search);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('登录校验未通过');
    expect(browser.cookie('tb_session')).toBeUndefined();
  });

  it('refuses an ID token whose nonce is not the one it sent', async () => {
    const browser = new InjectBrowser(t.app, publicUrl);
    const start = await browser.request('GET', '/auth/login?returnTo=/admin/');
    const authorize = new URL(String(start.headers.location));
    authorize.searchParams.set('nonce', 'a-nonce-the-app-never-sent');
    const { response, path } = await browser.get(authorize.pathname + authorize.search);
    const uid = interactionUid(path);
    const callback = await browser.post(`/oidc/interaction/${uid}/login`, { token: formTokenOf(response.body), username: staff.username, password: staff.password }, (p) => p.startsWith('/auth/callback'));
    const res = await browser.request('GET', callback.path);
    expect(res.statusCode).toBe(400);
    expect(browser.cookie('tb_session')).toBeUndefined();
  });

  it('refuses a callback without the sign-in state cookie (another browser)', async () => {
    const browser = new InjectBrowser(t.app, publicUrl);
    const page = await openSignInPage(browser);
    const callback = await browser.post(`/oidc/interaction/${page.uid}/login`, { token: formTokenOf(page.html), username: staff.username, password: staff.password }, (p) => p.startsWith('/auth/callback'));
    const other = new InjectBrowser(t.app, publicUrl);
    const res = await other.request('GET', callback.path);
    expect(res.statusCode).toBe(400);
    expect(other.cookie('tb_session')).toBeUndefined();
  });

  it('only returns to paths on this site', async () => {
    const browser = new InjectBrowser(t.app, publicUrl);
    const page = await openSignInPage(browser, '//evil.example/steal');
    const done = await browser.post(`/oidc/interaction/${page.uid}/login`, { token: formTokenOf(page.html), username: staff.username, password: staff.password }, reachesApp);
    expect(done.path).toBe('/admin/');
  });

  it('signs out of the platform and the provider together', async () => {
    const browser = new InjectBrowser(t.app, publicUrl);
    const page = await openSignInPage(browser);
    await browser.post(`/oidc/interaction/${page.uid}/login`, { token: formTokenOf(page.html), username: staff.username, password: staff.password }, reachesApp);
    expect((await browser.request('GET', '/api/auth/me')).statusCode).toBe(200);
    const out = await browser.request('GET', '/auth/logout?returnTo=/');
    expect(out.statusCode).toBe(303);
    expect((await browser.request('GET', '/api/auth/me')).statusCode).toBe(401);
    // The provider asks again instead of signing the browser straight back in.
    const again = await browser.get('/auth/login?returnTo=/admin/', reachesApp);
    expect(again.path).toMatch(/^\/oidc\/interaction\//);
  });

  it('signs straight back in while the provider session is fresh, but asks again once it is older than the idle limit', async () => {
    const browser = new InjectBrowser(t.app, publicUrl);
    const page = await openSignInPage(browser);
    await browser.post(`/oidc/interaction/${page.uid}/login`, { token: formTokenOf(page.html), username: staff.username, password: staff.password }, reachesApp);
    browser.setCookie('tb_session', 'expired-session'); // the platform session ended (idle)
    const fresh = await browser.get('/auth/login?returnTo=/admin/review', reachesApp);
    expect(fresh.path).toBe('/admin/review'); // single sign-on: no second password prompt

    // The provider session's sign-in moment moved back beyond the idle limit (30 min by default).
    const idleSeconds = t.app.deps.config.security.sessionIdleMinutes * 60;
    const sessions = await t.db.selectFrom('oidc_payloads').select(['id', 'payload']).where('type', '=', 'Session').execute();
    for (const s of sessions.filter((row) => row.payload.accountId === `staff:${staff.id}`)) {
      const payload = { ...s.payload, loginTs: Math.floor(Date.now() / 1000) - idleSeconds - 60 };
      await t.db.updateTable('oidc_payloads').set({ payload: JSON.stringify(payload) }).where('id', '=', s.id).where('type', '=', 'Session').execute();
    }
    browser.setCookie('tb_session', 'expired-again');
    const stale = await browser.get('/auth/login?returnTo=/admin/review', reachesApp);
    expect(stale.path).toMatch(/^\/oidc\/interaction\//);
  });
});

describe('applicants signing in on the 群众/企业 tab', () => {
  it('get a code by SMS, sign in with it and land on 我的 with an applicant session (not a staff one)', async () => {
    const browser = new InjectBrowser(t.app, publicUrl);
    const page = await openSignInPage(browser, '/my');
    expect(page.html).toContain('aria-current="page">群众/企业');
    const phone = '13600002222';
    const sent = await browser.request('POST', `/oidc/interaction/${page.uid}/phone-code`, { token: formTokenOf(page.html), phone });
    expect(sent.statusCode).toBe(200);
    expect(sent.body).toContain('验证码已发送至 136****2222');
    const code = /\d{6}/.exec((await latestOutboxMessage(t.app.deps, phone))!.body)![0]!;

    const wrong = await browser.request('POST', `/oidc/interaction/${page.uid}/applicant`, { token: formTokenOf(sent.body), phone, code: code === '000000' ? '111111' : '000000' });
    expect(wrong.statusCode).toBeGreaterThanOrEqual(400);
    expect(wrong.body).toContain('role="alert"');

    const done = await browser.post(`/oidc/interaction/${page.uid}/applicant`, { token: formTokenOf(sent.body), phone, code }, reachesApp);
    expect(done.path).toBe('/my');
    expect(browser.cookie('tb_applicant')).toBeDefined();
    expect(browser.cookie('tb_session')).toBeUndefined();
  });

  it('names the phone field when the number is not a mobile number', async () => {
    const browser = new InjectBrowser(t.app, publicUrl);
    const page = await openSignInPage(browser, '/my');
    const res = await browser.request('POST', `/oidc/interaction/${page.uid}/phone-code`, { token: formTokenOf(page.html), phone: '12345' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('aria-invalid="true"');
  });
});

describe('the staff second factor (TOTP)', () => {
  it('is enrolled with a code from the secret, refuses a replayed code, and is then asked at sign-in', async () => {
    const user = await makeUser(t.db, orgId, ['window-clerk']);
    const setup = await t.injectAs(user.id, { method: 'POST', url: '/api/auth/totp/setup' });
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUri, qrSvg } = setup.json();
    expect(otpauthUri).toContain(`secret=${secret}`);
    expect(qrSvg).toContain('<svg');

    const wrong = await t.injectAs(user.id, { method: 'POST', url: '/api/auth/totp/enable', payload: { code: '000000' === totpCode(secret) ? '111111' : '000000' } });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().invalidParams[0].name).toBe('body.code');
    const bad = await t.injectAs(user.id, { method: 'POST', url: '/api/auth/totp/enable', payload: { code: '12ab' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().invalidParams[0].name).toBe('body.code');

    const code = totpCode(secret);
    expect((await t.injectAs(user.id, { method: 'POST', url: '/api/auth/totp/enable', payload: { code } })).statusCode).toBe(204);
    expect((await t.injectAs(user.id, { method: 'GET', url: '/api/auth/totp' })).json()).toEqual({ enabled: true });
    const stored = await t.db.selectFrom('staff_totp').selectAll().where('user_id', '=', user.id).executeTakeFirstOrThrow();
    expect(stored.secret_enc).not.toContain(secret);

    // Sign-in: the password, then the code; the code just used for enrolment is refused (replay).
    const browser = new InjectBrowser(t.app, publicUrl);
    const page = await openSignInPage(browser);
    const second = await browser.post(`/oidc/interaction/${page.uid}/login`, { token: formTokenOf(page.html), username: user.username, password: user.password });
    expect(second.path).toBe(`/oidc/interaction/${page.uid}/totp`);
    expect(second.response.body).toContain('动态验证码');
    const replay = await browser.request('POST', `/oidc/interaction/${page.uid}/totp`, { token: formTokenOf(second.response.body), code });
    expect(replay.statusCode).toBe(422);
    expect(browser.cookie('tb_session')).toBeUndefined();

    // The next time step's code is accepted (within the ±1 window).
    const next = totpCode(secret, Date.now() + 30_000);
    const done = await browser.post(`/oidc/interaction/${page.uid}/totp`, { token: formTokenOf(second.response.body), code: next }, reachesApp);
    expect(done.path).toBe('/admin/catalog');
    expect((await browser.request('GET', '/api/auth/me')).json().username).toBe(user.username);
  });

  it('cannot be switched on by someone not signed in', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/totp/setup' });
    expect(res.statusCode).toBe(401);
  });
});

/**
 * The page answers the platform's strict policy for server-rendered pages: scripts and styles from
 * this origin only, never framed, nothing 'unsafe-inline' — and every inline script it does carry
 * is allowed by its own hash, so the browser still runs it.
 */
function expectStrictPolicy(res: LightMyRequestResponse) {
  expect(res.headers['content-type']).toMatch(/^text\/html/);
  const policy = String(res.headers['content-security-policy'] ?? '');
  const directive = (name: string) => policy.split(';').map((d) => d.trim()).find((d) => d.startsWith(`${name} `)) ?? '';
  expect(directive('default-src')).toBe("default-src 'self'");
  expect(directive('script-src')).toMatch(/^script-src 'self'/);
  expect(directive('style-src')).toBe("style-src 'self'");
  expect(directive('object-src')).toBe("object-src 'none'");
  expect(directive('frame-ancestors')).toBe("frame-ancestors 'none'");
  expect(policy).not.toContain('unsafe-inline');
  expect(res.headers['x-frame-options']).toBe('DENY');
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.body).not.toMatch(/<style|\sstyle=/i);
  for (const [, script] of res.body.matchAll(/<script>([\s\S]*?)<\/script>/g)) {
    expect(directive('script-src')).toContain(`'sha256-${createHash('sha256').update(script!).digest('base64')}'`);
  }
}

describe('the pages of the provider itself carry the content security policy', () => {
  it('from the sign-in page through signing in, the sign-out confirmation and the signed-out page', async () => {
    const browser = new InjectBrowser(t.app, publicUrl);
    const page = await openSignInPage(browser);
    expectStrictPolicy((await browser.request('GET', page.path)));
    const done = await browser.post(`/oidc/interaction/${page.uid}/login`, { token: formTokenOf(page.html), username: staff.username, password: staff.password }, reachesApp);
    expect(done.path).toBe('/admin/catalog');
    expect((await browser.request('GET', '/api/auth/me')).json().username).toBe(staff.username);

    // Signing out at the provider without an application to return to (单点退出 from its own page).
    const confirm = await browser.request('GET', '/oidc/session/end');
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('退出统一身份认证');
    expectStrictPolicy(confirm);
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(confirm.body)![1]!;
    const out = await browser.post('/oidc/session/end/confirm', { xsrf, logout: 'yes' });
    expect(out.path).toBe('/oidc/session/end/success');
    expect(out.response.statusCode).toBe(200);
    expect(out.response.body).toContain('您已退出统一身份认证');
    expectStrictPolicy(out.response);
  });

  it('on the provider’s auto-submitting page, whose one inline script is allowed by hash', async () => {
    // Without a provider session, sign-out posts itself onward with a tiny inline script.
    const res = await new InjectBrowser(t.app, publicUrl).request('GET', '/oidc/session/end');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<script>');
    expectStrictPolicy(res);
  });

  it('on the provider’s error page', async () => {
    const res = await new InjectBrowser(t.app, publicUrl).request('GET', '/oidc/auth?client_id=no-such-client&response_type=code&scope=openid');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('登录未能完成');
    expectStrictPolicy(res);
  });
});
