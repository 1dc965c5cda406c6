// Sessions (会话): an idle timeout from configuration, an absolute lifetime, and the password change
// that ends every session of the account (退出所有设备).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createTestApp, type TestApp } from '../helpers.js';
import { makeOrg, makeUser } from '../factories.js';

let t: TestApp;
let orgId: string;
beforeAll(async () => {
  t = await createTestApp();
  orgId = (await makeOrg(t.db)).id;
});
afterAll(async () => t?.close());

interface Device {
  session: string;
  csrf: string;
}

function deviceOf(res: LightMyRequestResponse): Device {
  const cookie = (name: string) => res.cookies.find((c) => c.name === name)?.value ?? '';
  return { session: cookie('tb_session'), csrf: cookie('tb_csrf') };
}

async function signIn(username: string, password: string): Promise<Device> {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: '10.30.0.1' });
  expect(res.statusCode).toBe(200);
  return deviceOf(res);
}

const me = (device: Device) => t.app.inject({ method: 'GET', url: '/api/auth/me', cookies: { tb_session: device.session } });

const changePassword = (device: Device, currentPassword: string, newPassword: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/password',
    payload: { currentPassword, newPassword },
    cookies: { tb_session: device.session, tb_csrf: device.csrf },
    headers: { 'x-csrf-token': device.csrf },
  });

const sessionRow = (userId: string) => t.db.selectFrom('sessions').selectAll().where('user_id', '=', userId).executeTakeFirstOrThrow();

describe('session lifetime', () => {
  it('refuses a session idle longer than the timeout (30 minutes by default) and removes it', async () => {
    const user = await makeUser(t.db, orgId, ['window-clerk']);
    const device = await signIn(user.username, user.password);
    const row = await sessionRow(user.id);
    expect(row.idle_seconds).toBe(30 * 60);
    expect((await me(device)).statusCode).toBe(200);
    // 31 minutes without a request.
    const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000);
    await t.db.updateTable('sessions').set({ last_seen_at: ago(31), expires_at: ago(1) }).where('user_id', '=', user.id).execute();
    expect((await me(device)).statusCode).toBe(401);
    expect(await t.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute()).toEqual([]);
  });

  it('slides the idle expiry with each request, but never past the absolute lifetime of 12 hours', async () => {
    const user = await makeUser(t.db, orgId, ['window-clerk']);
    const device = await signIn(user.username, user.password);
    const created = await sessionRow(user.id);
    const hours = (new Date(created.absolute_expires_at).getTime() - Date.now()) / 3600_000;
    expect(hours).toBeGreaterThan(11.9);
    expect(hours).toBeLessThanOrEqual(12);

    // Within a minute of the last slide a request writes nothing (reading costs no commit) …
    const before = await sessionRow(user.id);
    expect((await me(device)).statusCode).toBe(200);
    expect(new Date((await sessionRow(user.id)).last_seen_at).getTime()).toBe(new Date(before.last_seen_at).getTime());
    // … a request a minute or more later slides the idle expiry.
    const twoMinutesAgo = new Date(Date.now() - 120_000);
    await t.db.updateTable('sessions').set({ last_seen_at: twoMinutesAgo, expires_at: new Date(Date.now() + 60_000) }).where('user_id', '=', user.id).execute();
    expect((await me(device)).statusCode).toBe(200);
    expect(new Date((await sessionRow(user.id)).expires_at).getTime()).toBeGreaterThan(Date.now() + 25 * 60_000);

    // Ten minutes before the absolute end, activity extends the session only up to that end …
    const end = new Date(Date.now() + 10 * 60_000);
    await t.db.updateTable('sessions').set({ absolute_expires_at: end, last_seen_at: twoMinutesAgo }).where('user_id', '=', user.id).execute();
    expect((await me(device)).statusCode).toBe(200);
    expect(new Date((await sessionRow(user.id)).expires_at).getTime()).toBeLessThanOrEqual(end.getTime());
    // … and after it the session is over however active it was.
    await t.db.updateTable('sessions').set({ absolute_expires_at: new Date(Date.now() - 1000), expires_at: new Date(Date.now() + 20 * 60_000) }).where('user_id', '=', user.id).execute();
    expect((await me(device)).statusCode).toBe(401);
  });

  it('takes the idle timeout from TONGBAN_SESSION_IDLE_MINUTES, validated', async () => {
    expect(loadConfig({ NODE_ENV: 'test' }).security).toMatchObject({ sessionIdleMinutes: 30, sessionMaxHours: 12 });
    expect(() => loadConfig({ NODE_ENV: 'test', TONGBAN_SESSION_IDLE_MINUTES: '0' })).toThrow(/TONGBAN_SESSION_IDLE_MINUTES/);
    expect(() => loadConfig({ NODE_ENV: 'test', TONGBAN_SESSION_IDLE_MINUTES: 'half an hour' })).toThrow(/TONGBAN_SESSION_IDLE_MINUTES/);

    const config = { ...loadConfig({ NODE_ENV: 'test', TONGBAN_SESSION_IDLE_MINUTES: '5', TONGBAN_DATA_DIR: '/tmp/tongban-test' }), seedDemo: false };
    const app = await buildApp({ db: t.db, config });
    try {
      const user = await makeUser(t.db, orgId, ['window-clerk']);
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: user.password } });
      expect(res.statusCode).toBe(200);
      const row = await sessionRow(user.id);
      expect(row.idle_seconds).toBe(300);
      expect(new Date(row.expires_at).getTime()).toBeLessThanOrEqual(Date.now() + 5 * 60_000);
    } finally {
      await app.close();
    }
  });
});

