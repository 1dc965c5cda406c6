// CSRF protection of state-changing browser requests, the security headers and content security
// policies, and cookies that are Secure over TLS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { csrfTokenFor } from '../../src/http/security.js';
import { createTestApp, type TestApp } from '../helpers.js';
import { makeOrg, makeUser } from '../factories.js';

let t: TestApp;
let orgId: string;
beforeAll(async () => {
  t = await createTestApp();
  orgId = (await makeOrg(t.db)).id;
});
afterAll(async () => t?.close());

async function signIn() {
  const user = await makeUser(t.db, orgId, ['window-clerk']);
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: user.password } });
  expect(res.statusCode).toBe(200);
  const session = res.cookies.find((c) => c.name === 'tb_session')!;
  const csrf = res.cookies.find((c) => c.name === 'tb_csrf')!;
  return { user, session: session.value, csrf: csrf.value, cookies: { session, csrf } };
}

const signedIn = async (session: string) => (await t.app.inject({ method: 'GET', url: '/api/auth/me', cookies: { tb_session: session } })).statusCode === 200;

describe('CSRF protection', () => {
  it('hands the session a readable CSRF cookie at sign-in, derived from the session', async () => {
    const { session, csrf, cookies } = await signIn();
    expect(csrf).toBe(csrfTokenFor(session));
    expect(cookies.csrf.httpOnly).toBeFalsy();
    expect(cookies.session.httpOnly).toBe(true);
    expect(cookies.session.sameSite).toBe('Lax');
    expect(cookies.csrf.secure).toBeFalsy();
  });

  it('refuses a signed-in state-changing request without the token, or with a wrong one', async () => {
    const { session, csrf } = await signIn();
    const without = await t.app.inject({ method: 'POST', url: '/api/auth/logout', cookies: { tb_session: session } });
    expect(without.statusCode).toBe(403);
    expect(without.json()).toMatchObject({ code: 'csrf-token-invalid' });
    expect(without.json().detail).toMatch(/防伪令牌.*X-CSRF-Token/);
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/logout', cookies: { tb_session: session, tb_csrf: 'forged' }, headers: { 'x-csrf-token': 'forged' } });
    expect(wrong.statusCode).toBe(403);
    // The token of another session does not fit this one.
    const other = await signIn();
    const mismatched = await t.app.inject({ method: 'POST', url: '/api/auth/logout', cookies: { tb_session: session }, headers: { 'x-csrf-token': other.csrf } });
    expect(mismatched.statusCode).toBe(403);
    expect(await signedIn(session)).toBe(true);

    const right = await t.app.inject({ method: 'POST', url: '/api/auth/logout', cookies: { tb_session: session, tb_csrf: csrf }, headers: { 'x-csrf-token': csrf } });
    expect(right.statusCode).toBe(204);
    expect(await signedIn(session)).toBe(false);
  });

  it('refuses a request whose Origin or Referer is another site, even with the token', async () => {
    const { session, csrf } = await signIn();
    const base = { method: 'POST' as const, url: '/api/auth/logout', cookies: { tb_session: session } };
    const evil = await t.app.inject({ ...base, headers: { 'x-csrf-token': csrf, origin: 'https://evil.example' } });
    expect(evil.statusCode).toBe(403);
    expect(evil.json().code).toBe('cross-origin-request');
    const referred = await t.app.inject({ ...base, headers: { 'x-csrf-token': csrf, referer: 'https://evil.example/page' } });
    expect(referred.statusCode).toBe(403);
    const sandboxed = await t.app.inject({ ...base, headers: { 'x-csrf-token': csrf, origin: 'null' } });
    expect(sandboxed.statusCode).toBe(403);
    expect(await signedIn(session)).toBe(true);
    const own = await t.app.inject({ ...base, headers: { 'x-csrf-token': csrf, origin: 'http://localhost:80', host: 'localhost:80' } });
    expect(own.statusCode).toBe(204);
  });

  it('stops sign-in forgery from another site; a sign-in without cookies needs no token', async () => {
    const user = await makeUser(t.db, orgId, ['window-clerk']);
    const payload = { username: user.username, password: user.password };
    const forged = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload, headers: { origin: 'https://evil.example' } });
    expect(forged.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload })).statusCode).toBe(200);
  });

  it('exempts machine clients (Authorization header) and leaves reads alone', async () => {
    const { session } = await signIn();
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', cookies: { tb_session: session } })).statusCode).toBe(200);
    const bearer = await t.app.inject({ method: 'POST', url: '/api/auth/logout', cookies: { tb_session: session }, headers: { authorization: 'Bearer not-a-browser' } });
    expect(bearer.statusCode).toBe(204);
  });

  it('gives a browser holding a session without its CSRF cookie the cookie on its next request', async () => {
    const { session } = await signIn();
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/me', cookies: { tb_session: session } });
    expect(res.cookies.find((c) => c.name === 'tb_csrf')?.value).toBe(csrfTokenFor(session));
    const again = await t.app.inject({ method: 'GET', url: '/api/auth/me', cookies: { tb_session: session, tb_csrf: csrfTokenFor(session) } });
    expect(again.cookies.find((c) => c.name === 'tb_csrf')).toBeUndefined();
  });

  it('injectAs sends the token as the admin app does', async () => {
    const user = await makeUser(t.db, orgId, ['window-clerk']);
    expect((await t.injectAs(user.id, { method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);
  });
});

describe('security headers and content security policy', () => {
  const csp = (headers: Record<string, unknown>) => String(headers['content-security-policy'] ?? '');

  it('sets the common headers on API answers, errors included, and never frames them', async () => {
    for (const url of ['/api/auth/me', '/api/nothing-here', '/api/openapi.json']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['referrer-policy'], url).toBe('same-origin');
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(csp(res.headers), url).toContain("frame-ancestors 'none'");
      expect(res.headers['strict-transport-security'], url).toBeUndefined();
    }
  });

  it('lets department sites frame the public portal pages only, with a self-only policy', async () => {
    for (const url of ['/', '/search?q=yyzz', '/guides/nonexistent']) {
      const res = await t.app.inject({ method: 'GET', url });
      const policy = csp(res.headers);
      expect(policy, url).toContain("script-src 'self'");
      expect(policy, url).toContain("style-src 'self'");
      expect(policy, url).not.toContain('unsafe-inline');
      expect(policy, url).toContain('frame-ancestors *');
      expect(res.headers['x-frame-options'], url).toBeUndefined();
    }
    const setup = await t.app.inject({ method: 'GET', url: '/setup' });
    expect(csp(setup.headers)).toContain("frame-ancestors 'none'");
    expect(setup.headers['x-frame-options']).toBe('DENY');
  });

  it('gives the admin app scripts from itself only, inline styles for antd, and no framing', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/admin/' });
    const policy = csp(res.headers);
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("style-src 'self' 'unsafe-inline'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toMatch(/script-src[^;]*unsafe/);
  });

  it('narrows who may frame the portal with TONGBAN_EMBED_ORIGINS, validated', async () => {
    expect(() => loadConfig({ NODE_ENV: 'test', TONGBAN_EMBED_ORIGINS: "https://ok.gov.cn javascript:alert(1)" })).toThrow(/TONGBAN_EMBED_ORIGINS/);
    const config = { ...loadConfig({ NODE_ENV: 'test', TONGBAN_EMBED_ORIGINS: 'https://www.xam.gov.cn, https://*.gov.cn', TONGBAN_DATA_DIR: '/tmp/tongban-test' }), seedDemo: false };
    const app = await buildApp({ db: t.db, config });
    try {
      const res = await app.inject({ method: 'GET', url: '/' });
      expect(csp(res.headers)).toContain('frame-ancestors https://www.xam.gov.cn https://*.gov.cn');
    } finally {
      await app.close();
    }
  });

  it('over TLS: Strict-Transport-Security, and Secure session and CSRF cookies', async () => {
    const config = { ...loadConfig({ NODE_ENV: 'test', PUBLIC_URL: 'https://tongban.example.gov.cn', TONGBAN_DATA_DIR: '/tmp/tongban-test' }), seedDemo: false };
    const app = await buildApp({ db: t.db, config });
    try {
      const user = await makeUser(t.db, orgId, ['window-clerk']);
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: user.password } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
      for (const name of ['tb_session', 'tb_csrf']) expect(res.cookies.find((c) => c.name === name)?.secure, name).toBe(true);
      // The browser addressed the public host: its own Origin is accepted.
      const session = res.cookies.find((c) => c.name === 'tb_session')!.value;
      const out = await app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        cookies: { tb_session: session },
        headers: { 'x-csrf-token': csrfTokenFor(session), origin: 'https://tongban.example.gov.cn' },
      });
      expect(out.statusCode).toBe(204);
    } finally {
      await app.close();
    }
  });
});
