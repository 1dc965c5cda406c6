// The authorization matrix (Art. 22 统一身份认证; issue 4 "Access control"): every role × every
// non-public /api route × the actor's own organization, another organization outside its scope and
// a child organization inside it. Two explicit tables below are the contract — which permission each
// route demands and which permissions each role holds. The test fails when a route appears, vanishes
// or changes its permission without this file saying so, and when any cell behaves otherwise:
//   a role without the route's permission → 401/403 from the permission layer (never 2xx, never 500);
//   a role with it → not refused by the permission layer (a service may still say 403 out-of-scope,
//   404, 409 …, but never 500).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { can, MACHINE_SCOPES, PERMISSIONS, ROLES, type Actor, type MachineScope, type Permission, type Role } from '../../src/modules/identity/permissions.js';
import { createTestApp, type TestApp } from '../helpers.js';
import { authzWorld, cellRequest, FIXTURES, POSITIONS, type AuthzWorld } from './authz-world.js';

type Rule = Permission | 'public';

/** Every /api route and the permission it demands. A new route must be added here, on purpose. */
const EXPECTED_ROUTES: Record<string, Rule> = {
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'public',
  'GET /api/auth/me': 'public',
  // Changing one's own password: any signed-in staff member, checked in the handler like /api/auth/me.
  'POST /api/auth/password': 'public',
  'GET /api/auth/totp': 'public',
  'POST /api/auth/totp/setup': 'public',
  'POST /api/auth/totp/enable': 'public',
  'POST /api/auth/totp/disable': 'public',
  'GET /api/orgs': 'public',
  'GET /api/catalog/items': 'public',
  'POST /api/catalog/items': 'catalog.item.write',
  'GET /api/catalog/items/:id': 'public',
  'PATCH /api/catalog/items/:id': 'catalog.item.write',
  'POST /api/catalog/items/:id/implementations': 'catalog.item.write',
  'GET /api/catalog/implementations': 'catalog.read',
  'GET /api/catalog/implementations/:id': 'catalog.read',
  'GET /api/catalog/implementations/:id/in-force': 'public',
  'GET /api/catalog/implementations/:id/versions': 'public',
  'GET /api/catalog/consistency': 'public',
  'GET /api/catalog/simplification': 'public',
  'POST /api/catalog/implementations/:id/drafts': 'catalog.guide.write',
  'GET /api/catalog/guide-versions/:id': 'catalog.read',
  'PUT /api/catalog/guide-versions/:id': 'catalog.guide.write',
  'POST /api/catalog/lint': 'catalog.read',
  'POST /api/catalog/guide-versions/:id/submit': 'catalog.guide.write',
  'POST /api/catalog/guide-versions/:id/publish': 'catalog.guide.review',
  'POST /api/catalog/guide-versions/:id/return': 'catalog.guide.review',
  'GET /api/catalog/review-queue': 'catalog.guide.review',
  'GET /api/catalog/guide-versions/:id/diff': 'catalog.read',
  'POST /api/catalog/import': 'catalog.import',
  'GET /api/catalog/import/:jobId': 'catalog.import',
  'GET /api/catalog/export': 'public',
  'GET /api/public/guides/:code': 'public',
  'GET /api/public/guides': 'public',
  'GET /api/calendar/years': 'public',
  'GET /api/calendar/years/:year': 'public',
  'PUT /api/calendar/years/:year': 'calendar.write',
  'GET /api/calendar/add-working-days': 'public',
  'GET /api/calendar/working-days': 'public',
  'GET /api/search': 'public',
  'GET /api/search/suggest': 'public',
  'GET /api/search/synonyms': 'catalog.read',
  'PUT /api/search/synonyms': 'catalog.item.write',
  'POST /api/attachments': 'catalog.guide.write',
  'GET /api/users': 'users.manage',
  'POST /api/users': 'users.manage',
  'PATCH /api/users/:id': 'users.manage',
  'POST /api/users/:id/reset-password': 'users.manage',
  'GET /api/machine-clients': 'clients.manage',
  'POST /api/machine-clients': 'clients.manage',
  'POST /api/machine-clients/:id/rotate-secret': 'clients.manage',
  'POST /api/machine-clients/:id/disable': 'clients.manage',
  'GET /api/audit': 'audit.read',
  'GET /api/audit/export': 'audit.read',
  'GET /api/audit/verify': 'audit.read',
  // Applicants (申请人) authenticate with their own session, checked by the applicant service.
  'POST /api/applicant/login-code': 'public',
  'POST /api/applicant/sessions': 'public',
  'DELETE /api/applicant/sessions': 'public',
  'GET /api/applicant/me': 'public',
  'POST /api/applicant/real-name': 'public',
};

/** Which permissions each role holds: the grant table of permissions.ts, pinned. */
const EXPECTED_GRANTS: Record<Role, readonly Permission[]> = {
  // Administering the system is not processing cases: personal data stays masked for it.
  'system-admin': PERMISSIONS.filter((p) => p !== 'personal-data.read-whole'),
  'catalog-admin': ['catalog.read', 'catalog.item.write', 'catalog.guide.write', 'catalog.import'],
  'catalog-reviewer': ['catalog.read', 'catalog.guide.review'],
  'dept-admin': ['catalog.read', 'catalog.guide.write', 'users.manage'],
  'window-clerk': ['catalog.read', 'personal-data.read-whole'],
  reviewer: ['catalog.read', 'personal-data.read-whole'],
  decider: ['catalog.read', 'personal-data.read-whole'],
  'center-admin': ['catalog.read', 'users.manage'],
  supervisor: ['catalog.read', 'audit.read'],
  auditor: ['catalog.read', 'audit.read'],
};

