// Reading the catalog: implementation lists within scope, the consistency report across counties
// (Art. 9 ¶2) and the simplification figures (减材料、减时限、减环节、减跑动).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../src/lib/shanghai-date.js';
import { createTestApp, type TestApp } from '../helpers.js';
import { guideContent, makeGuide, makeImplementation, makeItem } from '../factories.js';
import { catalogWorld, type CatalogWorld } from './catalog-world.js';

let t: TestApp;
let w: CatalogWorld;
let item: Awaited<ReturnType<typeof makeItem>>;
const impl: Record<'league' | 'county' | 'other', string> = { league: '', county: '', other: '' };
beforeAll(async () => {
  t = await createTestApp();
  w = await catalogWorld(t.db);
  item = await makeItem(t.db, { name: '个体工商户登记', type: 'confirmation' });
  impl.league = (await makeImplementation(t.db, { itemId: item.id, orgId: w.orgs.dept.id })).id;
  impl.county = (await makeImplementation(t.db, { itemId: item.id, orgId: w.orgs.countyDept.id })).id;
  impl.other = (await makeImplementation(t.db, { itemId: item.id, orgId: w.orgs.otherCountyDept.id })).id;
  const base = { itemName: item.name, itemType: item.type };
  await makeGuide(t.db, { implementationId: impl.league, content: guideContent({ ...base, implementingBody: w.orgs.dept.name }), effectiveFrom: '2024-01-01' });
  await makeGuide(t.db, { implementationId: impl.county, content: guideContent({ ...base, implementingBody: w.orgs.countyDept.name }), effectiveFrom: '2024-01-01' });
  await makeGuide(t.db, {
    implementationId: impl.other,
    content: guideContent({ ...base, implementingBody: w.orgs.otherCountyDept.name, acceptanceConditions: ['申请人具有完全民事行为能力', '申请人户籍在本市'] }),
    effectiveFrom: '2024-01-01',
  });
});
afterAll(async () => t?.close());

describe('GET /api/catalog/implementations', () => {
  it('lists the entries within the actor\'s scope with item, organization and latest version', async () => {
    const all = await t.injectAs(w.users.clerk, { method: 'GET', url: `/api/catalog/implementations?itemId=${item.id}` });
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json().items.map((i: { id: string }) => i.id).sort()).toEqual(Object.values(impl).sort());
    const county = await t.injectAs(w.users.countyAdmin, { method: 'GET', url: '/api/catalog/implementations' });
    expect(county.json().items).toHaveLength(1);
    expect(county.json().items[0]).toMatchObject({
      id: impl.county,
      level: 'county',
      item: { id: item.id, name: '个体工商户登记', typeName: '行政确认' },
      org: { id: w.orgs.countyDept.id, name: '乌兰浩特市市场监督管理局', divisionCode: '152201' },
      latestVersion: { versionNo: 1, status: 'published', effectiveFrom: '2024-01-01' },
      publishedVersion: { versionNo: 1, effectiveFrom: '2024-01-01' },
    });
    const byOrg = await t.injectAs(w.users.admin, { method: 'GET', url: `/api/catalog/implementations?orgId=${w.orgs.dept.id}` });
    expect(byOrg.json().items.map((i: { id: string }) => i.id)).toEqual([impl.league]);
  });
});

