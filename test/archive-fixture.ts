// A case taken from an online application to delivery, for the archive tests (API and CLI):
// the applicant uploads an application form and a floor plan, the clerk asks once for a better floor
// plan (一次性告知), the applicant supplies it (the first plan is superseded), then acceptance,
// review, a granted decision and delivery at the window. The notices are left for the export to seal.
import { expect } from 'vitest';
import { act, PDF, PNG, submitOnline, uploadAsApplicant, type CaseTestApp, type CaseWorld } from './case-fixture.js';

export interface DeliveredCase {
  id: string;
  caseNumber: string;
  /** The bytes of each file received, by the file name it was uploaded under. */
  received: Record<string, Buffer>;
}

/** Distinct bytes per file (the magic bytes stay), so each file's hash is its own. */
const fileBytes = (magic: Buffer, label: string) => Buffer.concat([magic, Buffer.from(`\n${label} ${Math.random()}\n`)]);

export async function deliveredCase(t: CaseTestApp, world: CaseWorld): Promise<DeliveredCase> {
  const token = world.applicant.token;
  const received = {
    '申请书.pdf': fileBytes(PDF, '申请书'),
    '平面图.png': fileBytes(PNG, '平面图'),
    '平面图2.pdf': fileBytes(PDF, '平面图（补正）'),
  };
  const submitted = await submitOnline(t, world, {
    materials: [
      { materialId: 'application', fileId: await uploadAsApplicant(t, token, '申请书.pdf', received['申请书.pdf']) },
      { materialId: 'floorplan', fileId: await uploadAsApplicant(t, token, '平面图.png', received['平面图.png']) },
    ],
  });
  const asked = await act(t, world.users.clerk, submitted.id, 'request-supplement', { items: [{ materialId: 'floorplan', note: '平面图未标注尺寸' }], deadlineOn: '2026-03-09' });
  const plan = await uploadAsApplicant(t, token, '平面图2.pdf', received['平面图2.pdf']);
  const supplied = await t.asApplicant(token, { method: 'POST', url: `/api/my/cases/${submitted.id}/supply`, payload: { version: asked.version, materials: [{ materialId: 'floorplan', fileId: plan }] } });
  expect(supplied.statusCode, supplied.body).toBe(200);
  await act(t, world.users.clerk, submitted.id, 'accept');
  await act(t, world.users.reviewer, submitted.id, 'complete-review', { opinion: '符合条件' });
  await act(t, world.users.decider, submitted.id, 'grant', { resultForms: ['paper'] });
  const delivered = await act(t, world.users.clerk, submitted.id, 'deliver', { method: 'window' });
  expect(delivered.state).toBe('delivered');
  return { id: submitted.id, caseNumber: submitted.caseNumber, received };
}

/** GET /api/cases/:id/archive as a staff member. */
export const exportArchive = (t: CaseTestApp, userId: string, caseId: string) => t.injectAs(userId, { method: 'GET', url: `/api/cases/${caseId}/archive` });