/** Which permissions each OAuth2 scope gives a department system (machine client), pinned. */
const EXPECTED_MACHINE_GRANTS: Record<MachineScope, readonly Permission[]> = {
  'catalog.read': ['catalog.read'],
  'catalog.import': ['catalog.read', 'catalog.import'],
};

/** Public in the permission layer, but each serves only the signed-in person's own account. */
const SELF_SERVICE = ['POST /api/auth/password', 'GET /api/auth/totp', 'POST /api/auth/totp/setup', 'POST /api/auth/totp/enable', 'POST /api/auth/totp/disable'];

const ROLE_LIST = Object.keys(ROLES) as Role[];
const SCOPE_LIST = Object.keys(MACHINE_SCOPES) as MachineScope[];
const PROTECTED = Object.entries(EXPECTED_ROUTES)
  .filter(([, rule]) => rule !== 'public')
  .map(([route]) => route);

let t: TestApp;
let w: AuthzWorld;
beforeAll(async () => {
  t = await createTestApp();
  w = await authzWorld(t.db);
}, 60_000);
afterAll(async () => t?.close());

/** 401, or the permission layer's 403 naming the permission the caller lacks (src/http/auth.ts). */
const refusedByPermissionLayer = (res: LightMyRequestResponse, permission: Permission) =>
  res.statusCode === 401 || (res.statusCode === 403 && res.json().code === 'forbidden' && res.json().requiredPermission === permission);

/** What is wrong with one cell, or null when it behaves as the tables say. */
function judge(permission: Permission, allowed: boolean, anonymous: boolean, res: LightMyRequestResponse): string | null {
  const s = res.statusCode;
  const code = s >= 400 ? ` ${String(res.json().code)}` : '';
  if (s >= 500) return `answered ${s}${code}`;
  if (!allowed) {
    if (anonymous && s !== 401) return `anonymous got ${s}${code}, expected 401`;
    if (!refusedByPermissionLayer(res, permission)) return `got ${s}${code}${s < 300 ? ' (reached the route)' : ''}, expected 401/403 forbidden by the permission layer`;
    return null;
  }
  if (refusedByPermissionLayer(res, permission)) return `refused by the permission layer (${s}${code})`;
  return null;
}

describe('authorization matrix', () => {
  it('the route table is exactly the expected map (route → permission)', () => {
    const actual = Object.fromEntries(t.app.routeRules.map((r) => [`${r.method} ${r.url}`, r.permission ?? 'public']));
    const unlisted = Object.keys(actual).filter((k) => !(k in EXPECTED_ROUTES));
    expect(unlisted, 'routes missing from EXPECTED_ROUTES in test/api/authz-matrix.test.ts: add each with its permission').toEqual([]);
    expect(actual).toEqual(EXPECTED_ROUTES);
  });

  it('each role holds exactly the expected permissions', () => {
    expect([...PERMISSIONS].sort()).toEqual([...new Set(Object.values(EXPECTED_GRANTS).flat())].sort());
    for (const role of ROLE_LIST) {
      const actor = { roles: [role] } as unknown as Actor;
      expect(PERMISSIONS.filter((p) => can(actor, p)), role).toEqual([...EXPECTED_GRANTS[role]]);
    }
    expect(SCOPE_LIST).toEqual(Object.keys(EXPECTED_MACHINE_GRANTS));
    for (const scope of SCOPE_LIST) {
      const machine = { kind: 'machine', roles: [], scopes: [scope] } as unknown as Actor;
      expect(PERMISSIONS.filter((p) => can(machine, p)), `machine scope ${scope}`).toEqual([...EXPECTED_MACHINE_GRANTS[scope]]);
    }
  });

  it.each(SELF_SERVICE)('%s: anonymous callers are refused', async (route) => {
    const req = cellRequest(route, 'own', w);
    const res = await t.app.inject({ method: req.method as 'GET', url: req.url, ...(req.payload === undefined ? {} : { payload: req.payload as object }) });
    expect(res.statusCode).toBe(401);
  });

  it('has a request fixture for every protected route (so cells meet the service, not validation)', () => {
    const multipart = ['POST /api/catalog/import', 'POST /api/attachments', 'GET /api/catalog/review-queue', 'GET /api/search/synonyms', 'GET /api/audit/verify'];
    expect(PROTECTED.filter((r) => !FIXTURES[r] && !multipart.includes(r))).toEqual([]);
  });

  it.each(PROTECTED)('%s: every role × own / other / child organization', async (route) => {
    const permission = EXPECTED_ROUTES[route] as Permission;
    const failures: string[] = [];
    const callers = [...ROLE_LIST, ...SCOPE_LIST.map((s) => `machine:${s}` as const), 'anonymous' as const];
    for (const who of callers) {
      const machine = who.startsWith('machine:') ? (who.slice(8) as MachineScope) : null;
      const allowed = who === 'anonymous' ? false : machine ? EXPECTED_MACHINE_GRANTS[machine].includes(permission) : EXPECTED_GRANTS[who as Role].includes(permission);
      for (const position of POSITIONS) {
        const req = cellRequest(route, position, w);
        const options = { method: req.method as 'GET', url: req.url, ...(req.payload === undefined ? {} : { payload: req.payload as object }) };
        const res =
          who === 'anonymous'
            ? await t.app.inject(options)
            : machine
              ? await t.app.inject({ ...options, headers: { authorization: `Bearer ${w.machines[machine]}` } })
              : await t.injectAs(w.actors[who as Role], options);
        const wrong = judge(permission, allowed, who === 'anonymous', res);
        if (wrong) failures.push(`${who} × ${position} (${allowed ? 'holds' : 'lacks'} ${permission}): ${wrong}`);
      }
    }
    expect(failures, `${route} needs ${permission}`).toEqual([]);
  });
});
