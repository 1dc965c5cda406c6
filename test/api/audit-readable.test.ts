// The audit trail as an auditor reads it: Chinese action names beside the codes, objects by the name
// people know them by (case number, account, guide, seal …) with the id kept, personal data masked,
// and the two lists behind the filters (操作 by name, 操作人 by a person's name within scope).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, createCaseTestApp, makeCaseWorld, PNG, submitAtWindow, uploadAsStaff, type CaseTestApp, type CaseWorld } from '../case-fixture.js';
import { makeOrg, makeUser } from '../factories.js';
import { recordAudit } from '../../src/modules/audit/service.js';
import { actorForUser } from '../../src/modules/identity/service.js';

interface Rec {
  action: string;
  actionName: string | null;
  objectType: string;
  objectTypeName: string | null;
  objectId: string;
  objectLabel: string | null;
  actor: { id: string; name: string | null } | null;
}

let t: CaseTestApp;
let w: CaseWorld;
let auditor: string;
let refused: { id: string; caseNumber: string };
let files: string[];
let deactivated: { id: string; username: string };
let seal: { id: string; name: string };
let outsider: { id: string; username: string };

beforeAll(async () => {
  t = await createCaseTestApp();
  w = await makeCaseWorld(t.db, t.config);
  auditor = (await makeUser(t.db, w.orgs.gov.id, ['auditor'])).id;
  // Someone the auditor's scope does not reach: an organization outside 兴安盟行政公署.
  const elsewhere = await makeOrg(t.db, { kind: 'government', name: '呼伦贝尔市人民政府' });
  outsider = await makeUser(t.db, elsewhere.id, ['window-clerk']);

  // What the platform itself writes, through its API.
  const atWindow = await submitAtWindow(t, w);
  await act(t, w.users.clerk, atWindow.id, 'refuse-acceptance', { reasons: '不属于本机关职权范围', legalBasis: '《中华人民共和国行政许可法》第三十二条', contact: '0482-1234567' });
  refused = { id: atWindow.id, caseNumber: atWindow.caseNumber };
  files = [await uploadAsStaff(t, w.users.clerk, '申请书.pdf'), await uploadAsStaff(t, w.users.clerk, '平面图.png', PNG)];

  const created = await t.injectAs(w.users.admin, { method: 'POST', url: '/api/users', payload: { username: 'audit_reader_1', displayName: '巴特尔', orgId: w.orgs.dept.id, roles: ['window-clerk'] } });
  expect(created.statusCode, created.body).toBe(201);
  deactivated = { id: created.json().user.id, username: 'audit_reader_1' };
  const off = await t.injectAs(w.users.admin, { method: 'PATCH', url: `/api/users/${deactivated.id}`, payload: { active: false } });
  expect(off.statusCode, off.body).toBe(200);

  const sealRes = await t.injectAs(w.users.admin, { method: 'POST', url: '/api/seals', payload: { orgId: w.orgs.dept.id, kind: '行政审批专用章' } });
  expect(sealRes.statusCode, sealRes.body).toBe(201);
  seal = { id: sealRes.json().id, name: sealRes.json().name };

  // Objects whose writers need more of a world than this test builds: the records as they write them.
  // An applicant's own actions belong to no organization: only a system administrator sees them.
  const clerk = (await actorForUser(t.db, w.users.clerk))!;
  await recordAudit(t.db, null, { action: 'applicant.real-name.link', objectType: 'applicant', objectId: w.applicant.id, changes: { kind: { before: null, after: 'person' } } });
  await recordAudit(t.db, clerk, { action: 'catalog.guide.publish', objectType: 'guide_version', objectId: w.guide.id, orgId: w.orgs.dept.id });
  await recordAudit(t.db, clerk, { action: 'catalog.implementation.create', objectType: 'implementation', objectId: w.implementation.id, orgId: w.orgs.dept.id });
  await recordAudit(t.db, clerk, { action: 'calendar.year.correct', objectType: 'holiday_year', objectId: '2026', orgId: w.orgs.dept.id });
  await recordAudit(t.db, clerk, { action: 'legacy.code', objectType: 'gadget', objectId: 'g-1', orgId: w.orgs.dept.id });
}, 120_000);
afterAll(async () => t?.close());

const get = (user: string, url: string) => t.injectAs(user, { method: 'GET', url });

