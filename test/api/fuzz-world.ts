// The world of the edge fuzz test (fuzz-edges.test.ts): every route with the schema it declares,
// who calls it, and a request that gets past validation (the base a malformed request departs from).
// A staff member holding every role, an applicant with an online case, one window case per case
// action (so a body that passes validation meets a real case), a seal and three e-licences of the
// staff member's organization, and the rows of authz-world.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { SESSION_COOKIE } from '../../src/http/auth.js';
import { CSRF_COOKIE, CSRF_HEADER, csrfTokenFor } from '../../src/http/security.js';
import { createApplicantSession } from '../../src/modules/applicants/service.js';
import { ROLES, type Role } from '../../src/modules/identity/permissions.js';
import { createSession } from '../../src/modules/identity/service.js';
import { DEFAULT_LICENCE_TYPES } from '../../src/modules/catalog/licence-types.js';
import { makeApplicant, makeIdNumber, multipart, PDF, PNG } from '../case-fixture.js';
import { makeUser } from '../factories.js';
import type { TestApp } from '../helpers.js';
import { authzWorld, FIXTURES } from './authz-world.js';
import { issue } from './licence-fixture.js';
import type { Schema } from './fuzz-inputs.js';

export type Caller = 'staff' | 'applicant' | 'machine' | 'anonymous' | 'fresh-staff' | 'fresh-applicant';

/** Stands for the target case's current version, read when the request is sent. */
export const LIVE_VERSION = Symbol('live version');

export interface RouteSpec {
  key: string;
  method: string;
  url: string;
  api: boolean;
  params: { name: string; schema?: Schema }[];
  query: { name: string; schema?: Schema }[];
  body?: Schema;
  /** multipart/form-data upload, or an url-encoded form of a server-rendered page. */
  upload: boolean;
  form: boolean;
}

export interface Base {
  params: Record<string, string>;
  /** key=value pieces, each percent-encoded. */
  query: string[];
  body?: unknown;
  /** The case whose version LIVE_VERSION stands for. */
  liveCaseId?: string;
}

// ——— routes ———

/** Upload routes: their body is a multipart file, described in no JSON schema. */
const UPLOADS = new Set(['POST /api/catalog/import', 'POST /api/attachments', 'POST /api/case-files', 'POST /api/my/case-files', 'POST /api/public/verify', 'POST /verify']);

/** The query parameters of the server-rendered pages (their schemas are hidden from the OpenAPI). */
const PAGE_QUERY: Record<string, string[]> = {
  '/search': ['q', 'division', 'type', 'orgId', 'cursor'],
  '/my': ['linked', 'next'],
  '/my/login': ['next'],
  '/my/cases': ['cursor'],
  '/my/cases/:id': ['submitted', 'done'],
  '/apply/:implementationId': ['situation'],
  '/guides/:code': ['print'],
  '/auth/login': ['returnTo'],
  '/auth/logout': ['returnTo'],
  '/auth/callback': ['code', 'state', 'iss', 'error'],
  '/auth/upstream/callback': ['code', 'state'],
  '/oidc/interaction/:uid': ['tab', 'link'],
};
/** The fields of the server-rendered forms. */
const PAGE_FORM: Record<string, string[]> = {
  '/my/login/code': ['phone', '_csrf'],
  '/my/login': ['phone', 'code', '_csrf'],
  '/my/real-name': ['kind', 'name', 'number', '_csrf'],
  '/my/logout': ['_csrf'],
  '/setup': ['token', 'username', 'displayName', 'password', 'orgName', '_csrf'],
  '/oidc/interaction/:uid/login': ['token', 'username', 'password'],
  '/oidc/interaction/:uid/totp': ['token', 'code'],
  '/oidc/interaction/:uid/new-password': ['token', 'newPassword', 'confirmPassword'],
  '/oidc/interaction/:uid/phone-code': ['token', 'phone'],
  '/oidc/interaction/:uid/applicant': ['token', 'phone', 'code'],
};

