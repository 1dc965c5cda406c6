// Factories for test data: makeOrg, makeUser. Domain modules add theirs (makeItem, makeGuide …).
import { randomUUID } from 'node:crypto';
import type { Database } from '../src/db/database.js';
import type { Level, OrgKind } from '../src/db/schema.js';
import { createOrg, upsertDivisions } from '../src/modules/orgs/service.js';
import { createUser } from '../src/modules/identity/service.js';
import type { Role } from '../src/modules/identity/permissions.js';

export async function ensureDivisions(db: Database): Promise<void> {
  await upsertDivisions(db, [
    { code: '15', name: '内蒙古自治区', level: 'province', parentCode: null },
    { code: '1522', name: '兴安盟', level: 'prefecture', parentCode: '15' },
    { code: '152201', name: '乌兰浩特市', level: 'county', parentCode: '1522' },
    { code: '152202', name: '阿尔山市', level: 'county', parentCode: '1522' },
  ]);
}

export async function makeOrg(
  db: Database,
  overrides: Partial<{ name: string; kind: OrgKind; level: Level; divisionCode: string; parentId: string | null; code: string }> = {},
) {
  await ensureDivisions(db);
  const suffix = randomUUID().slice(0, 8);
  return createOrg(db, {
    code: overrides.code ?? `ORG-${suffix}`,
    name: overrides.name ?? `测试机构${suffix}`,
    kind: overrides.kind ?? 'department',
    level: overrides.level ?? 'league',
    divisionCode: overrides.divisionCode ?? '1522',
    parentId: overrides.parentId ?? null,
  });
}

export async function makeUser(db: Database, orgId: string, roles: Role[], password = 'Test-Passw0rd!') {
  const username = `u_${randomUUID().slice(0, 8)}`;
  const id = await createUser(db, { username, displayName: `测试用户 ${username}`, password, orgId, roles });
  return { id, username, password };
}

// ——— catalog (事项目录、实施清单、办事指南) ———
import type { ItemType } from '../src/db/schema.js';
import { computeCreditCodeCheck, computeOrganizationCodeCheck } from '../src/lib/credit-code.js';
import { basicCode, implementationCode, ITEM_TYPE_CODES } from '../src/modules/catalog/codes.js';
import type { GuideContent } from '../src/modules/catalog/guide-content.js';
import { computeTotals } from '../src/modules/catalog/totals.js';

/** A structurally valid unified social credit code (GB 32100): a government body (11) registered in 兴安盟 (152200). */
export function makeCreditCode(): string {
  const body = String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
  const first17 = `11152200${body}${computeOrganizationCodeCheck(body)}`;
  return `${first17}${computeCreditCodeCheck(first17)}`;
}

/** An organization that can implement items: it has a unified social credit code (unless creditCode is null). */
export async function makeImplementingOrg(
  db: Database,
  overrides: Partial<{ name: string; kind: OrgKind; level: Level; divisionCode: string; parentId: string | null; creditCode: string | null }> = {},
) {
  await ensureDivisions(db);
  const suffix = randomUUID().slice(0, 8);
  const creditCode = overrides.creditCode === undefined ? makeCreditCode() : overrides.creditCode;
  const name = overrides.name ?? `测试实施机构${suffix}`;
  const org = await createOrg(db, {
    code: `ORG-${suffix}`,
    name,
    kind: overrides.kind ?? 'department',
    level: overrides.level ?? 'league',
    divisionCode: overrides.divisionCode ?? '1522',
    parentId: overrides.parentId ?? null,
    creditCode: creditCode ?? undefined,
  });
  return { ...org, name, creditCode };
}

/** A basic catalog item (or sub-item when parentId is given), inserted directly with the next free number. */
export async function makeItem(
  db: Database,
  overrides: Partial<{ name: string; type: ItemType; parentId: string; legalBasis: string[]; legalLimitDays: number | null; status: 'active' | 'retired' }> = {},
) {
  const id = randomUUID();
  const parent = overrides.parentId ? await db.selectFrom('catalog_items').selectAll().where('id', '=', overrides.parentId).executeTakeFirstOrThrow() : null;
  const type = parent?.type ?? overrides.type ?? 'licensing';
  const prefix = parent ? parent.code.slice(0, 7) : ITEM_TYPE_CODES[type];
  const used = await db.selectFrom('catalog_items').select('code').where('code', 'like', `${prefix}%`).execute();
  const highest = Math.max(0, ...used.map((r) => Number(parent ? r.code.slice(7, 10) : r.code.slice(2, 7))));
  const code = parent ? basicCode(type, Number(parent.code.slice(2, 7)), highest + 1) : basicCode(type, highest + 1);
  const name = overrides.name ?? `测试事项${id.slice(0, 6)}`;
  await db
    .insertInto('catalog_items')
    .values({
      id,
      code,
      name,
      type,
      parent_id: parent?.id ?? null,
      legal_basis: JSON.stringify(overrides.legalBasis ?? ['《中华人民共和国行政许可法》第二十九条']),
      legal_limit_days: overrides.legalLimitDays === undefined ? 20 : overrides.legalLimitDays,
      status: overrides.status ?? 'active',
      created_at: new Date(),
      updated_at: new Date(),
    })
    .execute();
  return { id, code, name, type, parentId: parent?.id ?? null, parentName: parent?.name ?? null };
}

