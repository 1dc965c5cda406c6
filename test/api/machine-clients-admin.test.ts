// Machine-client administration (部门业务系统接入): register a department system with scopes and see
// its secret once, list only clients in scope, rotate the secret, disable — each write audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers.js';
import { makeOrg, makeUser } from '../factories.js';

let t: TestApp;
let w: Awaited<ReturnType<typeof world>>;

async function world(db: TestApp['db']) {
  const gov = await makeOrg(db, { kind: 'government', name: '兴安盟行政公署' });
  const dept = await makeOrg(db, { kind: 'department', parentId: gov.id, name: '兴安盟市场监督管理局' });
  const countyGov = await makeOrg(db, { kind: 'government', level: 'county', divisionCode: '152201', parentId: gov.id, name: '乌兰浩特市人民政府' });
  const countyDept = await makeOrg(db, { kind: 'department', level: 'county', divisionCode: '152201', parentId: countyGov.id, name: '乌兰浩特市市场监督管理局' });
  return {
    orgs: { gov, dept, countyGov, countyDept },
    leagueAdmin: (await makeUser(db, gov.id, ['system-admin'])).id,
    countyAdmin: (await makeUser(db, countyGov.id, ['system-admin'])).id,
    deptAdmin: (await makeUser(db, dept.id, ['dept-admin'])).id,
  };
}

beforeAll(async () => {
  t = await createTestApp();
  w = await world(t.db);
});
afterAll(async () => t?.close());

const create = (userId: string, payload: object) => t.injectAs(userId, { method: 'POST', url: '/api/machine-clients', payload });
const actions = async (objectId: string) =>
  (await t.db.selectFrom('audit_log').select('action').where('object_id', '=', objectId).orderBy('id').execute()).map((r) => r.action);

describe('machine clients', () => {
  it('registers a department system and shows its secret once', async () => {
    const res = await create(w.leagueAdmin, { name: '市场监管局企业登记系统', orgId: w.orgs.dept.id, scopes: ['catalog.read'] });
    expect(res.statusCode).toBe(201);
    const { client, clientSecret } = res.json();
    expect(client).toMatchObject({ name: '市场监管局企业登记系统', orgId: w.orgs.dept.id, orgName: '兴安盟市场监督管理局', scopes: ['catalog.read'], active: true });
    expect(clientSecret.length).toBeGreaterThanOrEqual(32);
    const list = await t.injectAs(w.leagueAdmin, { method: 'GET', url: '/api/machine-clients' });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(clientSecret);
    expect(list.json().items.map((c: { clientId: string }) => c.clientId)).toContain(client.clientId);
    expect(list.json().availableScopes.map((s: { scope: string }) => s.scope)).toContain('catalog.import');
    expect(await actions(client.clientId)).toEqual(['machine-client.create']);
  });

  it('lists and touches only the clients of organizations in scope', async () => {
    const league = (await create(w.leagueAdmin, { name: '盟级系统', orgId: w.orgs.dept.id, scopes: ['catalog.read'] })).json().client;
    const county = (await create(w.countyAdmin, { name: '旗县系统', orgId: w.orgs.countyDept.id, scopes: ['catalog.import'] })).json().client;
    const countyList = await t.injectAs(w.countyAdmin, { method: 'GET', url: '/api/machine-clients' });
    const ids = countyList.json().items.map((c: { clientId: string }) => c.clientId);
    expect(ids).toContain(county.clientId);
    expect(ids).not.toContain(league.clientId);
    const leagueIds = (await t.injectAs(w.leagueAdmin, { method: 'GET', url: '/api/machine-clients' })).json().items.map((c: { clientId: string }) => c.clientId);
    expect(leagueIds).toEqual(expect.arrayContaining([league.clientId, county.clientId]));
    const rotate = await t.injectAs(w.countyAdmin, { method: 'POST', url: `/api/machine-clients/${league.clientId}/rotate-secret`, payload: {} });
    expect(rotate.statusCode).toBe(404);
    const outside = await create(w.countyAdmin, { name: '越权', orgId: w.orgs.dept.id, scopes: ['catalog.read'] });
    expect(outside.statusCode).toBe(403);
  });

  it('rotates the secret and disables the client', async () => {
    const { client, clientSecret } = (await create(w.leagueAdmin, { name: '待轮换系统', orgId: w.orgs.dept.id, scopes: ['catalog.read'] })).json();
    const rotated = await t.injectAs(w.leagueAdmin, { method: 'POST', url: `/api/machine-clients/${client.clientId}/rotate-secret`, payload: {} });
    expect(rotated.statusCode).toBe(200);
    expect(rotated.json().clientSecret).not.toBe(clientSecret);
    const disabled = await t.injectAs(w.leagueAdmin, { method: 'POST', url: `/api/machine-clients/${client.clientId}/disable`, payload: {} });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json().active).toBe(false);
    expect(await actions(client.clientId)).toEqual(['machine-client.create', 'machine-client.rotate-secret', 'machine-client.disable']);
  });

  it('names the field of bad input and refuses roles without clients.manage', async () => {
    const bad = await create(w.leagueAdmin, { name: '', orgId: w.orgs.dept.id, scopes: ['everything'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().invalidParams.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['body.name', 'body.scopes.0']));
    const refused = await t.injectAs(w.deptAdmin, { method: 'GET', url: '/api/machine-clients' });
    expect(refused.statusCode).toBe(403);
  });
});
