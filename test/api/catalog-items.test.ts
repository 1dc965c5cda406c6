// The basic catalog (基本目录, Art. 6–7) and implementation entries (实施清单) over HTTP.
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers.js';
import { makeImplementation, makeItem } from '../factories.js';
import { catalogState, catalogWorld, longText, type CatalogWorld } from './catalog-world.js';

let t: TestApp;
let w: CatalogWorld;
beforeAll(async () => {
  t = await createTestApp();
  w = await catalogWorld(t.db);
});
afterAll(async () => t?.close());

const as = (user: string, options: InjectOptions) => t.injectAs(user, options);
const newItem = (overrides: Record<string, unknown> = {}) => ({ name: '食品经营许可', type: 'licensing', legalBasis: ['《中华人民共和国食品安全法》第三十五条'], legalLimitDays: 20, ...overrides });

/** Sends a request that must be refused with `status` (and `code`), then proves nothing was written. */
async function refused(user: string | null, options: InjectOptions, status: number, code?: string) {
  const before = await catalogState(t.db);
  const res = user ? await as(user, options) : await t.app.inject(options);
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  if (code) expect(res.json().code).toBe(code);
  expect(await catalogState(t.db)).toEqual(before);
  return res.json();
}

describe('POST /api/catalog/items', () => {
  it('creates a main item with the next free main number and a GB/T 39554 basic code, and audits it', async () => {
    const first = await as(w.users.admin, { method: 'POST', url: '/api/catalog/items', payload: newItem({ type: 'confirmation' }) });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ code: '0700001000', name: '食品经营许可', type: 'confirmation', typeName: '行政确认', parentId: null, legalLimitDays: 20, status: 'active', implementationCount: 0 });
    const second = await as(w.users.admin, { method: 'POST', url: '/api/catalog/items', payload: newItem({ type: 'confirmation', name: '户口登记' }) });
    expect(second.json().code).toBe('0700002000');
    const audit = await t.db.selectFrom('audit_log').selectAll().where('object_id', '=', first.json().id).execute();
    expect(audit.map((a) => a.action)).toEqual(['catalog.item.create']);
  });

  it('uses a given main number, and a sub-item (子项) takes its parent\'s type and main number with the next sub number', async () => {
    const main = await as(w.users.admin, { method: 'POST', url: '/api/catalog/items', payload: newItem({ type: 'reward', mainNumber: 123 }) });
    expect(main.json().code).toBe('0800123000');
    const sub1 = await as(w.users.admin, { method: 'POST', url: '/api/catalog/items', payload: newItem({ type: 'reward', name: '子项一', parentId: main.json().id }) });
    const sub2 = await as(w.users.admin, { method: 'POST', url: '/api/catalog/items', payload: newItem({ type: 'reward', name: '子项二', parentId: main.json().id }) });
    expect([sub1.statusCode, sub1.json().code, sub2.json().code]).toEqual([201, '0800123001', '0800123002']);
    expect(sub1.json().parentId).toBe(main.json().id);
  });

  it('refuses a duplicate code with 409 and writes nothing', async () => {
    await as(w.users.admin, { method: 'POST', url: '/api/catalog/items', payload: newItem({ type: 'payment', mainNumber: 7 }) });
    await refused(w.users.admin, { method: 'POST', url: '/api/catalog/items', payload: newItem({ type: 'payment', mainNumber: 7 }) }, 409, 'duplicate-item-code');
  });

  it('refuses a sub-item of another type, under a sub-item, or a sub number without parent (422)', async () => {
    const main = await makeItem(t.db, { type: 'adjudication' });
    const sub = await makeItem(t.db, { parentId: main.id });
    const body = refused.bind(null, w.users.admin);
    expect((await body({ method: 'POST', url: '/api/catalog/items', payload: newItem({ type: 'licensing', parentId: main.id }) }, 422, 'sub-item-type-mismatch')).invalidParams[0].name).toBe('body.type');
    await body({ method: 'POST', url: '/api/catalog/items', payload: newItem({ type: 'adjudication', parentId: sub.id }) }, 422, 'sub-item-of-sub-item');
    await body({ method: 'POST', url: '/api/catalog/items', payload: newItem({ subNumber: 3 }) }, 422, 'sub-number-without-parent');
    await body({ method: 'POST', url: '/api/catalog/items', payload: newItem({ parentId: 'no-such-item' }) }, 422, 'unknown-parent-item');
  });

  it('names the field on a missing, mistyped or oversize value (400) and writes nothing', async () => {
    const missing = await refused(w.users.admin, { method: 'POST', url: '/api/catalog/items', payload: { type: 'licensing', legalBasis: [] } }, 400, 'invalid-input');
    expect(missing.invalidParams.map((p: { name: string }) => p.name)).toContain('body.name');
    const wrongType = await refused(w.users.admin, { method: 'POST', url: '/api/catalog/items', payload: newItem({ legalLimitDays: 'twenty' }) }, 400);
    expect(wrongType.invalidParams[0].name).toBe('body.legalLimitDays');
    const badEnum = await refused(w.users.admin, { method: 'POST', url: '/api/catalog/items', payload: newItem({ type: 'tax' }) }, 400);
    expect(badEnum.invalidParams[0].name).toBe('body.type');
    const oversize = await refused(w.users.admin, { method: 'POST', url: '/api/catalog/items', payload: newItem({ name: longText(201) }) }, 400);
    expect(oversize.invalidParams[0].name).toBe('body.name');
    await refused(w.users.admin, { method: 'POST', url: '/api/catalog/items', payload: newItem({ name: '   ' }) }, 400);
  });

  it('is refused to a role without catalog.item.write, to a county (Art. 7: league-level catalog) and to no session', async () => {
    await refused(w.users.editor, { method: 'POST', url: '/api/catalog/items', payload: newItem() }, 403, 'forbidden');
    await refused(w.users.countyAdmin, { method: 'POST', url: '/api/catalog/items', payload: newItem() }, 403, 'catalog-compiled-at-league-level');
    await refused(null, { method: 'POST', url: '/api/catalog/items', payload: newItem() }, 401);
  });
});

