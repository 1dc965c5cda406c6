// The actions on a case through the API (issue 5, Art. 16–19): every transition and every refusal
// (wrong state, wrong organization, wrong role, material outside the guide, asking again for an
// accepted material, a decision after the case ended), notices and their PDFs, the due date on the
// real calendar across 春节 and 国庆 2026 with a pause, the refusal for a year without holiday data,
// concurrent actions, and the append-only history that the state is derived from.
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { shippedCalendar } from '../../src/lib/calendar/index.js';
import { startOfDayAfter } from '../../src/modules/cases/rules.js';
import {
  act,
  actRaw,
  caseRow,
  createCaseTestApp,
  expectHistoryConsistent,
  makeCaseWorld,
  PDF,
  readCase,
  submitAtWindow,
  submitOnline,
  uploadAsApplicant,
  type CaseTestApp,
  type CaseWorld,
} from '../case-fixture.js';
import { makeUser } from '../factories.js';

let t: CaseTestApp;
let w: CaseWorld;

beforeAll(async () => {
  t = await createCaseTestApp();
  w = await makeCaseWorld(t.db, t.config);
}, 120_000);
afterAll(async () => t?.close());

// ——— helpers ———

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

function expectProblem(res: LightMyRequestResponse, status: number, code: string, field?: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.json().code).toBe(code);
  if (field) expect(res.json().invalidParams.map((p: { name: string }) => p.name)).toContain(field);
}

async function timer(kind: string, id: string) {
  return t.db.selectFrom('timers').selectAll().where('kind', '=', kind).where('subject_id', '=', id).executeTakeFirst();
}

async function messages(id: string, templateKey: string) {
  return t.db.selectFrom('outbox_messages').select(['channel', 'subject', 'body']).where('case_id', '=', id).where('template_key', '=', templateKey).execute();
}

async function notices(id: string) {
  return t.db.selectFrom('case_notices').select(['id', 'kind', 'number', 'content', 'deadline_on']).where('case_id', '=', id).orderBy('created_at').orderBy('number').execute();
}

async function actionCount(id: string) {
  return (await t.db.selectFrom('case_actions').select('seq').where('case_id', '=', id).execute()).length;
}

const applicantMaterials = async () => [
  { materialId: 'application', fileId: await uploadAsApplicant(t, w.applicant.token, '申请书.pdf') },
  { materialId: 'floorplan', fileId: await uploadAsApplicant(t, w.applicant.token, '平面图.pdf') },
];

const setDay = (date: string, time = '09:00') => t.clock.set(`${date}T${time}:00+08:00`);
const cal = shippedCalendar();

// ——— acceptance ———

