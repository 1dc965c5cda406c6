// Durable timers and the job runner: a timer fires when the clock passes it and not before, in one
// transaction with its handler's writes; a throwing handler is retried and finally marked failed;
// cancelled timers never fire; and a timer that fell due while nothing ran fires on the first pass
// of a new app and runner over the same database (a restart).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp, type AppDeps } from '../../app.js';
import { loadConfig, type Config } from '../../config.js';
import { openPGlite, openPostgres, type DatabaseHandle } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import { ManualClock } from '../../lib/clock.js';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers.js';
import { enqueueMessages } from '../outbox/service.js';
import { HANDLER_SETS, timerHandlers } from './registry.js';
import { createJobRunner, type JobRunner } from './runner.js';
import { cancelTimer, pendingTimersOf, scheduleTimer, type DueTimer, type TimerHandler } from './timers.js';

const START = '2026-03-02T09:00:00+08:00';
const HOUR = 3_600_000;
const config: Config = { ...loadConfig({ NODE_ENV: 'test', TONGBAN_DATA_DIR: '/tmp/tongban-test' }), seedDemo: false };

let database: TestDatabase;
let clock: ManualClock;
let deps: AppDeps;
const runners: JobRunner[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.dispose());
beforeEach(async () => {
  clock = new ManualClock(START);
  deps = { db: database.db, config, clock };
  await database.db.deleteFrom('timers').execute();
  await database.db.deleteFrom('outbox_messages').execute();
});
afterEach(async () => {
  for (const r of runners.splice(0)) await r.stop();
});

function runner(handlers: Record<string, TimerHandler>, options: Parameters<typeof createJobRunner>[2] = {}, d: AppDeps = deps): JobRunner {
  const r = createJobRunner(d, handlers, options);
  runners.push(r);
  return r;
}

async function schedule(kind: string, subjectId: string, dueAt: Date, payload?: Record<string, unknown>, db = database.db) {
  await db.transaction().execute((trx) => scheduleTimer(trx, { kind, subjectId, dueAt, payload }));
}

async function timerRow(kind: string, subjectId: string) {
  return database.db.selectFrom('timers').selectAll().where('kind', '=', kind).where('subject_id', '=', subjectId).executeTakeFirstOrThrow();
}

const inHours = (h: number) => new Date(clock.now().getTime() + h * HOUR);

