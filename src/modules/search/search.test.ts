// Catalog search through the API, over a small catalog of 兴安盟: 营业执照 at the league, in
// 乌兰浩特市, in one of its townships and in 阿尔山市, plus a few other items.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers.js';
import { guideContent, makeGuide, makeImplementation, makeImplementingOrg, makeItem, makeUser } from '../../../test/factories.js';
import { upsertDivisions } from '../orgs/service.js';
import { rebuildSearchIndex, searchGuides } from './service.js';

let t: TestApp;
const ids = {} as Record<'leagueLicence' | 'countyLicence' | 'townshipLicence' | 'otherCountyLicence' | 'food' | 'dibao' | 'birth', string>;
let users: { admin: string; clerk: string; reviewer: string };
let orgs: { gov: string; county: string; township: string; office: string };

async function world() {
  await upsertDivisions(t.db, [{ code: '152201100', name: '乌兰哈达镇', level: 'township', parentCode: '152201' }]);
  const gov = await makeImplementingOrg(t.db, { kind: 'government', level: 'league', name: '兴安盟行政公署' });
  const office = await makeImplementingOrg(t.db, { kind: 'management-office', level: 'league', parentId: gov.id, name: '兴安盟政务服务局' });
  const leagueDept = await makeImplementingOrg(t.db, { level: 'league', parentId: gov.id, name: '兴安盟市场监督管理局' });
  const county = await makeImplementingOrg(t.db, { level: 'county', parentId: gov.id, divisionCode: '152201', name: '乌兰浩特市市场监督管理局' });
  const township = await makeImplementingOrg(t.db, { kind: 'township', level: 'township', parentId: county.id, divisionCode: '152201100', name: '乌兰哈达镇人民政府' });
  const otherCounty = await makeImplementingOrg(t.db, { level: 'county', parentId: gov.id, divisionCode: '152202', name: '阿尔山市市场监督管理局' });
  orgs = { gov: gov.id, county: county.id, township: township.id, office: office.id };

  const licence = await makeItem(t.db, { name: '营业执照', type: 'licensing' });
  const replacement = await makeItem(t.db, { name: '营业执照遗失补办', type: 'licensing' });
  const food = await makeItem(t.db, { name: '食品经营许可', type: 'licensing' });
  const dibao = await makeItem(t.db, { name: '最低生活保障金给付', type: 'payment' });
  const birth = await makeItem(t.db, { name: '出生医学证明签发', type: 'public-service' });
  const guide = async (itemId: string, orgId: string, extra: Parameters<typeof guideContent>[0] = {}) => {
    const impl = await makeImplementation(t.db, { itemId, orgId });
    const item = await t.db.selectFrom('catalog_items').select(['name', 'type']).where('id', '=', itemId).executeTakeFirstOrThrow();
    await makeGuide(t.db, { implementationId: impl.id, content: guideContent({ itemName: item.name, itemType: item.type, ...extra }) });
    return impl.id;
  };
  ids.leagueLicence = await guide(licence.id, leagueDept.id);
  ids.countyLicence = await guide(licence.id, county.id);
  ids.townshipLicence = await guide(licence.id, township.id);
  ids.otherCountyLicence = await guide(licence.id, otherCounty.id);
  await guide(replacement.id, county.id);
  ids.food = await guide(food.id, county.id);
  ids.dibao = await guide(dibao.id, township.id, { itemType: 'payment' });
  const birthMaterials = guideContent().materials.map((m, i) => (i === 1 ? { ...m, name: '居民户口簿' } : m));
  ids.birth = await guide(birth.id, county.id, { itemType: 'public-service', materials: birthMaterials });
  users = {
    admin: (await makeUser(t.db, office.id, ['catalog-admin'])).id,
    clerk: (await makeUser(t.db, office.id, ['window-clerk'])).id,
    reviewer: (await makeUser(t.db, office.id, ['catalog-reviewer'])).id,
  };
  // The guides went in directly, as the demo seed does: rebuild the index once.
  await rebuildSearchIndex(t.db);
}

