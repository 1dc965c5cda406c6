// E-licences (电子证照, Art. 27): issue with the national identifier, re-issue with the next version
// (the earlier one stays readable), cancel and revoke with a reason, expiry by the platform's timer on
// the date, the staff API within scope, and the public verification that shows the status now.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/lib/clock.js';
import { parseLicenceId } from '../../src/lib/licence-id.js';
import { sensitiveColumns } from '../../src/lib/sm-crypto.js';
import { heldLicencesFor, reissueLicence } from '../../src/modules/licences/service.js';
import { licenceTimerHandlers } from '../../src/modules/licences/timers.js';
import { createTestApp, type TestApp } from '../helpers.js';
import { BUSINESS_LICENCE, depsWith, FOOD_LICENCE, idNumber, issue, licenceWorld, type LicenceWorld } from './licence-fixture.js';

let t: TestApp;
let w: LicenceWorld;
beforeAll(async () => {
  t = await createTestApp();
  w = await licenceWorld(t);
});
afterAll(async () => t?.close());

const get = (user: string, url: string) => t.injectAs(user, { method: 'GET', url });
const post = (user: string, url: string, payload: object) => t.injectAs(user, { method: 'POST', url, payload });
const timerOf = (subjectId: string) => t.db.selectFrom('timers').selectAll().where('kind', '=', 'licence.expiry').where('subject_id', '=', subjectId).executeTakeFirst();

describe('issuing a licence', () => {
  it('gives it the national identifier, a number per issuer and type, the holder encrypted, and an expiry timer', async () => {
    const deps = depsWith(t, new ManualClock('2026-03-02T09:00:00+08:00'));
    const first = await issue(deps, { issuerOrgId: w.orgs.own.id, validUntil: '2031-03-01', data: { 经营场所: '乌兰浩特市兴安南大路1号' } });
    const second = await issue(deps, { issuerOrgId: w.orgs.own.id, holder: { kind: 'person', identity: idNumber(2), name: '李四' } });

    expect([first.licenceNumber, second.licenceNumber]).toEqual(['2026000001', '2026000002']);
    const parsed = parseLicenceId(first.identifier);
    expect(parsed.valid).toBe(true);
    expect(parsed.parts).toMatchObject({ licenceTypeCode: FOOD_LICENCE, issuerCreditCode: w.orgs.own.creditCode, licenceNumber: '2026000001', version: '001' });

    const row = await t.db.selectFrom('licences').selectAll().where('id', '=', first.id).executeTakeFirstOrThrow();
    expect(row.holder_id_enc).not.toContain(idNumber(1));
    expect(row.holder_hash).toBe(sensitiveColumns(t.app.deps.config).hash(idNumber(1)));
    expect(row.valid_from).toBe('2026-03-02');
    // Expires at 00:00 Beijing time of the day after the last valid day.
    expect(new Date((await timerOf(first.id))!.due_at).toISOString()).toBe('2031-03-01T16:00:00.000Z');
    expect(await timerOf(second.id)).toBeUndefined();
    const audit = await t.db.selectFrom('audit_log').select(['action', 'changes']).where('object_id', '=', first.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['licence.issue']);
    expect(JSON.stringify(audit[0].changes)).not.toContain(idNumber(1));
  });

  it('refuses a number already used, an invalid holder, an unknown type and an issuer without a credit code', async () => {
    const deps = depsWith(t);
    const taken = await issue(deps, { issuerOrgId: w.orgs.own.id, licenceNumber: 'JY11522010000999' });
    await expect(issue(deps, { issuerOrgId: w.orgs.own.id, licenceNumber: 'jy11522010000999' })).rejects.toMatchObject({ code: 'licence-number-taken', status: 409 });
    expect(taken.identifier).toContain('.JY11522010000999.001.');
    await expect(issue(deps, { issuerOrgId: w.orgs.own.id, holder: { kind: 'person', identity: '152201199001011230', name: '王五' } })).rejects.toMatchObject({ code: 'licence-holder-invalid' });
    await expect(issue(deps, { issuerOrgId: w.orgs.own.id, licenceTypeCode: '11100000000013124600X' })).rejects.toMatchObject({ code: 'licence-type-unknown' });
    const bare = await t.db.insertInto('orgs').values({ id: 'org-without-code', code: 'NOCODE', name: '无代码机构', kind: 'department', level: 'league', division_code: '1522', path: '/org-without-code/' }).returning('id').executeTakeFirstOrThrow();
    await expect(issue(deps, { issuerOrgId: bare.id })).rejects.toMatchObject({ code: 'licence-issuer-invalid' });
    await expect(issue(deps, { issuerOrgId: w.orgs.own.id, licenceNumber: 'JY.1' })).rejects.toMatchObject({ code: 'licence-number-invalid' });
  });
});

