// Staff sign-in with a server-side session (cookie holds a random token; the table holds its hash).
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Database } from '../../db/database.js';
import { DomainError } from '../../http/errors.js';
import { verifyPassword, hashPassword } from './passwords.js';
import { isRole, scopePathOf, type Actor, type Role } from './permissions.js';

export { hashPassword };
const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(db: Database, userId: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db
    .insertInto('sessions')
    .values({ id: tokenHash(token), user_id: userId, expires_at: new Date(Date.now() + SESSION_IDLE_MS) })
    .execute();
  return token;
}

export async function login(db: Database, username: string, password: string): Promise<{ token: string; actor: Actor }> {
  const user = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  const ok = user && user.active && (await verifyPassword(password, user.password_hash));
  if (!ok) throw new DomainError(401, 'invalid-credentials', '用户名或密码错误 (wrong username or password)');
  const token = await createSession(db, user.id);
  const actor = await actorForUser(db, user.id);
  return { token, actor: actor! };
}

export async function logout(db: Database, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', tokenHash(token)).execute();
}

export async function actorForUser(db: Database, userId: string): Promise<Actor | null> {
  const row = await db
    .selectFrom('users')
    .innerJoin('orgs', 'orgs.id', 'users.org_id')
    .select(['users.id', 'users.username', 'users.display_name', 'users.roles', 'users.active', 'orgs.id as org_id', 'orgs.name as org_name', 'orgs.kind', 'orgs.path'])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  if (!row || !row.active) return null;
  return {
    userId: row.id,
    username: row.username,
    displayName: row.display_name,
    orgId: row.org_id,
    orgName: row.org_name,
    scopePath: scopePathOf(row),
    roles: row.roles.filter(isRole) as Role[],
  };
}

/** Resolves a session token to its actor and slides the idle expiry; null when absent or expired. */
export async function actorForSession(db: Database, token: string): Promise<Actor | null> {
  const id = tokenHash(token);
  const session = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!session) return null;
  if (new Date(session.expires_at).getTime() < Date.now()) {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
    return null;
  }
  await db
    .updateTable('sessions')
    .set({ last_seen_at: new Date(), expires_at: new Date(Date.now() + SESSION_IDLE_MS) })
    .where('id', '=', id)
    .execute();
  return actorForUser(db, session.user_id);
}

export async function createUser(
  db: Database,
  input: { username: string; displayName: string; password: string; orgId: string; roles: Role[] },
): Promise<string> {
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