describe('GET /api/catalog/implementations/:id', () => {
  it('shows the entry with its versions, marking the one in force today', async () => {
    const draft = await makeGuide(t.db, { implementationId: impl.county, status: 'draft' });
    const res = await t.injectAs(w.users.countyAdmin, { method: 'GET', url: `/api/catalog/implementations/${impl.county}` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().latestVersion).toMatchObject({ id: draft.id, status: 'draft' });
    expect(res.json().versions.map((v: { versionNo: number; status: string; inForce: boolean }) => [v.versionNo, v.status, v.inForce])).toEqual([
      [2, 'draft', false],
      [1, 'published', true],
    ]);
    const item = await t.app.inject({ method: 'GET', url: `/api/catalog/items/${res.json().item.id}` });
    const entry = item.json().implementations.find((i: { id: string }) => i.id === impl.county);
    expect(entry.publishedVersion).toMatchObject({ versionNo: 1, effectiveFrom: '2024-01-01' });
  });
});

describe('GET /api/catalog/consistency', () => {
  it('compares the guides in force of one item field by field (Art. 9 ¶2)', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/catalog/consistency?itemId=${item.id}` });
    expect(res.statusCode, res.body).toBe(200);
    const [entry] = res.json().items;
    expect(entry).toMatchObject({ itemId: item.id, itemCode: item.code, itemName: '个体工商户登记' });
    const byField = Object.fromEntries(entry.fields.map((f: { field: string }) => [f.field, f]));
    expect(byField.acceptanceConditions.differs).toBe(true);
    expect(byField.acceptanceConditions.values).toHaveLength(3);
    expect(byField.acceptanceConditions.values.find((v: { implementationId: string }) => v.implementationId === impl.other).divisionName).toBe('阿尔山市');
    expect(byField.itemName.differs).toBe(false);
  });

  it('without an item, reports every item with at least two implementations', async () => {
    const lonely = await makeItem(t.db, { name: '只有一个实施机构的事项' });
    await makeImplementation(t.db, { itemId: lonely.id, orgId: w.orgs.dept.id });
    const res = await t.app.inject({ method: 'GET', url: '/api/catalog/consistency' });
    expect(res.json().items.map((i: { itemId: string }) => i.itemId)).toEqual([item.id]);
  });
});

describe('GET /api/catalog/simplification', () => {
  it('compares the first published totals with those in force today, per entry, item and organization', async () => {
    const before = await t.app.inject({ method: 'GET', url: `/api/catalog/simplification?itemId=${item.id}` });
    expect(before.json().total).toEqual({ materials: 0, promisedWorkingDays: 0, steps: 0, visits: 0 });

    // The county drops a material, a step and a visit, and promises 5 days instead of 10.
    const lean = guideContent({ itemName: item.name, itemType: item.type, implementingBody: w.orgs.countyDept.name, promisedLimit: { days: 5, unit: 'working-day' } });
    lean.materials = lean.materials.slice(0, 1);
    lean.process = [
      { ...lean.process[0], materialIds: ['m1'], onSite: false, timeLimit: { days: 2, unit: 'working-day' } },
      { ...lean.process[2], timeLimit: { days: 3, unit: 'working-day' } },
    ];
    await makeGuide(t.db, { implementationId: impl.county, content: lean, effectiveFrom: shanghaiDate(), versionNo: 3 });

    const res = await t.app.inject({ method: 'GET', url: `/api/catalog/simplification?itemId=${item.id}` });
    expect(res.statusCode, res.body).toBe(200);
    const county = res.json().implementations.find((i: { implementationId: string }) => i.implementationId === impl.county);
    expect(county.first).toMatchObject({ versionNo: 1, totals: { materials: 2, steps: 3, visits: 1, promisedWorkingDays: 10 } });
    expect(county.current).toMatchObject({ versionNo: 3, totals: { materials: 1, steps: 2, visits: 0, promisedWorkingDays: 5 } });
    expect(county.reductions).toEqual({ materials: 1, promisedWorkingDays: 5, steps: 1, visits: 1 });
    expect(res.json().byItem).toEqual([{ itemId: item.id, itemName: item.name, implementations: 3, reductions: county.reductions }]);
    expect(res.json().byOrg.find((o: { orgId: string }) => o.orgId === w.orgs.countyDept.id).reductions).toEqual(county.reductions);
    expect(res.json().total).toEqual(county.reductions);

    const byOrg = await t.app.inject({ method: 'GET', url: `/api/catalog/simplification?orgId=${w.orgs.dept.id}` });
    expect(byOrg.json().implementations.map((i: { implementationId: string }) => i.implementationId)).toEqual([impl.league]);
  });
});