/** Every route of the app (printRoutes' tree flattened): method and URL pattern. */
function allRoutes(app: FastifyInstance): { method: string; url: string }[] {
  const out: { method: string; url: string }[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^((?:[│ ] {3})*)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    const url = stack.join('') + m[2]!;
    stack.push(m[2]!);
    for (const method of (m[3] ?? '').split(', ').filter((x) => x === 'GET' || x === 'POST')) out.push({ method, url });
  }
  return out;
}

interface Operation {
  parameters?: { in: string; name: string; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

/** Pages that take something from outside (path or query parameters, a form, an upload); not the provider's own /oidc/* nor static files. */
function isFuzzedPage(method: string, url: string): boolean {
  if (url.startsWith('/api/') || url.startsWith('/assets/') || url.startsWith('/admin') || url === '/oidc/*' || url.includes('*')) return false;
  return url.includes(':') || `${url}` in PAGE_QUERY || (method === 'POST' && (url in PAGE_FORM || UPLOADS.has(`POST ${url}`)));
}

/** Every /api route (t.app.routeRules) with its OpenAPI schemas, and the pages that take input. */
export function routeSpecs(app: FastifyInstance): RouteSpec[] {
  const spec = app.swagger() as { paths: Record<string, Record<string, Operation>> };
  const ops = new Map<string, Operation>();
  for (const [p, byMethod] of Object.entries(spec.paths)) for (const [m, op] of Object.entries(byMethod)) ops.set(`${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`, op);
  const paramNames = (url: string) => [...url.matchAll(/:(\w+)/g)].map((x) => x[1]!);
  const api = app.routeRules.map(({ method, url }) => {
    const key = `${method} ${url}`;
    const op = ops.get(key) ?? {};
    const declared = op.parameters ?? [];
    return {
      key,
      method,
      url,
      api: true,
      params: paramNames(url).map((name) => ({ name, schema: declared.find((p) => p.in === 'path' && p.name === name)?.schema })),
      query: declared.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema })),
      body: op.requestBody?.content?.['application/json']?.schema,
      upload: UPLOADS.has(key),
      form: false,
    };
  });
  const pages = allRoutes(app)
    .filter((r) => isFuzzedPage(r.method, r.url))
    .map(({ method, url }) => ({
      key: `${method} ${url}`,
      method,
      url,
      api: false,
      params: paramNames(url).map((name) => ({ name })),
      query: method === 'GET' ? (PAGE_QUERY[url] ?? []).map((name) => ({ name })) : [],
      body: PAGE_FORM[url] ? { type: 'object', properties: Object.fromEntries(PAGE_FORM[url].map((f) => [f, { type: 'string' }])) } : undefined,
      upload: UPLOADS.has(`${method} ${url}`),
      form: method === 'POST' && url in PAGE_FORM,
    }));
  return [...api, ...pages];
}

// ——— the world ———

