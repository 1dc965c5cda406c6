// Staff administration (用户管理): list, create, edit, deactivate and reset the password of staff
// accounts. Each function checks the caller's scope and grant rules first, then writes the account
// and its audit record in one transaction.
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { AppDeps } from '../../app.js';
import type { DB } from '../../db/schema.js';
import { recordAudit } from '../audit/service.js';
import { hashPassword } from './passwords.js';
import { userAdminScope, type Actor, type Role } from './permissions.js';
import { generateInitialPassword } from './initial-password.js';
import { assertPasswordPolicy, replacePasswordHash } from './credentials.js';
import { endAllSessions } from './service.js';
import * as q from './users-queries.js';
import * as rules from './users-rules.js';
import type { CreateUserInput, PatchUserInput, ResetPasswordInput, UserListQueryInput } from './users-schema.js';

type Deps = Pick<AppDeps, 'db'>;
export type UserView = NonNullable<q.UserRow>;

export async function listStaff(deps: Deps, actor: Actor, query: UserListQueryInput) {
  const limit = query.limit ?? 50;
  let subtreePath: string | undefined;
  if (query.orgId) {
    const org = await q.findOrgPath(deps.db, query.orgId);
    rules.assertOrgAdministered(actor, org, 'querystring.orgId');
    subtreePath = org.path;
  }
  const rows = await q.listUsers(deps.db, { scopePath: userAdminScope(actor), subtreePath, q: query.q?.trim() || undefined, role: query.role, active: query.active, after: query.after, limit });
  const page = rows.slice(0, limit);
  return { items: page, nextCursor: rows.length > limit ? page[page.length - 1].username : null };
}

/**
 * A chosen password must pass the policy (engineer E2's password-policy: length, classes, not the
 * username, not one of the account's last five); none chosen means a generated one-time password.
 */
async function passwordFor(deps: Deps, chosen: string | undefined, account: { username: string; userId?: string }) {
  if (chosen !== undefined) {
    await assertPasswordPolicy(deps.db, { password: chosen, ...account }, 'body.password');
    return { hash: await hashPassword(chosen), oneTime: null };
  }
  const oneTime = generateInitialPassword();
  return { hash: await hashPassword(oneTime), oneTime };
}

export async function createStaff(deps: Deps, actor: Actor, input: CreateUserInput, ip: string | null) {
  rules.assertOrgAdministered(actor, await q.findOrgPath(deps.db, input.orgId), 'body.orgId');
  rules.assertGrantable(actor, input.roles);
  rules.assertUsernameFree(await q.usernameTaken(deps.db, input.username));
  const password = await passwordFor(deps, input.password, { username: input.username });
  const id = randomUUID();
  const user = await insertStaff(deps, async (trx) => {
    await trx
      .insertInto('users')
      .values({
        id,
        username: input.username,
        display_name: input.displayName.trim(),
        password_hash: password.hash,
        org_id: input.orgId,
        roles: input.roles,
        window_code: input.windowCode ?? null,
        password_must_change: password.oneTime !== null,
      })
      .execute();
    const changes = { username: input.username, displayName: input.displayName.trim(), orgId: input.orgId, roles: input.roles, windowCode: input.windowCode ?? null, issued: password.oneTime !== null ? 'one-time' : 'chosen' };
    await recordAudit(trx, actor, { action: 'user.create', objectType: 'user', objectId: id, orgId: input.orgId, changes, ip });
    return q.findUser(trx, id);
  });
  return { user: user!, initialPassword: password.oneTime };
}

/** Runs the create transaction; a concurrent create of the same username loses with a 409, not a 500. */
async function insertStaff<T>(deps: Deps, work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  try {
    return await deps.db.transaction().execute(work);
  } catch (error) {
    if ((error as { code?: string }).code === '23505') rules.assertUsernameFree(true);
    throw error;
  }
}

const FIELDS = { displayName: 'display_name', roles: 'roles', orgId: 'org_id', windowCode: 'window_code', active: 'active' } as const;

/** The before/after of each field the patch really changes. */
function changedFields(user: UserView, patch: PatchUserInput) {
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const [field, column] of Object.entries(FIELDS) as [keyof typeof FIELDS, (typeof FIELDS)[keyof typeof FIELDS]][]) {
    const after = patch[field];
    if (after === undefined) continue;
    const before = user[column];
    if (JSON.stringify(before) !== JSON.stringify(after)) changes[field] = { before, after };
  }
  return changes;
}

export async function updateStaff(deps: Deps, actor: Actor, id: string, patch: PatchUserInput, ip: string | null) {
  const user = await q.findUser(deps.db, id);
  rules.assertManages(actor, user, id);
  if (patch.orgId !== undefined) rules.assertOrgAdministered(actor, await q.findOrgPath(deps.db, patch.orgId), 'body.orgId');
  if (patch.roles !== undefined) rules.assertGrantable(actor, patch.roles as Role[]);
  rules.assertNotSelfDeactivation(actor, id, patch.active);
  const changes = changedFields(user, { ...patch, displayName: patch.displayName?.trim() });
  if (Object.keys(changes).length === 0) return user;
  return deps.db.transaction().execute(async (trx) => {
    const set: Record<string, unknown> = {};
    for (const field of Object.keys(changes) as (keyof typeof FIELDS)[]) set[FIELDS[field]] = changes[field].after;
    await trx.updateTable('users').set(set).where('id', '=', id).execute();
    // A deactivated account, or one moved to another organization, keeps no open session.
    if (changes.active || changes.orgId) await endAllSessions(trx, id);
    const action = changes.active?.after === false ? 'user.deactivate' : 'user.update';
    await recordAudit(trx, actor, { action, objectType: 'user', objectId: id, orgId: patch.orgId ?? user.org_id, changes, ip });
    return (await q.findUser(trx, id))!;
  });
}

export async function resetStaffPassword(deps: Deps, actor: Actor, id: string, input: ResetPasswordInput, ip: string | null) {
  const user = await q.findUser(deps.db, id);
  rules.assertManages(actor, user, id);
  const password = await passwordFor(deps, input.password, { username: user.username, userId: id });
  const updated = await deps.db.transaction().execute(async (trx) => {
    // Retires the old hash into the history, clears a lockout and ends every session of the account.
    await replacePasswordHash(trx, id, password.hash, { mustChange: password.oneTime !== null });
    // Never the password itself, nor its hash: only that it was reset and how.
    await recordAudit(trx, actor, { action: 'user.reset-password', objectType: 'user', objectId: id, orgId: user.org_id, changes: { issued: password.oneTime !== null ? 'one-time' : 'chosen' }, ip });
    return (await q.findUser(trx, id))!;
  });
  return { user: updated, initialPassword: password.oneTime };
}
