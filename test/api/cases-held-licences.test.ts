// Applications use held licences (Art. 10(四), Art. 20; issue 6): where a guide material is an
// e-licence type and the platform holds a licence of that type IN FORCE for the applicant (same
// identity), the application shows it as provided and never asks for it — online and at the
// window, whether the guide says the applicant supplies it or the platform shares it. A cancelled
// or expired licence, or another person's, is never used: the material is then demanded as usual.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LICENCE_TYPES } from '../../src/modules/catalog/licence-types.js';
import { cancelLicence, expireLicence } from '../../src/modules/licences/service.js';
import {
  caseGuideContent,
  countRows,
  createCaseTestApp,
  makeApplicant,
  makeCaseWorld,
  PNG,
  submitAtWindowRaw,
  submitOnlineRaw,
  uploadAsApplicant,
  type CaseTestApp,
  type CaseWorld,
  type TestApplicant,
} from '../case-fixture.js';
import { makeGuide, makeImplementation, makeItem } from '../factories.js';
import { BUSINESS_LICENCE, FOOD_LICENCE, issue } from './licence-fixture.js';

let t: CaseTestApp;
let w: CaseWorld;
/** 食品经营许可延续: the applicant's own food business licence (source 'applicant') and the business licence (source 'sharing'). */
let renewal: { id: string; code: string };

beforeAll(async () => {
  t = await createCaseTestApp();
  w = await makeCaseWorld(t.db, t.config);
  await t.db
    .insertInto('licence_types')
    .values(DEFAULT_LICENCE_TYPES.map((l) => ({ code: l.code, name: l.name, issuing_department: l.issuingDepartment, shareable: true })))
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  const base = caseGuideContent().materials;
  renewal = await makeImplementation(t.db, { itemId: (await makeItem(t.db, { name: '食品经营许可延续' })).id, orgId: w.orgs.dept.id });
  await makeGuide(t.db, {
    implementationId: renewal.id,
    effectiveFrom: '2024-01-01',
    content: caseGuideContent({
      itemName: '食品经营许可延续',
      materials: [
        base.find((m) => m.id === 'application')!,
        // The guide asks the applicant for it; the platform holding it must win (Art. 10(四)).
        { ...base.find((m) => m.id === 'floorplan')!, id: 'foodlicence', name: '食品经营许可证（原证）', source: 'applicant', licenceTypeCode: FOOD_LICENCE },
        { ...base.find((m) => m.id === 'bizlicence')!, licenceTypeCode: BUSINESS_LICENCE },
      ],
      situations: [],
    }),
  });
}, 120_000);
afterAll(async () => t?.close());

const deps = () => t.app.deps;

/** A licence of the type for the person, issued by the department, in force from today. */
const holdLicence = (a: TestApplicant, typeCode = FOOD_LICENCE, validUntil: string | null = '2029-03-01') =>
  issue(deps(), { issuerOrgId: w.orgs.dept.id, licenceTypeCode: typeCode, holder: { kind: 'person', identity: a.idNumber, name: a.name }, validUntil });

const applyOnline = async (a: TestApplicant, extra: Array<{ materialId: string; fileId: string }> = []) =>
  submitOnlineRaw(t, w, {
    applicant: a,
    implementationId: renewal.id,
    situationId: null,
    materials: [{ materialId: 'application', fileId: await uploadAsApplicant(t, a.token, '延续申请书.pdf') }, ...extra],
  });

const materialRow = (caseId: string, materialId: string) =>
  t.db.selectFrom('case_materials').select(['source', 'licence_id', 'file_id']).where('case_id', '=', caseId).where('material_id', '=', materialId).where('superseded_at', 'is', null).executeTakeFirstOrThrow();

const heldAtWindow = (query: string, clerk = w.users.clerk) => t.injectAs(clerk, { method: 'GET', url: `/api/cases/held-licences?implementationId=${renewal.id}&${query}` });

