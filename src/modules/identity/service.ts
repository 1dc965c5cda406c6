// Staff sign-in with a server-side session (cookie holds a random token; the table holds its hash).
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Database } from '../../db/database.js';
import { unprocessable } from '../../http/errors.js';
import { hashPassword } from './passwords.js';
import { checkPasswordShape } from './password-policy.js';
import { authenticateStaff } from './login-guard.js';
import { isRole, scopePathOf, type Actor, type Role } from './permissions.js';

export { hashPassword };

/**
 * How long a staff session lives (会话时限): it ends after idleMinutes without a request (the expiry
 * slides on each request) and after maxHours in any case. Sign-in passes config.security's values;
 * the defaults are the documented ones (docs/security.md).
 */
export interface SessionLifetime {
  idleMinutes: number;
  maxHours: number;
}
export const DEFAULT_SESSION_LIFETIME: SessionLifetime = { idleMinutes: 30, maxHours: 12 };

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(db: Database, userId: string, lifetime: SessionLifetime = DEFAULT_SESSION_LIFETIME): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const now = Date.now();
  const absolute = now + lifetime.maxHours * 3600_000;
  await db
    .insertInto('sessions')
    .values({
      id: tokenHash(token),
      user_id: userId,
      idle_seconds: lifetime.idleMinutes * 60,
      expires_at: new Date(Math.min(now + lifetime.idleMinutes * 60_000, absolute)),
      absolute_expires_at: new Date(absolute),
    })
    .execute();
  return token;
}

/**
 * Staff sign-in under the login guard (rate limits, lockout — login-guard.ts), then a new session.
 * `ip` is the caller's address for the per-address limit.
 */
export async function login(
  db: Database,
  username: string,
  password: string,
  context: { ip?: string; lifetime?: SessionLifetime } = {},
): Promise<{ token: string; actor: Actor }> {
  const { userId } = await authenticateStaff(db, { username, password, ip: context.ip ?? 'unknown' });
  const token = await createSession(db, userId, context.lifetime);
  const actor = await actorForUser(db, userId);
  return { token, actor: actor! };
}

export async function logout(db: Database, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', tokenHash(token)).execute();
}

/** Ends every session of a user (退出所有设备): after a password change, a reset or a deactivation. */
export async function endAllSessions(db: Pick<Database, 'deleteFrom'>, userId: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows ?? 0);
}

/** The columns an Actor is made of (users joined with their organization). */
const ACTOR_COLUMNS = ['users.id', 'users.username', 'users.display_name', 'users.roles', 'users.active', 'users.password_must_change', 'orgs.id as org_id', 'orgs.name as org_name', 'orgs.kind', 'orgs.path'] as const;

function actorOfRow(row: {
  id: string;
  username: string;
  display_name: string;
  roles: string[];
  active: boolean;
  password_must_change: boolean;
  org_id: string;
  org_name: string;
  kind: string;
  path: string;
}): Actor | null {
  if (!row.active) return null;
  return {
    userId: row.id,
    username: row.username,
    displayName: row.display_name,
    orgId: row.org_id,
    orgName: row.org_name,
    scopePath: scopePathOf(row),
    roles: row.roles.filter(isRole) as Role[],
    ...(row.password_must_change ? { mustChangePassword: true } : {}),
  };
}

export async function actorForUser(db: Database, userId: string): Promise<Actor | null> {
  const row = await db.selectFrom('users').innerJoin('orgs', 'orgs.id', 'users.org_id').select(ACTOR_COLUMNS).where('users.id', '=', userId).executeTakeFirst();
  return row ? actorOfRow(row) : null;
}

const SESSION_TOUCH_MS = 60_000;

/**
 * Resolves a session token to its actor and slides the idle expiry (never past the absolute end);
 * null when absent, idle too long or past its absolute lifetime, or the account is disabled.
 */
export async function actorForSession(db: Database, token: string): Promise<Actor | null> {
  const id = tokenHash(token);
  // One query per request for the session and its account (every staff request passes here).
  const session = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .innerJoin('orgs', 'orgs.id', 'users.org_id')
    .select(['sessions.absolute_expires_at', 'sessions.expires_at', 'sessions.last_seen_at', 'sessions.idle_seconds', ...ACTOR_COLUMNS])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
  if (!session) return null;
  const now = Date.now();
  const absolute = new Date(session.absolute_expires_at).getTime();
  if (new Date(session.expires_at).getTime() <= now || absolute <= now) {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
    return null;
  }
  // Sliding the idle expiry is a write (a commit) per request: it is done at most once a minute, so
  // the idle limit is honoured to within a minute and reading pages costs no write at all.
  if (now - new Date(session.last_seen_at).getTime() >= SESSION_TOUCH_MS) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(now), expires_at: new Date(Math.min(now + session.idle_seconds * 1000, absolute)) })
      .where('id', '=', id)
      .execute();
  }
  return actorOfRow(session);
}

export async function createUser(
  db: Database,
  input: { username: string; displayName: string; password: string; orgId: string; roles: Role[] },
): Promise<string> {
  // The password policy applies wherever a password is set (a new account has no history yet).
  const violations = checkPasswordShape(input.password, input.username);
  if (violations.length) {
    throw unprocessable('password-policy', violations.map((v) => v.message).join('；'), violations.map((v) => ({ name: 'password', reason: v.message })));
  }
  const id = randomUUID();
  await db
    .insertInto('users')
    .values({
      id,
      username: input.username,
      display_name: input.displayName,
      password_hash: await hashPassword(input.password),
      org_id: input.orgId,
      roles: input.roles,
    })
    .execute();
  return id;
}
