// Consultations (咨询, Art. 14): logged by channel with the first responder (首问负责) and the
// answer, kept within the organization subtree, the asker's contact encrypted and masked for
// viewers who may not read personal data whole, and linked to the case it became.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { createTestApp, type TestApp } from '../helpers.js';
import { makeGuide, makeImplementation, makeImplementingOrg, makeItem, makeUser } from '../factories.js';

let t: TestApp;
let parent: Awaited<ReturnType<typeof makeImplementingOrg>>;
let child: Awaited<ReturnType<typeof makeImplementingOrg>>;
let sibling: Awaited<ReturnType<typeof makeImplementingOrg>>;
let clerk: string; // window clerk of the parent department (reads personal data whole)
let childClerk: string;
let siblingClerk: string;
let centerAdmin: string; // consults and reads cases, personal data masked
let reviewer: string; // reads cases, takes no consultations
let item: Awaited<ReturnType<typeof makeItem>>;

/** A case row as the application service leaves it (the case module owns the real write path). */
async function insertCase(db: Database, orgId: string): Promise<{ id: string; caseNumber: string }> {
  const impl = await makeImplementation(db, { orgId });
  const guide = await makeGuide(db, { implementationId: impl.id });
  const id = randomUUID();
  const caseNumber = `TB${Date.now()}${Math.floor(Math.random() * 1000)}`;
  await db
    .insertInto('cases')
    .values({
      id,
      case_number: caseNumber,
      item_id: impl.itemId,
      implementation_id: impl.id,
      guide_version_id: guide.id,
      org_id: orgId,
      channel: 'window',
      applicant_kind: 'person',
      applicant_name: '张三',
      applicant_id_enc: 'x',
      applicant_id_hash: 'x',
      state: 'submitted',
      submitted_at: new Date(),
      submitted_on: '2026-03-02',
      acceptance_due_on: '2026-03-03',
      promised_days: 10,
      promised_unit: 'working-day',
    })
    .execute();
  return { id, caseNumber };
}

const log = (userId: string, payload: Record<string, unknown>) => t.injectAs(userId, { method: 'POST', url: '/api/consultations', payload });
const list = (userId: string, query = '') => t.injectAs(userId, { method: 'GET', url: `/api/consultations${query}` });

beforeAll(async () => {
  t = await createTestApp();
  parent = await makeImplementingOrg(t.db, { name: '兴安盟市场监督管理局' });
  child = await makeImplementingOrg(t.db, { parentId: parent.id, name: '兴安盟市场监督管理局开发区分局' });
  sibling = await makeImplementingOrg(t.db, { name: '兴安盟人力资源和社会保障局' });
  clerk = (await makeUser(t.db, parent.id, ['window-clerk'])).id;
  childClerk = (await makeUser(t.db, child.id, ['window-clerk'])).id;
  siblingClerk = (await makeUser(t.db, sibling.id, ['window-clerk'])).id;
  centerAdmin = (await makeUser(t.db, parent.id, ['center-admin'])).id;
  reviewer = (await makeUser(t.db, parent.id, ['reviewer'])).id;
  item = await makeItem(t.db, { name: '食品经营许可' });
}, 60_000);
afterAll(async () => t?.close());