describe('online: a licence the platform holds is already provided', () => {
  it('takes the applicant’s food business licence instead of an upload, recording it as shared with the licence', async () => {
    const a = await makeApplicant(t.db, t.config);
    const food = await holdLicence(a);
    const business = await holdLicence(a, BUSINESS_LICENCE, null);

    const res = await applyOnline(a);
    expect(res.statusCode, res.body).toBe(201);
    const detail = res.json();
    const byId = Object.fromEntries(detail.materials.map((m: { materialId: string }) => [m.materialId, m]));
    expect(byId.foodlicence).toMatchObject({
      source: 'sharing',
      file: null,
      licence: { id: food.id, typeName: '食品经营许可证', licenceNumber: food.licenceNumber, identifier: food.identifier, validUntil: '2029-03-01', status: 'active', statusName: '有效' },
    });
    // A 'sharing' material of the guide that the platform holds names its licence too (长期: no end).
    expect(byId.bizlicence).toMatchObject({ source: 'sharing', licence: { id: business.id, typeName: '营业执照', validUntil: null } });
    expect(byId.application).toMatchObject({ source: 'upload', licence: null });
    expect(await materialRow(detail.id, 'foodlicence')).toEqual({ source: 'sharing', licence_id: food.id, file_id: null });
    expect(detail.history[0].details.materials).toContainEqual({ materialId: 'foodlicence', source: 'sharing', licenceId: food.id });

    // Staff see the same licence in the workbench.
    const staff = await t.injectAs(w.users.clerk, { method: 'GET', url: `/api/cases/${detail.id}` });
    expect(staff.json().materials.find((m: { materialId: string }) => m.materialId === 'foodlicence').licence).toMatchObject({ id: food.id, identifier: food.identifier });
    // …and the applicant's own case page says where it came from.
    const page = await t.app.inject({ method: 'GET', url: `/my/cases/${detail.id}`, cookies: { tb_applicant: a.token } });
    expect(page.body).toContain(`食品经营许可证（原证）：已由平台调取：食品经营许可证（编号 ${food.licenceNumber}）`);
  });

  it('refuses the held material when it is uploaded as well, naming the entry, and writes nothing', async () => {
    const a = await makeApplicant(t.db, t.config);
    await holdLicence(a);
    const before = await countRows(t, 'cases');
    const res = await applyOnline(a, [{ materialId: 'foodlicence', fileId: await uploadAsApplicant(t, a.token, '许可证.png', PNG) }]);
    expect(res.statusCode).toBe(422);
    expect(res.json().invalidParams).toEqual([{ name: 'body.materials.1.materialId', reason: expect.stringContaining('已由平台调取电子证照（食品经营许可证') }]);
    expect(await countRows(t, 'cases')).toBe(before);
  });

  it('does not offer an earlier upload (一证办理) for a material the platform holds as a licence', async () => {
    const a = await makeApplicant(t.db, t.config);
    // First without a licence: the applicant uploads it.
    const first = await applyOnline(a, [{ materialId: 'foodlicence', fileId: await uploadAsApplicant(t, a.token, '许可证-旧.png', PNG) }]);
    expect(first.statusCode, first.body).toBe(201);
    const offered = async () =>
      (await t.asApplicant(a.token, { method: 'GET', url: `/api/my/reusable?implementationId=${renewal.id}` })).json().items.map((i: { materialId: string }) => i.materialId);
    expect(await offered()).toContain('foodlicence');
    await holdLicence(a);
    expect(await offered()).not.toContain('foodlicence');
  });
});