export async function fuzzWorld(t: TestApp) {
  const w = await authzWorld(t.db);
  const actor = (await makeUser(t.db, w.orgs.own.id, Object.keys(ROLES) as Role[])).id;
  // Sessions this user and applicant hold are ended by the routes under test (sign-out, password change).
  const sacrificial = (await makeUser(t.db, w.orgs.own.id, ['window-clerk'])).id;
  const applicant = await makeApplicant(t.db, t.app.deps.config, { name: '模糊测试' });
  const spareApplicant = await makeApplicant(t.db, t.app.deps.config, { name: '备用申请人' });
  const world = { t, w, actor, sacrificial, applicant, spareApplicant, caseIds: {} as Record<string, string>, myCaseId: '', staffFileId: '', myFileIds: [] as string[], sealId: '', licences: [] as { id: string; identifier: string }[] };

  const ok = (res: LightMyRequestResponse, what: string) => {
    if (res.statusCode >= 300) throw new Error(`fuzz world: ${what} answered ${res.statusCode} ${res.body}`);
    return res.json();
  };
  world.staffFileId = ok(await send(world, 'staff', { method: 'POST', url: '/api/case-files', ...multipart('材料.pdf', PDF) }), 'staff upload').id;
  for (const [name, bytes] of [['申请书.pdf', PDF], ['平面图.png', PNG]] as const) {
    world.myFileIds.push(ok(await send(world, 'applicant', { method: 'POST', url: '/api/my/case-files', ...multipart(name, bytes) }), 'applicant upload').id);
  }
  const online = { implementationId: w.rows.own.impl.id, materials: [{ materialId: 'm1', fileId: world.myFileIds[0] }, { materialId: 'm2', fileId: world.myFileIds[1] }] };
  world.myCaseId = ok(await send(world, 'applicant', { method: 'POST', url: '/api/my/applications', payload: online }), 'online application').id;
  world.sealId = ok(await send(world, 'staff', { method: 'POST', url: '/api/seals', payload: { orgId: w.orgs.own.id, kind: '公章' } }), 'seal').id;
  // Three e-licences of the own organization: one to read, one to cancel, one to revoke.
  await t.db
    .insertInto('licence_types')
    .values(DEFAULT_LICENCE_TYPES.map((l) => ({ code: l.code, name: l.name, issuing_department: l.issuingDepartment, shareable: true })))
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  for (let i = 0; i < 3; i++) world.licences.push(await issue(t.app.deps, { issuerOrgId: w.orgs.own.id }));
  // One fresh window case per staff action, so that each action's base request meets a case of its own.
  const windowCase = FIXTURES['POST /api/cases']!('own', w).payload as object;
  for (const rule of t.app.routeRules.filter((r) => r.url.startsWith('/api/cases/:id/actions/'))) {
    world.caseIds[rule.url] = ok(await send(world, 'staff', { method: 'POST', url: '/api/cases', payload: windowCase }), 'window case').id;
  }
  return world;
}
export type FuzzWorld = Awaited<ReturnType<typeof fuzzWorld>>;

/** Who calls a route: applicant routes with the applicant's session, department-system routes with a token, the rest as the all-roles staff member. */
export function callerOf(key: string): Caller {
  const url = key.split(' ')[1]!;
  if (['POST /api/auth/logout', 'POST /api/auth/password', 'GET /auth/logout'].includes(key)) return 'fresh-staff';
  if (['DELETE /api/applicant/sessions', 'POST /my/logout'].includes(key)) return 'fresh-applicant';
  if (key === 'POST /api/auth/login') return 'anonymous';
  if (key === 'GET /api/licences/shared') return 'machine';
  if (/^\/(api\/my\/|api\/applicant\/|my\b|apply\/)/.test(url)) return 'applicant';
  return url.startsWith('/api/') ? 'staff' : 'anonymous';
}

/** Sends a request as the caller: session cookie and CSRF token as the browser apps send them, or the Bearer token. */
export async function send(world: Pick<FuzzWorld, 't' | 'w' | 'actor' | 'sacrificial' | 'applicant' | 'spareApplicant'>, caller: Caller, options: InjectOptions): Promise<LightMyRequestResponse> {
  const { t } = world;
  const withSession = (cookie: string, token: string) =>
    t.app.inject({ ...options, headers: { [CSRF_HEADER]: csrfTokenFor(token), ...options.headers }, cookies: { [CSRF_COOKIE]: csrfTokenFor(token), [cookie]: token } });
  switch (caller) {
    case 'staff':
      return t.injectAs(world.actor, options);
    case 'fresh-staff':
      return withSession(SESSION_COOKIE, await createSession(t.db, world.sacrificial));
    case 'applicant':
      return withSession('tb_applicant', world.applicant.token);
    case 'fresh-applicant':
      return withSession('tb_applicant', await createApplicantSession(t.app.deps, world.spareApplicant.id));
    case 'machine':
      return t.app.inject({ ...options, headers: { ...options.headers, authorization: `Bearer ${world.w.machines['licences.read']}` } });
    case 'anonymous':
      return t.app.inject(options);
  }
}