describe('POST /api/auth/password', () => {
  it('changes the password, ends every session of the account and gives this device a new one', async () => {
    const user = await makeUser(t.db, orgId, ['window-clerk']);
    const laptop = await signIn(user.username, user.password);
    const phone = await signIn(user.username, user.password);
    const res = await changePassword(laptop, user.password, 'Brand-New-Pass-2026');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ changed: true, endedSessions: 2 });
    expect((await me(phone)).statusCode).toBe(401);
    expect((await me(laptop)).statusCode).toBe(401);
    const renewed = deviceOf(res);
    expect(renewed.session).not.toBe(laptop.session);
    expect((await me(renewed)).statusCode).toBe(200);

    const login = (password: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password }, remoteAddress: '10.30.0.2' });
    expect((await login(user.password)).statusCode).toBe(401);
    expect((await login('Brand-New-Pass-2026')).statusCode).toBe(200);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'changes']).where('object_id', '=', user.id).execute();
    expect(audit.map((a) => a.action)).toContain('identity.password.change');
    expect(JSON.stringify(audit)).not.toMatch(/argon2|Brand-New/);
  });

  it('names the field: a wrong current password, a new password against the policy', async () => {
    const user = await makeUser(t.db, orgId, ['window-clerk']);
    const device = await signIn(user.username, user.password);
    const wrong = await changePassword(device, 'Not-My-Password-1', 'Brand-New-Pass-2026');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ code: 'wrong-current-password', invalidParams: [{ name: 'body.currentPassword' }] });

    const weak = await changePassword(device, user.password, 'short');
    expect(weak.statusCode).toBe(422);
    expect(weak.json().code).toBe('password-policy');
    expect(weak.json().violations).toEqual(['password-too-short', 'password-too-few-classes']);
    expect(weak.json().invalidParams.map((p: { name: string }) => p.name)).toEqual(['body.newPassword', 'body.newPassword']);
    expect(weak.json().detail).toMatch(/至少 12 个字符.*at least 12 characters/);
    const named = await changePassword(device, user.password, `X-${user.username}-2026`);
    expect(named.json().violations).toEqual(['password-contains-username']);

    const same = await changePassword(device, user.password, user.password);
    expect(same.statusCode).toBe(422);
    expect(same.json().violations).toEqual(['password-reused']);

    const missing = await t.app.inject({ method: 'POST', url: '/api/auth/password', payload: { currentPassword: user.password }, cookies: { tb_session: device.session, tb_csrf: device.csrf }, headers: { 'x-csrf-token': device.csrf } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().invalidParams[0].name).toBe('body.newPassword');
    // Nothing changed: the old password still signs in.
    expect((await me(device)).statusCode).toBe(200);
  });

  it('refuses any of the last five passwords, and allows the sixth-last again', async () => {
    const user = await makeUser(t.db, orgId, ['window-clerk']);
    let device = await signIn(user.username, user.password);
    let current = user.password;
    const passwords = [1, 2, 3, 4, 5].map((n) => `Rotation-Pass-00${n}`);
    for (const next of passwords) {
      const res = await changePassword(device, current, next);
      expect(res.statusCode, next).toBe(200);
      device = deviceOf(res);
      current = next;
    }
    // The last five are 005 (current), 004, 003, 002, 001.
    expect((await changePassword(device, current, 'Rotation-Pass-001')).json().violations).toEqual(['password-reused']);
    // The one before those (the factory's) is allowed again.
    expect((await changePassword(device, current, user.password)).statusCode).toBe(200);
    const history = await t.db.selectFrom('password_history').select('id').where('user_id', '=', user.id).execute();
    expect(history.length).toBeLessThanOrEqual(5);
  });

  it('needs a signed-in user, and stops guessing the current password after five tries', async () => {
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/auth/password', payload: { currentPassword: 'x', newPassword: 'Brand-New-Pass-2026' } });
    expect(anonymous.statusCode).toBe(401);

    const user = await makeUser(t.db, orgId, ['window-clerk']);
    const device = await signIn(user.username, user.password);
    for (let i = 0; i < 5; i++) expect((await changePassword(device, `Guess-${i}-Password`, 'Brand-New-Pass-2026')).statusCode).toBe(400);
    const stopped = await changePassword(device, user.password, 'Brand-New-Pass-2026');
    expect(stopped.statusCode).toBe(429);
    expect(Number(stopped.headers['retry-after'])).toBeGreaterThan(0);
  });
});
