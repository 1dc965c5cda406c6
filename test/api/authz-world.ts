// The world of the authorization matrix: one department (the actors' own organization) with a
// sub-unit inside its scope, a sibling department outside it, an actor of every role in the own
// department, and in each of the three organizations the rows a route can be pointed at.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Database } from '../../src/db/database.js';
import { MACHINE_SCOPES, ROLES, type MachineScope, type Role } from '../../src/modules/identity/permissions.js';
import { payloadKey } from '../../src/modules/oidc/adapter.js';
import { guideContent, makeGuide, makeImplementation, makeImplementingOrg, makeItem, makeUser } from '../factories.js';

export const POSITIONS = ['own', 'other', 'child'] as const;
export type Position = (typeof POSITIONS)[number];

async function rowsIn(db: Database, orgId: string, tag: string) {
  const impl = await makeImplementation(db, { orgId });
  const published = await makeGuide(db, { implementationId: impl.id });
  const draft = await makeGuide(db, { implementationId: impl.id, status: 'draft' });
  // A second entry carries the submitted version: one implementation has one open version at a time.
  const queued = await makeImplementation(db, { orgId });
  await makeGuide(db, { implementationId: queued.id });
  const submitted = await makeGuide(db, { implementationId: queued.id, status: 'submitted' });
  const staff = await makeUser(db, orgId, ['window-clerk']);
  const jobId = randomUUID();
  await db
    .insertInto('import_jobs')
    .values({ id: jobId, status: 'done', dry_run: true, file_name: `${tag}-catalog.json`, file_format: 'json', created_by: staff.id })
    .execute();
  const clientId = await makeMachineClient(db, orgId, ['catalog.read']);
  const consultationId = randomUUID();
  await db.insertInto('consultations').values({ id: consultationId, channel: 'phone', org_id: orgId, responder_id: staff.id, question: `${tag} 咨询` }).execute();
  return { impl, published, draft, queued, submitted, staff, jobId, clientId, consultationId };
}

/** A registered department system; the secret column holds a placeholder (no token is minted with it). */
async function makeMachineClient(db: Database, orgId: string, scopes: MachineScope[]): Promise<string> {
  const clientId = `mc_${randomBytes(9).toString('base64url')}`;
  await db.insertInto('machine_clients').values({ client_id: clientId, name: `接入系统 ${clientId}`, org_id: orgId, secret_enc: 'unused', scopes }).execute();
  return clientId;
}

/**
 * An access token of a machine client holding one scope, stored as the provider stores a
 * client-credentials token (under the hash of its value), so requests go through the real Bearer path.
 */
async function machineToken(db: Database, orgId: string, scope: MachineScope): Promise<string> {
  const clientId = await makeMachineClient(db, orgId, [scope]);
  const token = randomBytes(32).toString('base64url');
  await db
    .insertInto('oidc_payloads')
    .values({ id: payloadKey(token), type: 'ClientCredentials', payload: JSON.stringify({ clientId, scope, kind: 'ClientCredentials' }), expires_at: new Date(Date.now() + 3600_000) })
    .execute();
  return token;
}

export async function authzWorld(db: Database) {
  const gov = await makeImplementingOrg(db, { kind: 'government', name: '兴安盟行政公署' });
  const own = await makeImplementingOrg(db, { kind: 'department', parentId: gov.id, name: '兴安盟市场监督管理局' });
  const child = await makeImplementingOrg(db, { kind: 'department', parentId: own.id, name: '兴安盟市场监督管理局经济技术开发区分局' });
  const other = await makeImplementingOrg(db, { kind: 'department', parentId: gov.id, name: '兴安盟人力资源和社会保障局' });
  const orgs = { gov, own, other, child };
  const actors = {} as Record<Role, string>;
  for (const role of Object.keys(ROLES) as Role[]) actors[role] = (await makeUser(db, own.id, [role])).id;
  const rows = { own: await rowsIn(db, own.id, 'own'), other: await rowsIn(db, other.id, 'other'), child: await rowsIn(db, child.id, 'child') };
  const item = await makeItem(db);
  const machines = {} as Record<MachineScope, string>;
  for (const scope of Object.keys(MACHINE_SCOPES) as MachineScope[]) machines[scope] = await machineToken(db, own.id, scope);
  return { orgs, actors, rows, item, machines };
}
export type AuthzWorld = Awaited<ReturnType<typeof authzWorld>>;