describe('logging a consultation', () => {
  it('records the channel, the first responder, the organization, the item and the answer; the contact is stored encrypted', async () => {
    const res = await log(clerk, { channel: 'phone', itemId: item.id, askerName: '王小明', askerContact: '13812345678', question: '办理食品经营许可需要哪些材料？', answer: '请参见办事指南。' });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      channel: 'phone',
      channelName: '电话',
      org: { id: parent.id, name: '兴安盟市场监督管理局' },
      item: { id: item.id, name: '食品经营许可', code: item.code },
      responder: { id: clerk },
      askerName: '王小明',
      askerContact: '13812345678',
      question: '办理食品经营许可需要哪些材料？',
      answer: '请参见办事指南。',
      case: null,
    });
    expect(body.answeredAt).toEqual(body.createdAt);

    const row = await t.db.selectFrom('consultations').selectAll().where('id', '=', body.id).executeTakeFirstOrThrow();
    expect(row.asker_contact_enc).toBeTruthy();
    expect(row.asker_contact_enc).not.toContain('13812345678');
    expect(row.responder_id).toBe(clerk);

    const audit = await t.db.selectFrom('audit_log').selectAll().where('object_id', '=', body.id).execute();
    expect(audit.map((a) => [a.action, a.actor_id, a.org_id])).toEqual([['consultation.create', clerk, parent.id]]);
    expect(JSON.stringify(audit[0].changes)).not.toContain('13812345678');
  });

  it('the responder is the signed-in staff member, whatever the body says', async () => {
    const res = await log(childClerk, { channel: 'window', question: '营业时间？', responderId: clerk });
    // An unknown field is refused rather than silently ignored.
    expect(res.statusCode).toBe(400);
    const ok = await log(childClerk, { channel: 'window', question: '营业时间？' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ responder: { id: childClerk }, org: { id: child.id }, item: null, answer: null, answeredAt: null, askerContact: null });
  });

  it('refuses bad input with 4xx naming the field', async () => {
    const channel = await log(clerk, { channel: 'fax', question: '？' });
    expect(channel.statusCode).toBe(400);
    expect(JSON.stringify(channel.json().invalidParams)).toContain('channel');
    const empty = await log(clerk, { channel: 'letter', question: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(JSON.stringify(empty.json().invalidParams)).toContain('question');
    const unknownItem = await log(clerk, { channel: 'online', itemId: randomUUID(), question: '有这个事项吗？' });
    expect(unknownItem.statusCode).toBe(422);
    expect(unknownItem.json()).toMatchObject({ code: 'item-not-found', invalidParams: [{ name: 'body.itemId' }] });
  });

  it('is refused to roles that take no consultations', async () => {
    const res = await log(reviewer, { channel: 'phone', question: '？' });
    expect(res.statusCode).toBe(403);
    expect(res.json().requiredPermission).toBe('case.consult');
  });
});