describe('timers', () => {
  it('fire when the clock passes their due time and not before, once, with their payload', async () => {
    const calls: DueTimer[] = [];
    const r = runner({ 'test.remind': async (_d, _trx, t) => void calls.push(t) });
    await schedule('test.remind', 'case-a', inHours(24), { deadlineOn: '2026-03-03' });

    expect(await r.runOnce()).toMatchObject({ timers: 0, messages: 0 });
    clock.advance(24 * HOUR - 1);
    await r.runOnce();
    expect(calls).toHaveLength(0);

    clock.advance(1);
    expect((await r.runOnce()).timers).toBe(1);
    expect(calls).toEqual([{ kind: 'test.remind', subjectId: 'case-a', dueAt: inHours(0), payload: { deadlineOn: '2026-03-03' } }]);
    expect(await timerRow('test.remind', 'case-a')).toMatchObject({ status: 'fired', attempts: 0 });

    clock.advanceDays(5);
    await r.runOnce();
    expect(calls).toHaveLength(1);
  });

  it('a rescheduled timer fires at its new time only; a cancelled one never fires', async () => {
    const calls: string[] = [];
    const r = runner({ 'test.remind': async (_d, _trx, t) => void calls.push(t.subjectId) });
    await schedule('test.remind', 'moved', inHours(1));
    await schedule('test.remind', 'moved', inHours(10));
    await schedule('test.remind', 'cancelled', inHours(1));
    await database.db.transaction().execute((trx) => cancelTimer(trx, 'test.remind', 'cancelled'));
    expect((await pendingTimersOf(database.db, 'moved')).map((t) => t.dueAt)).toEqual([inHours(10)]);

    clock.advance(2 * HOUR);
    await r.runOnce();
    expect(calls).toEqual([]);
    clock.advance(10 * HOUR);
    await r.runOnce();
    expect(calls).toEqual(['moved']);
    expect((await timerRow('test.remind', 'cancelled')).status).toBe('cancelled');
  });

  it('a throwing handler is rolled back, retried after a delay, and succeeds; its writes commit with the fired mark', async () => {
    let calls = 0;
    const handler: TimerHandler = async (_d, trx, t) => {
      calls++;
      // A write in the handler's transaction: undone when the handler throws.
      await scheduleTimer(trx, { kind: 'test.follow-up', subjectId: t.subjectId, dueAt: inHours(100) });
      if (calls === 1) throw new Error('calendar unavailable');
    };
    const r = runner({ 'test.flaky': handler });
    await schedule('test.flaky', 'case-b', inHours(0));

    await r.runOnce();
    expect(calls).toBe(1);
    const failed = await timerRow('test.flaky', 'case-b');
    expect(failed).toMatchObject({ status: 'pending', attempts: 1, last_error: 'Error: calendar unavailable' });
    expect(await pendingTimersOf(database.db, 'case-b')).toHaveLength(1); // no follow-up: rolled back

    await r.runOnce();
    expect(calls).toBe(1); // waits for its retry delay (1 minute after the first failure)
    clock.advance(60_000);
    await r.runOnce();
    expect(calls).toBe(2);
    expect(await timerRow('test.flaky', 'case-b')).toMatchObject({ status: 'fired', attempts: 1, last_error: null });
    expect((await pendingTimersOf(database.db, 'case-b')).map((t) => t.kind)).toEqual(['test.follow-up']);
  });

  it('after the last attempt a failing timer is marked failed and left alone; a kind without handler fails too', async () => {
    let calls = 0;
    const r = runner({ 'test.broken': async () => void (calls++, (() => { throw new Error('broken'); })()) }, { timerRetry: { baseMs: 60_000, capMs: HOUR, maxAttempts: 3 } });
    await schedule('test.broken', 'case-c', inHours(0));
    await schedule('test.unknown-kind', 'case-c', inHours(0));
    for (let i = 0; i < 6; i++) {
      await r.runOnce();
      clock.advance(HOUR);
    }
    expect(calls).toBe(3);
    expect(await timerRow('test.broken', 'case-c')).toMatchObject({ status: 'failed', attempts: 3, last_error: 'Error: broken' });
    const unknown = await timerRow('test.unknown-kind', 'case-c');
    expect(unknown).toMatchObject({ status: 'failed', attempts: 3 });
    expect(unknown.last_error).toContain('no handler for timer kind test.unknown-kind');
  });

  it('a handler that writes a message has it sent in the same pass', async () => {
    const r = runner({
      'test.notify': async (d, trx, t) =>
        enqueueMessages(trx, d, {
          templateKey: 'case.deemed-renewed',
          dedupeKey: `timer:${t.subjectId}`,
          caseId: t.subjectId,
          applicantId: 'applicant-9',
          to: { portal: true, email: 'li.si@example.cn' },
          params: { caseNumber: 'XA1', itemName: '食品经营许可', orgName: '市场监管局', stateName: '准予（待送达）', link: 'http://x/my/cases/1' },
        }),
    });
    await schedule('test.notify', 'case-d', inHours(0));
    expect(await r.runOnce()).toMatchObject({ timers: 1, messages: 2 });
    const sent = await database.db.selectFrom('outbox_messages').select(['channel', 'status', 'provider']).orderBy('channel').execute();
    // The test configuration has no SMTP server: the sandbox records the e-mail.
    expect(sent).toEqual([
      { channel: 'email', status: 'delivered', provider: 'sandbox' },
      { channel: 'portal', status: 'delivered', provider: 'portal' },
    ]);
  });

  it('start() makes a pass at once, polls without overlapping, and stop() ends the loop', async () => {
    let running = 0;
    let overlap = false;
    let calls = 0;
    const r = runner(
      {
        'test.slow': async () => {
          running++;
          if (running > 1) overlap = true;
          calls++;
          await new Promise((resolve) => setTimeout(resolve, 30));
          running--;
        },
      },
      { intervalMs: 20 },
    );
    for (let i = 0; i < 3; i++) await schedule('test.slow', `s${i}`, inHours(0));
    r.start();
    r.start(); // a second start does not start a second loop
    await waitFor(() => calls === 3);
    void r.runOnce(); // a pass requested meanwhile queues behind the loop's
    await r.stop();
    expect(overlap).toBe(false);

    await schedule('test.slow', 'after-stop', inHours(0));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(calls).toBe(3);
    expect((await timerRow('test.slow', 'after-stop')).status).toBe('pending');
  });

  it('the registry merges the handler sets and refuses a kind handled twice', () => {
    const a: TimerHandler = async () => {};
    expect(Object.keys(timerHandlers([{ x: a }, { y: a }]))).toEqual(['x', 'y']);
    expect(() => timerHandlers([{ x: a }, { x: a }])).toThrow(/timer kind x has two handlers/);
    expect(() => timerHandlers(HANDLER_SETS)).not.toThrow();
  });
});

async function waitFor(condition: () => boolean, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A database that outlives its connections: a PGlite directory, or a PostgreSQL database of its own. */
async function durableDatabase(): Promise<{ open(): Promise<DatabaseHandle>; dispose(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongban-restart-'));
    return {
      open: async () => {
        const handle = await openPGlite(dir);
        await migrateToLatest(handle.db);
        return handle;
      },
      dispose: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `tongban_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  return {
    open: async () => {
      const handle = await openPostgres(dbUrl.toString(), 3);
      await migrateToLatest(handle.db);
      return handle;
    },
    dispose: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

describe('a restart', () => {
  it('a timer that fell due while no runner ran fires on the first pass of a new app and runner', async () => {
    const store = await durableDatabase();
    try {
      // First life: the change schedules the timer, then the platform stops before it is due.
      const first = await store.open();
      await first.db.transaction().execute((trx) => scheduleTimer(trx, { kind: 'test.deem', subjectId: 'case-r', dueAt: new Date('2026-03-03T00:00:00+08:00') }));
      await first.close();

      // Down for two days. Second life: a new app over the same database; its runner's first pass fires it.
      const second = await store.open();
      const app2 = await buildApp({ db: second.db, config, clock: new ManualClock('2026-03-05T08:00:00+08:00') });
      await app2.ready();
      const fired: DueTimer[] = [];
      // A long interval: only the pass start() makes at once can fire it within the wait below.
      const r = createJobRunner(app2.deps, { 'test.deem': async (_d, _trx, t) => void fired.push(t) }, { intervalMs: HOUR });
      r.start();
      await waitFor(() => fired.length === 1, 60_000);
      await r.stop();
      expect(fired[0]).toMatchObject({ subjectId: 'case-r', dueAt: new Date('2026-03-03T00:00:00+08:00') });
      const row = await second.db.selectFrom('timers').select(['status', 'fired_at']).where('subject_id', '=', 'case-r').executeTakeFirstOrThrow();
      expect(row.status).toBe('fired');
      expect(new Date(row.fired_at!).toISOString()).toBe(new Date('2026-03-05T08:00:00+08:00').toISOString());
      await app2.close();
      await second.close();
    } finally {
      await store.dispose();
    }
  }, 240_000); // an embedded database on disk is opened and migrated twice: slow on a busy machine
});
