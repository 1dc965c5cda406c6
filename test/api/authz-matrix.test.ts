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
  'GET /api/audit/filter-options': 'audit.read',
  'GET /api/audit/actors': 'audit.read',
  // Applicants (申请人) authenticate with their own session, checked by the applicant service.
  'POST /api/applicant/login-code': 'public',
  'POST /api/applicant/sessions': 'public',
  'DELETE /api/applicant/sessions': 'public',
  'GET /api/applicant/me': 'public',
  'POST /api/applicant/real-name': 'public',
  // Consultations (咨询, Art. 14): logged and followed up by the first responder, read by case staff.
  'POST /api/consultations': 'case.consult',
  'GET /api/consultations': 'case.read',
  'POST /api/consultations/:id/answer': 'case.consult',
  'POST /api/consultations/:id/link': 'case.consult',
  // Cases (办件, Art. 16–20): the workbench lists and detail, window applications and files.
  'GET /api/cases/queue': 'case.read',
  'GET /api/cases': 'case.read',
  'GET /api/cases/overdue': 'case.supervise',
  'GET /api/cases/:id': 'case.read',
  'POST /api/cases': 'case.accept',
  // 窗口收件: the guide materials the platform holds as the applicant's e-licences (not to be collected).
  'GET /api/cases/held-licences': 'case.accept',
  'POST /api/case-files': 'case.accept',
  // A case file is downloaded by staff in scope or by its holder applicant: checked in the handler.
  'GET /api/case-files/:id': 'public',
  // The applicant's own cases, files and applications: the applicant session, checked by the route.
  'GET /api/my/cases': 'public',
  'GET /api/my/cases/:id': 'public',
  'GET /api/my/reusable': 'public',
  'POST /api/my/case-files': 'public',
  'POST /api/my/applications': 'public',
  'GET /api/my/messages': 'public',
  // Message templates (消息模板) and the messages of a case (outbox).
  'GET /api/message-templates': 'templates.manage',
  'GET /api/message-templates/:key/:channel/versions': 'templates.manage',
  'POST /api/message-templates/:key/:channel': 'templates.manage',
  'POST /api/message-templates/:key/:channel/preview': 'templates.manage',
  'GET /api/cases/:id/messages': 'case.read',
  // Actions on a case (Art. 16–19): one route per action, each demanding the action's permission;
  // the organization (404) and the state (409) are the service's. Notices as PDF.
  'POST /api/cases/:id/actions/request-supplement': 'case.accept',
  'POST /api/cases/:id/actions/supply': 'case.accept',
  'POST /api/cases/:id/actions/accept': 'case.accept',
  'POST /api/cases/:id/actions/accept-tolerant': 'case.accept',
  'POST /api/cases/:id/actions/supply-correction': 'case.accept',
  'POST /api/cases/:id/actions/refuse-acceptance': 'case.accept',
  'POST /api/cases/:id/actions/pause': 'case.review',
  'POST /api/cases/:id/actions/resume': 'case.review',
  'POST /api/cases/:id/actions/extend': 'case.decide',
  'POST /api/cases/:id/actions/complete-review': 'case.review',
  'POST /api/cases/:id/actions/grant': 'case.decide',
  'POST /api/cases/:id/actions/refuse': 'case.decide',
  'POST /api/cases/:id/actions/deliver': 'case.accept',
  'POST /api/cases/:id/actions/phone-follow-up': 'case.read',
  'GET /api/cases/:id/notices/:noticeId/pdf': 'case.read',
  // A finished case as one archive package (zip): staff in scope; 404 outside it, 409 while open.
  'GET /api/cases/:id/archive': 'case.read',
  // The applicant's own supply, corrections, withdrawal and notices: the applicant session, checked by the route.
  'POST /api/my/cases/:id/supply': 'public',
  'POST /api/my/cases/:id/corrections': 'public',
  'POST /api/my/cases/:id/withdraw': 'public',
  'GET /api/my/cases/:id/notices/:noticeId/pdf': 'public',
  // E-licences (电子证照, Art. 27): staff within scope, department systems by sharing grant, anyone verifies.
  'GET /api/licences': 'licences.manage',
  'GET /api/licences/:id': 'licences.manage',
  'POST /api/licences/:id/cancel': 'licences.manage',
  'POST /api/licences/:id/revoke': 'licences.manage',
  'GET /api/licences/shared': 'licences.share',
  'GET /api/licences/share-grants/:clientId': 'clients.manage',
  'PUT /api/licences/share-grants/:clientId': 'clients.manage',
  'GET /api/public/licences/:identifier': 'public',
  // Electronic seals (电子印章, Art. 26): administrators within scope; verification of documents is public.
  'POST /api/seals': 'seals.manage',
  'GET /api/seals': 'seals.manage',
  'GET /api/seals/:id': 'seals.manage',
  'POST /api/seals/:id/suspend': 'seals.manage',
  'POST /api/seals/:id/resume': 'seals.manage',
  'POST /api/seals/:id/revoke': 'seals.manage',
  'GET /api/seals/:id/image.svg': 'seals.manage',
  'GET /api/seals/:id/public-key': 'seals.manage',
  'GET /api/public/verify/:documentId': 'public',
  'POST /api/public/verify': 'public',
};

/** Which permissions each role holds: the grant table of permissions.ts, pinned. */
const EXPECTED_GRANTS: Record<Role, readonly Permission[]> = {
  // Administering the system is not processing cases: personal data stays masked for it, and it
  // takes no consultation, acceptance, review or decision.
  'system-admin': PERMISSIONS.filter((p) => !['personal-data.read-whole', 'case.consult', 'case.accept', 'case.review', 'case.decide', 'licences.manage', 'licences.share'].includes(p)),
  'catalog-admin': ['catalog.read', 'catalog.item.write', 'catalog.guide.write', 'catalog.import'],
  'catalog-reviewer': ['catalog.read', 'catalog.guide.review'],
  'dept-admin': ['catalog.read', 'catalog.guide.write', 'users.manage', 'seals.manage', 'licences.manage'],
  'window-clerk': ['catalog.read', 'personal-data.read-whole', 'case.read', 'case.consult', 'case.accept'],
  reviewer: ['catalog.read', 'personal-data.read-whole', 'case.read', 'case.review'],
  decider: ['catalog.read', 'personal-data.read-whole', 'case.read', 'case.review', 'case.decide', 'licences.manage'],
  'center-admin': ['catalog.read', 'users.manage', 'case.read', 'case.consult', 'case.supervise'],
  supervisor: ['catalog.read', 'audit.read', 'case.read', 'case.supervise'],
  auditor: ['catalog.read', 'audit.read'],
};

/** Which permissions each OAuth2 scope gives a department system (machine client), pinned. */
const EXPECTED_MACHINE_GRANTS: Record<MachineScope, readonly Permission[]> = {
  'catalog.read': ['catalog.read'],
  'catalog.import': ['catalog.read', 'catalog.import'],
  'licences.read': ['licences.share'],
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
    // Every permission is held by some role or, for department systems only (licences.share), some machine scope.
    expect([...PERMISSIONS].sort()).toEqual([...new Set([...Object.values(EXPECTED_GRANTS), ...Object.values(EXPECTED_MACHINE_GRANTS)].flat())].sort());
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