export interface CellRequest {
  method: string;
  url: string;
  payload?: unknown;
}

type Fixture = (p: Position, w: AuthzWorld) => { params?: Record<string, string>; query?: string; payload?: unknown };

/**
 * Sensible parameters and bodies per route, pointed at the rows of the given organization, so that
 * a role holding the permission gets past validation and meets the service's own rules.
 */
export const FIXTURES: Record<string, Fixture> = {
  'POST /api/catalog/items': () => ({ payload: { name: '矩阵测试事项', type: 'licensing', legalBasis: ['《中华人民共和国行政许可法》第十二条'] } }),
  'PATCH /api/catalog/items/:id': (_p, w) => ({ params: { id: w.item.id }, payload: { description: '矩阵测试' } }),
  'POST /api/catalog/items/:id/implementations': (p, w) => ({ params: { id: w.item.id }, payload: { orgId: w.orgs[p].id } }),
  'GET /api/catalog/implementations': (p, w) => ({ query: `orgId=${w.orgs[p].id}` }),
  'GET /api/catalog/implementations/:id': (p, w) => ({ params: { id: w.rows[p].impl.id } }),
  'POST /api/catalog/implementations/:id/drafts': (p, w) => ({ params: { id: w.rows[p].queued.id }, payload: {} }),
  'GET /api/catalog/guide-versions/:id': (p, w) => ({ params: { id: w.rows[p].draft.id } }),
  'PUT /api/catalog/guide-versions/:id': (p, w) => ({ params: { id: w.rows[p].draft.id }, payload: { content: guideContent(), changeReason: '矩阵测试' } }),
  'POST /api/catalog/lint': () => ({ payload: { content: guideContent() } }),
  'POST /api/catalog/guide-versions/:id/submit': (p, w) => ({ params: { id: w.rows[p].draft.id }, payload: { changeReason: '矩阵测试' } }),
  'POST /api/catalog/guide-versions/:id/publish': (p, w) => ({ params: { id: w.rows[p].submitted.id }, payload: {} }),
  'POST /api/catalog/guide-versions/:id/return': (p, w) => ({ params: { id: w.rows[p].submitted.id }, payload: { comment: '矩阵测试退回' } }),
  'GET /api/catalog/guide-versions/:id/diff': (p, w) => ({ params: { id: w.rows[p].draft.id }, query: `against=${w.rows[p].published.id}` }),
  'GET /api/catalog/import/:jobId': (p, w) => ({ params: { jobId: w.rows[p].jobId } }),
  'PUT /api/calendar/years/:year': () => ({
    params: { year: '2099' },
    payload: { source: { title: '矩阵测试通知' }, holidays: [{ date: '2099-01-01', name: '元旦' }], makeupWorkdays: [] },
  }),
  'PUT /api/search/synonyms': () => ({ payload: { groups: [['营业执照', '执照']] } }),
  'GET /api/users': (p, w) => ({ query: `orgId=${w.orgs[p].id}` }),
  'POST /api/users': (p, w) => ({ payload: { username: `m${randomUUID().slice(0, 12)}`, displayName: '矩阵用户', orgId: w.orgs[p].id, roles: ['window-clerk'] } }),
  'PATCH /api/users/:id': (p, w) => ({ params: { id: w.rows[p].staff.id }, payload: { displayName: '矩阵改名' } }),
  'POST /api/users/:id/reset-password': (p, w) => ({ params: { id: w.rows[p].staff.id }, payload: {} }),
  'POST /api/auth/password': () => ({ payload: { currentPassword: 'Test-Passw0rd!', newPassword: 'Another-Passw0rd-2026' } }),
  'POST /api/auth/totp/enable': () => ({ payload: { code: '123456' } }),
  'POST /api/auth/totp/disable': () => ({ payload: { code: '123456' } }),
  'GET /api/machine-clients': (p, w) => ({ query: `orgId=${w.orgs[p].id}` }),
  'POST /api/machine-clients': (p, w) => ({ payload: { name: '矩阵接入系统', orgId: w.orgs[p].id, scopes: ['catalog.read'] } }),
  'POST /api/machine-clients/:id/rotate-secret': (p, w) => ({ params: { id: w.rows[p].clientId }, payload: {} }),
  'POST /api/machine-clients/:id/disable': (p, w) => ({ params: { id: w.rows[p].clientId }, payload: {} }),
  'GET /api/audit': (p, w) => ({ query: `actorId=${w.rows[p].staff.id}` }),
  'GET /api/audit/export': (p, w) => ({ query: `format=json&actorId=${w.rows[p].staff.id}` }),
  'GET /api/audit/actors': () => ({ query: 'q=a' }),
  'GET /api/audit/filter-options': () => ({}),
  // Seals: a new 公章 for the organization; the others address a seal by id (the organization's id
  // here: no such seal, so a caller holding seals.manage meets the service's 404).
  'POST /api/seals': (p, w) => ({ payload: { orgId: w.orgs[p].id, kind: '公章' } }),
  'GET /api/seals': (p, w) => ({ query: `orgId=${w.orgs[p].id}` }),
  'GET /api/seals/:id': () => ({}),
  'POST /api/seals/:id/suspend': () => ({ payload: { reason: '矩阵测试' } }),
  'POST /api/seals/:id/resume': () => ({ payload: {} }),
  'POST /api/seals/:id/revoke': () => ({ payload: { reason: '矩阵测试' } }),
  'GET /api/seals/:id/image.svg': () => ({}),
  'GET /api/seals/:id/public-key': () => ({}),
  'POST /api/consultations': (_p, w) => ({ payload: { channel: 'phone', itemId: w.item.id, question: '矩阵测试咨询' } }),
  'GET /api/consultations': () => ({ query: 'limit=5' }),
  'POST /api/consultations/:id/answer': (p, w) => ({ params: { id: w.rows[p].consultationId }, payload: { answer: '矩阵测试答复' } }),
  'POST /api/consultations/:id/link': (p, w) => ({ params: { id: w.rows[p].consultationId }, payload: { caseId: 'no-such-case' } }),
  'GET /api/cases/queue': () => ({ query: 'view=open&limit=5' }),
  'GET /api/cases': () => ({ query: 'limit=5' }),
  'GET /api/cases/overdue': () => ({ query: 'kind=decision&limit=5' }),
  'GET /api/cases/:id': () => ({ params: { id: '00000000-0000-4000-8000-000000000000' } }),
  // A window application of the organization's published guide (m1, m2 on paper).
  'POST /api/cases': (p, w) => ({
    payload: {
      implementationId: w.rows[p].impl.id,
      applicant: { kind: 'person', name: '矩阵申请人', idNumber: '152201198503141234' },
      materials: [{ materialId: 'm1', paper: true }, { materialId: 'm2', paper: true }],
    },
  }),
  // Not multipart: a caller holding case.accept gets the route's own 400.
  'POST /api/case-files': () => ({ payload: {} }),
  'GET /api/cases/held-licences': (p, w) => ({ query: `implementationId=${w.rows[p].impl.id}&kind=person&idNumber=152201198503141234` }),
  'GET /api/message-templates': () => ({}),
  'GET /api/message-templates/:key/:channel/versions': () => ({ params: { key: 'case.accepted', channel: 'email' } }),
  'POST /api/message-templates/:key/:channel': () => ({ params: { key: 'case.accepted', channel: 'portal' }, payload: { subject: '矩阵测试', body: '矩阵测试 {{caseNumber}}' } }),
  'POST /api/message-templates/:key/:channel/preview': () => ({ params: { key: 'case.accepted', channel: 'sms' }, payload: {} }),
  'GET /api/cases/:id/messages': () => ({ params: { id: 'no-such-case' } }),
  // Case actions on a case that does not exist: a caller holding the permission meets the service's 404.
  'POST /api/cases/:id/actions/request-supplement': () => ({ params: { id: '00000000-0000-4000-8000-000000000000' }, payload: { version: 1, items: [{ materialId: 'm1', note: '矩阵测试' }], deadlineOn: '2026-12-31' } }),
  'POST /api/cases/:id/actions/supply': () => ({ params: { id: '00000000-0000-4000-8000-000000000000' }, payload: { version: 1, materials: [{ materialId: 'm1', paper: true }] } }),
  'POST /api/cases/:id/actions/accept': () => ({ params: { id: '00000000-0000-4000-8000-000000000000' }, payload: { version: 1 } }),
  'POST /api/cases/:id/actions/accept-tolerant': () => ({ params: { id: '00000000-0000-4000-8000-000000000000' }, payload: { version: 1, items: [{ materialId: 'm1', note: '矩阵测试' }], deadlineOn: '2026-12-31' } }),
  'POST /api/cases/:id/actions/supply-correction': () => ({ params: { id: '00000000-0000-4000-8000-000000000000' }, payload: { version: 1, materials: [{ materialId: 'm1', paper: true }] } }),
  'POST /api/cases/:id/actions/refuse-acceptance': () => ({ params: { id: '00000000-0000-4000-8000-000000000000' }, payload: { version: 1, reasons: '矩阵测试', legalBasis: '矩阵测试', contact: '0482-1234567' } }),
  'POST /api/cases/:id/actions/pause': () => ({ params: { id: '00000000-0000-4000-8000-000000000000' }, payload: { version: 1, kind: 'expert-review', reason: '矩阵测试' } }),
  'POST /api/cases/:id/actions/resume': () => ({ params: { id: '00000000-0000-4000-8000-000000000000' }, payload: { version: 1 } }),
  'POST /api/cases/:id/actions/extend': () => ({ params: { id: '00000000-0000-4000-8000-000000000000' }, payload: { version: 1, days: 5, reason: '矩阵测试' } }),
  'POST /api/cases/:id/actions/complete-review': () => ({ params: { id: '00000000-0000-4000-8000-000000000000' }, payload: { version: 1, opinion: '矩阵测试' } }),
  'POST /api/cases/:id/actions/grant': () => ({ params: { id: '00000000-0000-4000-8000-000000000000' }, payload: { version: 1, resultForms: ['paper'] } }),
  'POST /api/cases/:id/actions/refuse': () => ({ params: { id: '00000000-0000-4000-8000-000000000000' }, payload: { version: 1, reasons: '矩阵测试', contactPerson: '矩阵', contactPhone: '0482-1234567' } }),
  'POST /api/cases/:id/actions/deliver': () => ({ params: { id: '00000000-0000-4000-8000-000000000000' }, payload: { version: 1, method: 'window' } }),
  'POST /api/cases/:id/actions/phone-follow-up': () => ({ params: { id: '00000000-0000-4000-8000-000000000000' }, payload: { version: 1, note: '矩阵测试' } }),
  'GET /api/cases/:id/notices/:noticeId/pdf': () => ({ params: { id: '00000000-0000-4000-8000-000000000000', noticeId: '00000000-0000-4000-8000-000000000000' } }),
  'GET /api/cases/:id/archive': () => ({ params: { id: '00000000-0000-4000-8000-000000000000' } }),
  'GET /api/licences': (p, w) => ({ query: `issuerOrgId=${w.orgs[p].id}&limit=5` }),
  'GET /api/licences/:id': () => ({ params: { id: 'no-such-licence' } }),
  'POST /api/licences/:id/cancel': () => ({ params: { id: 'no-such-licence' }, payload: { reason: '矩阵测试注销' } }),
  'POST /api/licences/:id/revoke': () => ({ params: { id: 'no-such-licence' }, payload: { reason: '矩阵测试吊销' } }),
  'GET /api/licences/shared': () => ({ query: 'holder=152201198503141234&types=111000000001321340002&purpose=%E7%9F%A9%E9%98%B5%E6%B5%8B%E8%AF%95&caseNumber=XA-MATRIX' }),
  'GET /api/licences/share-grants/:clientId': (p, w) => ({ params: { clientId: w.rows[p].clientId } }),
  'PUT /api/licences/share-grants/:clientId': (p, w) => ({ params: { clientId: w.rows[p].clientId }, payload: { typeCodes: [] } }),
};

/** The request of one cell; a route without a fixture gets the organization's id for each parameter. */
export function cellRequest(route: string, p: Position, w: AuthzWorld): CellRequest {
  const [method, pattern] = route.split(' ');
  const fx = FIXTURES[route]?.(p, w) ?? {};
  const url = pattern.replace(/:(\w+)/g, (_m, name: string) => encodeURIComponent(fx.params?.[name] ?? w.orgs[p].id));
  const withQuery = fx.query ? `${url}?${fx.query}` : url;
  const payload = fx.payload ?? (method === 'GET' || method === 'DELETE' ? undefined : {});
  return { method, url: withQuery, payload };
}
