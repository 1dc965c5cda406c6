// The only place an account row becomes JSON. No password hash ever leaves; roles carry their Chinese names.
import { ROLES, grantableRoles, isRole, type Actor } from './permissions.js';
import type { UserRow } from './users-queries.js';

export function presentUser(row: NonNullable<UserRow>) {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    orgId: row.org_id,
    orgName: row.org_name,
    roles: row.roles,
    roleNames: row.roles.map((r) => (isRole(r) ? ROLES[r] : r)),
    windowCode: row.window_code,
    active: row.active,
    mustChangePassword: row.password_must_change,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export function presentGrantableRoles(actor: Actor) {
  return grantableRoles(actor).map((role) => ({ role, name: ROLES[role] }));
}
