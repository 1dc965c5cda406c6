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
  return { impl, published, draft, queued, submitted, staff, jobId, clientId };
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
