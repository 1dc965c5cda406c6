// Staff administration (用户管理): scoped lists with keyset pages, creating accounts bound to an
// organization and window, the grant rules, deactivation and password resets — every write audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers.js';
import { makeOrg, makeUser } from '../factories.js';

let t: TestApp;
let w: Awaited<ReturnType<typeof world>>;

async function world(db: TestApp['db']) {
  const gov = await makeOrg(db, { kind: 'government', name: '兴安盟行政公署' });
  const office = await makeOrg(db, { kind: 'management-office', parentId: gov.id, name: '兴安盟政务服务局' });
  const dept = await makeOrg(db, { kind: 'department', parentId: gov.id, name: '兴安盟市场监督管理局' });
  const child = await makeOrg(db, { kind: 'service-point', parentId: dept.id, name: '市场监管局登记窗口' });
  const other = await makeOrg(db, { kind: 'department', parentId: gov.id, name: '兴安盟人力资源和社会保障局' });
  const users = {
    sysadmin: await makeUser(db, office.id, ['system-admin']),
    deptAdmin: await makeUser(db, dept.id, ['dept-admin']),
    otherAdmin: await makeUser(db, other.id, ['dept-admin']),
    clerk: await makeUser(db, dept.id, ['window-clerk']),
    auditorInDept: await makeUser(db, dept.id, ['auditor']),
    childClerk: await makeUser(db, child.id, ['window-clerk']),
    otherClerk: await makeUser(db, other.id, ['window-clerk']),
  };
  return { orgs: { gov, office, dept, child, other }, users };
}

beforeAll(async () => {
  t = await createTestApp();
  w = await world(t.db);
});
afterAll(async () => t?.close());

const auditOf = (objectId: string) => t.db.selectFrom('audit_log').select(['action', 'changes', 'actor_id']).where('object_id', '=', objectId).orderBy('id').execute();

describe('listing accounts', () => {
  it('shows a department administrator only the accounts of its subtree', async () => {
    const res = await t.injectAs(w.users.deptAdmin.id, { method: 'GET', url: '/api/users?limit=100' });
    expect(res.statusCode).toBe(200);
    const ids = res.json().items.map((u: { id: string }) => u.id);
    expect(ids).toEqual(expect.arrayContaining([w.users.clerk.id, w.users.childClerk.id, w.users.deptAdmin.id]));
    expect(ids).not.toContain(w.users.otherClerk.id);
    expect(ids).not.toContain(w.users.sysadmin.id);
    expect(res.json().grantableRoles.map((r: { role: string }) => r.role)).toEqual(['dept-admin', 'window-clerk', 'reviewer', 'decider']);
  });

  it('refuses to list another organization’s subtree by orgId', async () => {
    const res = await t.injectAs(w.users.deptAdmin.id, { method: 'GET', url: `/api/users?orgId=${w.orgs.other.id}` });
    expect(res.statusCode).toBe(403);
    expect(res.json().invalidParams[0].name).toBe('querystring.orgId');
  });

  it('pages by username with a cursor, each account once', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const res = await t.injectAs(w.users.sysadmin.id, { method: 'GET', url: `/api/users?limit=2${after ? `&after=${after}` : ''}` });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...body.items.map((u: { username: string }) => u.username));
      after = body.nextCursor;
    } while (after);
    const all = await t.db.selectFrom('users').select('username').orderBy('username').execute();
    expect(seen).toEqual(all.map((u) => u.username));
  });

  it('filters by role and search text, and names a bad filter', async () => {
    const res = await t.injectAs(w.users.sysadmin.id, { method: 'GET', url: `/api/users?role=auditor` });
    expect(res.json().items.map((u: { id: string }) => u.id)).toEqual([w.users.auditorInDept.id]);
    const bad = await t.injectAs(w.users.sysadmin.id, { method: 'GET', url: `/api/users?role=king` });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().invalidParams[0].name).toBe('querystring.role');
  });
});