beforeAll(async () => {
  t = await createTestApp();
  await world();
});
afterAll(async () => t?.close());

async function search(query: Record<string, string | number>) {
  const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
  const res = await t.app.inject({ method: 'GET', url: `/api/search?${qs}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    items: { implementationId: string; itemName: string; orgName: string; itemType: string; itemTypeName: string; divisionName: string; matchedBy: string }[];
    total: number;
    nextCursor: string | null;
    query: { text: string; synonyms: string[]; fuzzy: boolean };
  };
}

describe('finding 营业执照 the ways people type it', () => {
  it('lists the exact name first, league before counties, then longer names that start with it', async () => {
    const r = await search({ q: '营业执照' });
    expect(r.items.slice(0, 4).every((h) => h.itemName === '营业执照' && h.matchedBy === 'exact')).toBe(true);
    expect(r.items[0].orgName).toBe('兴安盟市场监督管理局');
    expect(r.items[4]).toMatchObject({ itemName: '营业执照遗失补办', matchedBy: 'prefix' });
    expect(r.items[0]).toMatchObject({ itemType: 'licensing', itemTypeName: '行政许可' });
  });

  it('finds it by a part of the name, full-width or spaced input included', async () => {
    expect((await search({ q: '执照' })).items[0].itemName).toBe('营业执照');
    expect((await search({ q: ' 营业　执照 ' })).items[0]).toMatchObject({ itemName: '营业执照', matchedBy: 'exact' });
  });

  it('finds it by pinyin initials, full pinyin and the start of the pinyin', async () => {
    for (const q of ['yyzz', 'YYZZ', 'yingyezhizhao', 'yingye', 'ying ye zhi zhao']) {
      const r = await search({ q });
      expect(r.items[0]?.itemName, q).toBe('营业执照');
      expect(r.items[0]?.matchedBy, q).toBe('pinyin-prefix');
    }
  });

  it('finds it through the synonym list (工商执照 ⇄ 营业执照)', async () => {
    const r = await search({ q: '工商执照' });
    expect(r.items[0]).toMatchObject({ itemName: '营业执照', matchedBy: 'synonym' });
    expect(r.query.synonyms).toContain('营业执照');
  });

  it('forgives one wrong character in Chinese (a homophone or not) and in pinyin', async () => {
    const homophone = await search({ q: '营叶执照' });
    expect(homophone.query.fuzzy).toBe(true);
    expect(homophone.items[0]).toMatchObject({ itemName: '营业执照', matchedBy: 'typo' });
    expect((await search({ q: '营业执熊' })).items[0]?.itemName).toBe('营业执照');
    expect((await search({ q: '食品经营许' })).items[0]?.itemName).toBe('食品经营许可');
    expect((await search({ q: '食品经许可' })).items[0]?.itemName).toBe('食品经营许可');
    const pinyin = await search({ q: 'yingyezhizao' });
    expect(pinyin.items[0]).toMatchObject({ itemName: '营业执照', matchedBy: 'typo' });
  });

  it('does not guess typos when the exact text already finds enough', async () => {
    const r = await search({ q: '营业执照' });
    expect(r.query.fuzzy).toBe(false);
    expect(r.items.some((h) => h.matchedBy === 'typo')).toBe(false);
  });

  it('finds an item by a material it asks for, ranked after name matches', async () => {
    const r = await search({ q: '居民户口簿' });
    expect(r.items[0]).toMatchObject({ itemName: '出生医学证明签发', matchedBy: 'material' });
  });

  it('answers a query that matches nothing with an empty list', async () => {
    const r = await search({ q: '航天器发射许可' });
    expect(r.items).toEqual([]);
    expect(r.total).toBe(0);
  });
});

describe('filters and pages', () => {
  it('a county filter includes its townships and excludes the league and other counties', async () => {
    const r = await search({ q: 'yyzz', division: '152201' });
    const found = r.items.filter((h) => h.itemName === '营业执照').map((h) => h.implementationId);
    expect(found.sort()).toEqual([ids.countyLicence, ids.townshipLicence].sort());
    expect(r.items.map((h) => h.divisionName)).toContain('乌兰哈达镇');
  });

  it('filters by organization and by item type', async () => {
    const byOrg = await search({ q: '营业执照', orgId: orgs.township });
    expect(byOrg.items.map((h) => h.implementationId)).toEqual([ids.townshipLicence]);
    const payments = await search({ q: '保障', type: 'payment' });
    expect(payments.items.map((h) => h.implementationId)).toEqual([ids.dibao]);
    expect((await search({ q: '营业执照', type: 'payment' })).items).toEqual([]);
  });

  it('pages through every hit once with the cursor', async () => {
    const first = await search({ q: '营业执照', limit: 2 });
    const seen = first.items.map((h) => h.implementationId);
    let cursor = first.nextCursor;
    while (cursor) {
      const next = await search({ q: '营业执照', limit: 2, cursor });
      seen.push(...next.items.map((h) => h.implementationId));
      cursor = next.nextCursor;
    }
    const all = await search({ q: '营业执照', limit: 50 });
    expect(seen).toEqual(all.items.map((h) => h.implementationId));
    expect(new Set(seen).size).toBe(first.total);
    expect(first.total).toBeGreaterThanOrEqual(5);
  });

  it('lists by filters alone when the portal gives no text', async () => {
    const r = await searchGuides(t.db, { q: '', division: '152201100' });
    expect(r.rows.map((h) => h.implementation_id).sort()).toEqual([ids.townshipLicence, ids.dibao].sort());
    expect(r.total).toBe(2);
  });

  it('suggests item names for typeahead, each once', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/search/suggest?q=${encodeURIComponent('yy')}` });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.slice(0, 2)).toEqual(['营业执照', '营业执照遗失补办']);
  });
});

