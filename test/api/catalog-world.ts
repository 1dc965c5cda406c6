// Shared set-up of the catalog API tests: a small league with one county, staff in each role, and a
// snapshot of every catalog table to prove that a refused request wrote nothing.
import type { Database } from '../../src/db/database.js';
import { makeImplementingOrg, makeUser } from '../factories.js';

export async function catalogWorld(db: Database) {
  const gov = await makeImplementingOrg(db, { kind: 'government', level: 'league', name: '兴安盟行政公署' });
  const office = await makeImplementingOrg(db, { kind: 'management-office', level: 'league', parentId: gov.id, name: '兴安盟政务服务局' });
  const dept = await makeImplementingOrg(db, { kind: 'department', level: 'league', parentId: gov.id, name: '兴安盟市场监督管理局' });
  const noCredit = await makeImplementingOrg(db, { kind: 'department', level: 'league', parentId: gov.id, name: '兴安盟无代码局', creditCode: null });
  const countyGov = await makeImplementingOrg(db, { kind: 'government', level: 'county', parentId: gov.id, divisionCode: '152201', name: '乌兰浩特市人民政府' });
  const countyDept = await makeImplementingOrg(db, { kind: 'department', level: 'county', parentId: countyGov.id, divisionCode: '152201', name: '乌兰浩特市市场监督管理局' });
  const otherCountyGov = await makeImplementingOrg(db, { kind: 'government', level: 'county', parentId: gov.id, divisionCode: '152202', name: '阿尔山市人民政府' });
  const otherCountyDept = await makeImplementingOrg(db, { kind: 'department', level: 'county', parentId: otherCountyGov.id, divisionCode: '152202', name: '阿尔山市市场监督管理局' });

  const users = {
    /** catalog-admin of the league management office: the whole league. */
    admin: (await makeUser(db, office.id, ['catalog-admin'])).id,
    reviewer: (await makeUser(db, office.id, ['catalog-reviewer'])).id,
    /** dept-admin of a league department: writes its own department's guides. */
    editor: (await makeUser(db, dept.id, ['dept-admin'])).id,
    countyAdmin: (await makeUser(db, countyDept.id, ['catalog-admin'])).id,
    countyReviewer: (await makeUser(db, countyDept.id, ['catalog-reviewer'])).id,
    clerk: (await makeUser(db, office.id, ['window-clerk'])).id,
    /** Holds every permission: the four-eyes rule still applies. */
    sysadmin: (await makeUser(db, office.id, ['system-admin'])).id,
  };
  return { orgs: { gov, office, dept, noCredit, countyGov, countyDept, otherCountyGov, otherCountyDept }, users };
}

export type CatalogWorld = Awaited<ReturnType<typeof catalogWorld>>;

/** Every row of the tables a catalog request could write, to compare before and after a refusal. */
export async function catalogState(db: Database) {
  const [items, implementations, versions, audit] = await Promise.all([
    db.selectFrom('catalog_items').selectAll().orderBy('id').execute(),
    db.selectFrom('implementations').selectAll().orderBy('id').execute(),
    db.selectFrom('guide_versions').selectAll().orderBy('id').execute(),
    db.selectFrom('audit_log').select(['id', 'action', 'object_id']).orderBy('id').execute(),
  ]);
  return JSON.parse(JSON.stringify({ items, implementations, versions, audit }));
}

export const longText = (n: number) => '长'.repeat(n);
