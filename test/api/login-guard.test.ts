// Login guard: brute-force attempts hit the limits (per account: lockout; per address: 429), the
// lock says when to come back, a success resets the count, and the limits live in the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { hashPasswordScryptLegacy } from '../../src/modules/identity/passwords.js';
import { createTestApp, type TestApp } from '../helpers.js';
import { makeOrg, makeUser } from '../factories.js';

let t: TestApp;
let orgId: string;
beforeAll(async () => {
  t = await createTestApp();
  orgId = (await makeOrg(t.db)).id;
});
afterAll(async () => t?.close());

let addressNo = 0;
/** Each test signs in from its own address, so the per-address limit of one does not spill into another. */
const newAddress = () => `10.20.0.${++addressNo}`;

const signIn = (username: string, password: string, remoteAddress: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });

describe('brute-force attempts hit the limits', () => {
  it('locks an account for 15 minutes after five wrong passwords in a row, and says when to come back', async () => {
    const user = await makeUser(t.db, orgId, ['window-clerk']);
    const ip = newAddress();
    for (let i = 0; i < 4; i++) expect((await signIn(user.username, 'Wrong-Pass-123', ip)).statusCode).toBe(401);
    const fifth = await signIn(user.username, 'Wrong-Pass-123', ip);
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json()).toMatchObject({ code: 'account-locked', retryAfter: 900 });
    expect(fifth.json().detail).toMatch(/已临时锁定.*\(account locked/);
    expect(fifth.headers['retry-after']).toBe('900');

    // Even the right password is refused while the lock runs.
    const right = await signIn(user.username, user.password, ip);
    expect(right.statusCode).toBe(423);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(800);
    expect(Number(right.headers['retry-after'])).toBeLessThanOrEqual(900);
    expect(right.cookies.find((c) => c.name === 'tb_session')).toBeUndefined();

    const row = await t.db.selectFrom('users').select(['locked_until']).where('id', '=', user.id).executeTakeFirstOrThrow();
    const minutes = (new Date(row.locked_until!).getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'ip']).where('object_id', '=', user.id).execute();
    expect(audit).toContainEqual({ action: 'identity.account.locked', ip });

    // Once the lock has run out, the right password works again.
    await t.db.updateTable('users').set({ locked_until: new Date(Date.now() - 1000) }).where('id', '=', user.id).execute();
    expect((await signIn(user.username, user.password, ip)).statusCode).toBe(200);
  });

  it('a successful sign-in resets the count of failures', async () => {
    const user = await makeUser(t.db, orgId, ['window-clerk']);
    const ip = newAddress();
    for (let i = 0; i < 4; i++) expect((await signIn(user.username, 'Wrong-Pass-123', ip)).statusCode).toBe(401);
    expect((await signIn(user.username, user.password, ip)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await signIn(user.username, 'Wrong-Pass-123', ip)).statusCode).toBe(401);
    expect((await signIn(user.username, user.password, ip)).statusCode).toBe(200);
  });

  it('answers a username that names no account exactly like a real one, lock included', async () => {
    const ip = newAddress();
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push((await signIn('no-such-person', 'Wrong-Pass-123', ip)).statusCode);
    expect(answers).toEqual([401, 401, 401, 401, 423, 423]);
  });

  it('refuses an address after 20 failures across accounts, with Retry-After; other addresses still sign in', async () => {
    const user = await makeUser(t.db, orgId, ['window-clerk']);
    const ip = newAddress();
    // Password spraying: one try against each of many usernames never locks an account …
    for (let i = 0; i < 20; i++) expect((await signIn(`spray-${i}`, 'Spring-2026-Pass', ip)).statusCode).toBe(401);
    // … but the address is stopped, even with a right password.
    const stopped = await signIn(user.username, user.password, ip);
    expect(stopped.statusCode).toBe(429);
    expect(stopped.json().code).toBe('too-many-sign-in-attempts');
    expect(Number(stopped.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(stopped.headers['retry-after'])).toBeLessThanOrEqual(1800);
    expect((await signIn(user.username, user.password, newAddress())).statusCode).toBe(200);
  });

  it('keeps locks and counts in the database: a restarted server still refuses', async () => {
    const user = await makeUser(t.db, orgId, ['window-clerk']);
    const ip = newAddress();
    for (let i = 0; i < 5; i++) await signIn(user.username, 'Wrong-Pass-123', ip);
    const config = { ...loadConfig({ NODE_ENV: 'test', TONGBAN_DATA_DIR: '/tmp/tongban-test' }), seedDemo: false };
    const restarted = await buildApp({ db: t.db, config });
    try {
      const res = await restarted.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: user.password }, remoteAddress: ip });
      expect(res.statusCode).toBe(423);
    } finally {
      await restarted.close();
    }
  });
});

describe('old password hashes', () => {
  it('accepts an old scrypt hash and replaces it with argon2id on sign-in', async () => {
    const user = await makeUser(t.db, orgId, ['auditor']);
    await t.db.updateTable('users').set({ password_hash: await hashPasswordScryptLegacy(user.password) }).where('id', '=', user.id).execute();
    expect((await signIn(user.username, user.password, newAddress())).statusCode).toBe(200);
    const row = await t.db.selectFrom('users').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect((await signIn(user.username, user.password, newAddress())).statusCode).toBe(200);
  });
});