// ——— base requests ———

const q = (pairs: Record<string, string>) => Object.entries(pairs).map(([k, v]) => `${k}=${encodeURIComponent(v)}`);
const NO_SUCH = '00000000-0000-4000-8000-000000000000';

/** Base requests of the routes authz-world has no fixture for, and of those that should meet real rows here. */
function ownBases(world: FuzzWorld): Record<string, Partial<Base>> {
  const { w } = world;
  const impl = w.rows.own.impl;
  const myCase = { id: world.myCaseId };
  const myMaterials = { version: LIVE_VERSION, materials: [{ materialId: 'm1', fileId: world.myFileIds[0] }] };
  return {
    'POST /api/auth/login': { body: { username: 'nobody-here', password: 'Wrong-Passw0rd!' } },
    // A wrong current password: no request of the fuzz test may change it.
    'POST /api/auth/password': { body: { currentPassword: 'Not-The-Passw0rd!', newPassword: 'Another-Passw0rd-2026' } },
    'GET /api/catalog/items': { query: q({ q: '测试', type: 'licensing' }) },
    'GET /api/catalog/items/:id': { params: { id: w.item.id } },
    'GET /api/catalog/implementations/:id/in-force': { params: { id: impl.id }, query: q({ date: '2026-03-02' }) },
    'GET /api/catalog/implementations/:id/versions': { params: { id: impl.id } },
    'GET /api/catalog/consistency': { query: q({ itemId: w.item.id }) },
    'GET /api/catalog/export': { query: q({ format: 'json' }) },
    'GET /api/public/guides/:code': { params: { code: impl.code }, query: q({ date: '2026-03-02' }) },
    'GET /api/public/guides': { query: q({ itemCode: impl.code.slice(0, 10), date: '2026-03-02' }) },
    'GET /api/calendar/years/:year': { params: { year: '2026' } },
    // authz-world's year with a make-up working day (a Saturday), so that mutating one meets an entry of that year.
    'PUT /api/calendar/years/:year': {
      params: { year: '2099' },
      body: { source: { title: '模糊测试通知' }, holidays: [{ date: '2099-01-01', name: '元旦' }], makeupWorkdays: [{ date: '2099-01-03', name: '元旦' }] },
    },
    'GET /api/calendar/add-working-days': { query: q({ date: '2026-03-02', n: '5' }) },
    'GET /api/calendar/working-days': { query: q({ from: '2026-03-02', to: '2026-03-31' }) },
    'GET /api/search': { query: q({ q: '测试', limit: '5' }) },
    'GET /api/search/suggest': { query: q({ q: '测试' }) },
    'POST /api/applicant/login-code': { body: { phone: '13900000001' } },
    'POST /api/applicant/sessions': { body: { phone: '13900000001', code: '000000' } },
    'POST /api/applicant/real-name': { body: { kind: 'person', name: '模糊测试', idNumber: makeIdNumber() } },
    'GET /api/case-files/:id': { params: { id: world.staffFileId } },
    'GET /api/my/cases': { query: q({ limit: '5' }) },
    'GET /api/my/cases/:id': { params: myCase },
    'GET /api/my/reusable': { query: q({ implementationId: impl.id }) },
    'GET /api/my/messages': { query: q({ limit: '5' }) },
    'POST /api/my/applications': { body: { implementationId: impl.id, materials: [{ materialId: 'm1', fileId: world.myFileIds[0] }, { materialId: 'm2', fileId: world.myFileIds[1] }] } },
    'POST /api/my/cases/:id/supply': { params: myCase, body: myMaterials, liveCaseId: world.myCaseId },
    'POST /api/my/cases/:id/corrections': { params: myCase, body: myMaterials, liveCaseId: world.myCaseId },
    // Version 999: the base never withdraws the case the other applicant routes use.
    'POST /api/my/cases/:id/withdraw': { params: myCase, body: { version: 999, reason: '模糊测试' } },
    'GET /api/my/cases/:id/notices/:noticeId/pdf': { params: { ...myCase, noticeId: NO_SUCH } },
    'GET /api/public/licences/:identifier': { params: { identifier: world.licences[0]!.identifier } },
    'GET /api/licences/:id': { params: { id: world.licences[0]!.id } },
    'POST /api/licences/:id/cancel': { params: { id: world.licences[1]!.id } },
    'POST /api/licences/:id/revoke': { params: { id: world.licences[2]!.id } },
    'GET /api/seals/:id': { params: { id: world.sealId } },
    'POST /api/seals/:id/suspend': { params: { id: world.sealId } },
    'POST /api/seals/:id/resume': { params: { id: world.sealId } },
    'POST /api/seals/:id/revoke': { params: { id: world.sealId } },
    'GET /api/seals/:id/image.svg': { params: { id: world.sealId } },
    'GET /api/seals/:id/public-key': { params: { id: world.sealId } },
    'POST /api/consultations/:id/link': { params: { id: w.rows.own.consultationId }, body: { caseId: world.myCaseId } },
    'GET /api/cases/:id/messages': { params: { id: world.myCaseId } },
    'GET /api/cases/:id/archive': { params: { id: world.myCaseId } },
    'GET /api/cases/:id': { params: { id: world.myCaseId } },
    'GET /api/public/verify/:documentId': { params: { documentId: NO_SUCH } },
    // Pages.
    'GET /apply/:implementationId': { params: { implementationId: impl.id } },
    'GET /attachments/:id/:name': { params: { id: NO_SUCH, name: 'a.pdf' } },
    'GET /samples/:name': { params: { name: 'sample.pdf' } },
    'GET /guides/:code.pdf': { params: { code: impl.code } },
    'GET /guides/:code': { params: { code: impl.code } },
    'GET /guides/:code/qr.svg': { params: { code: impl.code } },
    'GET /guides/:code/qr.png': { params: { code: impl.code } },
    'GET /kiosk/guides/:code': { params: { code: impl.code } },
    'GET /my/cases/:id': { params: myCase },
    'GET /verify/licence/:identifier': { params: { identifier: world.licences[0]!.identifier } },
    'GET /verify/:documentId': { params: { documentId: NO_SUCH } },
    'GET /verify/:documentId/document.pdf': { params: { documentId: NO_SUCH } },
    'GET /search': { query: q({ q: '测试' }) },
  };
}

