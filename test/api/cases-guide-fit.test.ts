// What the guide version of a case decides beyond its materials: who may apply at all (服务对象,
// Art. 9) — a person is refused for an item that serves legal persons and other organizations only,
// an organization for an item that serves natural persons only, online and at the window, with
// nothing written — and the order in which the case's materials are listed (the guide's own order,
// Art. 10), in the staff's and the applicant's view alike, also after a supplement.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeCreditCodeCheck, computeOrganizationCodeCheck } from '../../src/lib/credit-code.js';
import { sensitiveColumns } from '../../src/lib/sm-crypto.js';
import { createApplicantSession } from '../../src/modules/applicants/service.js';
import type { GuideContent } from '../../src/modules/catalog/guide-content.js';
import {
  act,
  caseGuideContent,
  countRows,
  createCaseTestApp,
  makeCaseWorld,
  readCase,
  submitAtWindowRaw,
  submitOnlineRaw,
  uploadAsApplicant,
  type CaseTestApp,
  type CaseWorld,
  type TestApplicant,
} from '../case-fixture.js';
import { makeGuide, makeImplementation, makeItem } from '../factories.js';

let t: CaseTestApp;
let w: CaseWorld;
/** 企业注销登记-like: legal persons and other organizations only. */
let forOrganizations: string;
/** 个人事项: natural persons only. */
let forPersons: string;
/** A guide whose materials are listed 申请书, 营业执照 (shared), 清算报告, 决议, 公告, 清税证明. */
let ordered: string;
let company: TestApplicant & { creditCode: string };

/** A valid unified social credit code of an enterprise (91…) registered in 乌兰浩特市. */
function enterpriseCreditCode(): string {
  const body = String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
  const first17 = `91152201${body}${computeOrganizationCodeCheck(body)}`;
  return first17 + computeCreditCodeCheck(first17);
}