describe('creating accounts', () => {
  it('creates a window clerk bound to a child organization and window, with a one-time password', async () => {
    const res = await t.injectAs(w.users.deptAdmin.id, {
      method: 'POST',
      url: '/api/users',
      payload: { username: 'zhang.san', displayName: '张三', orgId: w.orgs.child.id, roles: ['window-clerk'], windowCode: 'A03' },
    });
    expect(res.statusCode).toBe(201);
    const { user, initialPassword } = res.json();
    expect(user).toMatchObject({ username: 'zhang.san', orgId: w.orgs.child.id, windowCode: 'A03', roles: ['window-clerk'], roleNames: ['窗口受理人员'], mustChangePassword: true });
    expect(initialPassword).toMatch(/^.{16}$/);
    expect(JSON.stringify(user)).not.toContain('scrypt');
    // The one-time password signs in.
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'zhang.san', password: initialPassword } });
    expect(login.statusCode).toBe(200);
    const audit = await auditOf(user.id);
    expect(audit.map((a) => a.action)).toEqual(['user.create']);
    expect(JSON.stringify(audit[0].changes)).not.toContain(initialPassword);
  });

  it('never lets a department administrator grant system, catalog or oversight roles', async () => {
    for (const role of ['system-admin', 'auditor', 'catalog-admin', 'supervisor', 'center-admin']) {
      const res = await t.injectAs(w.users.deptAdmin.id, {
        method: 'POST',
        url: '/api/users',
        payload: { username: `x${role.replace(/-/g, '')}`, displayName: '某人', orgId: w.orgs.dept.id, roles: ['window-clerk', role] },
      });
      expect(res.statusCode, role).toBe(403);
      expect(res.json().code).toBe('role-not-grantable');
      expect(res.json().invalidParams[0].name).toBe('body.roles');
    }
  });

  it('refuses an organization outside the administrator’s scope and writes nothing', async () => {
    const before = await t.db.selectFrom('users').select('id').execute();
    const res = await t.injectAs(w.users.deptAdmin.id, {
      method: 'POST',
      url: '/api/users',
      payload: { username: 'li.si', displayName: '李四', orgId: w.orgs.other.id, roles: ['window-clerk'] },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'out-of-scope', invalidParams: [{ name: 'body.orgId' }] });
    expect(await t.db.selectFrom('users').select('id').execute()).toHaveLength(before.length);
  });

  it('lets a system administrator grant any role anywhere', async () => {
    const res = await t.injectAs(w.users.sysadmin.id, {
      method: 'POST',
      url: '/api/users',
      payload: { username: 'wang.wu', displayName: '王五', orgId: w.orgs.other.id, roles: ['auditor'], password: 'Strong-Passw0rd-2024' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().initialPassword).toBeNull();
    expect(res.json().user.mustChangePassword).toBe(false);
  });

  it('names the field of bad input, a taken username and a weak password', async () => {
    const bad = await t.injectAs(w.users.sysadmin.id, { method: 'POST', url: '/api/users', payload: { username: 'A b', displayName: '', orgId: w.orgs.dept.id, roles: [], windowCode: '窗口1' } });
    expect(bad.statusCode).toBe(400);
    const names = bad.json().invalidParams.map((p: { name: string }) => p.name);
    expect(names).toEqual(expect.arrayContaining(['body.username', 'body.displayName', 'body.roles', 'body.windowCode']));
    const taken = await t.injectAs(w.users.sysadmin.id, { method: 'POST', url: '/api/users', payload: { username: w.users.clerk.username, displayName: '重名', orgId: w.orgs.dept.id, roles: ['reviewer'] } });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().invalidParams[0].name).toBe('body.username');
    const weak = await t.injectAs(w.users.sysadmin.id, { method: 'POST', url: '/api/users', payload: { username: 'weak.one', displayName: '弱', orgId: w.orgs.dept.id, roles: ['reviewer'], password: 'abc' } });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().code).toBe('password-policy');
    expect(new Set(weak.json().invalidParams.map((p: { name: string }) => p.name))).toEqual(new Set(['body.password']));
  });
});