describe('a licence that is not in force, or not the applicant’s, is never used', () => {
  it('demands the material when the licence was cancelled', async () => {
    const a = await makeApplicant(t.db, t.config);
    const food = await holdLicence(a);
    await deps().db.transaction().execute((trx) => cancelLicence(trx, deps(), { licenceId: food.id, reason: '经营者申请注销' }));

    const missing = await applyOnline(a);
    expect(missing.statusCode).toBe(422);
    expect(missing.json()).toMatchObject({ code: 'materials-missing' });
    expect(missing.json().detail).toContain('食品经营许可证（原证）');

    const res = await applyOnline(a, [{ materialId: 'foodlicence', fileId: await uploadAsApplicant(t, a.token, '许可证.png', PNG) }]);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().materials.find((m: { materialId: string }) => m.materialId === 'foodlicence')).toMatchObject({ source: 'upload', licence: null });
    expect((await materialRow(res.json().id, 'foodlicence')).licence_id).toBeNull();
    const atWindow = await heldAtWindow(`kind=person&idNumber=${a.idNumber}`);
    expect(atWindow.json().items).toEqual([]);
  });

  it('demands the material once the licence’s last valid day has passed, before and after the expiry timer ran', async () => {
    const a = await makeApplicant(t.db, t.config);
    const start = t.clock.now();
    const food = await holdLicence(a, FOOD_LICENCE, '2026-03-02');
    try {
      // On its last valid day it still stands for the material.
      expect((await heldAtWindow(`kind=person&idNumber=${a.idNumber}`)).json().items.map((i: { materialId: string }) => i.materialId)).toEqual(['foodlicence']);
      t.clock.advanceDays(1);
      // The day after: still marked active (the timer has not run), yet not in force.
      expect((await t.db.selectFrom('licences').select('status').where('id', '=', food.id).executeTakeFirstOrThrow()).status).toBe('active');
      const before = await applyOnline(a);
      expect(before.statusCode).toBe(422);
      expect(before.json().code).toBe('materials-missing');
      expect(await deps().db.transaction().execute((trx) => expireLicence(trx, deps(), food.id))).toBe(true);
      const after = await applyOnline(a);
      expect(after.statusCode).toBe(422);
      expect(after.json().code).toBe('materials-missing');
    } finally {
      t.clock.set(start);
    }
  });

  it('never uses another person’s licence', async () => {
    const holder = await makeApplicant(t.db, t.config);
    const other = await makeApplicant(t.db, t.config);
    await holdLicence(holder);

    const res = await applyOnline(other);
    expect(res.statusCode).toBe(422);
    expect(res.json().detail).toContain('食品经营许可证（原证）');
    expect((await heldAtWindow(`kind=person&idNumber=${other.idNumber}`)).json().items).toEqual([]);
    // The same application by the holder goes through: the licence itself would do.
    expect((await applyOnline(holder)).statusCode).toBe(201);
  });
});

describe('at the window', () => {
  it('shows the clerk which materials the platform holds and takes none of them on paper', async () => {
    const a = await makeApplicant(t.db, t.config);
    const food = await holdLicence(a);

    const held = await heldAtWindow(`kind=person&idNumber=${a.idNumber}`);
    expect(held.statusCode, held.body).toBe(200);
    expect(held.json().items).toEqual([
      {
        materialId: 'foodlicence',
        materialName: '食品经营许可证（原证）',
        licence: { id: food.id, identifier: food.identifier, typeName: '食品经营许可证', licenceNumber: food.licenceNumber, issuerName: '兴安盟市场监督管理局', validUntil: '2029-03-01', status: 'active', statusName: '有效' },
      },
    ]);

    const applicant = { kind: 'person' as const, name: a.name, idNumber: a.idNumber };
    const paperToo = await submitAtWindowRaw(t, w, { implementationId: renewal.id, situationId: null, applicant, materials: [{ materialId: 'application', paper: true }, { materialId: 'foodlicence', paper: true }] });
    expect(paperToo.statusCode).toBe(422);
    expect(paperToo.json().invalidParams[0].name).toBe('body.materials.1.materialId');

    const res = await submitAtWindowRaw(t, w, { implementationId: renewal.id, situationId: null, applicant, materials: [{ materialId: 'application', paper: true }] });
    expect(res.statusCode, res.body).toBe(201);
    expect(await materialRow(res.json().id, 'foodlicence')).toEqual({ source: 'sharing', licence_id: food.id, file_id: null });
  });

  it('checks the identity number and the clerk’s scope', async () => {
    const id = w.applicant.idNumber;
    const bad = await heldAtWindow(`kind=person&idNumber=${id.slice(0, 17)}${id[17] === '0' ? '1' : '0'}`);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().invalidParams.map((p: { name: string }) => p.name)).toContain('querystring.idNumber');
    const noNumber = await heldAtWindow('kind=enterprise');
    expect(noNumber.statusCode).toBe(422);
    expect(noNumber.json().invalidParams[0].name).toBe('querystring.creditCode');
    // A clerk of another department does not enter applications for this item.
    expect((await heldAtWindow(`kind=person&idNumber=${w.applicant.idNumber}`, w.users.outsider)).statusCode).toBe(403);
    // A reviewer does not accept applications at all.
    expect((await heldAtWindow(`kind=person&idNumber=${w.applicant.idNumber}`, w.users.reviewer)).statusCode).toBe(403);
  });
});
