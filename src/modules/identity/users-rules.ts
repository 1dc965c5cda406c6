// Rules of staff administration (用户管理), each a small function throwing a domain error.
import { DomainError, notFound } from '../../http/errors.js';
import { administersOrg, grantableRoles, mayGrant, ROLES, type Actor, type Role } from './permissions.js';
import type { UserRow } from './users-queries.js';

export const userNotFound = (id: string) => notFound('user-not-found', `用户不存在或不在您的管理范围内 (user ${id} not found in your scope)`);

/** The organization an account is placed in must lie within the administrator's scope. */
export function assertOrgAdministered(actor: Actor, org: { path: string } | undefined, field: string): asserts org is { path: string } {
  if (!org) throw new DomainError(400, 'unknown-org', '机构不存在 (unknown organization)', [{ name: field, reason: 'not found' }]);
  if (!administersOrg(actor, org.path)) {
    throw new DomainError(403, 'out-of-scope', '该机构不在您的管理范围内 (the organization is outside your scope)', [{ name: field, reason: 'out of scope' }]);
  }
}

/** Every role given must be one the administrator may grant (授权范围, see permissions.ts). */
export function assertGrantable(actor: Actor, roles: readonly Role[], field = 'body.roles'): void {
  const refused = roles.filter((r) => !mayGrant(actor, r));
  if (refused.length === 0) return;
  const names = refused.map((r) => ROLES[r]).join('、');
  throw new DomainError(403, 'role-not-grantable', `您无权授予以下角色：${names} (you may not grant: ${refused.join(', ')})`, [
    { name: field, reason: `not grantable: ${refused.join(', ')}; grantable: ${grantableRoles(actor).join(', ') || 'none'}` },
  ]);
}

/**
 * An administrator manages an account only when it sits in their scope and holds no role they
 * could not grant themselves: a department administrator cannot reset an auditor's password.
 * Accounts outside the scope answer "not found", so their existence does not leak.
 */
export function assertManages(actor: Actor, user: UserRow | undefined, id: string): asserts user is NonNullable<UserRow> {
  if (!user || !administersOrg(actor, user.org_path)) throw userNotFound(id);
  const held = user.roles.filter((r): r is Role => Object.prototype.hasOwnProperty.call(ROLES, r));
  const beyond = held.filter((r) => !mayGrant(actor, r));
  if (beyond.length > 0) {
    throw new DomainError(403, 'account-not-manageable', `该账号持有您无权授予的角色：${beyond.map((r) => ROLES[r]).join('、')} (the account holds roles you may not grant)`);
  }
}

/** Nobody switches off their own account: an office must not lose its last administrator by a slip. */
export function assertNotSelfDeactivation(actor: Actor, userId: string, active: boolean | undefined): void {
  if (active === false && actor.userId === userId) {
    throw new DomainError(409, 'cannot-deactivate-self', '不能停用自己的账号 (you cannot deactivate your own account)', [{ name: 'body.active', reason: 'own account' }]);
  }
}

export function assertUsernameFree(taken: boolean): void {
  if (taken) throw new DomainError(409, 'username-taken', '登录名已被使用 (username already taken)', [{ name: 'body.username', reason: 'taken' }]);
}

