// Applications (Art. 16, 20): online and at the window, bound to the guide version in force, the
// chosen situation's materials exactly, sharing materials never asked for, 一证办理 reuse for the
// same identity only, private case files, and the case row, history, outbox messages and the
// acceptance timer written together or not at all.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeGuide } from '../factories.js';
import {
  caseGuideContent,
  countRows,
  createCaseTestApp,
  makeApplicant,
  makeCaseWorld,
  multipart,
  PDF,
  PNG,
  submitAtWindow,
  submitAtWindowRaw,
  submitOnline,
  submitOnlineRaw,
  uploadAsApplicant,
  uploadAsStaff,
  type CaseTestApp,
  type CaseWorld,
} from '../case-fixture.js';

let t: CaseTestApp;
let w: CaseWorld;

beforeAll(async () => {
  t = await createCaseTestApp();
  w = await makeCaseWorld(t.db, t.config);
}, 120_000);
afterAll(async () => t?.close());

const counts = async () => ({
  cases: await countRows(t, 'cases'),
  actions: await countRows(t, 'case_actions'),
  materials: await countRows(t, 'case_materials'),
  outbox: await countRows(t, 'outbox_messages'),
  timers: await countRows(t, 'timers'),
});

describe('online application', () => {
  it('creates a submitted case bound to the guide in force, with its materials, a message on every channel and the acceptance timer', async () => {
    const detail = await submitOnline(t, w);
    expect(detail.state).toBe('submitted');
    expect(detail.channel).toBe('online');
    // 2026-03-02 is a Monday: the acceptance decision is due the next working day.
    expect(detail.caseNumber).toMatch(/^TB20260302\d{6}$/);
    expect(detail.acceptanceDueOn).toBe('2026-03-03');
    expect(detail.guideVersion).toEqual({ id: w.guide.id, version: 1, effectiveFrom: '2024-01-01' });
    expect(detail.promised).toEqual({ days: 20, unit: 'working-day' });
    expect(detail.situation).toEqual({ id: 'new', name: '新办' });
    expect(detail.item).toMatchObject({ id: w.item.id, name: '食品经营许可' });
    // The applicant sees their own data whole.
    expect(detail.applicant).toMatchObject({ kind: 'person', name: '张三明', idNumber: w.applicant.idNumber, phone: w.applicant.phone, email: 'applicant@example.com' });
    const byMaterial = Object.fromEntries(detail.materials.map((m: { materialId: string }) => [m.materialId, m]));
    expect(Object.keys(byMaterial).sort()).toEqual(['application', 'bizlicence', 'floorplan']);
    expect(byMaterial.application.source).toBe('upload');
    expect(byMaterial.application.file.fileName).toBe('申请书.pdf');
    expect(byMaterial.bizlicence).toMatchObject({ source: 'sharing', file: null });
    expect(detail.history).toHaveLength(1);
    expect(detail.history[0]).toMatchObject({ seq: 1, action: 'submit', fromState: null, toState: 'submitted', actor: { kind: 'applicant' } });
    expect(detail.allowedActions).toEqual(['withdraw']);

    const messages = await t.db.selectFrom('outbox_messages').selectAll().where('case_id', '=', detail.id).execute();
    expect(messages.map((m) => m.channel).sort()).toEqual(['email', 'portal', 'sms']);
    expect(messages.every((m) => m.template_key === 'case.submitted' && m.body.includes(detail.caseNumber))).toBe(true);
    expect(messages.find((m) => m.channel === 'email')!.body).toContain(`/my/cases/${detail.id}`);
    const timer = await t.db.selectFrom('timers').selectAll().where('subject_id', '=', detail.id).executeTakeFirstOrThrow();
    expect(timer.kind).toBe('case.acceptance-due');
    expect(new Date(timer.due_at).toISOString()).toBe(new Date('2026-03-04T00:00:00+08:00').toISOString());
    expect(timer.status).toBe('pending');
    // The portal message is in the applicant's 我的消息, and nobody else's.
    const inbox = (await t.asApplicant(w.applicant.token, { method: 'GET', url: '/api/my/messages' })).json().items;
    expect(inbox.find((m: { caseId: string }) => m.caseId === detail.id)).toMatchObject({ templateKey: 'case.submitted' });
    const theirs = (await t.asApplicant(w.otherApplicant.token, { method: 'GET', url: '/api/my/messages' })).json().items;
    expect(theirs.some((m: { caseId: string }) => m.caseId === detail.id)).toBe(false);
  });

  it('keeps the guide version a case was submitted under after a new version is published', async () => {
    const before = await submitOnline(t, w);
    const v2 = await makeGuide(t.db, { implementationId: w.implementation.id, content: caseGuideContent({ promisedLimit: { days: 15, unit: 'working-day' } }), effectiveFrom: '2026-03-02' });
    try {
      const old = (await t.asApplicant(w.applicant.token, { method: 'GET', url: `/api/my/cases/${before.id}` })).json();
      expect(old.guideVersion.version).toBe(1);
      expect(old.promised.days).toBe(20);
      const after = await submitOnline(t, w);
      expect(after.guideVersion).toMatchObject({ id: v2.id, version: 2 });
      expect(after.promised.days).toBe(15);
    } finally {
      // Later tests expect version 1 in force: move version 2 out of force (a case is bound to it).
      await t.db.updateTable('guide_versions').set({ effective_from: '2099-01-01' }).where('id', '=', v2.id).execute();
    }
  });

  it('gives a situation exactly its materials and refuses one of another situation, naming the field', async () => {
    const application = await uploadAsApplicant(t, w.applicant.token);
    const proof = await uploadAsApplicant(t, w.applicant.token, '变更证明.pdf');
    const change = await submitOnline(t, w, { situationId: 'change', materials: [{ materialId: 'application', fileId: application }, { materialId: 'changeproof', fileId: proof }] });
    expect(change.guideMaterials.map((m: { id: string }) => m.id)).toEqual(['application', 'bizlicence', 'changeproof']);
    expect(change.materials.map((m: { materialId: string }) => m.materialId).sort()).toEqual(['application', 'bizlicence', 'changeproof']);

    const floorplan = await uploadAsApplicant(t, w.applicant.token);
    const res = await submitOnlineRaw(t, w, {
      situationId: 'change',
      materials: [{ materialId: 'application', fileId: application }, { materialId: 'changeproof', fileId: proof }, { materialId: 'floorplan', fileId: floorplan }],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().invalidParams.map((p: { name: string }) => p.name)).toEqual(['body.materials.2.materialId']);
  });

  it('requires the situation when the guide has several', async () => {
    const res = await submitOnlineRaw(t, w, { situationId: null });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'situation-required', invalidParams: [{ name: 'body.situationId' }] });
  });

  it('refuses a material that is not in the guide, naming the field, and writes nothing', async () => {
    const before = await counts();
    const application = await uploadAsApplicant(t, w.applicant.token);
    const floorplan = await uploadAsApplicant(t, w.applicant.token);
    const extra = await uploadAsApplicant(t, w.applicant.token);
    const res = await submitOnlineRaw(t, w, {
      materials: [{ materialId: 'application', fileId: application }, { materialId: 'floorplan', fileId: floorplan }, { materialId: 'bank-statement', fileId: extra }],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().invalidParams).toEqual([expect.objectContaining({ name: 'body.materials.2.materialId' })]);
    expect(await counts()).toEqual(before);
  });

  it('refuses an application missing a required material, naming it, and writes nothing', async () => {
    const before = await counts();
    const application = await uploadAsApplicant(t, w.applicant.token);
    const res = await submitOnlineRaw(t, w, { materials: [{ materialId: 'application', fileId: application }] });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('materials-missing');
    expect(res.json().detail).toContain('经营场所平面布局图');
    expect(await counts()).toEqual(before);
  });

  it('never asks for a material the platform obtains by sharing, and refuses it when given', async () => {
    const detail = await submitOnline(t, w);
    const shared = detail.guideMaterials.find((m: { id: string }) => m.id === 'bizlicence');
    expect(shared).toMatchObject({ source: 'sharing', required: true });
    expect(detail.materials.find((m: { materialId: string }) => m.materialId === 'bizlicence')).toMatchObject({ source: 'sharing', file: null });

    const files = [await uploadAsApplicant(t, w.applicant.token), await uploadAsApplicant(t, w.applicant.token), await uploadAsApplicant(t, w.applicant.token)];
    const res = await submitOnlineRaw(t, w, {
      materials: [{ materialId: 'application', fileId: files[0] }, { materialId: 'floorplan', fileId: files[1] }, { materialId: 'bizlicence', fileId: files[2] }],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().invalidParams[0].name).toBe('body.materials.2.materialId');
  });

  it('refuses paper materials online and an applicant without a real-name check', async () => {
    const file = await uploadAsApplicant(t, w.applicant.token);
    const paper = await submitOnlineRaw(t, w, { materials: [{ materialId: 'application', fileId: file }, { materialId: 'floorplan', paper: true }] });
    expect(paper.statusCode).toBe(422);
    expect(paper.json().invalidParams[0].name).toBe('body.materials.1.paper');

    const unverified = await makeApplicant(t.db, t.config, { verified: false });
    const upload = await t.asApplicant(unverified.token, { method: 'POST', url: '/api/my/case-files', ...multipart('a.pdf', PDF) });
    expect(upload.statusCode).toBe(403);
    expect(upload.json().code).toBe('real-name-required');
    const apply = await submitOnlineRaw(t, w, { applicant: unverified, materials: [] });
    expect(apply.statusCode).toBe(403);
    expect(apply.json().code).toBe('real-name-required');
  });

  it('refuses an item without a guide in force, and an unknown implementation', async () => {
    const { makeImplementation } = await import('../factories.js');
    const bare = await makeImplementation(t.db, { orgId: w.orgs.dept.id });
    const none = await submitOnlineRaw(t, w, { implementationId: bare.id, materials: [] });
    expect(none.statusCode).toBe(422);
    expect(none.json().code).toBe('no-guide-in-force');
    const unknown = await submitOnlineRaw(t, w, { implementationId: '00000000-0000-4000-8000-000000000000', materials: [] });
    expect(unknown.statusCode).toBe(404);
    // An item taken out of the catalog takes no applications, whatever guide it had.
    const retired = await makeImplementation(t.db, { orgId: w.orgs.dept.id });
    await makeGuide(t.db, { implementationId: retired.id, content: caseGuideContent() });
    await t.db.updateTable('implementations').set({ status: 'retired' }).where('id', '=', retired.id).execute();
    const gone = await submitOnlineRaw(t, w, { implementationId: retired.id });
    expect(gone.statusCode).toBe(422);
    expect(gone.json().code).toBe('item-not-in-catalog');
  });

  it('records a renewal and schedules the deemed-renewal timer at the start of the day after expiry', async () => {
    const detail = await submitOnline(t, w, { renewal: { licenceNumber: 'JY11522010000001', expiresOn: '2026-03-20' } });
    expect(detail).toMatchObject({ isRenewal: true, licenceNumber: 'JY11522010000001', licenceExpiresOn: '2026-03-20' });
    const timer = await t.db.selectFrom('timers').selectAll().where('subject_id', '=', detail.id).where('kind', '=', 'case.renewal-expiry').executeTakeFirstOrThrow();
    expect(new Date(timer.due_at).toISOString()).toBe(new Date('2026-03-21T00:00:00+08:00').toISOString());
    const expired = await submitOnlineRaw(t, w, { renewal: { licenceNumber: 'JY1', expiresOn: '2026-03-01' } });
    expect(expired.statusCode).toBe(422);
    expect(expired.json().invalidParams[0].name).toBe('body.renewal.expiresOn');
  });
});

describe('window application', () => {
  it('lets a clerk enter an application with paper materials, links it to the applicant’s account and audits it', async () => {
    const detail = await submitAtWindow(t, w);
    expect(detail).toMatchObject({ channel: 'window', state: 'submitted' });
    // The clerk processes cases: personal data whole.
    expect(detail.applicant).toMatchObject({ name: '张三明', idNumber: w.applicant.idNumber, phone: w.applicant.phone });
    expect(detail.materials.filter((m: { source: string }) => m.source === 'paper').map((m: { materialId: string }) => m.materialId).sort()).toEqual(['application', 'floorplan']);
    expect(detail.history[0].actor).toMatchObject({ kind: 'staff', roles: 'window-clerk' });
    expect(detail.allowedActions).toEqual(expect.arrayContaining(['request-supplement', 'accept', 'accept-tolerant', 'refuse-acceptance']));
    // The same identity's portal account sees the case in 我的办件.
    const mine = (await t.asApplicant(w.applicant.token, { method: 'GET', url: `/api/my/cases/${detail.id}` })).json();
    expect(mine.caseNumber).toBe(detail.caseNumber);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('object_id', '=', detail.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['case.submit']);
  });

  it('checks the identity number and names the field', async () => {
    const res = await submitAtWindowRaw(t, w, { applicant: { kind: 'person', name: '王五', idNumber: '152201198501011234' } });
    expect(res.statusCode).toBe(422);
    expect(res.json().invalidParams.map((p: { name: string }) => p.name)).toContain('body.applicant.idNumber');
    const code = await submitAtWindowRaw(t, w, { applicant: { kind: 'enterprise', name: '某某公司', creditCode: '91152201MA0N1234X0' } });
    expect(code.statusCode).toBe(422);
    expect(code.json().invalidParams.map((p: { name: string }) => p.name)).toContain('body.applicant.creditCode');
  });

  it('uses a file the clerk uploaded, which no other clerk can use', async () => {
    const file = await uploadAsStaff(t, w.users.clerk, '平面图.png', PNG);
    const other = await submitAtWindowRaw(t, w, { clerk: w.users.outsider, materials: [{ materialId: 'application', paper: true }, { materialId: 'floorplan', fileId: file }] });
    // The outsider may not even enter applications of this department.
    expect(other.statusCode).toBe(403);
    const detail = await submitAtWindow(t, w, { materials: [{ materialId: 'application', paper: true }, { materialId: 'floorplan', fileId: file }] });
    expect(detail.materials.find((m: { materialId: string }) => m.materialId === 'floorplan')).toMatchObject({ source: 'upload', file: { id: file, fileName: '平面图.png' } });
    // Claimed for the applicant: their own session can download it now.
    const down = await t.asApplicant(w.applicant.token, { method: 'GET', url: `/api/case-files/${file}` });
    expect(down.statusCode).toBe(200);
  });

  it('refuses roles that do not accept applications', async () => {
    const res = await submitAtWindowRaw(t, w, { clerk: w.users.reviewer });
    expect(res.statusCode).toBe(403);
  });
});

describe('一证办理: reuse of earlier materials', () => {
  it('offers the same holder’s earlier materials and applies them; never another holder’s', async () => {
    // Newest first: this case is the applicant's latest.
    t.clock.advance(60_000);
    const first = await submitOnline(t, w);
    const offers = (await t.asApplicant(w.applicant.token, { method: 'GET', url: `/api/my/reusable?implementationId=${w.implementation.id}&situationId=new` })).json().items;
    const application = offers.find((o: { materialId: string; fromCaseNumber: string }) => o.materialId === 'application' && o.fromCaseNumber === first.caseNumber);
    expect(application).toBeDefined();
    expect(offers.some((o: { materialId: string }) => o.materialId === 'bizlicence')).toBe(false);

    const floorplan = await uploadAsApplicant(t, w.applicant.token);
    const second = await submitOnline(t, w, { materials: [{ materialId: 'application', reuseMaterialId: application.caseMaterialId }, { materialId: 'floorplan', fileId: floorplan }] });
    const reused = second.materials.find((m: { materialId: string }) => m.materialId === 'application');
    const original = first.materials.find((m: { materialId: string }) => m.materialId === 'application');
    expect(reused).toMatchObject({ source: 'reuse', reusedFromCaseNumber: first.caseNumber, file: { id: original.file.id } });
    const row = await t.db.selectFrom('case_materials').selectAll().where('id', '=', reused.id).executeTakeFirstOrThrow();
    expect(row.reused_from_case_id).toBe(first.id);

    // Another identity: nothing offered, and neither the material nor the file can be taken.
    const theirs = (await t.asApplicant(w.otherApplicant.token, { method: 'GET', url: `/api/my/reusable?implementationId=${w.implementation.id}&situationId=new` })).json();
    expect(theirs.items).toEqual([]);
    const ownFile = await uploadAsApplicant(t, w.otherApplicant.token);
    const steal = await submitOnlineRaw(t, w, { applicant: w.otherApplicant, materials: [{ materialId: 'application', reuseMaterialId: application.caseMaterialId }, { materialId: 'floorplan', fileId: ownFile }] });
    expect(steal.statusCode).toBe(422);
    expect(steal.json().invalidParams.map((p: { name: string }) => p.name)).toEqual(['body.materials.0.reuseMaterialId']);
    const stealFile = await submitOnlineRaw(t, w, { applicant: w.otherApplicant, materials: [{ materialId: 'application', fileId: original.file.id }, { materialId: 'floorplan', fileId: ownFile }] });
    expect(stealFile.statusCode).toBe(422);
    expect(stealFile.json().invalidParams.map((p: { name: string }) => p.name)).toEqual(['body.materials.0.fileId']);
  });

  it('does not let an earlier material stand for a different one', async () => {
    const first = await submitOnline(t, w);
    const application = first.materials.find((m: { materialId: string }) => m.materialId === 'application');
    const file = await uploadAsApplicant(t, w.applicant.token);
    const res = await submitOnlineRaw(t, w, { materials: [{ materialId: 'application', fileId: file }, { materialId: 'floorplan', reuseMaterialId: application.id }] });
    expect(res.statusCode).toBe(422);
    expect(res.json().invalidParams[0].name).toBe('body.materials.1.reuseMaterialId');
  });
});

describe('case files', () => {
  it('refuses other file types and files over 20 MB, storing nothing', async () => {
    const before = await countRows(t, 'case_files');
    const exe = await t.asApplicant(w.applicant.token, { method: 'POST', url: '/api/my/case-files', ...multipart('setup.exe', Buffer.from('MZ....')) });
    expect(exe.statusCode).toBe(415);
    expect(exe.json().invalidParams[0].name).toBe('file');
    const fake = await t.asApplicant(w.applicant.token, { method: 'POST', url: '/api/my/case-files', ...multipart('scan.pdf', Buffer.from('<html><script>alert(1)</script>')) });
    expect(fake.statusCode).toBe(415);
    const docx = await t.injectAs(w.users.clerk, { method: 'POST', url: '/api/case-files', ...multipart('form.docx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0])) });
    expect(docx.statusCode).toBe(415);
    const big = Buffer.concat([PDF, Buffer.alloc(20 * 1024 * 1024)]);
    const large = await t.asApplicant(w.applicant.token, { method: 'POST', url: '/api/my/case-files', ...multipart('big.pdf', big) });
    expect(large.statusCode).toBe(413);
    expect(await countRows(t, 'case_files')).toBe(before);
  });

  it('serves a file as a download to its holder and to staff in scope only', async () => {
    const detail = await submitOnline(t, w);
    const file = detail.materials.find((m: { materialId: string }) => m.materialId === 'application').file;
    expect(file.url).toBe(`/api/case-files/${file.id}`);

    const own = await t.asApplicant(w.applicant.token, { method: 'GET', url: file.url });
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toBe('application/pdf');
    expect(String(own.headers['content-disposition'])).toMatch(/^attachment;/);
    expect(String(own.headers['content-disposition'])).toContain(encodeURIComponent('申请书.pdf'));
    expect(own.headers['x-content-type-options']).toBe('nosniff');
    expect(own.rawPayload.equals(PDF)).toBe(true);

    expect((await t.injectAs(w.users.clerk, { method: 'GET', url: file.url })).statusCode).toBe(200);
    expect((await t.injectAs(w.users.supervisor, { method: 'GET', url: file.url })).statusCode).toBe(200);
    expect((await t.asApplicant(w.otherApplicant.token, { method: 'GET', url: file.url })).statusCode).toBe(404);
    expect((await t.injectAs(w.users.outsider, { method: 'GET', url: file.url })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: file.url })).statusCode).toBe(401);
  });
});

describe('one transaction', () => {
  it('leaves no case, history, material, message or timer when the submission fails part-way', async () => {
    const application = await uploadAsApplicant(t, w.applicant.token);
    const floorplan = await uploadAsApplicant(t, w.applicant.token);
    const before = await counts();
    // A database failure at the last write (the acceptance timer) must undo everything before it.
    await sql`create function tb_test_fail_timer() returns trigger language plpgsql as $$ begin raise exception 'timer store down'; end $$`.execute(t.db);
    await sql`create trigger tb_test_fail_timer before insert on timers for each row execute function tb_test_fail_timer()`.execute(t.db);
    try {
      const res = await submitOnlineRaw(t, w, { materials: [{ materialId: 'application', fileId: application }, { materialId: 'floorplan', fileId: floorplan }] });
      expect(res.statusCode).toBe(500);
    } finally {
      await sql`drop trigger tb_test_fail_timer on timers`.execute(t.db);
      await sql`drop function tb_test_fail_timer()`.execute(t.db);
    }
    expect(await counts()).toEqual(before);
    // And the same submission goes through once the store is back.
    const ok = await submitOnlineRaw(t, w, { materials: [{ materialId: 'application', fileId: application }, { materialId: 'floorplan', fileId: floorplan }] });
    expect(ok.statusCode).toBe(201);
    const after = await counts();
    expect(after.cases).toBe(before.cases + 1);
    expect(after.outbox).toBe(before.outbox + 3);
    expect(after.timers).toBe(before.timers + 1);
  });
});