describe('listing consultations', () => {
  it('pages newest first by keyset without gaps or repeats, within the viewer’s organization subtree', async () => {
    const mine: string[] = [];
    for (let i = 0; i < 5; i++) mine.push((await log(clerk, { channel: 'letter', question: `来信 ${i}` })).json().id);
    const inChild = (await log(childClerk, { channel: 'online', question: '分局的咨询' })).json().id;
    const elsewhere = (await log(siblingClerk, { channel: 'phone', question: '人社局的咨询' })).json().id;

    const seen: { id: string; createdAt: string }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await list(clerk, `?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 50);
    const ids = seen.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining([...mine, inChild]));
    expect(ids).not.toContain(elsewhere);
    const times = seen.map((c) => c.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(pages).toBeGreaterThan(3);

    // The child organization's clerk sees its own subtree only, not the parent's.
    const childIds = (await list(childClerk, '?limit=100')).json().items.map((c: { id: string }) => c.id);
    expect(childIds).toContain(inChild);
    expect(childIds).not.toContain(mine[0]);
    // The sibling department sees only its own.
    const siblingIds = (await list(siblingClerk, '?limit=100')).json().items.map((c: { id: string }) => c.id);
    expect(siblingIds).toEqual([elsewhere]);
  });

  it('filters by channel and by answered', async () => {
    const items = (await list(clerk, '?channel=letter&answered=false&limit=100')).json().items as { channel: string; answer: string | null }[];
    expect(items.length).toBeGreaterThanOrEqual(5);
    expect(items.every((c) => c.channel === 'letter' && c.answer === null)).toBe(true);
    const answered = (await list(clerk, '?answered=true&limit=100')).json().items as { answer: string | null }[];
    expect(answered.length).toBeGreaterThan(0);
    expect(answered.every((c) => c.answer !== null)).toBe(true);
  });

  it('masks the asker for a viewer who may not read personal data whole', async () => {
    const id = (await log(clerk, { channel: 'phone', askerName: '李四明', askerContact: '13987654321', question: '可以邮寄吗？' })).json().id;
    const forAdmin = (await list(centerAdmin, '?limit=100')).json().items.find((c: { id: string }) => c.id === id);
    expect(forAdmin).toMatchObject({ askerName: '李*明', askerContact: '139****4321' });
    const emailed = (await log(clerk, { channel: 'online', askerContact: 'wangxiao@example.com', question: '？' })).json().id;
    const masked = (await list(centerAdmin, '?limit=100')).json().items.find((c: { id: string }) => c.id === emailed);
    expect(masked.askerContact).toBe('w*******@example.com');
    const forClerk = (await list(clerk, '?limit=100')).json().items.find((c: { id: string }) => c.id === id);
    expect(forClerk).toMatchObject({ askerName: '李四明', askerContact: '13987654321' });
  });

  it('refuses a cursor it did not hand out', async () => {
    const res = await list(clerk, '?cursor=not-a-cursor');
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('invalid-cursor');
  });
});

describe('answering', () => {
  it('records the answer once; a second answer is a conflict; another organization’s consultation is not found', async () => {
    const id = (await log(clerk, { channel: 'window', question: '需要本人到场吗？' })).json().id;
    const res = await t.injectAs(centerAdmin, { method: 'POST', url: `/api/consultations/${id}/answer`, payload: { answer: '需要本人到场。' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ answer: '需要本人到场。', responder: { id: clerk } });
    expect(res.json().answeredAt).toBeTruthy();

    const again = await t.injectAs(clerk, { method: 'POST', url: `/api/consultations/${id}/answer`, payload: { answer: '改口了' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('consultation-answered');
    const stored = await t.db.selectFrom('consultations').select('answer').where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored.answer).toBe('需要本人到场。');

    const outside = await t.injectAs(siblingClerk, { method: 'POST', url: `/api/consultations/${id}/answer`, payload: { answer: '越权答复' } });
    expect(outside.statusCode).toBe(404);

    const audit = await t.db.selectFrom('audit_log').select(['action', 'actor_id']).where('object_id', '=', id).orderBy('id').execute();
    expect(audit).toEqual([
      { action: 'consultation.create', actor_id: clerk },
      { action: 'consultation.answer', actor_id: centerAdmin },
    ]);
  });
});

describe('becoming an application', () => {
  it('links a case within the subtree, once; refuses a case outside it and a second case', async () => {
    const id = (await log(clerk, { channel: 'window', itemId: item.id, question: '现在就申请' })).json().id;
    const own = await insertCase(t.db, child.id);
    const foreign = await insertCase(t.db, sibling.id);

    const outside = await t.injectAs(clerk, { method: 'POST', url: `/api/consultations/${id}/link`, payload: { caseId: foreign.id } });
    expect(outside.statusCode).toBe(422);
    expect(outside.json()).toMatchObject({ code: 'case-not-found', invalidParams: [{ name: 'body.caseId' }] });

    const linked = await t.injectAs(clerk, { method: 'POST', url: `/api/consultations/${id}/link`, payload: { caseId: own.id } });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json().case).toEqual({ id: own.id, caseNumber: own.caseNumber });

    const same = await t.injectAs(clerk, { method: 'POST', url: `/api/consultations/${id}/link`, payload: { caseId: own.id } });
    expect(same.statusCode).toBe(200);
    const other = await insertCase(t.db, parent.id);
    const second = await t.injectAs(clerk, { method: 'POST', url: `/api/consultations/${id}/link`, payload: { caseId: other.id } });
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ code: 'consultation-linked', caseNumber: own.caseNumber });

    // The sibling department cannot reach the consultation at all.
    const notTheirs = await t.injectAs(siblingClerk, { method: 'POST', url: `/api/consultations/${id}/link`, payload: { caseId: foreign.id } });
    expect(notTheirs.statusCode).toBe(404);

    const listed = (await list(clerk, '?limit=100')).json().items.find((c: { id: string }) => c.id === id);
    expect(listed.case).toEqual({ id: own.id, caseNumber: own.caseNumber });
    const audit = await t.db.selectFrom('audit_log').select('action').where('object_id', '=', id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['consultation.create', 'consultation.link-case']);
  });
});