/** A real-name-verified enterprise account (统一社会信用代码) with a portal session. */
async function makeEnterpriseApplicant(name: string): Promise<TestApplicant & { creditCode: string }> {
  const columns = sensitiveColumns(t.config);
  const id = randomUUID();
  const creditCode = enterpriseCreditCode();
  const phone = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  const now = new Date();
  await t.db
    .insertInto('applicants')
    .values({
      id,
      kind: 'enterprise',
      name,
      id_number_enc: null,
      id_number_hash: null,
      credit_code: creditCode,
      credit_code_hash: columns.hash(creditCode),
      phone_enc: columns.encrypt(phone, 'applicants.phone'),
      phone_hash: columns.hash(phone),
      real_name_verified_at: now,
      real_name_provider: 'test',
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { id, name, idNumber: '', phone, creditCode, token: await createApplicantSession({ db: t.db, config: t.config }, id) };
}

async function implementationWith(name: string, content: GuideContent): Promise<string> {
  const item = await makeItem(t.db, { name });
  const implementation = await makeImplementation(t.db, { itemId: item.id, orgId: w.orgs.dept.id });
  await makeGuide(t.db, { implementationId: implementation.id, content, effectiveFrom: '2024-01-01' });
  return implementation.id;
}

const material = (id: string, name: string, extra: Partial<GuideContent['materials'][number]> = {}): GuideContent['materials'][number] => ({
  id,
  name,
  forms: ['original'],
  copies: 1,
  spec: 'A4',
  required: true,
  isForm: false,
  source: 'applicant',
  legalBasis: '《中华人民共和国市场主体登记管理条例》第三十一条',
  ...extra,
});

const GUIDE_ORDER = ['application', 'bizlicence', 'report', 'resolution', 'announcement', 'taxcert'];

beforeAll(async () => {
  t = await createCaseTestApp();
  w = await makeCaseWorld(t.db, t.config);
  forOrganizations = await implementationWith('企业注销登记', caseGuideContent({ itemName: '企业注销登记', serviceObjects: ['legal-person', 'other-organization'] }));
  forPersons = await implementationWith('个人事项', caseGuideContent({ itemName: '个人事项', serviceObjects: ['natural-person'] }));
  ordered = await implementationWith(
    '企业简易注销',
    caseGuideContent({
      itemName: '企业简易注销',
      serviceObjects: ['natural-person', 'legal-person', 'other-organization'],
      materials: [
        material('application', '注销登记申请书'),
        material('bizlicence', '营业执照', { forms: ['electronic'], copies: 0, spec: '', source: 'sharing', licenceTypeCode: 'YYZZ' }),
        material('report', '清算报告'),
        material('resolution', '股东会决议'),
        material('announcement', '注销公告'),
        material('taxcert', '清税证明', { required: false }),
      ],
      situations: [],
    }),
  );
  company = await makeEnterpriseApplicant('兴安盟草原晨光商贸有限公司');
}, 120_000);
afterAll(async () => t?.close());

const written = async () => ({
  cases: await countRows(t, 'cases'),
  actions: await countRows(t, 'case_actions'),
  materials: await countRows(t, 'case_materials'),
  outbox: await countRows(t, 'outbox_messages'),
  timers: await countRows(t, 'timers'),
  audit: await countRows(t, 'audit_log'),
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

function expectRefused(res: { statusCode: number; body: string; json(): Json }, field: string, zh: RegExp) {
  expect(res.statusCode, res.body).toBe(422);
  const problem = res.json();
  expect(problem.code).toBe('applicant-not-served');
  expect(problem.detail).toMatch(zh);
  // Chinese and English, and the field at fault.
  expect(problem.detail).toMatch(/\(this item serves .+ only/);
  expect(problem.invalidParams.map((p: { name: string }) => p.name)).toEqual([field]);
}

describe('服务对象: who may apply for an item', () => {
  it('refuses a person applying online for an item of legal persons and other organizations, writing nothing', async () => {
    const before = await written();
    const res = await submitOnlineRaw(t, w, { implementationId: forOrganizations });
    expectRefused(res, 'applicant.kind', /^本事项的服务对象为法人、其他组织，个人不能申请/);
    expect(res.json().detail).toContain('apply as an organization');
    expect(await written()).toEqual(before);
  });

  it('refuses the same person entered at the window, writing nothing', async () => {
    const before = await written();
    const res = await submitAtWindowRaw(t, w, { implementationId: forOrganizations });
    expectRefused(res, 'body.applicant.kind', /^本事项的服务对象为法人、其他组织，个人不能申请/);
    expect(await written()).toEqual(before);
  });

  it('refuses an organization for an item of natural persons only, online and at the window, writing nothing', async () => {
    const before = await written();
    const online = await submitOnlineRaw(t, w, { applicant: company, implementationId: forPersons });
    expectRefused(online, 'applicant.kind', /^本事项的服务对象为自然人，法人及其他组织不能申请/);
    expect(online.json().detail).toContain('apply as a person');
    const window = await submitAtWindowRaw(t, w, {
      implementationId: forPersons,
      applicant: { kind: 'enterprise', name: company.name, creditCode: enterpriseCreditCode(), phone: '13904820199' },
    });
    expectRefused(window, 'body.applicant.kind', /^本事项的服务对象为自然人，法人及其他组织不能申请/);
    expect(await written()).toEqual(before);
  });

  it('takes each applicant where the guide serves them', async () => {
    const online = await submitOnlineRaw(t, w, { applicant: company, implementationId: forOrganizations });
    expect(online.statusCode, online.body).toBe(201);
    expect(online.json().applicant).toMatchObject({ kind: 'enterprise', name: company.name });
    const window = await submitAtWindowRaw(t, w, { implementationId: forPersons });
    expect(window.statusCode, window.body).toBe(201);
    expect(window.json().applicant).toMatchObject({ kind: 'person', name: w.applicant.name });
  });
});

describe('case materials in the guide’s order', () => {
  const ids = (detail: Json) => detail.materials.map((m: { materialId: string }) => m.materialId);
  const present = (order: string[]) => GUIDE_ORDER.filter((id) => order.includes(id));

  it('lists the materials of a window case as the guide lists them, whatever order they were handed in', async () => {
    const res = await submitAtWindowRaw(t, w, {
      implementationId: ordered,
      situationId: null,
      materials: ['taxcert', 'announcement', 'resolution', 'report', 'application'].map((materialId) => ({ materialId, paper: true })),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(ids(res.json())).toEqual(GUIDE_ORDER);
    expect(ids(await readCase(t, w.users.clerk, res.json().id))).toEqual(GUIDE_ORDER);
  });

  it('lists an online case the same way to the applicant and to staff, also after a supplement replaced a material', async () => {
    const given = [];
    for (const materialId of ['resolution', 'announcement', 'report', 'application']) {
      given.push({ materialId, fileId: await uploadAsApplicant(t, w.applicant.token, `${materialId}.pdf`) });
    }
    const res = await submitOnlineRaw(t, w, { implementationId: ordered, situationId: null, materials: given });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    const expected = present(['application', 'bizlicence', 'report', 'resolution', 'announcement']);
    expect(ids(c)).toEqual(expected);
    expect(ids(c)).toEqual(c.guideMaterials.map((m: { id: string }) => m.id).filter((id: string) => expected.includes(id)));

    // The report is asked for again and supplied the next day: its new row is the newest, and it
    // still stands in the guide's place.
    await act(t, w.users.clerk, c.id, 'request-supplement', { items: [{ materialId: 'report', note: '清算报告缺少签字' }], deadlineOn: '2026-03-09' });
    const version = (await readCase(t, w.users.clerk, c.id)).version;
    t.clock.set(new Date('2026-03-03T10:00:00+08:00'));
    const report = await uploadAsApplicant(t, w.applicant.token, '清算报告2.pdf');
    const supplied = await t.asApplicant(w.applicant.token, { method: 'POST', url: `/api/my/cases/${c.id}/supply`, payload: { version, materials: [{ materialId: 'report', fileId: report }] } });
    expect(supplied.statusCode, supplied.body).toBe(200);
    expect(ids(supplied.json())).toEqual(expected);
    const mine = await t.asApplicant(w.applicant.token, { method: 'GET', url: `/api/my/cases/${c.id}` });
    expect(ids(mine.json())).toEqual(expected);
    expect(mine.json().materials.find((m: Json) => m.materialId === 'report').file.id).toBe(report);
    expect(ids(await readCase(t, w.users.clerk, c.id))).toEqual(expected);
  });
});