describe('GET /api/catalog/items', () => {
  it('lists items publicly with type name and implementation count, filtered by type, q, parent and status', async () => {
    const item = await makeItem(t.db, { type: 'public-service', name: '残疾人两项补贴申请' });
    const sub = await makeItem(t.db, { parentId: item.id, name: '困难残疾人生活补贴' });
    await makeImplementation(t.db, { itemId: item.id, orgId: w.orgs.dept.id });
    await makeItem(t.db, { type: 'public-service', name: '已取消事项', status: 'retired' });

    const res = await t.app.inject({ method: 'GET', url: '/api/catalog/items?type=public-service' });
    expect(res.statusCode).toBe(200);
    const found = res.json().items.find((i: { id: string }) => i.id === item.id);
    expect(found).toMatchObject({ code: item.code, typeName: '公共服务', implementationCount: 1, legalBasis: ['《中华人民共和国行政许可法》第二十九条'] });
    expect(res.json().items.every((i: { type: string }) => i.type === 'public-service')).toBe(true);

    const byQ = await t.app.inject({ method: 'GET', url: `/api/catalog/items?q=${encodeURIComponent('两项补贴')}` });
    expect(byQ.json().items.map((i: { id: string }) => i.id)).toEqual([item.id]);
    const byParent = await t.app.inject({ method: 'GET', url: `/api/catalog/items?parentId=${item.id}` });
    expect(byParent.json().items.map((i: { id: string }) => i.id)).toEqual([sub.id]);
    const retired = await t.app.inject({ method: 'GET', url: '/api/catalog/items?status=retired&type=public-service' });
    expect(retired.json().items.map((i: { name: string }) => i.name)).toEqual(['已取消事项']);
    const percent = await t.app.inject({ method: 'GET', url: `/api/catalog/items?q=${encodeURIComponent('%')}` });
    expect(percent.json().items).toEqual([]);
  });

  it('answers a wrong filter value or an oversize query with 400 naming it', async () => {
    const wrong = await t.app.inject({ method: 'GET', url: '/api/catalog/items?type=tax' });
    expect([wrong.statusCode, wrong.json().invalidParams[0].name]).toEqual([400, 'querystring.type']);
    const status = await t.app.inject({ method: 'GET', url: '/api/catalog/items?status=gone' });
    expect(status.statusCode).toBe(400);
    const long = await t.app.inject({ method: 'GET', url: `/api/catalog/items?q=${'x'.repeat(101)}` });
    expect([long.statusCode, long.json().invalidParams[0].name]).toEqual([400, 'querystring.q']);
  });
});

