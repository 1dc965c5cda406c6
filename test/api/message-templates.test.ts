// Message templates (消息模板) over HTTP: the built-in texts, new versions with placeholder checks,
// previews, and versions in use — a new version is used for new messages while old messages keep
// theirs. And the messages of a case for staff within the case's organization subtree.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers.js';
import { makeGuide, makeImplementation, makeImplementingOrg, makeOrg, makeUser } from '../factories.js';
import { sensitiveColumns } from '../../src/lib/sm-crypto.js';
import { enqueueMessages, type MessageRequest } from '../../src/modules/outbox/service.js';

let t: TestApp;
let admin: { id: string };
let clerk: { id: string };
let outsider: { id: string };
let supervisor: { id: string };
let caseId: string;

const PARAMS = { caseNumber: 'XA2026030200007', itemName: '食品经营许可', orgName: '兴安盟市场监督管理局', stateName: '审查中', link: 'http://127.0.0.1:3000/my/cases/x', dueOn: '2026-03-30' };

async function enqueue(req: Partial<MessageRequest> = {}) {
  const deps = t.app.deps;
  await deps.db.transaction().execute((trx) =>
    enqueueMessages(trx, deps, { templateKey: 'case.accepted', dedupeKey: randomUUID(), caseId, applicantId: null, to: { email: 'wang.wu@example.cn' }, params: PARAMS, ...req }),
  );
}

/** A case row of `orgId`, inserted directly: this file tests messages, not applications. */
async function insertCase(orgId: string): Promise<string> {
  const impl = await makeImplementation(t.db, { orgId });
  const guide = await makeGuide(t.db, { implementationId: impl.id });
  const columns = sensitiveColumns(t.app.deps.config);
  const id = randomUUID();
  await t.db
    .insertInto('cases')
    .values({
      id,
      case_number: `T${id.slice(0, 8)}`,
      item_id: impl.itemId,
      implementation_id: impl.id,
      guide_version_id: guide.id,
      org_id: orgId,
      channel: 'window',
      applicant_kind: 'person',
      applicant_name: '王五',
      applicant_id_enc: columns.encrypt('152201199001011234', 'cases.applicant_id'),
      applicant_id_hash: columns.hash('152201199001011234'),
      state: 'under-review',
      submitted_at: new Date(),
      submitted_on: '2026-03-02',
      acceptance_due_on: '2026-03-03',
      promised_days: 10,
      promised_unit: 'working-day',
      updated_at: new Date(),
    })
    .execute();
  return id;
}

beforeAll(async () => {
  t = await createTestApp();
  const gov = await makeOrg(t.db, { kind: 'government' });
  const dept = await makeImplementingOrg(t.db, { parentId: gov.id });
  const other = await makeImplementingOrg(t.db, { parentId: gov.id });
  admin = await makeUser(t.db, gov.id, ['system-admin']);
  clerk = await makeUser(t.db, dept.id, ['window-clerk']);
  outsider = await makeUser(t.db, other.id, ['window-clerk']);
  supervisor = await makeUser(t.db, gov.id, ['supervisor']);
  caseId = await insertCase(dept.id);
}, 120_000);
afterAll(async () => t?.close());

const get = (userId: string, url: string) => t.injectAs(userId, { method: 'GET', url });
const post = (userId: string, url: string, payload: object) => t.injectAs(userId, { method: 'POST', url, payload });

