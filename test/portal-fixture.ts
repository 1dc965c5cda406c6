// Published guides for the portal tests, inserted directly with the catalog factories (the portal
// only reads published rows), with a richer content than guideContent(): situations, a shared licence.
import type { Database } from '../src/db/database.js';
import type { GuideContent } from '../src/modules/catalog/guide-content.js';
import { refreshSearchIndex } from '../src/modules/search/service.js';
import { makeGuide, makeImplementation, makeImplementingOrg, makeItem } from './factories.js';

export function foodLicenceContent(overrides: Partial<GuideContent> = {}): GuideContent {
  return {
    itemName: '食品经营许可',
    subItemName: '食品经营许可（新办）',
    itemType: 'licensing',
    acceptanceConditions: ['已取得营业执照等合法主体资格', '具有与经营的食品品种、数量相适应的经营场所'],
    implementingBody: '乌兰浩特市市场监督管理局',
    serviceObjects: ['legal-person', 'natural-person'],
    legalLimit: { days: 20, unit: 'working-day' },
    promisedLimit: { days: 5, unit: 'working-day' },
    fees: { charged: false, items: [], basis: '依据《食品经营许可和备案管理办法》不收取费用' },
    legalBasis: ['《中华人民共和国食品安全法》第三十五条', '《食品经营许可和备案管理办法》'],
    materials: [
      {
        id: 'application',
        name: '食品经营许可申请书',
        forms: ['original'],
        copies: 1,
        spec: 'A4',
        required: true,
        isForm: true,
        blankForm: { title: '申请书空白表', url: '/files/blank.pdf' },
        sampleForm: { title: '申请书示例', url: '/files/sample.pdf' },
        source: 'applicant',
        legalBasis: '《食品经营许可和备案管理办法》第十二条',
      },
      {
        id: 'floorplan',
        name: '经营场所平面布局图',
        forms: ['original', 'electronic'],
        copies: 1,
        spec: 'A4',
        required: true,
        isForm: false,
        source: 'applicant',
        legalBasis: '《食品经营许可和备案管理办法》第十二条',
      },
      {
        id: 'bizlicence',
        name: '营业执照',
        forms: ['electronic'],
        copies: 0,
        spec: '',
        required: true,
        isForm: false,
        source: 'sharing',
        licenceTypeCode: 'YYZZ',
        legalBasis: '《食品经营许可和备案管理办法》第十二条',
      },
    ],
    situations: [
      { id: 'new', name: '新办', materialIds: ['application', 'floorplan', 'bizlicence'] },
      { id: 'change', name: '变更', materialIds: ['application'] },
    ],
    process: [
      { id: 'accept', name: '受理', responsibleUnit: '政务服务中心综合窗口', timeLimit: { days: 1, unit: 'working-day' }, countsTowardLimit: true, onSite: true, materialIds: ['application'], legalBasis: '《行政许可法》第三十二条' },
      { id: 'review', name: '审查', responsibleUnit: '食品经营许可科', timeLimit: { days: 3, unit: 'working-day' }, countsTowardLimit: true, onSite: false, materialIds: [], legalBasis: '《行政许可法》第三十四条' },
      { id: 'decide', name: '决定', responsibleUnit: '分管局领导', timeLimit: { days: 1, unit: 'working-day' }, countsTowardLimit: true, onSite: false, materialIds: [], legalBasis: '《行政许可法》第三十七条' },
    ],
    handlingForms: ['online', 'window'],
    locations: [{ name: '乌兰浩特市政务服务中心 一楼 综合窗口', address: '兴安盟乌兰浩特市兴安北大路 1 号', hours: '工作日 8:30-12:00，13:30-17:30' }],
    result: { name: '食品经营许可证', kind: 'licence', sample: { title: '食品经营许可证（样本）', url: '/files/result-sample.pdf' }, delivery: ['window', 'electronic'] },
    consultation: { phone: '0482-8266123' },
    complaint: { phone: '12345', other: '兴安盟政务服务网 在线投诉' },
    ...overrides,
  };
}

export interface SeededGuide {
  itemCode: string;
  implementationCode: string;
  implementationId: string;
  orgId: string;
  orgName: string;
  /** Version ids, in version order. */
  versionIds: string[];
}

/**
 * One item implemented by a county market-regulation bureau, with the given versions
 * ({ effectiveFrom, content?, status? }, numbered in order), indexed for search as a
 * publication would (refreshSearchIndex).
 */
export async function seedPublishedGuide(
  db: Database,
  versions: { effectiveFrom: string; content?: GuideContent; status?: 'published' | 'draft' }[] = [{ effectiveFrom: '2024-01-01' }],
): Promise<SeededGuide> {
  const orgName = '乌兰浩特市市场监督管理局';
  const org = await makeImplementingOrg(db, { name: orgName, level: 'county', divisionCode: '152201' });
  const item = await makeItem(db, { name: '食品经营许可', type: 'licensing' });
  const impl = await makeImplementation(db, { itemId: item.id, orgId: org.id });
  const versionIds: string[] = [];
  for (const v of versions) {
    const made = await makeGuide(db, { implementationId: impl.id, content: v.content ?? foodLicenceContent(), effectiveFrom: v.effectiveFrom, status: v.status ?? 'published' });
    versionIds.push(made.id);
  }
  await refreshSearchIndex(db, impl.id);
  return { itemCode: item.code, implementationCode: impl.code, implementationId: impl.id, orgId: org.id, orgName, versionIds };
}
