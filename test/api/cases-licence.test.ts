// A granted case whose result is a licence (结果类型：证照) issues the holder's electronic licence
// (Art. 27) in the same transaction as the decision; other results issue none.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLicenceId } from '../../src/lib/licence-id.js';
import { DEFAULT_LICENCE_TYPES } from '../../src/modules/catalog/licence-types.js';
import { forgetGuideContent } from '../../src/modules/catalog/published-content.js';
import { createPlatformRunner } from '../../src/modules/jobs/registry.js';
import { act, caseGuideContent, createCaseTestApp, makeCaseWorld, submitAtWindow, type CaseTestApp, type CaseWorld } from '../case-fixture.js';

const FOOD_LICENCE = DEFAULT_LICENCE_TYPES.find((t) => t.name === '食品经营许可证')!;

let t: CaseTestApp;
let world: CaseWorld;

beforeAll(async () => {
  t = await createCaseTestApp();
  world = await makeCaseWorld(t.db, t.config);
  await t.db.insertInto('licence_types').values({ code: FOOD_LICENCE.code, name: FOOD_LICENCE.name, issuing_department: FOOD_LICENCE.issuingDepartment, shareable: true }).execute();
});
afterAll(async () => t?.close());

async function grantCase(licenceValidUntil?: string) {
  const submitted = await submitAtWindow(t, world);
  await act(t, world.users.clerk, submitted.id, 'accept', {});
  await act(t, world.users.reviewer, submitted.id, 'complete-review', { opinion: '符合条件' });
  return act(t, world.users.decider, submitted.id, 'grant', { resultForms: ['electronic'], ...(licenceValidUntil ? { licenceValidUntil } : {}) });
}

describe('granting an item whose result is a licence', () => {
  it('issues an e-licence to the applicant with the national identifier, verifiable publicly', async () => {
    await t.db
      .updateTable('guide_versions')
      .set({ content: JSON.stringify(caseGuideContent({ result: { name: '食品经营许可证', kind: 'licence', licenceTypeCode: FOOD_LICENCE.code, delivery: ['window', 'electronic'] } })) })
      .where('id', '=', world.guide.id)
      .execute();
    const granted = await grantCase('2031-03-01');
    const row = await t.db.selectFrom('cases').select(['applicant_id_hash', 'org_id']).where('id', '=', granted.id).executeTakeFirstOrThrow();
    const licences = await t.db.selectFrom('licences').selectAll().where('case_id', '=', granted.id).execute();
    expect(licences).toHaveLength(1);
    const licence = licences[0]!;
    expect(licence.holder_hash).toBe(row.applicant_id_hash);
    expect(licence.issuer_org_id).toBe(row.org_id);
    expect(licence.licence_type_code).toBe(FOOD_LICENCE.code);
    expect(licence.valid_until).toBe('2031-03-01');
    const parsed = parseLicenceId(licence.identifier);
    expect(parsed.valid).toBe(true);

    // The job runner issues the licence as a sealed PDF, verifiable like every document.
    await createPlatformRunner(t.app.deps).runOnce();
    const sealed = await t.db.selectFrom('licences').select('document_id').where('id', '=', licence.id).executeTakeFirstOrThrow();
    expect(sealed.document_id).not.toBeNull();
    const verified = (await t.app.inject({ method: 'GET', url: `/api/public/verify/${sealed.document_id}` })).json();
    expect(verified).toMatchObject({ verdict: 'genuine', document: { title: FOOD_LICENCE.name } });
    // Scanning the licence PDF's QR code: the document is genuine, and the page says the licence's status now.
    const documentPage = await t.app.inject({ method: 'GET', url: `/verify/${sealed.document_id}` });
    expect(documentPage.body).toContain('电子证照当前状态');
    expect(documentPage.body).toContain('<strong>有效</strong>');
    expect(documentPage.body).toContain(`/verify/licence/${encodeURIComponent(licence.identifier)}`);

    const page = await t.app.inject({ method: 'GET', url: `/verify/licence/${encodeURIComponent(licence.identifier)}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('有效');
    // The decision is audited with the licence it issued.
    const audit = await t.db.selectFrom('audit_log').select('changes').where('action', '=', 'case.grant').where('object_id', '=', granted.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.changes)).toContain(licence.identifier);
  });

  it('issues none when the result is an approval document', async () => {
    await t.db.updateTable('guide_versions').set({ content: JSON.stringify(caseGuideContent()) }).where('id', '=', world.guide.id).execute();
    forgetGuideContent(world.guide.id);
    const granted = await grantCase();
    expect(await t.db.selectFrom('licences').select('id').where('case_id', '=', granted.id).execute()).toHaveLength(0);
  });
});
