// The guide workflow (办事指南, Art. 9–12) over HTTP: draft → submit (blocked by lint errors) →
// return → fix → submit → publish → new version → in force by date → diff; the four-eyes rule.
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conflict } from '../../src/http/errors.js';
import { shanghaiDate } from '../../src/lib/shanghai-date.js';
import { onGuidePublished, onItemChanged } from '../../src/modules/catalog/service.js';
import type { GuideContent } from '../../src/modules/catalog/guide-content.js';
import { createTestApp, type TestApp } from '../helpers.js';
import { guideContent, makeImplementation, makeItem } from '../factories.js';
import { catalogState, catalogWorld, type CatalogWorld } from './catalog-world.js';

let t: TestApp;
let w: CatalogWorld;
let item: Awaited<ReturnType<typeof makeItem>>;
const today = shanghaiDate();
beforeAll(async () => {
  t = await createTestApp();
  w = await catalogWorld(t.db);
  item = await makeItem(t.db, { name: '食品经营许可', legalLimitDays: 20 });
});
afterAll(async () => t?.close());

const as = (user: string, options: InjectOptions) => t.injectAs(user, options);
/** Guide content matching the catalog item and the implementing organization. */
const contentFor = (orgName: string, overrides: Partial<GuideContent> = {}) => guideContent({ itemName: item.name, itemType: item.type, implementingBody: orgName, ...overrides });

async function refused(user: string | null, options: InjectOptions, status: number, code?: string) {
  const before = await catalogState(t.db);
  const res = user ? await as(user, options) : await t.app.inject(options);
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  if (code) expect(res.json().code).toBe(code);
  expect(await catalogState(t.db)).toEqual(before);
  return res.json();
}

/** A version of a new implementation of the league department, brought to `status` through the API. */
async function versionIn(status: 'draft' | 'submitted' | 'published', opts: { submitter?: string; content?: GuideContent } = {}) {
  const impl = await makeImplementation(t.db, { itemId: item.id, orgId: w.orgs.dept.id }).catch(async () => {
    const other = await makeItem(t.db, { name: item.name });
    return makeImplementation(t.db, { itemId: other.id, orgId: w.orgs.dept.id });
  });
  const itemRow = await t.db.selectFrom('implementations as im').innerJoin('catalog_items as it', 'it.id', 'im.item_id').select(['it.name', 'it.type']).where('im.id', '=', impl.id).executeTakeFirstOrThrow();
  const content = opts.content ?? guideContent({ itemName: itemRow.name, itemType: itemRow.type, implementingBody: w.orgs.dept.name });
  const submitter = opts.submitter ?? w.users.editor;
  const draft = await as(submitter, { method: 'POST', url: `/api/catalog/implementations/${impl.id}/drafts`, payload: { content } });
  expect(draft.statusCode, draft.body).toBe(201);
  const id = draft.json().id as string;
  if (status !== 'draft') {
    const submit = await as(submitter, { method: 'POST', url: `/api/catalog/guide-versions/${id}/submit`, payload: { changeReason: '首次编制' } });
    expect(submit.statusCode, submit.body).toBe(200);
  }
  if (status === 'published') {
    const publish = await as(w.users.reviewer, { method: 'POST', url: `/api/catalog/guide-versions/${id}/publish`, payload: {} });
    expect(publish.statusCode, publish.body).toBe(200);
  }
  return { id, implementationId: impl.id };
}