/** An implementation entry (实施清单) of an item by an organization; creates either when not given. */
export async function makeImplementation(db: Database, input: Partial<{ itemId: string; orgId: string }> = {}) {
  const itemId = input.itemId ?? (await makeItem(db)).id;
  const orgId = input.orgId ?? (await makeImplementingOrg(db)).id;
  const item = await db.selectFrom('catalog_items').select('code').where('id', '=', itemId).executeTakeFirstOrThrow();
  const org = await db.selectFrom('orgs').select(['level', 'credit_code']).where('id', '=', orgId).executeTakeFirstOrThrow();
  if (!org.credit_code) throw new Error('makeImplementation: the organization has no credit code');
  const id = randomUUID();
  const code = implementationCode(item.code, org.level, org.credit_code);
  await db.insertInto('implementations').values({ id, item_id: itemId, org_id: orgId, code, level: org.level, created_at: new Date() }).execute();
  return { id, code, itemId, orgId };
}

/**
 * Complete guide content that the linter passes (every Art. 9 element, materials with legal basis,
 * forms with blank and sample, a result sample, promised 10 ≤ legal 20 working days).
 */
export function guideContent(overrides: Partial<GuideContent> = {}): GuideContent {
  return {
    itemName: '测试事项',
    itemType: 'licensing',
    acceptanceConditions: ['申请人具有完全民事行为能力'],
    implementingBody: '兴安盟测试局',
    serviceObjects: ['natural-person', 'legal-person'],
    legalLimit: { days: 20, unit: 'working-day' },
    promisedLimit: { days: 10, unit: 'working-day' },
    fees: { charged: false, items: [], basis: '依据《中华人民共和国行政许可法》第五十八条，不收费' },
    legalBasis: ['《中华人民共和国行政许可法》第二十九条'],
    materials: [
      {
        id: 'm1',
        name: '申请书',
        forms: ['original'],
        copies: 1,
        spec: 'A4',
        required: true,
        isForm: true,
        blankForm: { title: '申请书（空表）', url: 'https://example.gov.cn/forms/blank.pdf' },
        sampleForm: { title: '申请书（样表）', url: 'https://example.gov.cn/forms/sample.pdf' },
        source: 'applicant',
        legalBasis: '《中华人民共和国行政许可法》第二十九条',
      },
      {
        id: 'm2',
        name: '场地平面图',
        forms: ['copy'],
        copies: 1,
        spec: 'A4',
        required: true,
        isForm: false,
        source: 'applicant',
        legalBasis: '《中华人民共和国行政许可法》第三十一条',
      },
    ],
    situations: [],
    process: [
      { id: 's1', name: '受理', responsibleUnit: '综合受理窗口', timeLimit: { days: 1, unit: 'working-day' }, countsTowardLimit: true, onSite: true, materialIds: ['m1', 'm2'], legalBasis: '《中华人民共和国行政许可法》第三十二条' },
      { id: 's2', name: '审查', responsibleUnit: '业务科室', timeLimit: { days: 6, unit: 'working-day' }, countsTowardLimit: true, onSite: false, materialIds: [], legalBasis: '《中华人民共和国行政许可法》第三十四条' },
      { id: 's3', name: '决定', responsibleUnit: '分管领导', timeLimit: { days: 3, unit: 'working-day' }, countsTowardLimit: true, onSite: false, materialIds: [], legalBasis: '《中华人民共和国行政许可法》第三十七条' },
    ],
    handlingForms: ['online', 'window'],
    locations: [{ name: '兴安盟政务服务中心', address: '乌兰浩特市兴安盟政务服务中心一楼', hours: '工作日 9:00-17:00' }],
    result: {
      name: '准予许可决定书',
      kind: 'approval-document',
      sample: { title: '准予许可决定书（样本，已隐藏个人信息）', url: 'https://example.gov.cn/samples/decision.pdf' },
      delivery: ['window', 'electronic'],
    },
    consultation: { phone: '0482-8218120' },
    complaint: { phone: '12345' },
    ...overrides,
  };
}

/**
 * A published guide version in force from `effectiveFrom` (default 2024-01-01), inserted directly.
 * Creates the item, organization and implementation when no implementationId is given.
 */
export async function makeGuide(
  db: Database,
  input: Partial<{ implementationId: string; content: GuideContent; effectiveFrom: string; versionNo: number; status: 'draft' | 'submitted' | 'returned' | 'published'; createdBy: string }> = {},
) {
  const implementationId = input.implementationId ?? (await makeImplementation(db)).id;
  const item = await db
    .selectFrom('implementations as im')
    .innerJoin('catalog_items as it', 'it.id', 'im.item_id')
    .innerJoin('orgs as o', 'o.id', 'im.org_id')
    .leftJoin('catalog_items as p', 'p.id', 'it.parent_id')
    .select(['it.name', 'it.type', 'p.name as parent_name', 'o.name as org_name'])
    .where('im.id', '=', implementationId)
    .executeTakeFirstOrThrow();
  const content =
    input.content ??
    guideContent({ itemName: item.parent_name ?? item.name, itemType: item.type, implementingBody: item.org_name, ...(item.parent_name ? { subItemName: item.name } : {}) });
  const last = await db.selectFrom('guide_versions').select((eb) => eb.fn.max('version_no').as('n')).where('implementation_id', '=', implementationId).executeTakeFirst();
  const id = randomUUID();
  const status = input.status ?? 'published';
  const versionNo = input.versionNo ?? Number(last?.n ?? 0) + 1;
  await db
    .insertInto('guide_versions')
    .values({
      id,
      implementation_id: implementationId,
      version_no: versionNo,
      status,
      content: JSON.stringify(content),
      totals: JSON.stringify(computeTotals(content)),
      effective_from: status === 'published' ? (input.effectiveFrom ?? '2024-01-01') : (input.effectiveFrom ?? null),
      change_reason: '测试版本',
      created_by: input.createdBy ?? null,
      published_at: status === 'published' ? new Date() : null,
      created_at: new Date(),
      updated_at: new Date(),
    })
    .execute();
  return { id, implementationId, versionNo, content };
}