describe('bad input is refused with the field named', () => {
  const cases: [string, string, string][] = [
    ['no q', '', 'querystring.q'],
    ['q of spaces only', 'q=%20%20%E3%80%80', 'querystring.q'],
    ['q over 100 characters', `q=${'证'.repeat(101)}`, 'querystring.q'],
    ['q of punctuation only', `q=${encodeURIComponent('%_!')}`, 'querystring.q'],
    ['limit above 50', 'q=yyzz&limit=51', 'querystring.limit'],
    ['unknown item type', 'q=yyzz&type=permit', 'querystring.type'],
    ['malformed division code', 'q=yyzz&division=15x', 'querystring.division'],
    ['forged cursor', 'q=yyzz&cursor=bm90LWEtY3Vyc29y', 'querystring.cursor'],
  ];
  for (const [name, qs, field] of cases) {
    it(name, async () => {
      const res = await t.app.inject({ method: 'GET', url: `/api/search?${qs}` });
      expect(res.statusCode).toBe(400);
      expect(res.json().invalidParams.map((p: { name: string }) => p.name)).toContain(field);
    });
  }

  it('ignores punctuation, so “营业%执照” searches 营业执照', async () => {
    expect((await search({ q: '营业%执照' })).items[0]).toMatchObject({ itemName: '营业执照', matchedBy: 'exact' });
  });
});

