// Login guard (登录防护): a rate limiter kept in PostgreSQL (table rate_limits, so it holds on PGlite
// and PostgreSQL alike, across restarts and across processes), and the staff sign-in check that uses
// it — per-address limits, account lockout after repeated failures (账户锁定), timing that does not
// reveal which usernames exist. Used by POST /api/auth/login and by the OIDC login page; the
// applicants' code sending uses checkLimit directly.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { DomainError } from '../../http/errors.js';
import { recordAudit } from '../audit/service.js';
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from './passwords.js';

type Db = Kysely<DB> | Transaction<DB>;

export interface LimitResult {
  /** Whether this request may go ahead. */
  allowed: boolean;
  /** The weighted count over the sliding window, this request included (checkLimit). */
  count: number;
  /** Seconds until a request would be allowed again (0 when allowed). */
  retryAfterSeconds: number;
}

interface Counter {
  hits: number;
  previous_hits: number;
  /** Seconds elapsed since the current fixed window began (database clock). */
  elapsed: number;
}

/**
 * A sliding-window limit (the weighted sum of the current and the previous fixed window, as
 * Cloudflare describes it): smooth at window edges, one row per key, one atomic statement per hit.
 */
function evaluate(counter: Counter | undefined, limit: number, windowSeconds: number): { count: number; retryAfterSeconds: number } {
  if (!counter) return { count: 0, retryAfterSeconds: 0 };
  const { hits, previous_hits: previous, elapsed } = counter;
  const count = previous * Math.max(0, 1 - elapsed / windowSeconds) + hits;
  if (count < limit) return { count, retryAfterSeconds: 0 };
  // When does the weighted count fall below the limit, so that one more request fits?
  const room = limit - 1;
  let wait: number;
  if (hits <= room && previous > 0) wait = windowSeconds * (1 - (room - hits) / previous) - elapsed;
  else wait = windowSeconds - elapsed + (hits > 0 ? windowSeconds * Math.max(0, 1 - room / hits) : 0);
  return { count, retryAfterSeconds: Math.max(1, Math.ceil(wait)) };
}

/** Counts one request under `key` and says whether it is within `limit` per `windowSeconds`. */
export async function checkLimit(db: Db, key: string, limit: number, windowSeconds: number): Promise<LimitResult> {
  const w = Math.max(1, Math.round(windowSeconds));
  const { rows } = await sql<Counter>`
    insert into rate_limits as r (key, window_seconds, window_start, hits, previous_hits)
    values (${key}, ${w}, to_timestamp(floor(extract(epoch from now()) / ${w}) * ${w}), 1, 0)
    on conflict (key) do update set
      previous_hits = case
        when r.window_start = excluded.window_start then r.previous_hits
        when r.window_start = excluded.window_start - make_interval(secs => ${w}) then r.hits
        else 0 end,
      hits = case when r.window_start = excluded.window_start then r.hits + 1 else 1 end,
      window_start = excluded.window_start,
      window_seconds = excluded.window_seconds
    returning hits, previous_hits, extract(epoch from now() - window_start)::float8 as elapsed`.execute(db);
  const counter = rows[0];
  // Keys are per address and per name, so rows accumulate: now and then, drop the ones that no longer count.
  if (Math.random() < PRUNE_PROBABILITY) await pruneRateLimits(db);
  const count = counter.previous_hits * Math.max(0, 1 - counter.elapsed / w) + counter.hits;
  const allowed = count <= limit;
  return { allowed, count, retryAfterSeconds: allowed ? 0 : evaluate(counter, limit, w).retryAfterSeconds };
}

