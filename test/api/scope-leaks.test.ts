// No data of another organization leaks through lists, searches, counts or exports: for each such
// route, an actor of the own department sees the rows of its own organization and of the child
// organization below it, and none of the sibling department outside its scope.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers.js';
import { makeUser } from '../factories.js';
import { authzWorld, type AuthzWorld } from './authz-world.js';

let t: TestApp;
let w: AuthzWorld;
let leagueAdmin: string;
let otherAdmin: string;
const clients: Record<'own' | 'other' | 'child', string> = { own: '', other: '', child: '' };

beforeAll(async () => {
  t = await createTestApp();
  w = await authzWorld(t.db);
  leagueAdmin = (await makeUser(t.db, w.orgs.gov.id, ['system-admin'])).id;
  otherAdmin = (await makeUser(t.db, w.orgs.other.id, ['dept-admin'])).id;
  for (const p of ['own', 'other', 'child'] as const) {
    const res = await t.injectAs(leagueAdmin, { method: 'POST', url: '/api/machine-clients', payload: { name: `${p} 系统`, orgId: w.orgs[p].id, scopes: ['catalog.read'] } });
    clients[p] = res.json().client.clientId;
    // An audited action on an account of each organization …
    await t.injectAs(leagueAdmin, { method: 'PATCH', url: `/api/users/${w.rows[p].staff.id}`, payload: { displayName: `${p} 改名` } });
  }
  // … and one taken inside the other department by its own administrator.
  await t.injectAs(otherAdmin, { method: 'PATCH', url: `/api/users/${w.rows.other.staff.id}`, payload: { windowCode: 'C01' } });
}, 60_000);
afterAll(async () => t?.close());

const inScope = () => new Set([w.orgs.own.id, w.orgs.child.id]);
const get = async (userId: string, url: string) => {
  const res = await t.injectAs(userId, { method: 'GET', url });
  expect(res.statusCode, url).toBe(200);
  return res;
};

describe('scoped lists, searches and exports', () => {
  it('implementation list (实施清单): own and child rows only', async () => {
    const items: { id: string; org: { id: string } }[] = (await get(w.actors['catalog-admin'], '/api/catalog/implementations')).json().items;
    expect(items.map((i) => i.id)).toEqual(expect.arrayContaining([w.rows.own.impl.id, w.rows.child.impl.id]));
    expect(items.filter((i) => !inScope().has(i.org.id))).toEqual([]);
    const asked = await t.injectAs(w.actors['catalog-admin'], { method: 'GET', url: `/api/catalog/implementations?orgId=${w.orgs.other.id}` });
    expect(asked.statusCode).toBe(403);
  });

  it('review queue (待审核): own and child submissions only', async () => {
    const items: { id: string; orgId: string }[] = (await get(w.actors['catalog-reviewer'], '/api/catalog/review-queue')).json().items;
    expect(items.map((i) => i.id).sort()).toEqual([w.rows.own.submitted.id, w.rows.child.submitted.id].sort());
  });

  it('user list (用户管理): own and child accounts only, however it is filtered or paged', async () => {
    for (const url of ['/api/users?limit=100', '/api/users?limit=1', '/api/users?q=u_&limit=100', '/api/users?role=window-clerk&limit=100']) {
      const items: { id: string; orgId: string }[] = (await get(w.actors['dept-admin'], url)).json().items;
      expect(items.filter((u) => !inScope().has(u.orgId)), url).toEqual([]);
    }
    const all = (await get(w.actors['dept-admin'], '/api/users?limit=100')).json().items.map((u: { id: string }) => u.id);
    expect(all).toEqual(expect.arrayContaining([w.rows.own.staff.id, w.rows.child.staff.id]));
    const outside = await t.injectAs(w.actors['dept-admin'], { method: 'GET', url: `/api/users?orgId=${w.orgs.other.id}` });
    expect(outside.statusCode).toBe(403);
  });

  it('machine-client list (接入系统): own and child clients only', async () => {
    const items: { clientId: string; orgId: string }[] = (await get(w.actors['system-admin'], '/api/machine-clients')).json().items;
    expect(items.map((c) => c.clientId)).toEqual(expect.arrayContaining([clients.own, clients.child, w.rows.own.clientId, w.rows.child.clientId]));
    expect(items.filter((c) => !inScope().has(c.orgId))).toEqual([]);
    expect(items.map((c) => c.clientId)).not.toContain(clients.other);
  });

  it('import jobs (导入任务): another organization’s job is not found', async () => {
    for (const p of ['own', 'child'] as const) {
      const res = await t.injectAs(w.actors['catalog-admin'], { method: 'GET', url: `/api/catalog/import/${w.rows[p].jobId}` });
      expect(res.statusCode, p).toBe(200);
    }
    const other = await t.injectAs(w.actors['catalog-admin'], { method: 'GET', url: `/api/catalog/import/${w.rows.other.jobId}` });
    expect(other.statusCode).toBe(404);
    expect(other.body).not.toContain('other-catalog.json');
  });

  it('audit search and export (审计日志): nothing that happened only in the other organization', async () => {
    type Rec = { objectId: string; actorOrg: { id: string } | null; org: { id: string } | null };
    const touchesScope = (r: Rec) => inScope().has(r.actorOrg?.id ?? '') || inScope().has(r.org?.id ?? '');
    const page: Rec[] = (await get(w.actors.auditor, '/api/audit?limit=200')).json().items;
    expect(page.filter((r) => !touchesScope(r))).toEqual([]);
    expect(page.map((r) => r.objectId)).toEqual(expect.arrayContaining([w.rows.own.staff.id, w.rows.child.staff.id]));
    expect(page.map((r) => r.objectId)).not.toContain(w.rows.other.staff.id);
    const exported = await get(w.actors.auditor, '/api/audit/export?format=json');
    expect(exported.body).toContain(w.rows.own.staff.id);
    expect(exported.body).not.toContain(w.rows.other.staff.id);
    expect(exported.body).not.toContain(clients.other);
  });
});
