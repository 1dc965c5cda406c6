// The demo data a person sees on first start: the 兴安盟 tree, working accounts, and a catalog
// whose every published guide passes the linter that gates publication.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers.js';
import { validateCreditCode } from '../../lib/credit-code.js';
import { IMPLEMENTATION_CODE_PATTERN, BASIC_CODE_PATTERN } from '../../modules/catalog/codes.js';
import { ITEM_TYPES } from '../../modules/catalog/guide-content.js';
import { lintGuide } from '../../modules/catalog/lint.js';
import { catalogMismatches } from '../../modules/catalog/rules.js';
import { login } from '../../modules/identity/service.js';
import { searchGuides } from '../../modules/search/service.js';
import { seedDemo, seedDemoIfEmpty, type SeedResult } from './index.js';
import { seedDemoCases } from './cases.js';
import { loadConfig } from '../../config.js';
import { ManualClock } from '../../lib/clock.js';

let t: TestDatabase;
let seeded: SeedResult;

beforeAll(async () => {
  t = await createTestDatabase();
  seeded = await seedDemoIfEmpty(t.db);
});
afterAll(async () => t?.dispose());

async function publishedGuides() {
  return t.db
    .selectFrom('guide_versions as v')
    .innerJoin('implementations as im', 'im.id', 'v.implementation_id')
    .innerJoin('catalog_items as it', 'it.id', 'im.item_id')
    .leftJoin('catalog_items as parent', 'parent.id', 'it.parent_id')
    .innerJoin('orgs as o', 'o.id', 'im.org_id')
    .select(['v.content', 'v.totals', 'im.level', 'im.code', 'it.name', 'it.type', 'it.legal_limit_days', 'parent.name as parent_name', 'parent.legal_limit_days as parent_limit', 'o.name as org_name', 'o.division_code'])
    .where('v.status', '=', 'published')
    .execute();
}

