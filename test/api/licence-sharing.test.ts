// Licence sharing (证照共享): a department system gets only the licence types granted to it, every
// request — granted or refused — is logged, and the holder sees in the portal who used their
// licences, when and what for.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import { makeUser } from '../factories.js';
import { createTestApp, type TestApp } from '../helpers.js';
import { BUSINESS_LICENCE, depsWith, DRIVING_LICENCE, FOOD_LICENCE, idNumber, issue, licenceWorld, machineClient, signedInApplicant, type LicenceWorld } from './licence-fixture.js';

let t: TestApp;
let w: LicenceWorld;
const holder = idNumber(101);
let granted: Awaited<ReturnType<typeof machineClient>>;
let ungranted: Awaited<ReturnType<typeof machineClient>>;
let catalogOnly: Awaited<ReturnType<typeof machineClient>>;
let food: { id: string; identifier: string };
let business: { id: string; identifier: string };

beforeAll(async () => {
  t = await createTestApp();
  w = await licenceWorld(t);
  granted = await machineClient(t.db, w.orgs.other.id, ['licences.read'], '交通运输业务系统');
  ungranted = await machineClient(t.db, w.orgs.other.id, ['licences.read'], '未授权业务系统');
  catalogOnly = await machineClient(t.db, w.orgs.other.id, ['catalog.read'], '事项查询系统');
  // The grant under test in the first describe is made on a client of its own; this one is set here
  // so that each test below can run alone.
  await t.injectAs(w.staff.sysAdmin, { method: 'PUT', url: `/api/licences/share-grants/${granted.clientId}`, payload: { typeCodes: [FOOD_LICENCE, BUSINESS_LICENCE] } });
  const deps = depsWith(t);
  const who = { kind: 'person' as const, identity: holder, name: '周一二' };
  food = await issue(deps, { issuerOrgId: w.orgs.own.id, holder: who, licenceTypeCode: FOOD_LICENCE, data: { 主体业态: '餐饮服务经营者' } });
  business = await issue(deps, { issuerOrgId: w.orgs.own.id, holder: who, licenceTypeCode: BUSINESS_LICENCE });
  const cancelled = await issue(deps, { issuerOrgId: w.orgs.own.id, holder: who, licenceTypeCode: BUSINESS_LICENCE });
  await t.injectAs(w.staff.decider, { method: 'POST', url: `/api/licences/${cancelled.id}/cancel`, payload: { reason: '歇业注销' } });
  await issue(deps, { issuerOrgId: w.orgs.own.id, holder: { kind: 'person', identity: idNumber(102), name: '别人' }, licenceTypeCode: FOOD_LICENCE });
});
afterAll(async () => t?.close());

const share = (client: { token: string }, query: Record<string, string>) =>
  t.app.inject({ method: 'GET', url: `/api/licences/shared?${new URLSearchParams(query)}`, headers: { authorization: `Bearer ${client.token}` } } as InjectOptions);
const ask = (types: string[], extra: Record<string, string> = {}) => ({ holder, types: types.join(','), purpose: '道路运输经营许可审查', caseNumber: 'XA-JT-2026-0001', ...extra });
const logOf = (clientId: string) => t.db.selectFrom('licence_access_log').selectAll().where('client_id', '=', clientId).orderBy('at').execute();

describe('granting licence types to a department system (clients.manage)', () => {
  it('replaces the set, audited; unknown types refused; outside the administrator’s scope not found', async () => {
    const client = await machineClient(t.db, w.orgs.other.id, ['licences.read'], '授权测试系统');
    const put = (user: string, clientId: string, typeCodes: string[]) => t.injectAs(user, { method: 'PUT', url: `/api/licences/share-grants/${clientId}`, payload: { typeCodes } });
    const res = await put(w.staff.sysAdmin, client.clientId, [FOOD_LICENCE, BUSINESS_LICENCE]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ clientId: client.clientId, hasScope: true });
    expect(res.json().licenceTypes.map((l: { name: string }) => l.name).sort()).toEqual(['营业执照', '食品经营许可证'].sort());
    expect((await put(w.staff.sysAdmin, client.clientId, ['11100000000013124600X'])).json().code).toBe('licence-type-unknown');
    const read = await t.injectAs(w.staff.sysAdmin, { method: 'GET', url: `/api/licences/share-grants/${client.clientId}` });
    expect(read.json().licenceTypes).toHaveLength(2);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'changes']).where('object_id', '=', client.clientId).execute();
    expect(audit.map((a) => a.action)).toEqual(['licence-share.grant']);
    // An administrator elsewhere in the tree sees no client of this department; a decider manages licences, not clients.
    const foreignAdmin = await makeUser(t.db, w.orgs.own.id, ['system-admin']);
    expect((await t.injectAs(foreignAdmin.id, { method: 'GET', url: `/api/licences/share-grants/${client.clientId}` })).statusCode).toBe(404);
    expect((await t.injectAs(w.staff.decider, { method: 'GET', url: `/api/licences/share-grants/${client.clientId}` })).statusCode).toBe(403);
  });
});