/** Whether one more request under `key` would be allowed, without counting it. */
export async function peekLimit(db: Db, key: string, limit: number, windowSeconds: number): Promise<LimitResult> {
  const w = Math.max(1, Math.round(windowSeconds));
  const { rows } = await sql<Counter>`
    select
      case when window_start = to_timestamp(floor(extract(epoch from now()) / ${w}) * ${w}) then hits else 0 end as hits,
      case
        when window_start = to_timestamp(floor(extract(epoch from now()) / ${w}) * ${w}) then previous_hits
        when window_start = to_timestamp(floor(extract(epoch from now()) / ${w}) * ${w}) - make_interval(secs => ${w}) then hits
        else 0 end as previous_hits,
      (extract(epoch from now()) - floor(extract(epoch from now()) / ${w}) * ${w})::float8 as elapsed
    from rate_limits where key = ${key}`.execute(db);
  const { count, retryAfterSeconds } = evaluate(rows[0], limit, w);
  return { allowed: retryAfterSeconds === 0, count, retryAfterSeconds };
}

const PRUNE_PROBABILITY = 0.01;

/** Deletes counters older than two of their windows: they weigh nothing any more. */
export async function pruneRateLimits(db: Db): Promise<number> {
  const result = await sql`delete from rate_limits where window_start < now() - make_interval(secs => window_seconds * 2)`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

export async function resetLimit(db: Db, key: string): Promise<void> {
  await db.deleteFrom('rate_limits').where('key', '=', key).execute();
}

// ——— staff sign-in ———

/** The login limits: documented in docs/security.md. */
export const LOGIN_LIMITS = {
  /** Consecutive failures that lock an account (连续失败次数) … */
  lockAfterFailures: 5,
  /** … for this long. */
  lockMinutes: 15,
  /** Failed sign-ins allowed from one address per window (whatever the accounts tried). */
  failuresPerAddress: 20,
  addressWindowSeconds: 15 * 60,
} as const;

export const addressKey = (ip: string) => `login:address-failures:${ip}`;
/** Failures against a username that names no account: locked like a real one, so answers do not tell. */
export const unknownAccountKey = (username: string) => `login:unknown-account:${username.trim().toLowerCase()}`;

const tooManyFromAddress = (retryAfter: number) =>
  new DomainError(
    429,
    'too-many-sign-in-attempts',
    `此网络地址登录失败次数过多，请 ${Math.ceil(retryAfter / 60)} 分钟后再试 (too many failed sign-ins from this address; try again in ${Math.ceil(retryAfter / 60)} min)`,
    [],
    { retryAfter },
  );

export const accountLocked = (retryAfter: number) =>
  new DomainError(
    423,
    'account-locked',
    `账户因连续 ${LOGIN_LIMITS.lockAfterFailures} 次登录失败已临时锁定，请 ${Math.ceil(retryAfter / 60)} 分钟后再试，或联系管理员解锁 (account locked after ${LOGIN_LIMITS.lockAfterFailures} failed sign-ins; try again in ${Math.ceil(retryAfter / 60)} min or ask an administrator)`,
    [],
    { retryAfter },
  );

const invalidCredentials = () => new DomainError(401, 'invalid-credentials', '用户名或密码错误 (wrong username or password)');

export interface SignInAttempt {
  username: string;
  password: string;
  /** The caller's address (request.ip); per-address limits key on it. */
  ip: string;
}

interface UserForSignIn {
  id: string;
  password_hash: string;
  active: boolean;
  /** Seconds the lock still runs; 0 when not locked (database clock). */
  lock_seconds: number;
}

async function findUser(db: Database, username: string): Promise<UserForSignIn | undefined> {
  const { rows } = await sql<UserForSignIn>`
    select id, password_hash, active,
      greatest(0, coalesce(extract(epoch from locked_until - now()), 0))::float8 as lock_seconds
    from users where username = ${username}`.execute(db);
  return rows[0];
}

/**
 * Checks a staff member's username and password under the limits and the lockout; returns the
 * user id, or throws 401 invalid-credentials, 423 account-locked or 429 too-many-sign-in-attempts
 * (the last two carry retryAfter seconds, sent as Retry-After). A success clears the failures and
 * upgrades an old password hash to argon2id.
 */
export async function authenticateStaff(db: Database, attempt: SignInAttempt): Promise<{ userId: string }> {
  const fromAddress = await peekLimit(db, addressKey(attempt.ip), LOGIN_LIMITS.failuresPerAddress, LOGIN_LIMITS.addressWindowSeconds);
  if (!fromAddress.allowed) throw tooManyFromAddress(fromAddress.retryAfterSeconds);

  const user = await findUser(db, attempt.username);
  if (!user || !user.active) return refuseUnknown(db, attempt);
  if (user.lock_seconds > 0) {
    await checkLimit(db, addressKey(attempt.ip), LOGIN_LIMITS.failuresPerAddress, LOGIN_LIMITS.addressWindowSeconds);
    throw accountLocked(Math.ceil(user.lock_seconds));
  }
  if (!(await verifyPassword(attempt.password, user.password_hash))) return recordFailure(db, user.id, attempt);

  await db.updateTable('users').set({ failed_attempts: 0, locked_until: null }).where('id', '=', user.id).execute();
  if (needsRehash(user.password_hash)) {
    const upgraded = await hashPassword(attempt.password);
    // Only if nobody changed the password meanwhile.
    await db.updateTable('users').set({ password_hash: upgraded }).where('id', '=', user.id).where('password_hash', '=', user.password_hash).execute();
  }
  return { userId: user.id };
}

async function refuseUnknown(db: Database, attempt: SignInAttempt): Promise<never> {
  const key = unknownAccountKey(attempt.username);
  const window = LOGIN_LIMITS.lockMinutes * 60;
  const before = await peekLimit(db, key, LOGIN_LIMITS.lockAfterFailures, window);
  await verifyPassword(attempt.password, await dummyPasswordHash());
  await checkLimit(db, addressKey(attempt.ip), LOGIN_LIMITS.failuresPerAddress, LOGIN_LIMITS.addressWindowSeconds);
  if (!before.allowed) throw accountLocked(before.retryAfterSeconds);
  const after = await checkLimit(db, key, LOGIN_LIMITS.lockAfterFailures, window);
  if (after.count >= LOGIN_LIMITS.lockAfterFailures) throw accountLocked(window);
  throw invalidCredentials();
}

/** Counts a wrong password; the failure that reaches the threshold locks the account (and says so). */
async function recordFailure(db: Database, userId: string, attempt: SignInAttempt): Promise<never> {
  const n = LOGIN_LIMITS.lockAfterFailures;
  const locked = await db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ locked: boolean }>`
      update users set
        failed_attempts = case when failed_attempts + 1 >= ${n} then 0 else failed_attempts + 1 end,
        locked_until = case when failed_attempts + 1 >= ${n}
          then now() + make_interval(mins => ${LOGIN_LIMITS.lockMinutes}) else locked_until end
      where id = ${userId}
      returning coalesce(locked_until > now(), false) as locked`.execute(trx);
    const isLocked = rows[0]?.locked === true;
    if (isLocked) {
      await recordAudit(trx, null, {
        action: 'identity.account.locked',
        objectType: 'user',
        objectId: userId,
        changes: { reason: `${n} consecutive failed sign-ins`, lockMinutes: LOGIN_LIMITS.lockMinutes },
        ip: attempt.ip,
      });
    }
    return isLocked;
  });
  await checkLimit(db, addressKey(attempt.ip), LOGIN_LIMITS.failuresPerAddress, LOGIN_LIMITS.addressWindowSeconds);
  if (locked) throw accountLocked(LOGIN_LIMITS.lockMinutes * 60);
  throw invalidCredentials();
}

/** Lifts a lock before it runs out (for the user administration; the caller checks permission and audits). */
export async function unlockAccount(db: Db, userId: string): Promise<void> {
  await db.updateTable('users').set({ failed_attempts: 0, locked_until: null }).where('id', '=', userId).execute();
}