describe('the synonym list', () => {
  it('is read by catalog staff and hidden from the public', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/search/synonyms' })).statusCode).toBe(401);
    const res = await t.injectAs(users.clerk, { method: 'GET', url: '/api/search/synonyms' });
    expect(res.statusCode).toBe(200);
    expect(res.json().groups).toContainEqual(['营业执照', '执照', '工商执照']);
  });

  it('is replaced by a catalog administrator, audited, and takes effect at once', async () => {
    expect((await search({ q: '开饭店' })).items).toEqual([]);
    const groups = [['营业执照', '工商执照'], ['食品经营许可', '开饭店']];
    const res = await t.injectAs(users.admin, { method: 'PUT', url: '/api/search/synonyms', payload: { groups } });
    expect(res.statusCode, res.body).toBe(200);
    expect((await search({ q: '开饭店' })).items[0]).toMatchObject({ itemName: '食品经营许可', matchedBy: 'synonym' });
    const audit = await t.db.selectFrom('audit_log').select(['action', 'actor_id']).where('action', '=', 'search.synonyms.replace').execute();
    expect(audit).toEqual([{ action: 'search.synonyms.replace', actor_id: users.admin }]);
    // 低保 was in the default list only: gone now.
    expect((await search({ q: '低保' })).items.some((h) => h.matchedBy === 'synonym')).toBe(false);
  });

  it('refuses a clerk, and refuses bad groups without changing the list', async () => {
    const before = (await t.injectAs(users.clerk, { method: 'GET', url: '/api/search/synonyms' })).json();
    const clerk = await t.injectAs(users.clerk, { method: 'PUT', url: '/api/search/synonyms', payload: { groups: [['甲', '乙']] } });
    expect(clerk.statusCode).toBe(403);
    const bad: [unknown, string][] = [
      [[['独词']], 'body.groups.0'],
      [[['营业执照', '执'.repeat(51)]], 'body.groups.0.1'],
      [[['执照', '执照 ']], 'body.groups.0.1'],
      [[['执照', '！！']], 'body.groups.0.1'],
      [Array.from({ length: 201 }, (_, i) => [`词${i}`, `语${i}`]), 'body.groups'],
    ];
    for (const [groups, field] of bad) {
      const res = await t.injectAs(users.admin, { method: 'PUT', url: '/api/search/synonyms', payload: { groups } });
      expect(res.statusCode, field).toBe(400);
      expect(res.json().invalidParams.map((p: { name: string }) => p.name)).toContain(field);
    }
    expect((await t.injectAs(users.clerk, { method: 'GET', url: '/api/search/synonyms' })).json()).toEqual(before);
  });
});

describe('the index follows publication (同源发布)', () => {
  it('a guide published through the review workflow is found at once', async () => {
    const item = await makeItem(t.db, { name: '烟草专卖零售许可', type: 'licensing' });
    const impl = await makeImplementation(t.db, { itemId: item.id, orgId: orgs.county });
    const version = await makeGuide(t.db, { implementationId: impl.id, status: 'submitted', content: guideContent({ itemName: item.name }) });
    expect((await search({ q: 'yczmlsxk' })).items).toEqual([]);
    const res = await t.injectAs(users.reviewer, { method: 'POST', url: `/api/catalog/guide-versions/${version.id}/publish`, payload: {} });
    expect(res.statusCode, res.body).toBe(200);
    expect((await search({ q: 'yczmlsxk' })).items.map((h) => h.implementationId)).toEqual([impl.id]);
  });

  it('a retired item drops out of the results', async () => {
    const item = await makeItem(t.db, { name: '出版物零售许可', type: 'licensing' });
    const impl = await makeImplementation(t.db, { itemId: item.id, orgId: orgs.county });
    await makeGuide(t.db, { implementationId: impl.id, content: guideContent({ itemName: item.name }) });
    await rebuildSearchIndex(t.db);
    expect((await search({ q: '出版物零售' })).items.map((h) => h.implementationId)).toEqual([impl.id]);
    const res = await t.injectAs(users.admin, { method: 'PATCH', url: `/api/catalog/items/${item.id}`, payload: { status: 'retired' } });
    expect(res.statusCode, res.body).toBe(200);
    expect((await search({ q: '出版物零售' })).items).toEqual([]);
  });

  it('a guide that takes effect later is not listed yet', async () => {
    const item = await makeItem(t.db, { name: '种子生产经营许可', type: 'licensing' });
    const impl = await makeImplementation(t.db, { itemId: item.id, orgId: orgs.county });
    await makeGuide(t.db, { implementationId: impl.id, effectiveFrom: '2999-01-01', content: guideContent({ itemName: item.name }) });
    await rebuildSearchIndex(t.db);
    expect((await search({ q: '种子生产' })).items).toEqual([]);
  });
});
