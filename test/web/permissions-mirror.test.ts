// The admin app hides what a role may not do (web/src/shared/permissions.ts); the server decides
// (src/modules/identity/permissions.ts). The web may import server types only, so it keeps a copy:
// this keeps the copy true — for every permission the web knows, each role sees exactly what the
// server would allow, no menu entry the server would refuse and none missing.
import { describe, expect, it } from 'vitest';
import { can, PERMISSIONS, ROLES, type Actor, type Role } from '../../src/modules/identity/permissions.js';
import { hasPermission, type Permission } from '../../web/src/shared/permissions.js';

const roles = Object.keys(ROLES) as Role[];
const serverAllows = (role: Role, p: string) => can({ roles: [role] } as unknown as Actor, p as never);

describe('the admin app’s copy of the permissions', () => {
  const known = PERMISSIONS.filter((p) => roles.some((r) => hasPermission([r], p as Permission)));

  it('knows the permissions its screens depend on', () => {
    expect(known).toEqual(expect.arrayContaining(['catalog.read', 'case.read', 'case.accept', 'case.decide', 'audit.read', 'users.manage', 'templates.manage', 'calendar.write']));
  });

  it.each(roles)('%s: sees exactly what the server allows, permission by permission', (role) => {
    const differ = known.filter((p) => hasPermission([role], p as Permission) !== serverAllows(role, p));
    expect(differ, `${role}: web and server disagree on ${differ.join(', ')}`).toEqual([]);
  });
});