describe('editing accounts', () => {
  it('changes roles, organization and window, auditing before and after', async () => {
    const target = await makeUser(t.db, w.orgs.dept.id, ['window-clerk']);
    const res = await t.injectAs(w.users.deptAdmin.id, {
      method: 'PATCH',
      url: `/api/users/${target.id}`,
      payload: { roles: ['reviewer', 'decider'], orgId: w.orgs.child.id, windowCode: 'B12', displayName: '赵六' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ roles: ['reviewer', 'decider'], orgId: w.orgs.child.id, windowCode: 'B12', displayName: '赵六' });
    const [entry] = await auditOf(target.id);
    expect(entry.action).toBe('user.update');
    expect(entry.changes).toMatchObject({ roles: { before: ['window-clerk'], after: ['reviewer', 'decider'] }, windowCode: { before: null, after: 'B12' } });
  });

  it('deactivates an account and ends its sessions at once', async () => {
    const target = await makeUser(t.db, w.orgs.dept.id, ['window-clerk']);
    const seen = await t.injectAs(target.id, { method: 'GET', url: '/api/auth/me' });
    expect(seen.statusCode).toBe(200);
    const res = await t.injectAs(w.users.deptAdmin.id, { method: 'PATCH', url: `/api/users/${target.id}`, payload: { active: false } });
    expect(res.statusCode).toBe(200);
    expect(res.json().active).toBe(false);
    expect((await t.injectAs(target.id, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: target.username, password: target.password } });
    expect(login.statusCode).toBe(401);
    expect((await auditOf(target.id)).map((a) => a.action)).toEqual(['user.deactivate']);
  });

  it('hides accounts outside the scope and protects accounts holding roles the administrator cannot grant', async () => {
    const other = await t.injectAs(w.users.deptAdmin.id, { method: 'PATCH', url: `/api/users/${w.users.otherClerk.id}`, payload: { displayName: '改名' } });
    expect(other.statusCode).toBe(404);
    const auditor = await t.injectAs(w.users.deptAdmin.id, { method: 'POST', url: `/api/users/${w.users.auditorInDept.id}/reset-password`, payload: {} });
    expect(auditor.statusCode).toBe(403);
    expect(auditor.json().code).toBe('account-not-manageable');
    const self = await t.injectAs(w.users.deptAdmin.id, { method: 'PATCH', url: `/api/users/${w.users.deptAdmin.id}`, payload: { active: false } });
    expect(self.statusCode).toBe(409);
    const empty = await t.injectAs(w.users.deptAdmin.id, { method: 'PATCH', url: `/api/users/${w.users.clerk.id}`, payload: {} });
    expect(empty.statusCode).toBe(400);
  });

  it('resets a password: the old one stops working, the one-time one works once shown', async () => {
    const target = await makeUser(t.db, w.orgs.child.id, ['window-clerk']);
    const res = await t.injectAs(w.users.deptAdmin.id, { method: 'POST', url: `/api/users/${target.id}/reset-password` });
    expect(res.statusCode).toBe(200);
    const { initialPassword, user } = res.json();
    expect(user.mustChangePassword).toBe(true);
    const old = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: target.username, password: target.password } });
    expect(old.statusCode).toBe(401);
    const fresh = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: target.username, password: initialPassword } });
    expect(fresh.statusCode).toBe(200);
    const [entry] = await auditOf(target.id);
    expect(entry).toMatchObject({ action: 'user.reset-password', actor_id: w.users.deptAdmin.id });
    expect(JSON.stringify(entry.changes)).not.toContain(initialPassword);
  });

  it('refuses a chosen password that breaks the policy, including one of the last five', async () => {
    const target = await makeUser(t.db, w.orgs.child.id, ['window-clerk']);
    const url = `/api/users/${target.id}/reset-password`;
    const reused = await t.injectAs(w.users.deptAdmin.id, { method: 'POST', url, payload: { password: target.password } });
    expect(reused.statusCode).toBe(422);
    expect(reused.json()).toMatchObject({ code: 'password-policy', invalidParams: [{ name: 'body.password' }] });
    const chosen = await t.injectAs(w.users.deptAdmin.id, { method: 'POST', url, payload: { password: 'Windows-Clerk-2026' } });
    expect(chosen.statusCode).toBe(200);
    expect(chosen.json()).toMatchObject({ initialPassword: null, user: { mustChangePassword: false } });
  });
});