async function trail(user = auditor, query = 'limit=200'): Promise<Rec[]> {
  const res = await get(user, `/api/audit?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}

const find = (records: Rec[], action: string, objectId: string) => {
  const found = records.find((r) => r.action === action && r.objectId === objectId);
  if (!found) throw new Error(`no ${action} record of ${objectId} among ${records.map((r) => r.action).join(', ')}`);
  return found;
};

describe('GET /api/audit: actions by their Chinese names', () => {
  it('names every action the API wrote in this test, and keeps the code beside the name', async () => {
    const records = await trail();
    const written = records.filter((r) => r.action !== 'legacy.code');
    expect(new Set(written.map((r) => r.action)).size).toBeGreaterThanOrEqual(9);
    expect(written.filter((r) => !r.actionName).map((r) => r.action)).toEqual([]);
    expect(find(records, 'case.refuse-acceptance', refused.id)).toMatchObject({ action: 'case.refuse-acceptance', actionName: '不予受理' });
    expect(find(records, 'case.submit', refused.id).actionName).toBe('提交申请');
    expect(find(records, 'user.deactivate', deactivated.id).actionName).toBe('停用工作人员账号');
    expect(find(records, 'case-file.upload', files[0]).actionName).toBe('上传办件材料');
    expect(find(await trail(w.users.admin), 'applicant.real-name.link', w.applicant.id).actionName).toBe('申请人实名认证');
  });

  it('leaves a code it has no name for as it is, with no name rather than a guess', async () => {
    expect(find(await trail(), 'legacy.code', 'g-1')).toMatchObject({ actionName: null, objectTypeName: null, objectLabel: null, objectType: 'gadget' });
  });
});

describe('GET /api/audit: objects by the name people know them by, the id kept', () => {
  it('shows a case by its case number', async () => {
    const records = await trail();
    expect(find(records, 'case.refuse-acceptance', refused.id)).toMatchObject({ objectType: 'case', objectTypeName: '办件', objectId: refused.id, objectLabel: refused.caseNumber });
    expect(find(records, 'case.submit', refused.id).objectLabel).toBe(refused.caseNumber);
  });

  it('shows an account by name and username, a seal, an implementation and a guide version by theirs', async () => {
    const records = await trail();
    expect(find(records, 'user.deactivate', deactivated.id)).toMatchObject({ objectTypeName: '工作人员账号', objectLabel: `巴特尔（${deactivated.username}）` });
    expect(find(records, 'seal.create', seal.id)).toMatchObject({ objectTypeName: '电子印章', objectLabel: seal.name });
    expect(find(records, 'catalog.implementation.create', w.implementation.id)).toMatchObject({ objectTypeName: '实施清单', objectLabel: '食品经营许可' });
    expect(find(records, 'catalog.guide.publish', w.guide.id)).toMatchObject({ objectTypeName: '办事指南', objectLabel: '食品经营许可 第 1 版' });
    expect(find(records, 'calendar.year.correct', '2026')).toMatchObject({ objectTypeName: '工作日历', objectLabel: '2026 年节假日安排' });
    expect(files.map((id) => find(records, 'case-file.upload', id))).toMatchObject([
      { objectTypeName: '办件材料', objectLabel: '申请书.pdf' },
      { objectTypeName: '办件材料', objectLabel: '平面图.png' },
    ]);
  });

  it('shows an applicant by their name masked, never whole', async () => {
    const res = await get(w.users.admin, '/api/audit?limit=200');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).not.toContain(w.applicant.name);
    expect(find(res.json().items, 'applicant.real-name.link', w.applicant.id)).toMatchObject({ objectTypeName: '申请人', objectLabel: '张*明' });
  });

  it('labels the records the same in every direction and page size (the label is part of the search, not a per-row lookup)', async () => {
    const all = await trail();
    const paged: Rec[] = [];
    let cursor = '';
    for (;;) {
      const page = (await get(auditor, `/api/audit?limit=3${cursor ? `&cursor=${cursor}` : ''}`)).json();
      paged.push(...page.items);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(paged.map((r) => [r.objectId, r.objectLabel])).toEqual(all.map((r) => [r.objectId, r.objectLabel]));
  });
});

describe('GET /api/audit/export: the names travel with the copy', () => {
  it('adds the Chinese names after the columns it always had', async () => {
    const res = await get(auditor, `/api/audit/export?format=csv&objectId=${refused.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const [header, ...rows] = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    const columns = header.split(',');
    expect(columns.slice(0, 3)).toEqual(['seq 序号', 'at 时间', 'actor_id 操作人']);
    expect(columns.slice(-3)).toEqual(['action_name 操作名称', 'object_type_name 对象类型名称', 'object_label 对象名称']);
    const refusal = rows.map((r) => r.split(',')).find((cells) => cells[6] === 'case.refuse-acceptance')!;
    expect(refusal.slice(-3)).toEqual(['不予受理', '办件', refused.caseNumber]);
    expect(refusal[8]).toBe(refused.id);
  });

  it('gives the JSON export the same fields as the search', async () => {
    const res = await get(w.users.admin, `/api/audit/export?format=json&action=applicant.real-name.link&objectId=${w.applicant.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).not.toContain(w.applicant.name);
    expect(JSON.parse(res.body)).toEqual([expect.objectContaining({ action: 'applicant.real-name.link', actionName: '申请人实名认证', objectLabel: '张*明', objectId: w.applicant.id })]);
  });
});

describe('GET /api/audit/filter-options (the 操作 and 对象类型 filters)', () => {
  it('lists the actions by Chinese name in groups, each usable as the search’s action', async () => {
    const res = await get(auditor, '/api/audit/filter-options');
    expect(res.statusCode, res.body).toBe(200);
    const items: { action: string; name: string; group: string; groupName: string }[] = res.json().actions;
    expect(items).toContainEqual({ action: 'case.accept', name: '受理', group: 'case', groupName: '办件' });
    expect(items).toContainEqual({ action: 'identity.sso.sign-in', name: '工作人员统一身份认证登录', group: 'identity', groupName: '登录与认证' });
    const refusals = await trail(auditor, `action=${items.find((i) => i.name === '不予受理')!.action}`);
    expect(refusals.map((r) => r.objectId)).toEqual([refused.id]);
    const cases = await trail(auditor, 'action=case.*&limit=200');
    expect(new Set(cases.map((r) => r.actionName))).toEqual(new Set(['提交申请', '不予受理']));
  });

  it('lists the object types by Chinese name, each usable as the search’s objectType', async () => {
    const types: { objectType: string; name: string }[] = (await get(auditor, '/api/audit/filter-options')).json().objectTypes;
    expect(types).toContainEqual({ objectType: 'guide_version', name: '办事指南' });
    const seals = await trail(auditor, `objectType=${types.find((o) => o.name === '电子印章')!.objectType}`);
    expect(seals.map((r) => r.objectLabel)).toEqual([seal.name]);
  });

  it('is for auditors only', async () => {
    expect((await get(w.users.clerk, '/api/audit/filter-options')).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/audit/filter-options' })).statusCode).toBe(401);
  });
});

describe('GET /api/audit/actors (the 操作人 filter)', () => {
  it('finds staff of the auditor’s scope by name or username, deactivated accounts too, and their records by the id it gives', async () => {
    const byName = await get(auditor, `/api/audit/actors?q=${encodeURIComponent('巴特')}`);
    expect(byName.statusCode, byName.body).toBe(200);
    expect(byName.json().items).toEqual([{ id: deactivated.id, name: '巴特尔', username: deactivated.username, orgName: '兴安盟市场监督管理局', active: false }]);
    expect((await get(auditor, '/api/audit/actors?q=AUDIT_READER')).json().items.map((u: { id: string }) => u.id)).toEqual([deactivated.id]);

    const admin = (await get(auditor, `/api/audit/actors?q=${encodeURIComponent('测试用户')}&limit=50`)).json().items.find((u: { id: string }) => u.id === w.users.admin);
    const theirs = await trail(auditor, `actorId=${admin.id}&limit=200`);
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.every((r) => r.actor?.id === w.users.admin)).toBe(true);
  });

  it('does not offer people outside the auditor’s scope', async () => {
    expect((await get(auditor, `/api/audit/actors?q=${outsider.username}`)).json().items).toEqual([]);
    // A system administrator audits every organization.
    expect((await get(w.users.admin, `/api/audit/actors?q=${outsider.username}`)).json().items.map((u: { id: string }) => u.id)).toEqual([outsider.id]);
  });

  it.each([
    ['limit=0', 'querystring.limit'],
    ['limit=51', 'querystring.limit'],
    [`q=${'x'.repeat(65)}`, 'querystring.q'],
    ['role=auditor', 'querystring.role'],
  ])('answers %s with 400 naming %s', async (query, field) => {
    const res = await get(auditor, `/api/audit/actors?${query}`);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().invalidParams.map((p: { name: string }) => p.name)).toContain(field);
  });

  it('is for auditors only', async () => {
    expect((await get(w.users.clerk, '/api/audit/actors?q=a')).statusCode).toBe(403);
  });
});