describe('re-issuing on a change (换发)', () => {
  it('makes the next version with its own check character; the earlier version stays readable as 已注销', async () => {
    const deps = depsWith(t, new ManualClock('2026-04-01T10:00:00+08:00'));
    const v1 = await issue(deps, { issuerOrgId: w.orgs.own.id, validUntil: '2030-12-31' });
    const v2 = await deps.db.transaction().execute((trx) => reissueLicence(trx, deps, { licenceId: v1.id, reason: '经营场所变更', changes: { validUntil: '2031-06-30', data: { 经营场所: '新地址' } } }));

    expect(v2.version).toBe(2);
    expect(v2.licenceNumber).toBe(v1.licenceNumber);
    expect(v2.identifier.slice(0, -6)).toBe(v1.identifier.slice(0, -6));
    expect(v2.identifier.slice(-6)).toMatch(/^\.002\.[0-9A-Z]$/);
    expect(parseLicenceId(v2.identifier).valid).toBe(true);

    const old = await get(w.staff.decider, `/api/licences/${v1.id}`);
    expect(old.statusCode, old.body).toBe(200);
    expect(old.json()).toMatchObject({ status: 'cancelled', statusName: '已注销', current: false, version: 1 });
    expect(old.json().statusReason).toContain('已换发第002版');
    expect(old.json().versions.map((v: { version: number; current: boolean }) => [v.version, v.current])).toEqual([[1, false], [2, true]]);
    expect(old.json().history.map((h: { action: string }) => h.action)).toEqual(['issue', 'supersede']);

    // The timer moved to the new version and its new end date.
    expect((await timerOf(v1.id))!.status).toBe('cancelled');
    expect(new Date((await timerOf(v2.id))!.due_at).toISOString()).toBe('2031-06-30T16:00:00.000Z');

    // A second re-issue of the replaced version is refused; the current one can be re-issued again.
    await expect(deps.db.transaction().execute((trx) => reissueLicence(trx, deps, { licenceId: v1.id, reason: '再次变更', changes: {} }))).rejects.toMatchObject({ code: 'licence-not-current' });

    // Anyone checking the old QR code learns it is no longer valid and where the current version is.
    const page = await t.app.inject({ method: 'GET', url: `/verify/licence/${v1.identifier}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('核验结果：已注销');
    expect(page.body).toContain(`/verify/licence/${encodeURIComponent(v2.identifier)}`);
    const json = await t.app.inject({ method: 'GET', url: `/api/public/licences/${v1.identifier}` });
    expect(json.json()).toMatchObject({ status: 'cancelled', currentVersion: { identifier: v2.identifier, version: 2 } });
  });
});

describe('cancelling and revoking (注销 / 吊销) through the staff API', () => {
  it('ends the licence with the reason; its verification page then says so, and it cannot end twice', async () => {
    const l = await issue(depsWith(t), { issuerOrgId: w.orgs.child.id, validUntil: '2099-12-31' });
    const before = await t.app.inject({ method: 'GET', url: `/verify/licence/${l.identifier}` });
    expect(before.body).toContain('核验结果：有效');

    const res = await post(w.staff.deptAdmin, `/api/licences/${l.id}/cancel`, { reason: '申请人申请注销' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'cancelled', statusName: '已注销', statusReason: '申请人申请注销' });
    expect((await timerOf(l.id))!.status).toBe('cancelled');

    const after = await t.app.inject({ method: 'GET', url: `/verify/licence/${l.identifier}` });
    expect(after.statusCode).toBe(200);
    expect(after.headers['cache-control']).toBe('no-store');
    expect(after.body).toMatch(/<div class="form-error" role="status" id="licence-status">\s*<p><strong>核验结果：已注销<\/strong>/);
    expect(after.body).toContain('原因：申请人申请注销');
    // Moments in the portal's one style, Beijing time (2026年11月26日 11:58), not the engine's 2026/11/26.
    expect(after.body).toMatch(/发证时间<\/dt>\s*<dd>\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}<\/dd>/);
    expect(after.body).not.toMatch(/\d{4}\/\d{1,2}\/\d{1,2}/);
    expect(after.body).not.toContain('核验结果：有效');

    const again = await post(w.staff.decider, `/api/licences/${l.id}/revoke`, { reason: '依法吊销' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('licence-not-active');
    const audit = await t.db.selectFrom('audit_log').select('action').where('object_id', '=', l.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['licence.issue', 'licence.cancel']);
  });

  it('revokes with 已吊销 and refuses an empty reason', async () => {
    const l = await issue(depsWith(t), { issuerOrgId: w.orgs.own.id });
    expect((await post(w.staff.decider, `/api/licences/${l.id}/revoke`, { reason: ' ' })).statusCode).toBe(400);
    const res = await post(w.staff.decider, `/api/licences/${l.id}/revoke`, { reason: '以欺骗手段取得许可，依法吊销' });
    expect(res.json()).toMatchObject({ status: 'revoked', statusName: '已吊销' });
    const json = await t.app.inject({ method: 'GET', url: `/api/public/licences/${l.identifier}` });
    expect(json.json()).toMatchObject({ status: 'revoked', statusName: '已吊销', statusReason: '以欺骗手段取得许可，依法吊销' });
  });
});

describe('staff see licences of their organization subtree only', () => {
  it('lists and opens within scope, 404 outside, 403 without licences.manage; the holder masked unless the role may read it whole', async () => {
    const mine = await issue(depsWith(t), { issuerOrgId: w.orgs.own.id, licenceTypeCode: BUSINESS_LICENCE, holder: { kind: 'person', identity: idNumber(40), name: '赵六一' } });
    const theirs = await issue(depsWith(t), { issuerOrgId: w.orgs.other.id, licenceTypeCode: BUSINESS_LICENCE, holder: { kind: 'person', identity: idNumber(40), name: '赵六一' } });

    const byDecider = await get(w.staff.decider, `/api/licences?holder=${idNumber(40)}`);
    expect(byDecider.statusCode, byDecider.body).toBe(200);
    expect(byDecider.json().items.map((i: { id: string }) => i.id)).toEqual([mine.id]);
    expect(byDecider.json().items[0].holder).toMatchObject({ identity: idNumber(40), name: '赵六一' });

    const byAdmin = await get(w.staff.deptAdmin, `/api/licences/${mine.id}`);
    expect(byAdmin.json().holder).toMatchObject({ identity: `1522**********${idNumber(40).slice(-4)}`, name: '赵*一' });

    expect((await get(w.staff.decider, `/api/licences/${theirs.id}`)).statusCode).toBe(404);
    expect((await post(w.staff.decider, `/api/licences/${theirs.id}/cancel`, { reason: '越权尝试' })).statusCode).toBe(404);
    expect((await get(w.staff.otherDecider, `/api/licences/${theirs.id}`)).statusCode).toBe(200);
    expect((await get(w.staff.clerk, '/api/licences')).statusCode).toBe(403);
    expect((await get(w.staff.sysAdmin, '/api/licences')).statusCode).toBe(403);

    const byNumber = await get(w.staff.decider, `/api/licences?q=${mine.licenceNumber}&typeCode=${BUSINESS_LICENCE}`);
    expect(byNumber.json().items.map((i: { id: string }) => i.id)).toEqual([mine.id]);
  });

  it('pages newest first with a cursor', async () => {
    for (let i = 0; i < 3; i++) await issue(depsWith(t), { issuerOrgId: w.orgs.child.id, licenceTypeCode: BUSINESS_LICENCE, holder: { kind: 'person', identity: idNumber(50 + i), name: '分页测试' } });
    const first = await get(w.staff.decider, `/api/licences?issuerOrgId=${w.orgs.child.id}&typeCode=${BUSINESS_LICENCE}&limit=2`);
    expect(first.json().items).toHaveLength(2);
    const next = await get(w.staff.decider, `/api/licences?issuerOrgId=${w.orgs.child.id}&typeCode=${BUSINESS_LICENCE}&limit=2&cursor=${first.json().nextCursor}`);
    expect(next.json().items).toHaveLength(1);
    expect(next.json().nextCursor).toBeNull();
    const ids = [...first.json().items, ...next.json().items].map((i: { id: string }) => i.id);
    expect(new Set(ids).size).toBe(3);
    const bogus = await get(w.staff.decider, '/api/licences?cursor=bogus');
    expect(bogus.statusCode).toBe(400);
    expect(bogus.json().invalidParams[0].name).toBe('querystring.cursor');
  });
});

describe('expiry by the platform on the date (timer licence.expiry)', () => {
  it('marks the licence 已过期 when the timer fires after the last valid day, not before, and only once', async () => {
    const clock = new ManualClock('2026-03-01T09:00:00+08:00');
    const deps = depsWith(t, clock);
    const l = await issue(deps, { issuerOrgId: w.orgs.own.id, validUntil: '2026-03-31' });
    const timer = await timerOf(l.id);
    const fire = () =>
      t.db.transaction().execute((trx) =>
        licenceTimerHandlers['licence.expiry']!(deps, trx, { kind: 'licence.expiry', subjectId: l.id, dueAt: new Date(timer!.due_at), payload: {} }),
      );
    const status = async () => (await t.db.selectFrom('licences').select(['status', 'status_reason']).where('id', '=', l.id).executeTakeFirstOrThrow());

    clock.set('2026-03-31T23:59:00+08:00');
    await fire();
    expect((await status()).status).toBe('active');

    clock.set(new Date(timer!.due_at));
    await fire();
    expect(await status()).toEqual({ status: 'expired', status_reason: '有效期届满 (the validity period ended)' });
    await fire();
    const events = await t.db.selectFrom('licence_events').select(['action', 'actor_kind']).where('licence_id', '=', l.id).orderBy('seq').execute();
    expect(events).toEqual([{ action: 'issue', actor_kind: 'system' }, { action: 'expire', actor_kind: 'system' }]);
    const held = await heldLicencesFor(t.db, sensitiveColumns(t.app.deps.config).hash(idNumber(1)), [FOOD_LICENCE], '2026-04-01');
    expect(held.map((h) => h.id)).not.toContain(l.id);
  });

  it('shows 已过期 on the verification page once the date has passed, even before the timer ran', async () => {
    // Issued in 2020 for that year: by today's date it is over, whatever the timer did.
    const l = await issue(depsWith(t, new ManualClock('2020-06-01T09:00:00+08:00')), { issuerOrgId: w.orgs.own.id, validUntil: '2020-12-31' });
    const json = await t.app.inject({ method: 'GET', url: `/api/public/licences/${l.identifier}` });
    expect(json.json()).toMatchObject({ status: 'expired', statusName: '已过期', validUntil: '2020-12-31' });
    const page = await t.app.inject({ method: 'GET', url: `/verify/licence/${l.identifier}` });
    expect(page.body).toContain('核验结果：已过期');
  });
});

describe('public verification (no sign-in)', () => {
  it('shows the licence with the holder masked, in a page made for a phone and for screen readers', async () => {
    const l = await issue(depsWith(t), { issuerOrgId: w.orgs.own.id, holder: { kind: 'person', identity: idNumber(60), name: '钱七八' }, data: { 经营场所: '乌兰浩特市兴安南大路1号' } });
    const page = await t.app.inject({ method: 'GET', url: `/verify/licence/${l.identifier.toLowerCase()}` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(page.body).toContain('<html lang="zh-CN"');
    expect(page.body.match(/<h1/g)).toHaveLength(1);
    expect(page.body).toContain('role="status"');
    expect(page.body).toContain('食品经营许可证');
    expect(page.body).toContain('兴安盟市场监督管理局');
    expect(page.body).toContain('钱*八');
    expect(page.body).toContain(`1522**********${idNumber(60).slice(-4)}`);
    expect(page.body).not.toContain(idNumber(60));
    expect(page.body).not.toContain('钱七八');
    expect(page.body).not.toContain('兴安南大路');

    const json = await t.app.inject({ method: 'GET', url: `/api/public/licences/${l.identifier}` });
    expect(json.statusCode).toBe(200);
    expect(json.json()).toMatchObject({ identifier: l.identifier, status: 'active', statusName: '有效', holder: { name: '钱*八' }, issuer: { name: '兴安盟市场监督管理局' } });
    expect(json.body).not.toContain(idNumber(60));
  });

  it('says which part of a malformed identifier is wrong, and that an unknown one was not issued here', async () => {
    const l = await issue(depsWith(t), { issuerOrgId: w.orgs.own.id });
    const typo = `${l.identifier.slice(0, -1)}${l.identifier.endsWith('0') ? '1' : '0'}`;
    const bad = await t.app.inject({ method: 'GET', url: `/api/public/licences/${typo}` });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'licence-identifier-invalid', invalidParams: [{ name: 'params.identifier.checkCharacter' }] });
    const badPage = await t.app.inject({ method: 'GET', url: `/verify/licence/${typo}` });
    expect(badPage.statusCode).toBe(400);
    expect(badPage.body).toContain('校验位应为');

    const unknown = l.identifier.replace(/\.001\.[0-9A-Z]$/, '.007.');
    const { computeCheckCharacter } = await import('../../src/lib/licence-id.js');
    const parts = parseLicenceId(`${unknown}0`).parts;
    const wellFormed = `${unknown}${computeCheckCharacter(`${parts.licenceTypeCode}${parts.issuerCreditCode}${parts.licenceNumber}007`)}`;
    expect((await t.app.inject({ method: 'GET', url: `/api/public/licences/${wellFormed}` })).statusCode).toBe(404);
    const missing = await t.app.inject({ method: 'GET', url: `/verify/licence/${wellFormed}` });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('未找到该证照');
  });
});

describe('heldLicencesFor (applications: a material the platform holds)', () => {
  it('returns the holder’s licences of the asked types that are in force, nothing else', async () => {
    const holder = idNumber(70);
    const hash = sensitiveColumns(t.app.deps.config).hash(holder);
    const food = await issue(depsWith(t), { issuerOrgId: w.orgs.own.id, holder: { kind: 'person', identity: holder, name: '孙八' } });
    const business = await issue(depsWith(t), { issuerOrgId: w.orgs.own.id, licenceTypeCode: BUSINESS_LICENCE, holder: { kind: 'person', identity: holder, name: '孙八' } });
    await issue(depsWith(t), { issuerOrgId: w.orgs.own.id, holder: { kind: 'person', identity: idNumber(71), name: '别人' } });

    expect((await heldLicencesFor(t.db, hash, [FOOD_LICENCE])).map((h) => h.id)).toEqual([food.id]);
    expect((await heldLicencesFor(t.db, hash, [FOOD_LICENCE, BUSINESS_LICENCE])).map((h) => h.id).sort()).toEqual([food.id, business.id].sort());
    await post(w.staff.decider, `/api/licences/${food.id}/cancel`, { reason: '申请注销' });
    expect((await heldLicencesFor(t.db, hash, [FOOD_LICENCE, BUSINESS_LICENCE])).map((h) => h.licenceTypeCode)).toEqual([BUSINESS_LICENCE]);
    expect(await heldLicencesFor(t.db, hash, [])).toEqual([]);
  });
});
