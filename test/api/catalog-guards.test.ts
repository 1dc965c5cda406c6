// Every catalog route refuses what it must — bad input (400, naming the field), unknown ids
// (404), roles without the permission and organizations outside the actor's scope (403), no
// session (401), a version in the wrong state (409) — and a refused request writes nothing.
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers.js';
import { guideContent, makeGuide, makeImplementation, makeItem } from '../factories.js';
import { catalogState, catalogWorld, longText, type CatalogWorld } from './catalog-world.js';

let t: TestApp;
let w: CatalogWorld;
/** Ids of the fixtures the cases below refer to by name. */
const ids: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestApp();
  w = await catalogWorld(t.db);
  const item = await makeItem(t.db, { name: '测试许可' });
  ids.item = item.id;
  ids.orgDept = w.orgs.dept.id;
  ids.league = (await makeImplementation(t.db, { itemId: item.id, orgId: w.orgs.dept.id })).id;
  ids.bare = (await makeImplementation(t.db, { itemId: item.id, orgId: w.orgs.countyDept.id })).id;
  const content = guideContent({ itemName: '测试许可', implementingBody: w.orgs.dept.name });
  ids.published = (await makeGuide(t.db, { implementationId: ids.league, content })).id;
  ids.draft = (await makeGuide(t.db, { implementationId: ids.league, content, status: 'draft', createdBy: w.users.editor })).id;
  const other = await makeImplementation(t.db, { itemId: (await makeItem(t.db, { name: '另一事项' })).id, orgId: w.orgs.dept.id });
  ids.submitted = (await makeGuide(t.db, { implementationId: other.id, content: { ...content, itemName: '另一事项' }, status: 'submitted' })).id;
});
afterAll(async () => t?.close());

interface Case {
  name: string;
  user: keyof CatalogWorld['users'] | null;
  request: () => InjectOptions;
  status: number;
  code?: string;
  /** The field invalidParams must name (400). */
  field?: string;
}

const post = (url: string, payload?: unknown) => (): InjectOptions => ({ method: 'POST', url: url.replace(/:(\w+)/g, (_, k) => ids[k] ?? k), payload: payload as InjectOptions['payload'] });
const get = (url: string) => (): InjectOptions => ({ method: 'GET', url: url.replace(/:(\w+)/g, (_, k) => ids[k] ?? k) });
const put = (url: string, payload: unknown) => (): InjectOptions => ({ ...post(url, payload)(), method: 'PUT' });
const okContent = () => guideContent({ itemName: '测试许可' });
const long = 'x'.repeat(65);

