import { describe, expect, it } from 'vitest';
import { presentPersonal } from '../../lib/mask.js';
import { can, ROLES, type Actor, type Role } from './permissions.js';

const actorWith = (role: Role): Actor => ({
  userId: 'u1',
  username: 'u1',
  displayName: '测试',
  orgId: 'o1',
  orgName: '兴安盟政务服务局',
  scopePath: '/o1/',
  roles: [role],
});

describe("permission 'personal-data.read-whole' (个人信息完整查看)", () => {
  it('is held exactly by the roles that process cases: window clerk, reviewer, decider', () => {
    const whole = (Object.keys(ROLES) as Role[]).filter((role) => can(actorWith(role), 'personal-data.read-whole'));
    expect(whole.sort()).toEqual(['decider', 'reviewer', 'window-clerk']);
  });

  it('is not held by the system administrator, who otherwise holds every permission', () => {
    expect(can(actorWith('system-admin'), 'personal-data.read-whole')).toBe(false);
    expect(can(actorWith('system-admin'), 'users.manage')).toBe(true);
  });

  it('decides what a presenter shows: whole to a clerk, masked to an auditor', () => {
    const show = (role: Role) => presentPersonal('15220119870523391X', 'identityNumber', can(actorWith(role), 'personal-data.read-whole'));
    expect(show('window-clerk')).toBe('15220119870523391X');
    expect(show('auditor')).toBe('1522**********391X');
  });
});