describe('GET /api/catalog/items/:id', () => {
  it('shows the item with its sub-items and implementations, each with the version in force', async () => {
    const item = await makeItem(t.db, { name: '公共场所卫生许可' });
    const sub = await makeItem(t.db, { parentId: item.id, name: '新办' });
    const impl = await makeImplementation(t.db, { itemId: item.id, orgId: w.orgs.countyDept.id });
    const res = await t.app.inject({ method: 'GET', url: `/api/catalog/items/${item.id}` });
    expect(res.statusCode).toBe(200);
    expect(res.json().subItems.map((s: { id: string }) => s.id)).toEqual([sub.id]);
    expect(res.json().implementations).toEqual([
      { id: impl.id, code: impl.code, orgId: w.orgs.countyDept.id, orgName: '乌兰浩特市市场监督管理局', level: 'county', divisionCode: '152201', status: 'active', publishedVersion: null },
    ]);
    expect(impl.code).toBe(`${item.code}4${w.orgs.countyDept.creditCode}`);
  });

  it('answers an unknown id with 404 and an oversize id with 400', async () => {
    const missing = await t.app.inject({ method: 'GET', url: '/api/catalog/items/nope' });
    expect([missing.statusCode, missing.json().code]).toEqual([404, 'item-not-found']);
    const long = await t.app.inject({ method: 'GET', url: `/api/catalog/items/${'a'.repeat(65)}` });
    expect([long.statusCode, long.json().invalidParams[0].name]).toEqual([400, 'params.id']);
  });
});

