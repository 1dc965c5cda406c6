// Changing a password (修改密码): the signed-in staff member's own change, and the shared step that
// any password replacement goes through (policy already checked): the old hash retires into the
// history (no reuse of the last five), every session of the account ends (退出所有设备), and the
// lockout is cleared — in one transaction with the audit record.
import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { DomainError, unprocessable, type InvalidParam } from '../../http/errors.js';
import { recordAudit } from '../audit/service.js';
import { checkLimit, resetLimit } from './login-guard.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { checkPasswordPolicy, recentPasswordHashes, retirePasswordHash } from './password-policy.js';
import { actorForUser, createSession, DEFAULT_SESSION_LIFETIME, endAllSessions, type SessionLifetime } from './service.js';
import type { Actor } from './permissions.js';

/** Wrong current passwords allowed per account within the window: a stolen session cannot guess on. */
const CURRENT_PASSWORD_TRIES = { limit: 5, windowSeconds: 15 * 60 };

/**
 * Throws 422 password-policy naming `field` with one reason per broken rule, when the password
 * breaks the policy for this account (userId: compare with its last five; none for a new account).
 */
export async function assertPasswordPolicy(
  db: Database | Transaction<DB>,
  input: { password: string; username: string; userId?: string },
  field: string,
): Promise<void> {
  const previousHashes = input.userId ? await recentPasswordHashes(db, input.userId) : [];
  const violations = await checkPasswordPolicy(input.password, { username: input.username, previousHashes });
  if (violations.length === 0) return;
  const params: InvalidParam[] = violations.map((v) => ({ name: field, reason: v.message }));
  throw unprocessable('password-policy', `密码不符合密码策略：${violations.map((v) => v.message).join('；')}`, params, {
    violations: violations.map((v) => v.code),
  });
}

/**
 * Replaces the password hash of a user inside `trx`: retires the old hash, clears the lockout and
 * any must-change flag, ends every session. Returns how many sessions ended. The caller has checked
 * the policy and records its own audit entry.
 */
export async function replacePasswordHash(trx: Transaction<DB>, userId: string, newHash: string, options: { mustChange?: boolean } = {}): Promise<number> {
  const user = await trx.selectFrom('users').select('password_hash').where('id', '=', userId).forUpdate().executeTakeFirst();
  if (!user) throw new DomainError(404, 'user-not-found', '用户不存在 (user not found)');
  await retirePasswordHash(trx, userId, user.password_hash);
  await trx
    .updateTable('users')
    .set({ password_hash: newHash, password_changed_at: new Date(), failed_attempts: 0, locked_until: null, password_must_change: options.mustChange ?? false })
    .where('id', '=', userId)
    .execute();
  return endAllSessions(trx, userId);
}

export interface ChangeOwnPasswordInput {
  currentPassword: string;
  newPassword: string;
}

/**
 * The signed-in user changes their own password. Every session of the account ends, this one
 * included; the caller gets a fresh session token for the device it used.
 */
export async function changeOwnPassword(
  db: Database,
  actor: Actor,
  input: ChangeOwnPasswordInput,
  context: { ip: string | null; lifetime?: SessionLifetime },
): Promise<{ token: string; endedSessions: number }> {
  const user = await db.selectFrom('users').select(['username', 'password_hash']).where('id', '=', actor.userId).executeTakeFirstOrThrow();
  const key = `password-change:${actor.userId}`;
  const tries = await checkLimit(db, key, CURRENT_PASSWORD_TRIES.limit, CURRENT_PASSWORD_TRIES.windowSeconds);
  if (!tries.allowed) {
    throw new DomainError(429, 'too-many-password-attempts', `当前密码输入错误次数过多，请 ${Math.ceil(tries.retryAfterSeconds / 60)} 分钟后再试 (too many wrong current passwords; try again later)`, [], {
      retryAfter: tries.retryAfterSeconds,
    });
  }
  if (!(await verifyPassword(input.currentPassword, user.password_hash))) {
    throw new DomainError(400, 'wrong-current-password', '当前密码不正确 (the current password is wrong)', [
      { name: 'body.currentPassword', reason: '当前密码不正确 (wrong current password)' },
    ]);
  }
  await assertPasswordPolicy(db, { password: input.newPassword, username: user.username, userId: actor.userId }, 'body.newPassword');
  const newHash = await hashPassword(input.newPassword);
  const endedSessions = await db.transaction().execute(async (trx) => {
    const ended = await replacePasswordHash(trx, actor.userId, newHash);
    // Never the password nor its hash: only that it changed and what that ended.
    await recordAudit(trx, actor, { action: 'identity.password.change', objectType: 'user', objectId: actor.userId, changes: { endedSessions: ended }, ip: context.ip });
    return ended;
  });
  await resetLimit(db, key);
  const token = await createSession(db, actor.userId, context.lifetime ?? DEFAULT_SESSION_LIFETIME);
  return { token, endedSessions };
}

/** Whether the account signs in with a one-time password it must replace first (初始密码须修改). */
export async function passwordMustChange(db: Database, userId: string): Promise<boolean> {
  const row = await db.selectFrom('users').select('password_must_change').where('id', '=', userId).executeTakeFirst();
  return row?.password_must_change ?? false;
}

/**
 * The first sign-in with a one-time password (an administrator's 初始密码 or reset): the person has
 * just proved the one-time password, and sets their own before the sign-in completes. The policy
 * applies as for any change; the one-time password counts as a previous one and cannot be kept.
 */
export async function replaceOneTimePassword(db: Database, userId: string, newPassword: string, ip: string | null): Promise<void> {
  const user = await db.selectFrom('users').select(['username', 'password_must_change']).where('id', '=', userId).executeTakeFirstOrThrow();
  if (!user.password_must_change) throw new DomainError(409, 'password-not-one-time', '该账号无需修改初始密码 (this account has no one-time password to replace)');
  await assertPasswordPolicy(db, { password: newPassword, username: user.username, userId }, 'newPassword');
  const newHash = await hashPassword(newPassword);
  const actor = await actorForUser(db, userId);
  await db.transaction().execute(async (trx) => {
    await replacePasswordHash(trx, userId, newHash);
    await recordAudit(trx, actor, { action: 'identity.password.replace-one-time', objectType: 'user', objectId: userId, changes: {}, ip });
  });
}