describe('message templates', () => {
  it('lists every key and channel with its built-in version, for templates.manage only', async () => {
    const res = await get(admin.id, '/api/message-templates');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<{ key: string; channel: string; version: number; subject: string; body: string; params: { name: string }[] }>;
    expect(items).toHaveLength(16 * 3);
    expect(items.every((i) => i.version === 0)).toBe(true);
    const sms = items.find((i) => i.key === 'case.supplement-requested' && i.channel === 'sms')!;
    expect(sms.body.startsWith('【通办】')).toBe(true);
    expect(sms.params.map((p) => p.name)).toEqual(['caseNumber', 'itemName', 'orgName', 'stateName', 'link', 'items', 'deadline']);
    expect((await get(clerk.id, '/api/message-templates')).statusCode).toBe(403);
  });

  it('refuses unknown placeholders with 422 naming the field, and unknown keys with 404', async () => {
    const bad = await post(admin.id, '/api/message-templates/case.accepted/email', { subject: '受理 {{caseNumber}}', body: '请于 {{deadline}} 前补正 {{foo}}' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().code).toBe('message-template-invalid');
    expect(bad.json().invalidParams).toEqual([expect.objectContaining({ name: 'body.body', reason: expect.stringContaining('{{foo}}') })]);
    expect(bad.json().invalidParams[0].reason).toContain('{{deadline}}');
    const subject = await post(admin.id, '/api/message-templates/case.accepted/email', { subject: '受理 {{caseNo}}', body: '已受理' });
    expect(subject.json().invalidParams.map((p: { name: string }) => p.name)).toEqual(['body.subject']);
    expect((await post(admin.id, '/api/message-templates/case.nonsense/email', { subject: 'x', body: 'y' })).statusCode).toBe(404);
    const channel = await post(admin.id, '/api/message-templates/case.accepted/fax', { subject: 'x', body: 'y' });
    expect(channel.statusCode).toBe(400);
    expect(channel.json().invalidParams[0].name).toBe('params.channel');
    // Nothing was saved by the refusals.
    const versions = await get(admin.id, '/api/message-templates/case.accepted/email/versions');
    expect(versions.json().items.map((v: { version: number }) => v.version)).toEqual([0]);
  });

  it('previews a draft and the version in use with sample values, and refuses unknown params', async () => {
    const draft = await post(admin.id, '/api/message-templates/case.accepted/sms/preview', { body: '【通办】{{itemName}}已受理，编号{{caseNumber}}。', params: { caseNumber: 'ABC-1' } });
    expect(draft.statusCode).toBe(200);
    expect(draft.json()).toMatchObject({ subject: '', body: '【通办】食品经营许可证核发已受理，编号ABC-1。', version: null });
    const current = await post(admin.id, '/api/message-templates/case.supplement-requested/email/preview', {});
    expect(current.json().version).toBe(0);
    expect(current.json().subject).toBe('【通办】请补齐补正申请材料（办件编号 XA2026031200123）');
    expect(current.json().body).toContain('一、营业执照');
    expect(current.json().body).not.toContain('{{');
    const unknown = await post(admin.id, '/api/message-templates/case.accepted/sms/preview', { params: { bogus: 'x' } });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().invalidParams[0].name).toBe('body.params.bogus');
  });

  it('a new version is used for new messages, while earlier messages keep theirs; it is audited', async () => {
    await enqueue({ dedupeKey: 'before-new-version' });
    const created = await post(admin.id, '/api/message-templates/case.accepted/email', {
      subject: '【通办】受理通知 {{caseNumber}}',
      body: '{{itemName}} 已受理，请于 {{dueOn}} 前关注结果：{{link}}',
      note: '措辞更简洁',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ key: 'case.accepted', channel: 'email', version: 1, note: '措辞更简洁' });
    await enqueue({ dedupeKey: 'after-new-version' });

    const rows = await t.db.selectFrom('outbox_messages').select(['dedupe_key', 'template_version', 'subject', 'body']).where('dedupe_key', 'in', ['before-new-version:email', 'after-new-version:email']).execute();
    const before = rows.find((r) => r.dedupe_key === 'before-new-version:email')!;
    const after = rows.find((r) => r.dedupe_key === 'after-new-version:email')!;
    expect(before).toMatchObject({ template_version: 0, subject: '【通办】申请已受理（办件编号 XA2026030200007）' });
    expect(after).toMatchObject({ template_version: 1, subject: '【通办】受理通知 XA2026030200007', body: '食品经营许可 已受理，请于 2026-03-30 前关注结果：http://127.0.0.1:3000/my/cases/x' });

    const list = (await get(admin.id, '/api/message-templates')).json().items;
    expect(list.find((i: { key: string; channel: string }) => i.key === 'case.accepted' && i.channel === 'email')).toMatchObject({ version: 1 });
    expect(list.find((i: { key: string; channel: string }) => i.key === 'case.accepted' && i.channel === 'sms')).toMatchObject({ version: 0 });
    const versions = (await get(admin.id, '/api/message-templates/case.accepted/email/versions')).json().items;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([1, 0]);
    expect(versions[0].createdBy).toContain('测试用户');

    const audit = await t.db.selectFrom('audit_log').select(['action', 'object_id']).where('action', '=', 'message-template.version').execute();
    expect(audit).toEqual([{ action: 'message-template.version', object_id: 'case.accepted/email' }]);

    const second = await post(admin.id, '/api/message-templates/case.accepted/email', { subject: '第二版 {{caseNumber}}', body: '第二版 {{link}}' });
    expect(second.json().version).toBe(2);
  });
});

describe('messages of a case', () => {
  it('shows staff in the case organization subtree each message with status and a masked recipient', async () => {
    await enqueue({ dedupeKey: 'case-list', to: { email: 'wang.wu@example.cn', phone: '13912345678' } });
    const res = await get(clerk.id, `/api/cases/${caseId}/messages`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<Record<string, unknown>>;
    const sms = items.find((m) => m.channel === 'sms')!;
    expect(sms).toMatchObject({ status: 'created', statusName: '待发送', attempts: 0, templateKey: 'case.accepted', templateVersion: 0, recipient: '139****5678', deliveredAt: null });
    expect(items.find((m) => m.channel === 'email')).toMatchObject({ recipient: 'w******@example.cn' });
    expect(res.body).not.toContain('13912345678');
    expect(res.body).not.toContain('wang.wu@');
    // The supervisor of the whole government sees it too; a clerk of another department does not.
    expect((await get(supervisor.id, `/api/cases/${caseId}/messages`)).statusCode).toBe(200);
    const other = await get(outsider.id, `/api/cases/${caseId}/messages`);
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('case-not-found');
    expect((await get(clerk.id, '/api/cases/no-such-case/messages')).statusCode).toBe(404);
  });
});