describe('PATCH /api/catalog/items/:id', () => {
  it('updates name, legal basis, legal limit (also to null) and description, recording before and after', async () => {
    const item = await makeItem(t.db, { name: '旧名称' });
    const res = await as(w.users.admin, {
      method: 'PATCH',
      url: `/api/catalog/items/${item.id}`,
      payload: { name: '新名称', legalBasis: ['《条例》第三条'], legalLimitDays: null, description: '说明' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: '新名称', legalBasis: ['《条例》第三条'], legalLimitDays: null, description: '说明', code: item.code });
    const zero = await as(w.users.admin, { method: 'PATCH', url: `/api/catalog/items/${item.id}`, payload: { legalLimitDays: 0 } });
    expect(zero.json().legalLimitDays).toBe(0);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('object_id', '=', item.id).orderBy('id').execute();
    expect(audit[0].changes).toMatchObject({ name: { before: '旧名称', after: '新名称' } });
  });

  it('retires an item; a retired item is only re-activated, not edited (409)', async () => {
    const item = await makeItem(t.db);
    const retire = await as(w.users.admin, { method: 'PATCH', url: `/api/catalog/items/${item.id}`, payload: { status: 'retired' } });
    expect(retire.json().status).toBe('retired');
    await refused(w.users.admin, { method: 'PATCH', url: `/api/catalog/items/${item.id}`, payload: { name: '改名' } }, 409, 'item-retired');
    const back = await as(w.users.admin, { method: 'PATCH', url: `/api/catalog/items/${item.id}`, payload: { status: 'active', name: '恢复' } });
    expect(back.json()).toMatchObject({ status: 'active', name: '恢复' });
  });

  it('refuses bad input (400), unknown ids (404), other roles and counties (403), writing nothing', async () => {
    const item = await makeItem(t.db);
    const url = `/api/catalog/items/${item.id}`;
    expect((await refused(w.users.admin, { method: 'PATCH', url, payload: {} }, 400)).code).toBe('invalid-input');
    expect((await refused(w.users.admin, { method: 'PATCH', url, payload: { legalLimitDays: 'x' } }, 400)).invalidParams[0].name).toBe('body.legalLimitDays');
    expect((await refused(w.users.admin, { method: 'PATCH', url, payload: { description: longText(5001) } }, 400)).invalidParams[0].name).toBe('body.description');
    expect((await refused(w.users.admin, { method: 'PATCH', url, payload: { code: '0100001000' } }, 400)).invalidParams[0].name).toBe('body.code');
    await refused(w.users.admin, { method: 'PATCH', url: '/api/catalog/items/nope', payload: { name: 'x' } }, 404, 'item-not-found');
    await refused(w.users.editor, { method: 'PATCH', url, payload: { name: 'x' } }, 403, 'forbidden');
    await refused(w.users.countyAdmin, { method: 'PATCH', url, payload: { name: 'x' } }, 403, 'catalog-compiled-at-league-level');
  });
});

describe('POST /api/catalog/items/:id/implementations', () => {
  it('adds an implementation entry whose code is basic code + level digit + credit code', async () => {
    const item = await makeItem(t.db);
    const res = await as(w.users.countyAdmin, { method: 'POST', url: `/api/catalog/items/${item.id}/implementations`, payload: { orgId: w.orgs.countyDept.id } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      code: `${item.code}4${w.orgs.countyDept.creditCode}`,
      level: 'county',
      item: { id: item.id, code: item.code },
      org: { id: w.orgs.countyDept.id, divisionCode: '152201' },
      latestVersion: null,
      publishedVersion: null,
    });
    expect(res.json().code).toMatch(/^\d{10}[3-6][0-9A-HJ-NPQRTUWXY]{18}$/);
  });

  it('refuses a second entry for the same organization (409) and an organization without credit code (422)', async () => {
    const item = await makeItem(t.db);
    const url = `/api/catalog/items/${item.id}/implementations`;
    await as(w.users.admin, { method: 'POST', url, payload: { orgId: w.orgs.dept.id } });
    await refused(w.users.admin, { method: 'POST', url, payload: { orgId: w.orgs.dept.id } }, 409, 'implementation-exists');
    const noCode = await refused(w.users.admin, { method: 'POST', url, payload: { orgId: w.orgs.noCredit.id } }, 422, 'org-without-credit-code');
    expect(noCode.detail).toContain('统一社会信用代码');
    expect(noCode.invalidParams[0].name).toBe('body.orgId');
  });

  it('refuses a retired item (Art. 7, 422), unknown item (404) or organization (422)', async () => {
    const retired = await makeItem(t.db, { status: 'retired' });
    await refused(w.users.admin, { method: 'POST', url: `/api/catalog/items/${retired.id}/implementations`, payload: { orgId: w.orgs.dept.id } }, 422, 'item-not-in-catalog');
    const parentRetired = await makeItem(t.db, { status: 'retired' });
    const sub = await makeItem(t.db, { parentId: parentRetired.id });
    await refused(w.users.admin, { method: 'POST', url: `/api/catalog/items/${sub.id}/implementations`, payload: { orgId: w.orgs.dept.id } }, 422, 'item-not-in-catalog');
    await refused(w.users.admin, { method: 'POST', url: '/api/catalog/items/nope/implementations', payload: { orgId: w.orgs.dept.id } }, 404, 'item-not-found');
    const item = await makeItem(t.db);
    await refused(w.users.admin, { method: 'POST', url: `/api/catalog/items/${item.id}/implementations`, payload: { orgId: 'nope' } }, 422, 'unknown-org');
  });

  it('refuses an organization outside the actor\'s scope and a role without the permission (403)', async () => {
    const item = await makeItem(t.db);
    const url = `/api/catalog/items/${item.id}/implementations`;
    await refused(w.users.countyAdmin, { method: 'POST', url, payload: { orgId: w.orgs.otherCountyDept.id } }, 403, 'out-of-scope');
    await refused(w.users.editor, { method: 'POST', url, payload: { orgId: w.orgs.dept.id } }, 403, 'forbidden');
  });

  it('names a missing, mistyped or oversize orgId (400)', async () => {
    const item = await makeItem(t.db);
    const url = `/api/catalog/items/${item.id}/implementations`;
    expect((await refused(w.users.admin, { method: 'POST', url, payload: {} }, 400)).invalidParams[0].name).toBe('body.orgId');
    expect((await refused(w.users.admin, { method: 'POST', url, payload: { orgId: { id: 'x' } } }, 400)).invalidParams[0].name).toBe('body.orgId');
    expect((await refused(w.users.admin, { method: 'POST', url, payload: { orgId: 'x'.repeat(65) } }, 400)).invalidParams[0].name).toBe('body.orgId');
  });
});