describe('受理 accept', () => {
  it('accepts, computes the due date, issues the receipt, cancels the acceptance timer, tells the applicant', async () => {
    setDay('2026-03-02');
    const c = await submitOnline(t, w);
    expect((await timer('case.acceptance-due', c.id))?.status).toBe('pending');
    const d = await act(t, w.users.clerk, c.id, 'accept');
    expect(d.state).toBe('under-review');
    expect(d.acceptedOn).toBe('2026-03-02');
    // 20 working days after Mon 3/2: 3/3–3/6, 3/9–13, 3/16–20, 3/23–27, Mon 3/30.
    expect(d.dueOn).toBe('2026-03-30');
    expect(d.materials.every((m: Json) => m.status === 'accepted')).toBe(true);
    const [receipt] = await notices(c.id);
    expect(receipt.kind).toBe('acceptance-receipt');
    expect(receipt.number).toBe(`${c.caseNumber}-SL`);
    expect(receipt.content).toMatchObject({ caseNumber: c.caseNumber, acceptedOn: '2026-03-02', dueOn: '2026-03-30', link: `${t.config.publicUrl}/my/cases/${c.id}` });
    expect(d.notices.map((n: Json) => n.number)).toEqual([`${c.caseNumber}-SL`]);
    expect((await timer('case.acceptance-due', c.id))?.status).toBe('cancelled');
    const sent = await messages(c.id, 'case.accepted');
    expect(sent.map((m) => m.channel).sort()).toEqual(['email', 'portal', 'sms']);
    expect(sent.find((m) => m.channel === 'email')!.body).toContain('2026-03-30');
    const audit = await t.db.selectFrom('audit_log').select(['action', 'actor_id']).where('object_id', '=', c.id).where('action', '=', 'case.accept').execute();
    expect(audit).toEqual([{ action: 'case.accept', actor_id: w.users.clerk }]);
    await expectHistoryConsistent(t, c.id);
  });

  it('the receipt downloads as a PDF for staff in scope and for the applicant, and for nobody else', async () => {
    setDay('2026-03-02');
    const c = await submitOnline(t, w);
    const d = await act(t, w.users.clerk, c.id, 'accept');
    const notice = d.notices[0];
    const staff = await t.injectAs(w.users.reviewer, { method: 'GET', url: notice.url });
    expect(staff.statusCode).toBe(200);
    expect(staff.headers['content-type']).toBe('application/pdf');
    expect(String(staff.headers['content-disposition'])).toMatch(/^attachment; filename=.*filename\*=UTF-8''/);
    expect(String(staff.headers['content-disposition'])).toContain(encodeURIComponent('受理凭证'));
    const doc = await PDFDocument.load(staff.rawPayload);
    expect(doc.getTitle()).toBe(`受理凭证 ${c.caseNumber}-SL`);
    const mine = await t.asApplicant(w.applicant.token, { method: 'GET', url: `/api/my/cases/${c.id}/notices/${notice.id}/pdf` });
    expect(mine.statusCode).toBe(200);
    expect(mine.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // Someone else's case, another organization's staff, a notice of another case: 404 alike.
    expect((await t.asApplicant(w.otherApplicant.token, { method: 'GET', url: `/api/my/cases/${c.id}/notices/${notice.id}/pdf` })).statusCode).toBe(404);
    expect((await t.injectAs(w.users.outsider, { method: 'GET', url: notice.url })).statusCode).toBe(404);
    const other = await submitOnline(t, w);
    expect((await t.injectAs(w.users.clerk, { method: 'GET', url: `/api/cases/${other.id}/notices/${notice.id}/pdf` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/my/cases/${c.id}/notices/${notice.id}/pdf` })).statusCode).toBe(401);
  });

  it('refuses another organization (404), a role without case.accept (403), a stale version (409) and a wrong state (409)', async () => {
    setDay('2026-03-02');
    const c = await submitOnline(t, w);
    expectProblem(await actRaw(t, w.users.outsider, c.id, 'accept'), 404, 'case-not-found');
    const reviewer = await actRaw(t, w.users.reviewer, c.id, 'accept');
    expectProblem(reviewer, 403, 'forbidden');
    expect(reviewer.json().requiredPermission).toBe('case.accept');
    // Nobody else may act on the applicant's behalf, nor the applicant on staff routes.
    expect((await t.asApplicant(w.applicant.token, { method: 'POST', url: `/api/cases/${c.id}/actions/accept`, payload: { version: 1 } })).statusCode).toBe(401);
    expectProblem(await actRaw(t, w.users.clerk, c.id, 'accept', { version: 99 }), 409, 'case-changed');
    expectProblem(await actRaw(t, w.users.decider, c.id, 'grant', { resultForms: ['paper'] }), 409, 'case-wrong-state');
    expectProblem(await actRaw(t, w.users.clerk, c.id, 'deliver', { method: 'window' }), 409, 'case-wrong-state');
    expect(await actionCount(c.id)).toBe(1);
    expect((await caseRow(t, c.id)).state).toBe('submitted');
    // An unknown case and an unknown action.
    expectProblem(await actRaw(t, w.users.clerk, '00000000-0000-4000-8000-000000000000', 'accept', { version: 1 }), 404, 'case-not-found');
    expect((await t.injectAs(w.users.clerk, { method: 'POST', url: `/api/cases/${c.id}/actions/teleport`, payload: { version: 1 } })).statusCode).toBe(404);
  });

  it('two clerks accepting at once with the same version: one 200, one 409 case-changed, one history entry', async () => {
    setDay('2026-03-02');
    const c = await submitOnline(t, w);
    const clerk2 = (await makeUser(t.db, w.orgs.dept.id, ['window-clerk'])).id;
    const [a, b] = await Promise.all([actRaw(t, w.users.clerk, c.id, 'accept', { version: c.version }), actRaw(t, clerk2, c.id, 'accept', { version: c.version })]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect([a, b].find((r) => r.statusCode === 409)!.json().code).toBe('case-changed');
    expect(await actionCount(c.id)).toBe(2);
    expect((await notices(c.id)).length).toBe(1);
    await expectHistoryConsistent(t, c.id);
  });
});

describe('一次性告知补齐补正 request-supplement and supply', () => {
  it('refuses items outside the guide’s chosen situation (Art. 8), sharing materials, duplicates and a past deadline, writing nothing', async () => {
    setDay('2026-03-02');
    const c = await submitOnline(t, w);
    // 'changeproof' is a material of the guide, but of the other situation (变更).
    expectProblem(await actRaw(t, w.users.clerk, c.id, 'request-supplement', { items: [{ materialId: 'changeproof', note: '' }], deadlineOn: '2026-03-09' }), 422, 'material-not-in-guide', 'body.items.0.materialId');
    expectProblem(
      await actRaw(t, w.users.clerk, c.id, 'request-supplement', { items: [{ materialId: 'floorplan', note: '' }, { materialId: '户口本', note: '' }], deadlineOn: '2026-03-09' }),
      422,
      'material-not-in-guide',
      'body.items.1.materialId',
    );
    expectProblem(await actRaw(t, w.users.clerk, c.id, 'request-supplement', { items: [{ materialId: 'bizlicence', note: '' }], deadlineOn: '2026-03-09' }), 422, 'items-invalid', 'body.items.0.materialId');
    expectProblem(
      await actRaw(t, w.users.clerk, c.id, 'request-supplement', { items: [{ materialId: 'floorplan', note: 'a' }, { materialId: 'floorplan', note: 'b' }], deadlineOn: '2026-03-09' }),
      422,
      'items-invalid',
      'body.items.1.materialId',
    );
    expectProblem(await actRaw(t, w.users.clerk, c.id, 'request-supplement', { items: [{ materialId: 'floorplan', note: '' }], deadlineOn: '2026-03-01' }), 422, 'date-out-of-range', 'body.deadlineOn');
    expectProblem(await actRaw(t, w.users.clerk, c.id, 'request-supplement', { items: [], deadlineOn: '2026-03-09' }), 400, 'invalid-input', 'body.items');
    expect(await actionCount(c.id)).toBe(1);
    expect(await notices(c.id)).toEqual([]);
  });

  it('issues ONE notice listing everything, with a deadline and a timer; the applicant supplies; a second notice may not ask again for an accepted material', async () => {
    setDay('2026-03-02');
    const c = await submitOnline(t, w);
    const d = await act(t, w.users.clerk, c.id, 'request-supplement', {
      items: [
        { materialId: 'floorplan', note: '平面图未标注尺寸' },
        { materialId: 'lease', note: '请提交租赁合同复印件' },
      ],
      deadlineOn: '2026-03-09',
    });
    expect(d.state).toBe('awaiting-supplement');
    expect(d.supplement).toEqual({
      deadlineOn: '2026-03-09',
      items: [
        { materialId: 'floorplan', name: '经营场所平面布局图', note: '平面图未标注尺寸' },
        { materialId: 'lease', name: '经营场所租赁合同', note: '请提交租赁合同复印件' },
      ],
    });
    const statuses = Object.fromEntries(d.materials.map((m: Json) => [m.materialId, m.status]));
    // What is present and not listed is accepted now; the listed one is to be corrected.
    expect(statuses).toMatchObject({ application: 'accepted', floorplan: 'to-correct' });
    const [n1] = await notices(c.id);
    expect(n1).toMatchObject({ kind: 'supplement', number: `${c.caseNumber}-BZ1`, deadline_on: '2026-03-09' });
    expect((await timer('case.acceptance-due', c.id))?.status).toBe('cancelled');
    const due = await timer('case.supplement-due', c.id);
    expect(due?.status).toBe('pending');
    expect(new Date(due!.due_at).toISOString()).toBe(startOfDayAfter('2026-03-09').toISOString());
    const [mail] = (await messages(c.id, 'case.supplement-requested')).filter((m) => m.channel === 'email');
    expect(mail.body).toContain('一、经营场所平面布局图：平面图未标注尺寸');
    expect(mail.body).toContain('二、经营场所租赁合同');
    expect(mail.body).toContain('2026-03-09');

    // The supply must answer the whole list, nothing else.
    const newPlan = await uploadAsApplicant(t, w.applicant.token, '平面图2.pdf');
    const lease = await uploadAsApplicant(t, w.applicant.token, '租赁合同.pdf');
    const supply = (materials: Json[]) => t.asApplicant(w.applicant.token, { method: 'POST', url: `/api/my/cases/${c.id}/supply`, payload: { version: d.version, materials } });
    expectProblem(await supply([{ materialId: 'floorplan', fileId: newPlan }]), 422, 'materials-not-as-listed', 'body.materials');
    expectProblem(
      await supply([
        { materialId: 'floorplan', fileId: newPlan },
        { materialId: 'lease', fileId: lease },
        { materialId: 'application', fileId: newPlan },
      ]),
      422,
      'materials-not-as-listed',
      'body.materials.2.materialId',
    );
    // Someone else's applicant session: 404, as if the case did not exist.
    expect((await t.asApplicant(w.otherApplicant.token, { method: 'POST', url: `/api/my/cases/${c.id}/supply`, payload: { version: d.version, materials: [{ materialId: 'floorplan', fileId: newPlan }, { materialId: 'lease', fileId: lease }] } })).statusCode).toBe(404);

    setDay('2026-03-05', '10:00');
    const res = await supply([
      { materialId: 'floorplan', fileId: newPlan },
      { materialId: 'lease', fileId: lease },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    expect(s.state).toBe('submitted');
    expect(s.supplement).toBeNull();
    // A fresh one-working-day acceptance period from the supply (Thu 3/5 → Fri 3/6).
    expect(s.acceptanceDueOn).toBe('2026-03-06');
    expect((await timer('case.supplement-due', c.id))?.status).toBe('cancelled');
    const acceptance = await timer('case.acceptance-due', c.id);
    expect(acceptance?.status).toBe('pending');
    expect(new Date(acceptance!.due_at).toISOString()).toBe(startOfDayAfter('2026-03-06').toISOString());
    // The old floor plan is kept, superseded; the current materials are the new ones.
    const rows = await t.db.selectFrom('case_materials').select(['material_id', 'file_id', 'superseded_at', 'status']).where('case_id', '=', c.id).execute();
    const plans = rows.filter((r) => r.material_id === 'floorplan');
    expect(plans).toHaveLength(2);
    expect(plans.find((p) => p.superseded_at === null)!.file_id).toBe(newPlan);
    expect(s.materials.map((m: Json) => m.materialId).sort()).toEqual(['application', 'bizlicence', 'floorplan', 'lease'].sort());
    expect((await messages(c.id, 'case.supplied')).length).toBeGreaterThan(0);
    // The staff's view of the history names the applicant as the one who supplied.
    const staffView = await readCase(t, w.users.clerk, c.id);
    expect(staffView.history.at(-1)).toMatchObject({ action: 'supply', fromState: 'awaiting-supplement', toState: 'submitted', actor: { kind: 'applicant' } });

    // Second notice: the application was present and accepted with the first one — refused.
    expectProblem(
      await actRaw(t, w.users.clerk, c.id, 'request-supplement', { items: [{ materialId: 'application', note: '再交一次' }], deadlineOn: '2026-03-12' }),
      422,
      'material-already-accepted',
      'body.items.0.materialId',
    );
    // The newly supplied floor plan has not been accepted yet: it may be asked for.
    const again = await act(t, w.users.clerk, c.id, 'request-supplement', { items: [{ materialId: 'floorplan', note: '比例仍不正确' }], deadlineOn: '2026-03-12' });
    expect(again.notices.map((n: Json) => n.number)).toEqual([`${c.caseNumber}-BZ1`, `${c.caseNumber}-BZ2`]);
    await expectHistoryConsistent(t, c.id);
  });

  it('staff may enter the supply at the window (paper); the supply is refused in any other state', async () => {
    setDay('2026-03-02');
    const c = await submitAtWindow(t, w);
    expectProblem(await actRaw(t, w.users.clerk, c.id, 'supply', { materials: [{ materialId: 'floorplan', paper: true }] }), 409, 'case-wrong-state');
    await act(t, w.users.clerk, c.id, 'request-supplement', { items: [{ materialId: 'floorplan', note: '' }], deadlineOn: '2026-03-02' });
    const d = await act(t, w.users.clerk, c.id, 'supply', { materials: [{ materialId: 'floorplan', paper: true }] });
    expect(d.state).toBe('submitted');
    expect(d.history.at(-1).actor.kind).toBe('staff');
  });
});

describe('容缺受理 accept-tolerant and supply-correction', () => {
  it('accepts now with a list and a deadline; a grant waits for the correction; the correction clears the list and the timer', async () => {
    setDay('2026-03-02');
    const c = await submitAtWindow(t, w);
    const d = await act(t, w.users.clerk, c.id, 'accept-tolerant', { items: [{ materialId: 'floorplan', note: '需加盖公章' }], deadlineOn: '2026-03-06' });
    expect(d.state).toBe('under-review');
    expect(d.dueOn).toBe('2026-03-30');
    expect(d.tolerant).toEqual({ deadlineOn: '2026-03-06', items: [{ materialId: 'floorplan', name: '经营场所平面布局图', note: '需加盖公章' }] });
    expect((await notices(c.id)).map((n) => n.number).sort()).toEqual([`${c.caseNumber}-RQ`, `${c.caseNumber}-SL`]);
    expect((await timer('case.tolerant-due', c.id))?.status).toBe('pending');
    expect((await timer('case.acceptance-due', c.id))?.status).toBe('cancelled');
    expect((await messages(c.id, 'case.accepted-tolerant')).find((m) => m.channel === 'email')!.body).toContain('需加盖公章');

    expectProblem(await actRaw(t, w.users.decider, c.id, 'grant', { resultForms: ['paper'] }), 409, 'case-correction-pending');
    // Only listed materials can be corrected.
    expectProblem(await actRaw(t, w.users.clerk, c.id, 'supply-correction', { materials: [{ materialId: 'application', paper: true }] }), 422, 'materials-not-as-listed', 'body.materials.0.materialId');
    const fixed = await act(t, w.users.clerk, c.id, 'supply-correction', { materials: [{ materialId: 'floorplan', paper: true }] });
    expect(fixed.state).toBe('under-review');
    expect(fixed.tolerant).toBeNull();
    expect((await timer('case.tolerant-due', c.id))?.status).toBe('cancelled');
    expectProblem(await actRaw(t, w.users.clerk, c.id, 'supply-correction', { materials: [{ materialId: 'floorplan', paper: true }] }), 409, 'no-correction-pending');
    const granted = await act(t, w.users.decider, c.id, 'grant', { resultForms: ['electronic'] });
    expect(granted.decision).toBe('granted');
    await expectHistoryConsistent(t, c.id);
  });

  it('the applicant sends the correction from the portal', async () => {
    setDay('2026-03-02');
    const c = await submitOnline(t, w);
    const d = await act(t, w.users.clerk, c.id, 'accept-tolerant', { items: [{ materialId: 'lease', note: '补交租赁合同' }], deadlineOn: '2026-03-06' });
    const fileId = await uploadAsApplicant(t, w.applicant.token, '租赁合同.pdf', PDF);
    const res = await t.asApplicant(w.applicant.token, { method: 'POST', url: `/api/my/cases/${c.id}/corrections`, payload: { version: d.version, materials: [{ materialId: 'lease', fileId }] } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().tolerant).toBeNull();
    expect(res.json().allowedActions).not.toContain('supply-correction');
  });
});

describe('不予受理 refuse-acceptance', () => {
  it('needs reasons, legal basis and a contact; issues the decision; the case is final', async () => {
    setDay('2026-03-02');
    const c = await submitOnline(t, w);
    expectProblem(await actRaw(t, w.users.clerk, c.id, 'refuse-acceptance', { reasons: '不属于本机关职权范围', legalBasis: '《行政许可法》第三十二条' }), 400, 'invalid-input', 'body.contact');
    expectProblem(await actRaw(t, w.users.clerk, c.id, 'refuse-acceptance', { reasons: '   ', legalBasis: '《行政许可法》第三十二条', contact: '0482-1234567' }), 400, 'invalid-input', 'body.reasons');
    const d = await act(t, w.users.clerk, c.id, 'refuse-acceptance', { reasons: '申请事项不属于本机关职权范围', legalBasis: '《中华人民共和国行政许可法》第三十二条第一款第（二）项', contact: '综合窗口 0482-8218120' });
    expect(d.state).toBe('not-accepted');
    const [n] = await notices(c.id);
    expect(n).toMatchObject({ kind: 'not-accepted', number: `${c.caseNumber}-BY` });
    expect(n.content).toMatchObject({ reasons: '申请事项不属于本机关职权范围', contact: '综合窗口 0482-8218120' });
    expect((await messages(c.id, 'case.not-accepted')).find((m) => m.channel === 'portal')!.body).toContain('申请事项不属于本机关职权范围');
    expect((await timer('case.acceptance-due', c.id))?.status).toBe('cancelled');
    expectProblem(await actRaw(t, w.users.clerk, c.id, 'accept'), 409, 'case-wrong-state');
    expect(d.allowedActions).toEqual(['phone-follow-up']);
  });
});

describe('the clock: pause, resume, extend', () => {
  it('pauses and resumes as dated segments, moves the due date, keeps paused_since in step, refuses a decision while paused', async () => {
    setDay('2026-03-02');
    const c = await submitAtWindow(t, w);
    await act(t, w.users.clerk, c.id, 'accept');
    setDay('2026-03-04');
    // Before acceptance and in the future: refused; a clerk (no case.review): 403.
    expectProblem(await actRaw(t, w.users.reviewer, c.id, 'pause', { kind: 'expert-review', reason: '专家评审', startedOn: '2026-03-01' }), 422, 'date-out-of-range', 'body.startedOn');
    expectProblem(await actRaw(t, w.users.reviewer, c.id, 'pause', { kind: 'expert-review', reason: '专家评审', startedOn: '2026-03-05' }), 422, 'date-out-of-range', 'body.startedOn');
    expectProblem(await actRaw(t, w.users.clerk, c.id, 'pause', { kind: 'expert-review', reason: '专家评审' }), 403, 'forbidden');
    expectProblem(await actRaw(t, w.users.reviewer, c.id, 'resume', {}), 409, 'case-not-paused');
    const p = await act(t, w.users.reviewer, c.id, 'pause', { kind: 'expert-review', reason: '组织专家现场评审' });
    expect(p.paused).toBe(true);
    expect(p.colour).toBe('paused');
    expect(p.pauses).toEqual([{ id: expect.any(String), kind: 'expert-review', kindName: '专家评审', reason: '组织专家现场评审', startedOn: '2026-03-04', endedOn: null }]);
    expect((await caseRow(t, c.id)).paused_since).toBe('2026-03-04');
    expectProblem(await actRaw(t, w.users.reviewer, c.id, 'pause', { kind: 'hearing', reason: '听证' }), 409, 'case-already-paused');
    expectProblem(await actRaw(t, w.users.decider, c.id, 'grant', { resultForms: ['paper'] }), 409, 'case-paused');
    expectProblem(await actRaw(t, w.users.decider, c.id, 'refuse', { reasons: 'x', contactPerson: '王科长', contactPhone: '0482-8218120' }), 409, 'case-paused');
    expect((await messages(c.id, 'case.paused')).find((m) => m.channel === 'portal')!.body).toContain('专家评审');

    // Resumed on Mon 3/9: 3/4, 3/5, 3/6 stood still (three working days), 3/30 → 4/2.
    setDay('2026-03-09');
    expectProblem(await actRaw(t, w.users.reviewer, c.id, 'resume', { endedOn: '2026-03-03' }), 422, 'date-out-of-range', 'body.endedOn');
    const r = await act(t, w.users.reviewer, c.id, 'resume', {});
    expect(r.paused).toBe(false);
    expect(r.dueOn).toBe('2026-04-02');
    expect(r.pauses[0].endedOn).toBe('2026-03-09');
    expect((await caseRow(t, c.id)).paused_since).toBeNull();
    expect((await messages(c.id, 'case.resumed')).find((m) => m.channel === 'email')!.body).toContain('2026-04-02');
    // A second pause may not start inside the first.
    expectProblem(await actRaw(t, w.users.reviewer, c.id, 'pause', { kind: 'inspection', reason: '检测', startedOn: '2026-03-06' }), 422, 'date-out-of-range', 'body.startedOn');

    // Extending is the decider's (case.decide): 5 more working days → 4/3 (Fri), 清明 4/4–4/6 off, 4/7, 4/8, 4/9, 4/10.
    expectProblem(await actRaw(t, w.users.reviewer, c.id, 'extend', { days: 5, reason: '情况复杂' }), 403, 'forbidden');
    const e = await act(t, w.users.decider, c.id, 'extend', { days: 5, reason: '情况复杂，经负责人批准延长' });
    expect(e.dueOn).toBe('2026-04-10');
    expect(e.extensionDays).toBe(5);
    expect(e.extensions).toEqual([{ days: 5, reason: '情况复杂，经负责人批准延长', grantedOn: '2026-03-09' }]);
    expect((await caseRow(t, c.id)).due_on).toBe('2026-04-10');
    await expectHistoryConsistent(t, c.id);
  });

  it('across 春节 2026 (2/15–2/23 off, Sat 2/14 and 2/28 working): accepted 2/12, due 3/18', async () => {
    setDay('2026-02-12');
    const c = await submitAtWindow(t, w);
    const d = await act(t, w.users.clerk, c.id, 'accept');
    // 2/13, 2/14 调休, 2/24–2/27, 2/28 调休, 3/2–3/6, 3/9–3/13, 3/16, 3/17, 3/18: the 20th working day.
    expect(d.dueOn).toBe('2026-03-18');
    expect(d.dueOn).toBe(cal.addWorkingDays('2026-02-12', 20));
  });

  it('across 中秋 and 国庆 2026 with a pause in between: accepted 9/18, paused 9/22–9/24, due 10/26', async () => {
    setDay('2026-09-18');
    const c = await submitAtWindow(t, w);
    const d = await act(t, w.users.clerk, c.id, 'accept');
    // Sun 9/20 调休 counts, 9/25–9/27 中秋 and 10/1–10/7 国庆 do not, Sat 10/10 调休 counts: due Thu 10/22.
    expect(d.dueOn).toBe('2026-10-22');
    setDay('2026-09-22');
    await act(t, w.users.reviewer, c.id, 'pause', { kind: 'inspection', reason: '样品送检' });
    setDay('2026-09-24');
    const r = await act(t, w.users.reviewer, c.id, 'resume', {});
    // Two working days (9/22, 9/23) stood still: Fri 10/23, then (10/24–25 weekend) Mon 10/26.
    expect(r.dueOn).toBe('2026-10-26');
  });

  it('a due date in a year without holiday data is refused (calendar-year-unknown, 422) and nothing is written', async () => {
    setDay('2026-12-28');
    const c = await submitAtWindow(t, w);
    const before = await caseRow(t, c.id);
    const res = await actRaw(t, w.users.clerk, c.id, 'accept');
    expectProblem(res, 422, 'calendar-year-unknown');
    expect(res.json().year).toBe(2027);
    expect(res.json().detail).toContain('2027');
    const after = await caseRow(t, c.id);
    expect(after).toMatchObject({ state: 'submitted', version: before.version, accepted_on: null, due_on: null });
    expect(await actionCount(c.id)).toBe(1);
    expect(await notices(c.id)).toEqual([]);
    expect(await messages(c.id, 'case.accepted')).toEqual([]);
    expect((await timer('case.acceptance-due', c.id))?.status).toBe('pending');
    expect(await t.db.selectFrom('case_materials').select('status').where('case_id', '=', c.id).where('status', '=', 'accepted').execute()).toEqual([]);
  });
});

describe('review, decision and delivery', () => {
  it('complete-review → grant → deliver by mail; a decision after delivery is refused', async () => {
    setDay('2026-03-02');
    const c = await submitOnline(t, w);
    await act(t, w.users.clerk, c.id, 'accept');
    expectProblem(await actRaw(t, w.users.clerk, c.id, 'complete-review', { opinion: '材料齐全' }), 403, 'forbidden');
    const r = await act(t, w.users.reviewer, c.id, 'complete-review', { opinion: '经审查，符合条件' });
    expect(r.state).toBe('awaiting-decision');
    expect(r.history.at(-1)).toMatchObject({ action: 'complete-review', details: { opinion: '经审查，符合条件' } });
    expectProblem(await actRaw(t, w.users.reviewer, c.id, 'grant', { resultForms: ['electronic'] }), 403, 'forbidden');
    expectProblem(await actRaw(t, w.users.decider, c.id, 'grant', { resultForms: [] }), 400, 'invalid-input', 'body.resultForms');
    const g = await act(t, w.users.decider, c.id, 'grant', { resultForms: ['electronic', 'paper'], opinion: '准予许可' });
    expect(g).toMatchObject({ state: 'granted', decision: 'granted' });
    const decision = (await notices(c.id)).find((n) => n.kind === 'granted')!;
    expect(decision.number).toBe(`${c.caseNumber}-JD`);
    expect(decision.content).toMatchObject({ resultForms: ['electronic', 'paper'], resultName: '准予许可决定书', decidedOn: '2026-03-02' });
    expect((await messages(c.id, 'case.granted')).length).toBe(3);

    expectProblem(await actRaw(t, w.users.clerk, c.id, 'deliver', { method: 'mail', carrier: '中国邮政' }), 422, 'mail-details-required', 'body.trackingNumber');
    expectProblem(await actRaw(t, w.users.clerk, c.id, 'deliver', { method: 'window', trackingNumber: '1234567' }), 422, 'mail-details-unexpected', 'body.trackingNumber');
    const dl = await act(t, w.users.clerk, c.id, 'deliver', { method: 'mail', carrier: '中国邮政', trackingNumber: 'EMS1234567890' });
    expect(dl.state).toBe('delivered');
    expect(dl.delivery).toMatchObject({ method: 'mail', carrier: '中国邮政', trackingNumber: 'EMS1234567890' });
    expect((await messages(c.id, 'case.delivered')).length).toBe(3);
    expectProblem(await actRaw(t, w.users.decider, c.id, 'refuse', { reasons: '改判', contactPerson: '王科长', contactPhone: '0482-8218120' }), 409, 'case-wrong-state');
    expectProblem(await actRaw(t, w.users.decider, c.id, 'grant', { resultForms: ['paper'] }), 409, 'case-wrong-state');
    await expectHistoryConsistent(t, c.id);
  });

  it('refuse names the reasons, the contact person and the organization, automatically', async () => {
    setDay('2026-03-02');
    const c = await submitAtWindow(t, w);
    await act(t, w.users.clerk, c.id, 'accept');
    expectProblem(await actRaw(t, w.users.decider, c.id, 'refuse', { reasons: '经营场所不符合要求', contactPerson: '王科长' }), 400, 'invalid-input', 'body.contactPhone');
    const d = await act(t, w.users.decider, c.id, 'refuse', { reasons: '经营场所与食品安全要求不符', legalBasis: '《食品经营许可和备案管理办法》第十一条', contactPerson: '王科长', contactPhone: '0482-8218120' });
    expect(d).toMatchObject({ state: 'refused', decision: 'refused' });
    const n = (await notices(c.id)).find((x) => x.kind === 'refused')!;
    expect(n.content).toMatchObject({ reasons: '经营场所与食品安全要求不符', contactPerson: '王科长', contactPhone: '0482-8218120', orgName: '兴安盟市场监督管理局' });
    expect((await messages(c.id, 'case.refused')).find((m) => m.channel === 'portal')!.body).toContain('经营场所与食品安全要求不符');
    const pdf = await t.injectAs(w.users.decider, { method: 'GET', url: `/api/cases/${c.id}/notices/${n.id}/pdf` });
    expect(pdf.statusCode).toBe(200);
    expect((await PDFDocument.load(pdf.rawPayload)).getTitle()).toBe(`不予决定书 ${c.caseNumber}-JD`);
    await act(t, w.users.clerk, c.id, 'deliver', { method: 'window' });
  });

  it('a decision on an ended or withdrawn case is refused (409 case-wrong-state)', async () => {
    setDay('2026-03-02');
    const c = await submitOnline(t, w);
    const d = await act(t, w.users.clerk, c.id, 'accept');
    const res = await t.asApplicant(w.applicant.token, { method: 'POST', url: `/api/my/cases/${c.id}/withdraw`, payload: { version: d.version, reason: '不再需要' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().state).toBe('withdrawn');
    expect((await messages(c.id, 'case.withdrawn')).length).toBeGreaterThan(0);
    expectProblem(await actRaw(t, w.users.decider, c.id, 'grant', { resultForms: ['paper'] }), 409, 'case-wrong-state');
    expectProblem(await actRaw(t, w.users.decider, c.id, 'refuse', { reasons: 'x', contactPerson: '王科长', contactPhone: '0482-8218120' }), 409, 'case-wrong-state');
    // An ended case (the tolerant deadline passed) is tested in cases-timers.test.ts as well; here
    // the state is set as the timer sets it, through the one write path, and the decision refused.
    const e = await submitAtWindow(t, w);
    await act(t, w.users.clerk, e.id, 'accept-tolerant', { items: [{ materialId: 'floorplan', note: '' }], deadlineOn: '2026-03-02' });
    setDay('2026-03-03', '00:00');
    const { caseTimerHandlers } = await import('../../src/modules/cases/timers.js');
    await t.db.transaction().execute((trx) => caseTimerHandlers['case.tolerant-due']({ db: t.db, config: t.config, clock: t.clock }, trx, { kind: 'case.tolerant-due', subjectId: e.id, dueAt: t.clock.now(), payload: {} }));
    expect((await caseRow(t, e.id)).state).toBe('ended');
    expectProblem(await actRaw(t, w.users.decider, e.id, 'grant', { resultForms: ['paper'] }), 409, 'case-wrong-state');
  });
});

describe('phone follow-up and the history', () => {
  it('a phone follow-up is logged in the history only, in any state', async () => {
    setDay('2026-03-02');
    const c = await submitOnline(t, w);
    const before = await t.db.selectFrom('outbox_messages').select('id').where('case_id', '=', c.id).execute();
    const d = await act(t, w.users.clerk, c.id, 'phone-follow-up', { note: '电话告知申请人受理进度' });
    expect(d.state).toBe('submitted');
    expect(d.history.at(-1)).toMatchObject({ action: 'phone-follow-up', actionName: '电话回访', fromState: 'submitted', toState: 'submitted', details: { note: '电话告知申请人受理进度' } });
    expect(await t.db.selectFrom('outbox_messages').select('id').where('case_id', '=', c.id).execute()).toHaveLength(before.length);
    expect((await caseRow(t, c.id)).state).toBe('submitted');
    // Staff of another organization cannot even see the case.
    expectProblem(await actRaw(t, w.users.outsider, c.id, 'phone-follow-up', { note: 'x' }), 404, 'case-not-found');
  });

  it('the history is append-only: the database refuses to change or delete an action', async () => {
    setDay('2026-03-02');
    const c = await submitOnline(t, w);
    await act(t, w.users.clerk, c.id, 'accept');
    await expect(t.db.updateTable('case_actions').set({ action: 'grant' }).where('case_id', '=', c.id).execute()).rejects.toThrow(/append-only/);
    await expect(t.db.deleteFrom('case_actions').where('case_id', '=', c.id).execute()).rejects.toThrow(/append-only/);
    const d = await readCase(t, w.users.clerk, c.id);
    expect(d.history.map((h: Json) => h.action)).toEqual(['submit', 'accept']);
    expect(d.history[1]).toMatchObject({ fromState: 'submitted', toState: 'under-review', actor: { kind: 'staff', roles: 'window-clerk' } });
    await expectHistoryConsistent(t, c.id);
  });
});

describe('every notice as a PDF', () => {
  it('each notice issued by the tests above renders with its title, for staff of the organization', async () => {
    const all = await t.db.selectFrom('case_notices').select(['id', 'case_id', 'kind', 'number']).execute();
    expect(new Set(all.map((n) => n.kind))).toEqual(new Set(['acceptance-receipt', 'supplement', 'tolerant', 'not-accepted', 'granted', 'refused']));
    const names: Record<string, string> = { 'acceptance-receipt': '受理凭证', supplement: '一次性补齐补正告知书', tolerant: '容缺受理告知书', 'not-accepted': '不予受理决定书', granted: '准予决定书', refused: '不予决定书' };
    for (const kind of Object.keys(names)) {
      const n = all.find((x) => x.kind === kind)!;
      const res = await t.injectAs(w.users.clerk, { method: 'GET', url: `/api/cases/${n.case_id}/notices/${n.id}/pdf` });
      expect(res.statusCode, `${kind}: ${res.body.slice(0, 200)}`).toBe(200);
      const doc = await PDFDocument.load(res.rawPayload);
      expect(doc.getTitle()).toBe(`${names[kind]} ${n.number}`);
      expect(doc.getPageCount()).toBeGreaterThanOrEqual(1);
    }
  });
});
