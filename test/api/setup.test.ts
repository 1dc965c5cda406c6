// Production first start: no default password. Without an administrator the start makes a one-time
// setup token (console only, never the log); /setup creates the first administrator once with it.
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { formatSetupBanner, prepareFirstStart } from '../../src/modules/identity/setup.js';
import { createTestDatabase, type TestDatabase } from '../helpers.js';

/** What an operator sets for a production start (fresh secrets; every adapter explicitly chosen). */
function productionEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'production',
    TONGBAN_DATA_DIR: '/tmp/tongban-test',
    LOG_LEVEL: 'info',
    TONGBAN_DATA_KEY: randomBytes(16).toString('hex'),
    TONGBAN_LOOKUP_KEY: randomBytes(32).toString('hex'),
    TONGBAN_COOKIE_KEYS: randomBytes(48).toString('base64'),
    TONGBAN_SMS_ALLOW_OUTBOX: '1',
    TONGBAN_REAL_NAME_ALLOW_DEVELOPMENT: '1',
    ...extra,
  };
}

let database: TestDatabase;
let app: FastifyInstance;
let config: Config;
const logLines: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  config = loadConfig(productionEnv());
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  app = await buildApp({ db: database.db, config, logStream });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await database?.dispose();
});

async function openForm() {
  const page = await app.inject({ method: 'GET', url: '/setup' });
  expect(page.statusCode).toBe(200);
  const formToken = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  expect(formToken).toBeTruthy();
  return { formToken: formToken!, cookie: page.cookies.find((c) => c.name === 'tb_form')!.value };
}

async function submit(fields: Record<string, string>) {
  const form = await openForm();
  return app.inject({
    method: 'POST',
    url: '/setup',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    cookies: { tb_form: form.cookie },
    payload: new URLSearchParams({ _csrf: form.formToken, orgName: '兴安盟政务服务局', displayName: '首任管理员', ...fields }).toString(),
  });
}

const userCount = async () => (await database.db.selectFrom('users').select('id').execute()).length;

describe('production configuration', () => {
  it('loads no demo data in production unless explicitly asked', () => {
    expect(config.env).toBe('production');
    expect(config.seedDemo).toBe(false);
    expect(loadConfig(productionEnv({ TONGBAN_SEED_DEMO: '1' })).seedDemo).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).seedDemo).toBe(true);
  });
});

describe('first start in production', () => {
  let token = '';

  it('makes a one-time setup token only in production and only without an administrator; stores only its hash', async () => {
    expect(await prepareFirstStart(database.db, { env: 'development' })).toBeNull();
    const earlier = await prepareFirstStart(database.db, config);
    token = (await prepareFirstStart(database.db, config))!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(earlier).not.toBe(token);
    const rows = await database.db.selectFrom('setup_tokens').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(formatSetupBanner(token, config.publicUrl)).toContain(`${config.publicUrl}/setup`);

    // A restart replaces the token: the earlier one no longer works.
    const stale = await submit({ token: earlier!, username: 'chief', password: 'Xingan-Admin-2026' });
    expect(stale.statusCode).toBe(403);
    expect(stale.body).toContain('初始化令牌不正确');
  });

  it('refuses a wrong token, a forged form, and a password against the policy, creating nothing', async () => {
    const wrong = await submit({ token: 'not-the-token', username: 'chief', password: 'Xingan-Admin-2026' });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.headers['content-type']).toContain('text/html');

    const forged = await app.inject({
      method: 'POST',
      url: '/setup',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      payload: new URLSearchParams({ token, username: 'chief', displayName: 'x', orgName: 'x', password: 'Xingan-Admin-2026' }).toString(),
    });
    expect(forged.statusCode).toBe(403);

    const weak = await submit({ token, username: 'chief', password: 'chief2026' });
    expect(weak.statusCode).toBe(422);
    expect(weak.body).toContain('密码至少 12 个字符');
    expect(weak.body).toContain('不得包含用户名');
    expect(weak.body).toContain('aria-invalid="true"');
    // What was typed stays in the form, except passwords.
    expect(weak.body).toContain('value="chief"');
    expect(weak.body).not.toContain('chief2026');

    const badName = await submit({ token, username: 'X', password: 'Xingan-Admin-2026' });
    expect(badName.statusCode).toBe(422);
    expect(badName.body).toContain('id="setup-username-error"');
    expect(await userCount()).toBe(0);
  });

  it('creates the first administrator once, spends the token, and that administrator signs in', async () => {
    const created = await submit({ token, username: 'chief', password: 'Xingan-Admin-2026' });
    expect(created.statusCode).toBe(201);
    expect(created.body).toContain('管理员已创建');
    const user = await database.db.selectFrom('users').selectAll().where('username', '=', 'chief').executeTakeFirstOrThrow();
    expect(user.roles).toEqual(['system-admin']);
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
    const org = await database.db.selectFrom('orgs').selectAll().where('id', '=', user.org_id).executeTakeFirstOrThrow();
    expect(org).toMatchObject({ name: '兴安盟政务服务局', kind: 'management-office', level: 'league' });
    const audit = await database.db.selectFrom('audit_log').select('action').where('object_id', '=', user.id).execute();
    expect(audit.map((a) => a.action)).toContain('setup.first-admin');

    // Once: the same token again, or the page, now answer 410.
    const again = await app.inject({
      method: 'POST',
      url: '/setup',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ token, username: 'second', displayName: 'x', orgName: 'x', password: 'Xingan-Admin-2027' }).toString(),
    });
    expect(again.statusCode).toBe(410);
    expect((await app.inject({ method: 'GET', url: '/setup' })).statusCode).toBe(410);
    expect(await userCount()).toBe(1);
    // The next start needs no token.
    expect(await prepareFirstStart(database.db, config)).toBeNull();

    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'chief', password: 'Xingan-Admin-2026' } });
    expect(login.statusCode).toBe(200);
    expect(login.json().roles).toEqual(['system-admin']);
  });

  it('never writes the token or the password to the log', () => {
    expect(logLines.length).toBeGreaterThan(0);
    const log = logLines.join('\n');
    expect(log).not.toContain(token);
    expect(log).not.toContain('Xingan-Admin-2026');
  });
});