describe('a department system asking for a holder’s licences', () => {
  it('gets the licences in force of the types granted to it, with their contents', async () => {
    const res = await share(granted, ask([FOOD_LICENCE, BUSINESS_LICENCE]));
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.items.map((i: { identifier: string }) => i.identifier).sort()).toEqual([food.identifier, business.identifier].sort());
    expect(body.items.find((i: { identifier: string }) => i.identifier === food.identifier)).toMatchObject({ status: 'active', holderName: '周一二', data: { 主体业态: '餐饮服务经营者' } });
    expect(body).toMatchObject({ refusedTypes: [], holder: `1522**********${holder.slice(-4)}` });
    expect(res.body).not.toContain(holder);
  });

  it('gets nothing for a type it is not granted, and the attempt is logged', async () => {
    const partial = await share(granted, ask([FOOD_LICENCE, DRIVING_LICENCE]));
    expect(partial.statusCode).toBe(200);
    expect(partial.json().items.map((i: { licenceType: { code: string } }) => i.licenceType.code)).toEqual([FOOD_LICENCE]);
    expect(partial.json().refusedTypes).toEqual([DRIVING_LICENCE]);

    const refused = await share(ungranted, ask([FOOD_LICENCE, BUSINESS_LICENCE]));
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'licence-share-not-granted', refusedTypes: [FOOD_LICENCE, BUSINESS_LICENCE] });
    expect(refused.body).not.toContain(food.identifier);

    const log = await logOf(ungranted.clientId);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ result: 'refused', reason: 'not-granted', granted_types: [], licence_ids: [], purpose: '道路运输经营许可审查', case_number: 'XA-JT-2026-0001', client_name: '未授权业务系统' });
    expect(log[0].requested_types.sort()).toEqual([FOOD_LICENCE, BUSINESS_LICENCE].sort());
    expect(JSON.stringify(log[0])).not.toContain(holder);
    const partialLog = (await logOf(granted.clientId)).at(-1)!;
    expect(partialLog).toMatchObject({ result: 'partial', granted_types: [FOOD_LICENCE], licence_ids: [food.id] });
  });

  it('logs a request for a malformed holder number too, and answers 400', async () => {
    const before = (await logOf(granted.clientId)).length;
    const res = await share(granted, ask([FOOD_LICENCE], { holder: '152201199001011230' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('licence-holder-invalid');
    const log = await logOf(granted.clientId);
    expect(log).toHaveLength(before + 1);
    expect(log.at(-1)).toMatchObject({ result: 'refused', reason: 'holder-invalid' });
  });

  it('is refused by the permission layer without the licences.read scope, and without a token', async () => {
    const noScope = await share(catalogOnly, ask([FOOD_LICENCE]));
    expect(noScope.statusCode).toBe(403);
    expect(noScope.json().requiredPermission).toBe('licences.share');
    expect((await t.app.inject({ method: 'GET', url: `/api/licences/shared?${new URLSearchParams(ask([FOOD_LICENCE]))}` })).statusCode).toBe(401);
    // Staff sessions cannot share: no role holds licences.share.
    expect((await t.injectAs(w.staff.sysAdmin, { method: 'GET', url: `/api/licences/shared?${new URLSearchParams(ask([FOOD_LICENCE]))}` })).statusCode).toBe(403);
  });

  it('needs a purpose and the case it serves', async () => {
    const { caseNumber: _omit, ...withoutCase } = ask([FOOD_LICENCE]);
    expect((await share(granted, withoutCase)).statusCode).toBe(400);
    expect((await share(granted, ask([FOOD_LICENCE], { purpose: '' }))).statusCode).toBe(400);
  });

  it('stops at once when the grant is withdrawn', async () => {
    const client = await machineClient(t.db, w.orgs.other.id, ['licences.read'], '临时授权系统');
    const put = (typeCodes: string[]) => t.injectAs(w.staff.sysAdmin, { method: 'PUT', url: `/api/licences/share-grants/${client.clientId}`, payload: { typeCodes } });
    await put([FOOD_LICENCE]);
    expect((await share(client, ask([FOOD_LICENCE]))).json().items).toHaveLength(1);
    await put([]);
    expect((await share(client, ask([FOOD_LICENCE]))).statusCode).toBe(403);
  });
});

describe('the holder’s 我的证照 page', () => {
  it('lists my licences and every request for them: who, when, what for, with what result', async () => {
    const me = await signedInApplicant(t, holder, '周一二');
    const res = await t.app.inject({ method: 'GET', url: '/my/licences', cookies: me.cookies });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.body;
    expect(body).toContain('食品经营许可证');
    expect(body).toContain('营业执照');
    expect(body).toContain('已注销');
    expect(body).toContain(`/verify/licence/${encodeURIComponent(food.identifier)}`);
    expect(body).toContain('使用记录');
    expect(body).toContain('交通运输业务系统');
    expect(body).toContain('未授权业务系统');
    expect(body).toContain('兴安盟交通运输局');
    expect(body).toContain('道路运输经营许可审查');
    expect(body).toContain('XA-JT-2026-0001');
    expect(body).toContain('已拒绝');
    expect(body).toContain('部分提供');
    expect(body).not.toContain(holder);
  });

  it('shows another person nothing of mine, asks an unverified account to verify, and sends a stranger to sign in', async () => {
    const other = await signedInApplicant(t, idNumber(103), '吴三');
    const theirs = await t.app.inject({ method: 'GET', url: '/my/licences', cookies: other.cookies });
    expect(theirs.statusCode).toBe(200);
    expect(theirs.body).toContain('暂无电子证照');
    expect(theirs.body).toContain('暂无调用记录');
    expect(theirs.body).not.toContain('交通运输业务系统');

    const unverified = await signedInApplicant(t, idNumber(104), '郑四');
    await t.db.updateTable('applicants').set({ kind: null, name: null, id_number_enc: null, id_number_hash: null, real_name_verified_at: null }).where('id', '=', unverified.applicantId).execute();
    const prompt = await t.app.inject({ method: 'GET', url: '/my/licences', cookies: unverified.cookies });
    expect(prompt.body).toContain('去实名核验');

    const stranger = await t.app.inject({ method: 'GET', url: '/my/licences' });
    expect(stranger.statusCode).toBe(303);
    // Back to 我的证照 after signing in.
    expect(stranger.headers.location).toBe('/my/login?next=%2Fmy%2Flicences');
  });
});
