// The rate limiter on its own: counts per key in the database, refuses past the limit with a
// Retry-After, forgets old windows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers.js';
import { checkLimit, peekLimit, pruneRateLimits, resetLimit } from './login-guard.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.dispose());

/** Moves a key's counters `seconds` into the past, as if that much time had gone by. */
const age = (key: string, seconds: number) =>
  sql`update rate_limits set window_start = window_start - make_interval(secs => ${seconds}) where key = ${key}`.execute(database.db);

describe('checkLimit (sliding window in PostgreSQL)', () => {
  it('allows `limit` requests per window and refuses the next with a wait no longer than two windows', async () => {
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await checkLimit(database.db, 'test:a', 3, 60));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results[3].retryAfterSeconds).toBeGreaterThan(0);
    expect(results[3].retryAfterSeconds).toBeLessThanOrEqual(120);
    expect(results[0].retryAfterSeconds).toBe(0);
  });

  it('keeps keys apart', async () => {
    for (let i = 0; i < 3; i++) await checkLimit(database.db, 'test:b', 3, 60);
    expect((await checkLimit(database.db, 'test:c', 3, 60)).allowed).toBe(true);
    expect((await checkLimit(database.db, 'test:b', 3, 60)).allowed).toBe(false);
  });

  it('peeks without counting, and forgets counts two windows old', async () => {
    for (let i = 0; i < 3; i++) await checkLimit(database.db, 'test:d', 3, 60);
    const peeked = await peekLimit(database.db, 'test:d', 3, 60);
    expect(peeked.allowed).toBe(false);
    expect(peeked.retryAfterSeconds).toBeGreaterThan(0);
    expect((await peekLimit(database.db, 'test:d', 4, 60)).allowed).toBe(true);
    expect((await peekLimit(database.db, 'test:never-used', 1, 60)).allowed).toBe(true);
    await age('test:d', 120);
    expect((await peekLimit(database.db, 'test:d', 3, 60)).allowed).toBe(true);
    expect((await checkLimit(database.db, 'test:d', 3, 60)).count).toBe(1);
  });

  it('weighs the previous window: a burst at the end of one window still counts early in the next', async () => {
    for (let i = 0; i < 3; i++) await checkLimit(database.db, 'test:e', 3, 3600);
    await age('test:e', 3600);
    // The previous window's three hits weigh (1 − elapsed/3600): more than zero, so the limit of 3 is reached
    // unless the current hour is nearly over.
    const next = await checkLimit(database.db, 'test:e', 3, 3600);
    expect(next.count).toBeGreaterThan(1);
    expect(next.count).toBeLessThanOrEqual(4);
  });

  it('prunes counters older than two windows, keeping live ones', async () => {
    await checkLimit(database.db, 'test:old', 3, 60);
    await checkLimit(database.db, 'test:live', 3, 60);
    await age('test:old', 180);
    expect(await pruneRateLimits(database.db)).toBeGreaterThanOrEqual(1);
    const keys = (await database.db.selectFrom('rate_limits').select('key').execute()).map((r) => r.key);
    expect(keys).toContain('test:live');
    expect(keys).not.toContain('test:old');
  });

  it('resetLimit clears a key', async () => {
    for (let i = 0; i < 4; i++) await checkLimit(database.db, 'test:f', 3, 60);
    await resetLimit(database.db, 'test:f');
    expect((await checkLimit(database.db, 'test:f', 3, 60)).allowed).toBe(true);
  });
});
