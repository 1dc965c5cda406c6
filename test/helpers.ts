// Test harness: a fresh database per test file (in-memory PGlite, or a new database on the
// PostgreSQL server when DATABASE_URL is set), the app over it, and injectAs(user).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openPGlite, openPostgres, type DatabaseHandle } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createSession } from '../src/modules/identity/service.js';
import { SESSION_COOKIE } from '../src/http/auth.js';
import { CSRF_COOKIE, CSRF_HEADER, csrfTokenFor } from '../src/http/security.js';

export interface TestDatabase extends DatabaseHandle {
  /** Drops the database (PostgreSQL) and closes it. */
  dispose(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const handle = await openPGlite(null);
    await migrateToLatest(handle.db);
    return { ...handle, dispose: () => handle.close() };
  }
  const name = `tongban_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const testUrl = new URL(url);
  testUrl.pathname = `/${name}`;
  const handle = await openPostgres(testUrl.toString(), 5);
  await migrateToLatest(handle.db);
  return {
    ...handle,
    async dispose() {
      await handle.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      // pg's pool.end() resolves before its sockets have closed; a forced drop would then kill a
      // session that is still saying goodbye, and its FATAL 57P01 surfaces as an uncaught error.
      // Wait (bounded) for the database's sessions to go first.
      for (let i = 0; i < 50; i++) {
        const { rows } = await c.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
        if (rows[0].n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export interface TestApp {
  app: FastifyInstance;
  db: TestDatabase['db'];
  kind: TestDatabase['kind'];
  /** Injects a request with a session of the given user id, and its CSRF token as the admin app sends it. */
  injectAs(userId: string, options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function createTestApp(): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = { ...loadConfig({ NODE_ENV: 'test', TONGBAN_DATA_DIR: '/tmp/tongban-test' }), seedDemo: false };
  const app = await buildApp({ db: database.db, config });
  await app.ready();
  const tokens = new Map<string, string>();
  return {
    app,
    db: database.db,
    kind: database.kind,
    async injectAs(userId, options) {
      let token = tokens.get(userId);
      if (!token) {
        token = await createSession(database.db, userId);
        tokens.set(userId, token);
      }
      const csrf = csrfTokenFor(token);
      return app.inject({
        ...options,
        headers: { [CSRF_HEADER]: csrf, ...(options.headers ?? {}) },
        cookies: { [CSRF_COOKIE]: csrf, ...(options.cookies ?? {}), [SESSION_COOKIE]: token },
      });
    },
    async close() {
      await app.close();
      await database.dispose();
    },
  };
}