const CASES: Case[] = [
  // POST /api/catalog/implementations/:id/drafts
  { name: 'draft: content of the wrong type', user: 'editor', request: post('/api/catalog/implementations/:league/drafts', { content: 5 }), status: 400, field: 'body.content' },
  { name: 'draft: unknown content field', user: 'editor', request: post('/api/catalog/implementations/:league/drafts', { content: { colour: 'red' } }), status: 400, field: 'body.content.colour' },
  { name: 'draft: oversize text', user: 'editor', request: post('/api/catalog/implementations/:league/drafts', { content: { itemName: longText(201) } }), status: 400, field: 'body.content.itemName' },
  { name: 'draft: unknown implementation', user: 'editor', request: post('/api/catalog/implementations/nope/drafts', {}), status: 404, code: 'implementation-not-found' },
  { name: 'draft: role without guide.write', user: 'clerk', request: post('/api/catalog/implementations/:bare/drafts', {}), status: 403, code: 'forbidden' },
  { name: 'draft: organization out of scope', user: 'editor', request: post('/api/catalog/implementations/:bare/drafts', {}), status: 403, code: 'out-of-scope' },
  { name: 'draft: no session', user: null, request: post('/api/catalog/implementations/:bare/drafts', {}), status: 401 },
  { name: 'draft: open version exists', user: 'editor', request: post('/api/catalog/implementations/:league/drafts', {}), status: 409, code: 'open-version-exists' },
  // GET /api/catalog/guide-versions/:id
  { name: 'version: unknown id', user: 'clerk', request: get('/api/catalog/guide-versions/nope'), status: 404, code: 'guide-version-not-found' },
  { name: 'version: oversize id', user: 'clerk', request: get(`/api/catalog/guide-versions/${long}`), status: 400, field: 'params.id' },
  { name: 'version: out of scope', user: 'countyAdmin', request: get('/api/catalog/guide-versions/:draft'), status: 403, code: 'out-of-scope' },
  { name: 'version: no session', user: null, request: get('/api/catalog/guide-versions/:draft'), status: 401 },
  // PUT /api/catalog/guide-versions/:id
  { name: 'save: missing content', user: 'editor', request: put('/api/catalog/guide-versions/:draft', { changeReason: 'x' }), status: 400, field: 'body.content' },
  { name: 'save: wrong type', user: 'editor', request: put('/api/catalog/guide-versions/:draft', { content: { itemType: 'tax' } }), status: 400, field: 'body.content.itemType' },
  { name: 'save: oversize reason', user: 'editor', request: put('/api/catalog/guide-versions/:draft', { content: {}, changeReason: longText(1001) }), status: 400, field: 'body.changeReason' },
  { name: 'save: unknown id', user: 'editor', request: put('/api/catalog/guide-versions/nope', { content: {} }), status: 404, code: 'guide-version-not-found' },
  { name: 'save: role without guide.write', user: 'reviewer', request: put('/api/catalog/guide-versions/:draft', { content: {} }), status: 403, code: 'forbidden' },
  { name: 'save: out of scope', user: 'countyAdmin', request: put('/api/catalog/guide-versions/:draft', { content: {} }), status: 403, code: 'out-of-scope' },
  { name: 'save: published version', user: 'editor', request: put('/api/catalog/guide-versions/:published', { content: okContent() }), status: 409, code: 'guide-not-editable' },
  // POST /api/catalog/guide-versions/:id/submit
  { name: 'submit: missing reason', user: 'editor', request: post('/api/catalog/guide-versions/:draft/submit', {}), status: 400, field: 'body.changeReason' },
  { name: 'submit: not a date', user: 'editor', request: post('/api/catalog/guide-versions/:draft/submit', { changeReason: 'x', effectiveFrom: 'tomorrow' }), status: 400, field: 'body.effectiveFrom' },
  { name: 'submit: oversize reason', user: 'editor', request: post('/api/catalog/guide-versions/:draft/submit', { changeReason: longText(1001) }), status: 400, field: 'body.changeReason' },
  { name: 'submit: unknown id', user: 'editor', request: post('/api/catalog/guide-versions/nope/submit', { changeReason: 'x' }), status: 404, code: 'guide-version-not-found' },
  { name: 'submit: role without guide.write', user: 'reviewer', request: post('/api/catalog/guide-versions/:draft/submit', { changeReason: 'x' }), status: 403, code: 'forbidden' },
  { name: 'submit: out of scope', user: 'countyAdmin', request: post('/api/catalog/guide-versions/:draft/submit', { changeReason: 'x' }), status: 403, code: 'out-of-scope' },
  { name: 'submit: already submitted', user: 'editor', request: post('/api/catalog/guide-versions/:submitted/submit', { changeReason: 'x' }), status: 409, code: 'guide-not-editable' },
  // POST /api/catalog/guide-versions/:id/publish
  { name: 'publish: impossible date', user: 'reviewer', request: post('/api/catalog/guide-versions/:submitted/publish', { effectiveFrom: '2099-02-30' }), status: 400, field: 'body.effectiveFrom' },
  { name: 'publish: oversize comment', user: 'reviewer', request: post('/api/catalog/guide-versions/:submitted/publish', { comment: longText(2001) }), status: 400, field: 'body.comment' },
  { name: 'publish: unknown id', user: 'reviewer', request: post('/api/catalog/guide-versions/nope/publish', {}), status: 404, code: 'guide-version-not-found' },
  { name: 'publish: role without review', user: 'editor', request: post('/api/catalog/guide-versions/:submitted/publish', {}), status: 403, code: 'forbidden' },
  { name: 'publish: out of scope', user: 'countyReviewer', request: post('/api/catalog/guide-versions/:submitted/publish', {}), status: 403, code: 'out-of-scope' },
  { name: 'publish: a draft', user: 'reviewer', request: post('/api/catalog/guide-versions/:draft/publish', {}), status: 409, code: 'guide-not-submitted' },
  // POST /api/catalog/guide-versions/:id/return
  { name: 'return: missing comment', user: 'reviewer', request: post('/api/catalog/guide-versions/:submitted/return', {}), status: 400, field: 'body.comment' },
  { name: 'return: wrong type', user: 'reviewer', request: post('/api/catalog/guide-versions/:submitted/return', { comment: { text: 'x' } }), status: 400, field: 'body.comment' },
  { name: 'return: oversize comment', user: 'reviewer', request: post('/api/catalog/guide-versions/:submitted/return', { comment: longText(2001) }), status: 400, field: 'body.comment' },
  { name: 'return: unknown id', user: 'reviewer', request: post('/api/catalog/guide-versions/nope/return', { comment: 'x' }), status: 404, code: 'guide-version-not-found' },
  { name: 'return: role without review', user: 'editor', request: post('/api/catalog/guide-versions/:submitted/return', { comment: 'x' }), status: 403, code: 'forbidden' },
  { name: 'return: out of scope', user: 'countyReviewer', request: post('/api/catalog/guide-versions/:submitted/return', { comment: 'x' }), status: 403, code: 'out-of-scope' },
  { name: 'return: a published version', user: 'reviewer', request: post('/api/catalog/guide-versions/:published/return', { comment: 'x' }), status: 409, code: 'guide-not-submitted' },
  // GET /api/catalog/review-queue
  { name: 'queue: role without review', user: 'editor', request: get('/api/catalog/review-queue'), status: 403, code: 'forbidden' },
  { name: 'queue: no session', user: null, request: get('/api/catalog/review-queue'), status: 401 },
  // GET /api/catalog/guide-versions/:id/diff
  { name: 'diff: missing against', user: 'clerk', request: get('/api/catalog/guide-versions/:draft/diff'), status: 400, field: 'querystring.against' },
  { name: 'diff: oversize against', user: 'clerk', request: get(`/api/catalog/guide-versions/:draft/diff?against=${long}`), status: 400, field: 'querystring.against' },
  { name: 'diff: unknown against', user: 'clerk', request: get('/api/catalog/guide-versions/:draft/diff?against=nope'), status: 404, code: 'guide-version-not-found' },
  { name: 'diff: unknown id', user: 'clerk', request: get('/api/catalog/guide-versions/nope/diff?against=:draft'), status: 404, code: 'guide-version-not-found' },
  { name: 'diff: out of scope', user: 'countyAdmin', request: get('/api/catalog/guide-versions/:draft/diff?against=:published'), status: 403, code: 'out-of-scope' },
  // POST /api/catalog/lint
  { name: 'lint: wrong type', user: 'clerk', request: post('/api/catalog/lint', { content: { legalLimit: { days: 'many', unit: 'working-day' } } }), status: 400, field: 'body.content.legalLimit.days' },
  // GET /api/catalog/implementations
  { name: 'implementations: unknown filter', user: 'clerk', request: get('/api/catalog/implementations?colour=red'), status: 400, field: 'querystring.colour' },
  { name: 'implementations: oversize orgId', user: 'clerk', request: get(`/api/catalog/implementations?orgId=${long}`), status: 400, field: 'querystring.orgId' },
  { name: 'implementations: unknown org', user: 'clerk', request: get('/api/catalog/implementations?orgId=nope'), status: 404, code: 'org-not-found' },
  { name: 'implementations: unknown item', user: 'clerk', request: get('/api/catalog/implementations?itemId=nope'), status: 404, code: 'item-not-found' },
  { name: 'implementations: org out of scope', user: 'countyAdmin', request: get('/api/catalog/implementations?orgId=:orgDept'), status: 403, code: 'out-of-scope' },
  { name: 'implementations: no session', user: null, request: get('/api/catalog/implementations'), status: 401 },
  // GET /api/catalog/implementations/:id
  { name: 'implementation: unknown id', user: 'clerk', request: get('/api/catalog/implementations/nope'), status: 404, code: 'implementation-not-found' },
  { name: 'implementation: oversize id', user: 'clerk', request: get(`/api/catalog/implementations/${long}`), status: 400, field: 'params.id' },
  { name: 'implementation: out of scope', user: 'countyAdmin', request: get('/api/catalog/implementations/:league'), status: 403, code: 'out-of-scope' },
  { name: 'implementation: no session', user: null, request: get('/api/catalog/implementations/:league'), status: 401 },
  // GET /api/catalog/implementations/:id/in-force and /versions (public)
  { name: 'in-force: not a date', user: null, request: get('/api/catalog/implementations/:league/in-force?date=2024-13-01'), status: 400, field: 'querystring.date' },
  { name: 'in-force: unknown implementation', user: null, request: get('/api/catalog/implementations/nope/in-force'), status: 404, code: 'implementation-not-found' },
  { name: 'in-force: nothing published', user: null, request: get('/api/catalog/implementations/:bare/in-force'), status: 404, code: 'no-version-in-force' },
  { name: 'in-force: oversize id', user: null, request: get(`/api/catalog/implementations/${long}/in-force`), status: 400, field: 'params.id' },
  { name: 'versions: unknown implementation', user: null, request: get('/api/catalog/implementations/nope/versions'), status: 404, code: 'implementation-not-found' },
  { name: 'versions: oversize id', user: null, request: get(`/api/catalog/implementations/${long}/versions`), status: 400, field: 'params.id' },
  // GET /api/catalog/consistency and /simplification (public)
  { name: 'consistency: unknown item', user: null, request: get('/api/catalog/consistency?itemId=nope'), status: 404, code: 'item-not-found' },
  { name: 'consistency: oversize item id', user: null, request: get(`/api/catalog/consistency?itemId=${long}`), status: 400, field: 'querystring.itemId' },
  { name: 'consistency: unknown filter', user: null, request: get('/api/catalog/consistency?orgId=x'), status: 400, field: 'querystring.orgId' },
  { name: 'simplification: unknown item', user: null, request: get('/api/catalog/simplification?itemId=nope'), status: 404, code: 'item-not-found' },
  { name: 'simplification: unknown org', user: null, request: get('/api/catalog/simplification?orgId=nope'), status: 404, code: 'org-not-found' },
  { name: 'simplification: oversize org id', user: null, request: get(`/api/catalog/simplification?orgId=${long}`), status: 400, field: 'querystring.orgId' },
];

describe('catalog routes refuse what they must and write nothing', () => {
  it.each(CASES)('$name → $status', async (c) => {
    const before = await catalogState(t.db);
    const options = c.request();
    const res = c.user ? await t.injectAs(w.users[c.user], options) : await t.app.inject(options);
    expect(res.statusCode, res.body).toBe(c.status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    if (c.code) expect(res.json().code).toBe(c.code);
    if (c.field) expect(res.json().invalidParams.map((p: { name: string }) => p.name)).toContain(c.field);
    expect(await catalogState(t.db)).toEqual(before);
  });
});