describe('the guide workflow, start to finish', () => {
  let implId = '';
  let v1 = '';
  let v2 = '';
  const deptName = '兴安盟市场监督管理局';

  it('starts a first draft from what the catalog knows, with the linter saying what is missing', async () => {
    implId = (await makeImplementation(t.db, { itemId: item.id, orgId: w.orgs.dept.id })).id;
    const res = await as(w.users.editor, { method: 'POST', url: `/api/catalog/implementations/${implId}/drafts`, payload: {} });
    expect(res.statusCode, res.body).toBe(201);
    v1 = res.json().id;
    expect(res.json()).toMatchObject({ implementationId: implId, versionNo: 1, status: 'draft', createdBy: w.users.editor, effectiveFrom: null });
    expect(res.json().content).toMatchObject({ itemName: '食品经营许可', itemType: 'licensing', implementingBody: deptName, legalLimit: { days: 20, unit: 'working-day' } });
    expect(res.json().lint.some((m: { rule: string; severity: string }) => m.rule === 'missing-element' && m.severity === 'error')).toBe(true);
  });

  it('saves content, stores its totals, and shows a catch-all material (“其他材料”, Art. 10(一)) as an error', async () => {
    const bad = contentFor(deptName);
    bad.materials[1] = { ...bad.materials[1], name: '其他材料' };
    const res = await as(w.users.editor, { method: 'PUT', url: `/api/catalog/guide-versions/${v1}`, payload: { content: bad, changeReason: '首次编制' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().lint).toContainEqual(expect.objectContaining({ rule: 'catch-all-material-wording', field: 'materials.1.name', severity: 'error' }));
    expect(res.json().totals).toMatchObject({ steps: 3, materials: 2, promisedWorkingDays: 10, visits: 1 });
    const row = await t.db.selectFrom('guide_versions').select(['totals', 'change_reason']).where('id', '=', v1).executeTakeFirstOrThrow();
    expect(row.totals.materials).toBe(2);
    expect(row.change_reason).toBe('首次编制');
  });

  it('blocks submission while lint errors remain (422 guide-has-lint-errors, with the messages) and writes nothing', async () => {
    // Relies on the real linter (lint.ts) flagging “其他材料”.
    const problem = await refused(w.users.editor, { method: 'POST', url: `/api/catalog/guide-versions/${v1}/submit`, payload: { changeReason: '首次编制' } }, 422, 'guide-has-lint-errors');
    expect(problem.lint).toContainEqual(expect.objectContaining({ rule: 'catch-all-material-wording', article: expect.stringContaining('第十条') }));
  });

  it('submits the fixed guide; it can no longer be edited and waits in the reviewers\' queue of its scope', async () => {
    const fixed = await as(w.users.editor, { method: 'PUT', url: `/api/catalog/guide-versions/${v1}`, payload: { content: contentFor(deptName) } });
    expect(fixed.json().lint.filter((m: { severity: string }) => m.severity === 'error')).toEqual([]);
    const res = await as(w.users.editor, { method: 'POST', url: `/api/catalog/guide-versions/${v1}/submit`, payload: { changeReason: '首次编制' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'submitted', submittedBy: w.users.editor, changeReason: '首次编制' });
    expect(res.json().submittedAt).toMatch(/^\d{4}-\d\d-\d\dT/);

    await refused(w.users.editor, { method: 'PUT', url: `/api/catalog/guide-versions/${v1}`, payload: { content: contentFor(deptName) } }, 409, 'guide-not-editable');
    await refused(w.users.editor, { method: 'POST', url: `/api/catalog/guide-versions/${v1}/submit`, payload: { changeReason: '再次' } }, 409, 'guide-not-editable');

    const queue = await as(w.users.reviewer, { method: 'GET', url: '/api/catalog/review-queue' });
    expect(queue.json().items).toContainEqual(expect.objectContaining({ id: v1, implementationId: implId, itemName: '食品经营许可', orgName: deptName, submittedBy: w.users.editor }));
    const countyQueue = await as(w.users.countyReviewer, { method: 'GET', url: '/api/catalog/review-queue' });
    expect(countyQueue.json().items.map((i: { id: string }) => i.id)).not.toContain(v1);
  });

  it('returns it with a comment; the editor fixes and resubmits', async () => {
    await refused(w.users.reviewer, { method: 'POST', url: `/api/catalog/guide-versions/${v1}/return`, payload: {} }, 400, 'invalid-input');
    await refused(w.users.reviewer, { method: 'POST', url: `/api/catalog/guide-versions/${v1}/return`, payload: { comment: '  ' } }, 400, 'invalid-input');
    const res = await as(w.users.reviewer, { method: 'POST', url: `/api/catalog/guide-versions/${v1}/return`, payload: { comment: '请补充办公时间' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'returned', reviewComment: '请补充办公时间', reviewedBy: w.users.reviewer });
    await refused(w.users.reviewer, { method: 'POST', url: `/api/catalog/guide-versions/${v1}/return`, payload: { comment: '再退' } }, 409, 'guide-not-submitted');
    await refused(w.users.reviewer, { method: 'POST', url: `/api/catalog/guide-versions/${v1}/publish`, payload: {} }, 409, 'guide-not-submitted');

    const content = contentFor(deptName, { locations: [{ name: '兴安盟政务服务中心', address: '乌兰浩特市兴安盟政务服务中心一楼', hours: '周一至周五 8:30-12:00, 14:30-17:30' }] });
    expect((await as(w.users.editor, { method: 'PUT', url: `/api/catalog/guide-versions/${v1}`, payload: { content } })).statusCode).toBe(200);
    const again = await as(w.users.editor, { method: 'POST', url: `/api/catalog/guide-versions/${v1}/submit`, payload: { changeReason: '首次编制' } });
    expect(again.json().status).toBe('submitted');
  });

  it('publishes it, effective today (Asia/Shanghai); it is then the version in force', async () => {
    const res = await as(w.users.reviewer, { method: 'POST', url: `/api/catalog/guide-versions/${v1}/publish`, payload: { comment: '同意' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'published', effectiveFrom: today, reviewedBy: w.users.reviewer, reviewComment: '同意' });
    const inForce = await t.app.inject({ method: 'GET', url: `/api/catalog/implementations/${implId}/in-force` });
    expect(inForce.json()).toMatchObject({ id: v1, versionNo: 1, effectiveFrom: today });
    expect(inForce.json()).not.toHaveProperty('reviewComment');
    const actions = await t.db.selectFrom('audit_log').select('action').where('object_id', '=', v1).orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual([
      'catalog.guide.draft', 'catalog.guide.edit', 'catalog.guide.edit', 'catalog.guide.submit', 'catalog.guide.return', 'catalog.guide.edit', 'catalog.guide.submit', 'catalog.guide.publish',
    ]);
    await refused(w.users.reviewer, { method: 'POST', url: `/api/catalog/guide-versions/${v1}/publish`, payload: {} }, 409, 'guide-not-submitted');
    await refused(w.users.editor, { method: 'PUT', url: `/api/catalog/guide-versions/${v1}`, payload: { content: contentFor(deptName) } }, 409, 'guide-not-editable');
  });

  it('starts a new version as a copy of the published one; only one open version at a time', async () => {
    const res = await as(w.users.editor, { method: 'POST', url: `/api/catalog/implementations/${implId}/drafts` });
    expect(res.statusCode, res.body).toBe(201);
    v2 = res.json().id;
    expect(res.json().versionNo).toBe(2);
    const published = await t.app.inject({ method: 'GET', url: `/api/catalog/implementations/${implId}/in-force` });
    expect(res.json().content).toEqual(published.json().content);
    const second = await refused(w.users.editor, { method: 'POST', url: `/api/catalog/implementations/${implId}/drafts`, payload: {} }, 409, 'open-version-exists');
    expect(second.versionId).toBe(v2);
  });

  it('publishes version 2 from a future date the submitter proposed; each date finds its own version', async () => {
    const content = contentFor(deptName, { promisedLimit: { days: 5, unit: 'working-day' } });
    content.process = content.process.map((s) => ({ ...s, timeLimit: { days: 1, unit: 'working-day' } }));
    expect((await as(w.users.editor, { method: 'PUT', url: `/api/catalog/guide-versions/${v2}`, payload: { content } })).statusCode).toBe(200);
    await refused(w.users.editor, { method: 'POST', url: `/api/catalog/guide-versions/${v2}/submit`, payload: { changeReason: '依据新条例调整', effectiveFrom: '2001-01-01' } }, 422, 'effective-date-in-past');
    const submit = await as(w.users.editor, { method: 'POST', url: `/api/catalog/guide-versions/${v2}/submit`, payload: { changeReason: '依据新条例调整', effectiveFrom: '2099-01-01' } });
    expect(submit.json().effectiveFrom).toBe('2099-01-01');
    await refused(w.users.reviewer, { method: 'POST', url: `/api/catalog/guide-versions/${v2}/publish`, payload: { effectiveFrom: '2001-01-01' } }, 422, 'effective-date-in-past');
    const publish = await as(w.users.reviewer, { method: 'POST', url: `/api/catalog/guide-versions/${v2}/publish`, payload: {} });
    expect(publish.json()).toMatchObject({ status: 'published', effectiveFrom: '2099-01-01', changeReason: '依据新条例调整' });

    const on = (date: string) => t.app.inject({ method: 'GET', url: `/api/catalog/implementations/${implId}/in-force?date=${date}` });
    expect((await on(today)).json().id).toBe(v1);
    expect((await on('2098-12-31')).json().id).toBe(v1);
    expect((await on('2099-01-01')).json()).toMatchObject({ id: v2, changeReason: '依据新条例调整' });
    const none = await on('2000-01-01');
    expect([none.statusCode, none.json().code]).toEqual([404, 'no-version-in-force']);
  });

  it('reports what changed between the versions (diff)', async () => {
    const res = await as(w.users.clerk, { method: 'GET', url: `/api/catalog/guide-versions/${v2}/diff?against=${v1}` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().from).toEqual({ id: v1, versionNo: 1 });
    expect(res.json().changes).toContainEqual(expect.objectContaining({ path: 'promisedLimit.days', kind: 'changed', before: 10, after: 5 }));
    const same = await as(w.users.clerk, { method: 'GET', url: `/api/catalog/guide-versions/${v1}/diff?against=${v1}` });
    expect(same.json().changes).toEqual([]);
  });

  it('keeps every published version: the public sees those, staff in scope also the open draft', async () => {
    const draft = await as(w.users.editor, { method: 'POST', url: `/api/catalog/implementations/${implId}/drafts`, payload: {} });
    const pub = await t.app.inject({ method: 'GET', url: `/api/catalog/implementations/${implId}/versions` });
    expect(pub.json().items.map((v: { id: string }) => v.id)).toEqual([v2, v1]);
    const staff = await as(w.users.editor, { method: 'GET', url: `/api/catalog/implementations/${implId}/versions` });
    expect(staff.json().items.map((v: { id: string; status: string }) => [v.id, v.status])).toEqual([[draft.json().id, 'draft'], [v2, 'published'], [v1, 'published']]);
    const outside = await as(w.users.countyAdmin, { method: 'GET', url: `/api/catalog/implementations/${implId}/versions` });
    expect(outside.json().items).toHaveLength(2);
  });

  it('reports an element the draft adds (no before) or the older version lacks (no after)', async () => {
    const draftId = (await as(w.users.editor, { method: 'GET', url: `/api/catalog/implementations/${implId}/versions` })).json().items[0].id;
    const content = { ...(await as(w.users.editor, { method: 'GET', url: `/api/catalog/guide-versions/${draftId}` })).json().content, subItemName: '食品经营许可（新办）' };
    expect((await as(w.users.editor, { method: 'PUT', url: `/api/catalog/guide-versions/${draftId}`, payload: { content } })).statusCode).toBe(200);
    const added = await as(w.users.clerk, { method: 'GET', url: `/api/catalog/guide-versions/${draftId}/diff?against=${v2}` });
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json().changes).toContainEqual({ path: 'subItemName', label: '子项名称', kind: 'added', after: '食品经营许可（新办）' });
    const removed = await as(w.users.clerk, { method: 'GET', url: `/api/catalog/guide-versions/${v2}/diff?against=${draftId}` });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json().changes).toContainEqual({ path: 'subItemName', label: '子项名称', kind: 'removed', before: '食品经营许可（新办）' });
  });
});

describe('sub-items (子项)', () => {
  it('a first draft of a sub-item names the main item and the sub-item, bound by the main item\'s legal limit', async () => {
    const main = await makeItem(t.db, { name: '建筑工程施工许可', legalLimitDays: 15 });
    const sub = await makeItem(t.db, { parentId: main.id, name: '变更', legalLimitDays: null });
    const impl = await makeImplementation(t.db, { itemId: sub.id, orgId: w.orgs.dept.id });
    const res = await as(w.users.editor, { method: 'POST', url: `/api/catalog/implementations/${impl.id}/drafts`, payload: {} });
    expect(res.json().content).toMatchObject({ itemName: '建筑工程施工许可', subItemName: '变更', legalLimit: { days: 15, unit: 'working-day' } });
    const wrong = await as(w.users.editor, { method: 'PUT', url: `/api/catalog/guide-versions/${res.json().id}`, payload: { content: { ...res.json().content, subItemName: '新办' } } });
    expect(wrong.json().lint).toContainEqual(expect.objectContaining({ rule: 'sub-item-name-not-from-catalog', field: 'subItemName' }));
  });
});

describe('concurrent editors', () => {
  it('two simultaneous new drafts for one implementation: one is created, the other refused (409)', async () => {
    const other = await makeItem(t.db, { name: '并发事项' });
    const impl = await makeImplementation(t.db, { itemId: other.id, orgId: w.orgs.dept.id });
    const url = `/api/catalog/implementations/${impl.id}/drafts`;
    const results = await Promise.all([as(w.users.editor, { method: 'POST', url, payload: {} }), as(w.users.admin, { method: 'POST', url, payload: {} })]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const rows = await t.db.selectFrom('guide_versions').select('id').where('implementation_id', '=', impl.id).execute();
    expect(rows).toHaveLength(1);
  });
});

describe('publication hooks (search index, 同源发布 Art. 11)', () => {
  it('run inside the publishing transaction: a failing hook rolls the publication back', async () => {
    const { id, implementationId } = await versionIn('submitted');
    const seen: string[] = [];
    const offOk = onGuidePublished(async (_trx, e) => void seen.push(e.implementationId));
    const offFail = onGuidePublished(async () => {
      throw conflict('index-unavailable', '索引不可用 (index unavailable)');
    });
    try {
      await refused(w.users.reviewer, { method: 'POST', url: `/api/catalog/guide-versions/${id}/publish`, payload: {} }, 409, 'index-unavailable');
    } finally {
      offFail();
    }
    const ok = await as(w.users.reviewer, { method: 'POST', url: `/api/catalog/guide-versions/${id}/publish`, payload: {} });
    offOk();
    expect(ok.statusCode).toBe(200);
    expect(seen).toEqual([implementationId, implementationId]);
  });

  it('an item change (rename, retire) is announced with the fields that changed', async () => {
    const target = await makeItem(t.db);
    const events: unknown[] = [];
    const off = onItemChanged(async (_trx, e) => void events.push(e));
    await as(w.users.admin, { method: 'PATCH', url: `/api/catalog/items/${target.id}`, payload: { status: 'retired' } });
    off();
    expect(events).toEqual([{ itemId: target.id, fields: ['status'] }]);
  });
});

describe('review rules', () => {
  it('four-eyes: whoever submitted a version cannot publish it, even holding both permissions (409)', async () => {
    const { id } = await versionIn('submitted', { submitter: w.users.sysadmin });
    await refused(w.users.sysadmin, { method: 'POST', url: `/api/catalog/guide-versions/${id}/publish`, payload: {} }, 409, 'four-eyes');
    const ok = await as(w.users.reviewer, { method: 'POST', url: `/api/catalog/guide-versions/${id}/publish`, payload: {} });
    expect(ok.statusCode).toBe(200);
  });

  it('Art. 7: a version of a retired item is neither submitted nor published (422 item-not-in-catalog)', async () => {
    const other = await makeItem(t.db, { name: '将取消事项' });
    const impl = await makeImplementation(t.db, { itemId: other.id, orgId: w.orgs.dept.id });
    const content = guideContent({ itemName: '将取消事项', implementingBody: w.orgs.dept.name });
    const draft = (await as(w.users.editor, { method: 'POST', url: `/api/catalog/implementations/${impl.id}/drafts`, payload: { content } })).json().id;
    const submitted = (await as(w.users.editor, { method: 'POST', url: `/api/catalog/implementations/${impl.id}/drafts`, payload: { content } })).json();
    expect(submitted.code).toBe('open-version-exists');
    await as(w.users.editor, { method: 'POST', url: `/api/catalog/guide-versions/${draft}/submit`, payload: { changeReason: '编制' } });
    await t.db.updateTable('catalog_items').set({ status: 'retired' }).where('id', '=', other.id).execute();
    await refused(w.users.reviewer, { method: 'POST', url: `/api/catalog/guide-versions/${draft}/publish`, payload: {} }, 422, 'item-not-in-catalog');
    await as(w.users.reviewer, { method: 'POST', url: `/api/catalog/guide-versions/${draft}/return`, payload: { comment: '事项已取消' } });
    await refused(w.users.editor, { method: 'POST', url: `/api/catalog/guide-versions/${draft}/submit`, payload: { changeReason: '编制' } }, 422, 'item-not-in-catalog');
  });

  it('re-lints at publication: a licence that became shareable after submission blocks it (Art. 10(四))', async () => {
    const code = '11100000000131246M999';
    const content = contentFor('兴安盟市场监督管理局');
    content.materials[1] = { ...content.materials[1], name: '测试许可证', licenceTypeCode: code };
    const { id } = await versionIn('submitted', { content });
    await t.db.insertInto('licence_types').values({ code, name: '测试许可证', issuing_department: '市场监督管理部门', shareable: true }).execute();
    const problem = await refused(w.users.reviewer, { method: 'POST', url: `/api/catalog/guide-versions/${id}/publish`, payload: {} }, 422, 'guide-has-lint-errors');
    expect(problem.lint).toContainEqual(expect.objectContaining({ rule: 'shareable-material-demanded' }));
  });

  it('Art. 8: a guide names the catalog\'s item and type; a mismatch is a lint error blocking submission', async () => {
    const content = contentFor('兴安盟市场监督管理局', { itemName: '自拟事项名称' });
    const { id } = await versionIn('draft', { content });
    const view = await as(w.users.editor, { method: 'GET', url: `/api/catalog/guide-versions/${id}` });
    expect(view.json().lint).toContainEqual(expect.objectContaining({ rule: 'item-name-not-from-catalog', field: 'itemName', severity: 'error' }));
    await refused(w.users.editor, { method: 'POST', url: `/api/catalog/guide-versions/${id}/submit`, payload: { changeReason: '编制' } }, 422, 'guide-has-lint-errors');
  });

  it('a guide missing an element the linter does not check is still refused as incomplete (422, naming the field)', async () => {
    const content: Partial<GuideContent> = contentFor('兴安盟市场监督管理局');
    delete content.situations;
    const { id } = await versionIn('draft', { content: content as GuideContent });
    const problem = await refused(w.users.editor, { method: 'POST', url: `/api/catalog/guide-versions/${id}/submit`, payload: { changeReason: '编制' } }, 422, 'guide-incomplete');
    expect(problem.invalidParams.map((p: { name: string }) => p.name)).toContain('content.situations');
  });
});

describe('POST /api/catalog/lint', () => {
  it('lints content without saving it, with the catalog item as context, and returns the totals', async () => {
    const content = contentFor('任意机构', { promisedLimit: { days: 30, unit: 'working-day' } });
    const before = await catalogState(t.db);
    const res = await as(w.users.clerk, { method: 'POST', url: '/api/catalog/lint', payload: { content, itemId: item.id } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().messages).toContainEqual(expect.objectContaining({ rule: 'promised-exceeds-legal', severity: 'error' }));
    expect(res.json().totals).toMatchObject({ steps: 3, materials: 2, promisedWorkingDays: 30 });
    const bare = await as(w.users.clerk, { method: 'POST', url: '/api/catalog/lint', payload: { content: {} } });
    expect(bare.json().messages.some((m: { rule: string }) => m.rule === 'missing-element')).toBe(true);
    expect(await catalogState(t.db)).toEqual(before);
  });

  it('refuses bad input (400), an unknown item (422) and no session (401)', async () => {
    expect((await refused(w.users.clerk, { method: 'POST', url: '/api/catalog/lint', payload: {} }, 400)).invalidParams[0].name).toBe('body.content');
    expect((await refused(w.users.clerk, { method: 'POST', url: '/api/catalog/lint', payload: { content: { materials: 5 } } }, 400)).invalidParams[0].name).toMatch(/^body\.content\.materials/);
    expect((await refused(w.users.clerk, { method: 'POST', url: '/api/catalog/lint', payload: { content: { itemName: 'x'.repeat(201) } } }, 400)).invalidParams[0].name).toBe('body.content.itemName');
    await refused(w.users.clerk, { method: 'POST', url: '/api/catalog/lint', payload: { content: {}, itemId: 'nope' } }, 422, 'unknown-item');
    await refused(null, { method: 'POST', url: '/api/catalog/lint', payload: { content: {} } }, 401);
  });
});
