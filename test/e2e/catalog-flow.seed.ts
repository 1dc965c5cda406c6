// The world of the catalog-flow browser test: a league with its management office and a department,
// one catalog item implemented by the department, a dept-admin who writes the guide and a
// catalog-reviewer (in the management office) who publishes it.
import type { Database } from '../../src/db/database.js';
import { makeGuide, makeImplementation, makeImplementingOrg, makeItem, makeOrg, makeUser } from '../factories.js';

export const ITEM_NAME = '营业执照核发';

export async function seedCatalogFlow(db: Database) {
  const league = await makeOrg(db, { name: '兴安盟行政公署', kind: 'government', level: 'league', divisionCode: '1522' });
  const office = await makeOrg(db, { name: '兴安盟政务服务局', kind: 'management-office', level: 'league', parentId: league.id });
  const dept = await makeImplementingOrg(db, { name: '兴安盟市场监督管理局', kind: 'department', level: 'league', parentId: league.id });
  const item = await makeItem(db, { name: ITEM_NAME, type: 'licensing', legalLimitDays: 15, legalBasis: ['《中华人民共和国市场主体登记管理条例》第二十一条'] });
  const implementation = await makeImplementation(db, { itemId: item.id, orgId: dept.id });
  const admin = await makeUser(db, dept.id, ['dept-admin']);
  const reviewer = await makeUser(db, office.id, ['catalog-reviewer']);
  // For the four-eyes check: a published guide that one person (holding every role) revises,
  // submits, and then may not publish himself.
  const otherItem = await makeItem(db, { name: '户外广告设施设置审批', type: 'licensing', legalLimitDays: 20 });
  const otherImplementation = await makeImplementation(db, { itemId: otherItem.id, orgId: dept.id });
  await makeGuide(db, { implementationId: otherImplementation.id });
  const allRoles = await makeUser(db, league.id, ['system-admin']);
  return { league, office, dept, item, implementation, admin, reviewer, otherItem, otherImplementation, allRoles };
}