describe('demo seed', () => {
  it('loads the league, its 6 counties and 90 townships with a government and center each', async () => {
    expect(seeded.seeded).toBe(true);
    const divisions = await t.db.selectFrom('divisions').select(['level']).execute();
    expect(divisions.filter((d) => d.level === 'county')).toHaveLength(6);
    expect(divisions.filter((d) => d.level === 'township').length).toBeGreaterThanOrEqual(90);
    const orgs = await t.db.selectFrom('orgs').select(['name', 'kind', 'level']).execute();
    expect(orgs.filter((o) => o.kind === 'township').length).toBeGreaterThanOrEqual(90);
    expect(orgs.filter((o) => o.kind === 'center' && o.level === 'township').length).toBeGreaterThanOrEqual(90);
    const names = orgs.map((o) => o.name);
    expect(names).toEqual(expect.arrayContaining(['兴安盟行政公署', '兴安盟政务服务局', '兴安盟政务服务中心', '兴安盟市场监督管理局', '科尔沁右翼前旗公安局', '乌兰浩特市市场监督管理局', '突泉县人民政府', '乌兰浩特市爱国街道便民服务中心']));
  });

  it('gives every organization a valid, unique unified social credit code and a 0482 phone', async () => {
    const orgs = await t.db.selectFrom('orgs').select(['name', 'credit_code', 'phone', 'path', 'id', 'parent_id']).execute();
    const invalid = orgs.filter((o) => !o.credit_code || !validateCreditCode(o.credit_code).valid);
    expect(invalid.map((o) => o.name)).toEqual([]);
    expect(new Set(orgs.map((o) => o.credit_code)).size).toBe(orgs.length);
    expect(orgs.every((o) => /^0482-[28]\d{6}$/.test(o.phone ?? ''))).toBe(true);
    // Same materialized-path rule as the orgs service's createOrg.
    const byId = new Map(orgs.map((o) => [o.id, o]));
    for (const o of orgs) expect(o.path).toBe(`${o.parent_id ? byId.get(o.parent_id)!.path : '/'}${o.id}/`);
  });

  it('builds a catalog of at least 45 items covering all seven types of Art. 6', async () => {
    const items = await t.db.selectFrom('catalog_items').select(['code', 'type', 'parent_id']).execute();
    expect(items.filter((i) => i.parent_id === null).length).toBeGreaterThanOrEqual(45);
    expect(new Set(items.map((i) => i.type))).toEqual(new Set(ITEM_TYPES));
    expect(items.every((i) => BASIC_CODE_PATTERN.test(i.code))).toBe(true);
  });

  it('implements at least 10 items in each county by its own departments, and some at township centers', async () => {
    const rows = await t.db
      .selectFrom('implementations as im')
      .innerJoin('orgs as o', 'o.id', 'im.org_id')
      .select(['o.division_code', 'o.kind', 'im.item_id', 'im.level', 'im.code'])
      .execute();
    expect(rows.every((r) => IMPLEMENTATION_CODE_PATTERN.test(r.code))).toBe(true);
    const perCounty = new Map<string, Set<string>>();
    for (const r of rows.filter((r) => r.level === 'county' && r.kind === 'department')) {
      perCounty.set(r.division_code, (perCounty.get(r.division_code) ?? new Set()).add(r.item_id));
    }
    expect(perCounty.size).toBe(6);
    for (const items of perCounty.values()) expect(items.size).toBeGreaterThanOrEqual(10);
    const townshipCenters = new Set(rows.filter((r) => r.level === 'township' && r.kind === 'center').map((r) => r.division_code));
    expect(townshipCenters.size).toBeGreaterThanOrEqual(90);
  });

  it('publishes guides that the publication linter passes without a single error', async () => {
    const licences = await t.db.selectFrom('licence_types').select(['code', 'name', 'issuing_department']).where('shareable', '=', true).execute();
    const ctx = {
      shareableLicenceTypes: new Map(licences.map((l) => [l.code, l.name])),
      licenceTypeDepartments: new Map(licences.map((l) => [l.code, l.issuing_department])),
    };
    const guides = await publishedGuides();
    expect(guides.length).toBe(seeded.counts.publishedGuides);
    const errors = guides.flatMap((g) => {
      const messages = [
        ...lintGuide(g.content, { ...ctx, legalLimitDays: g.legal_limit_days ?? g.parent_limit ?? null }),
        ...catalogMismatches(g.content, { name: g.name, type: g.type, parentName: g.parent_name }),
      ];
      return messages.filter((m) => m.severity === 'error').map((m) => `${g.org_name} ${g.name}: ${m.field} ${m.message}`);
    });
    expect(errors).toEqual([]);
  });

  it('keeps each item the same in every county except the two documented deviations (Art. 9 ¶2)', async () => {
    const guides = (await publishedGuides()).filter((g) => g.level === 'county');
    const byItem = new Map<string, Set<string>>();
    for (const g of guides) {
      const { materials, process, promisedLimit, legalLimit, acceptanceConditions, result } = g.content;
      const shape = JSON.stringify({ materials, process, promisedLimit, legalLimit, acceptanceConditions, result });
      byItem.set(g.name, (byItem.get(g.name) ?? new Set()).add(shape));
    }
    const differing = [...byItem].filter(([, shapes]) => shapes.size > 1).map(([name]) => name);
    expect(differing.sort()).toEqual(['公共场所卫生许可', '食品经营许可'].sort());
  });

  it('indexes the seeded guides for search, so “yyzz” finds 营业执照 and 低保 finds a township center', async () => {
    const licence = await searchGuides(t.db, { q: 'yyzz' });
    expect(licence.rows.map((r) => r.item_name)).toContain('营业执照办理（企业）');
    const allowance = await searchGuides(t.db, { q: '低保', division: '152224' });
    expect(allowance.rows.some((r) => r.level === 'township' && r.org_name.startsWith('突泉县'))).toBe(true);
  });

  it('creates the documented demo accounts, which can sign in', async () => {
    expect(seeded.accounts?.map((a) => a.username)).toEqual(expect.arrayContaining(['admin', 'catalog', 'reviewer', 'clerk', 'auditor']));
    const admin = await login(t.db, 'admin', 'Tongban@2026');
    expect(admin.actor.roles).toEqual(['system-admin']);
    expect(admin.actor.orgName).toBe('兴安盟政务服务局');
    const clerk = seeded.accounts!.find((a) => a.username === 'clerk')!;
    expect((await login(t.db, clerk.username, clerk.password)).actor.orgName).toBe('兴安盟政务服务中心');
  });

  it('gives the market-regulation workbench demo cases in every stage, each with its history', async () => {
    // A fixed day: the cases' dates must lie in years whose holidays the platform knows.
    const deps = { db: t.db, config: loadConfig({ NODE_ENV: 'test' }), clock: new ManualClock('2026-03-02T09:00:00+08:00') };
    expect(await seedDemoCases(deps)).toEqual({ cases: 8, skipped: 0 });
    const cases = await t.db.selectFrom('cases').select(['id', 'state', 'paused_since', 'action_count']).execute();
    expect(new Set(cases.map((c) => c.state))).toEqual(new Set(['submitted', 'awaiting-supplement', 'under-review', 'awaiting-decision', 'granted', 'delivered', 'not-accepted']));
    expect(cases.filter((c) => c.paused_since !== null)).toHaveLength(1);
    for (const c of cases) {
      const history = await t.db.selectFrom('case_actions').select('seq').where('case_id', '=', c.id).execute();
      expect(history).toHaveLength(c.action_count);
    }
  });

  it('does nothing on a database that already holds data', async () => {
    const before = await t.db.selectFrom('guide_versions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(await seedDemoIfEmpty(t.db)).toEqual({ seeded: false, counts: {} });
    // A forced reseed fails as a whole instead of duplicating or half-writing.
    await expect(seedDemo(t.db)).rejects.toThrow();
    const after = await t.db.selectFrom('guide_versions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