/** The base request of a route: authz-world's fixture for the own organization, then ours, then placeholders. */
export function baseOf(world: FuzzWorld, route: RouteSpec): Base {
  const fx = FIXTURES[route.key]?.('own', world.w) ?? {};
  const own = ownBases(world)[route.key] ?? {};
  const base: Base = { params: { ...fx.params, ...own.params }, query: own.query ?? (fx.query ? fx.query.split('&') : []), body: own.body ?? fx.payload, liveCaseId: own.liveCaseId };
  const caseId = world.caseIds[route.url];
  if (caseId) {
    base.params.id = caseId;
    base.liveCaseId = caseId;
    base.body = { ...(base.body as object), version: LIVE_VERSION };
  }
  for (const p of route.params) base.params[p.name] ??= p.name === 'uid' ? 'no-such-interaction' : NO_SUCH;
  if (base.body === undefined && route.body && !route.form) base.body = {};
  if (route.form) base.body = Object.fromEntries(Object.keys(route.body?.properties ?? {}).map((f) => [f, f === 'phone' ? '13900000001' : 'x']));
  return base;
}

/** The URL of a route with the given (already percent-encoded) parameter values and query pieces. */
export function urlOf(route: RouteSpec, params: Record<string, string>, query: string[]): string {
  const path = route.url.replace(/:(\w+)/g, (_m, name: string) => params[name]!);
  return query.length ? `${path}?${query.join('&')}` : path;
}

export const encodeParams = (params: Record<string, string>) => Object.fromEntries(Object.entries(params).map(([k, v]) => [k, encodeURIComponent(v)]));
