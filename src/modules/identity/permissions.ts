// The one place that decides who may do what. Every route names a permission; a role grants a
// set of permissions, and acts only within its organization's subtree (see scopePathOf).

export const ROLES = {
  'system-admin': '系统管理员',
  'catalog-admin': '事项管理员',
  'catalog-reviewer': '事项审核人员',
  'dept-admin': '部门管理员',
  'window-clerk': '窗口受理人员',
  reviewer: '审核人员',
  decider: '审批人员',
  'center-admin': '中心管理员',
  supervisor: '管理机构监督人员',
  auditor: '审计员',
} as const;
export type Role = keyof typeof ROLES;

export const PERMISSIONS = [
  'catalog.read', // see drafts, implementations and internal views within scope
  'catalog.item.write', // maintain the basic catalog (基本目录) and implementation lists
  'catalog.guide.write', // edit and submit guides of organizations in scope
  'catalog.guide.review', // publish or return submitted guides
  'catalog.import', // bulk import / export
  'orgs.write',
  'users.manage',
  'audit.read',
  'calendar.write', // correct or add a year's holiday arrangement (节假日安排); system-admin only
  'personal-data.read-whole', // see applicants' ID numbers, phones, addresses unmasked: only roles that process cases
  'clients.manage', // register, disable and rotate department systems' machine clients (部门业务系统接入)
  'case.read', // see cases, consultations and their history within scope
  'case.consult', // log consultations (咨询) as the first responder (首问负责)
  'case.accept', // window work: enter applications, acceptance decisions, supplement notices, delivery
  'case.review', // review (审查): pause and resume the clock, complete the review
  'case.decide', // decide (准予/不予), extend the limit, pause and resume
  'case.supervise', // overdue lists and flags of a center or management office
  'templates.manage', // message templates (消息模板): new versions, previews
  'seals.manage', // electronic seals (电子印章) of organizations in scope: create, suspend, resume, revoke
  'licences.manage', // e-licences (电子证照) issued within scope: list, detail, cancel (注销) and revoke (吊销)
  'licences.share', // department systems only: obtain a holder's licences of the types granted to the client
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  // Administering the system is not processing cases: the administrator sees personal data masked
  // and takes no acceptance, review or decision.
  'system-admin': PERMISSIONS.filter((p) => !['personal-data.read-whole', 'case.consult', 'case.accept', 'case.review', 'case.decide', 'licences.manage', 'licences.share'].includes(p)),
  'catalog-admin': ['catalog.read', 'catalog.item.write', 'catalog.guide.write', 'catalog.import'],
  'catalog-reviewer': ['catalog.read', 'catalog.guide.review'],
  'dept-admin': ['catalog.read', 'catalog.guide.write', 'users.manage', 'licences.manage', 'seals.manage'],
  'window-clerk': ['catalog.read', 'personal-data.read-whole', 'case.read', 'case.consult', 'case.accept'],
  reviewer: ['catalog.read', 'personal-data.read-whole', 'case.read', 'case.review'],
  decider: ['catalog.read', 'personal-data.read-whole', 'case.read', 'case.review', 'case.decide', 'licences.manage'],
  'center-admin': ['catalog.read', 'users.manage', 'case.read', 'case.consult', 'case.supervise'],
  supervisor: ['catalog.read', 'audit.read', 'case.read', 'case.supervise'],
  auditor: ['catalog.read', 'audit.read'],
};

/**
 * What a department system (machine client, 部门业务系统) may be granted: OAuth2 scopes, each
 * mapped to the permissions it carries. A machine client never holds a role.
 */
export const MACHINE_SCOPES = {
  'catalog.read': ['catalog.read'],
  'catalog.import': ['catalog.read', 'catalog.import'],
  'licences.read': ['licences.share'],
} as const satisfies Record<string, readonly Permission[]>;
export type MachineScope = keyof typeof MACHINE_SCOPES;

export function isMachineScope(value: string): value is MachineScope {
  return Object.prototype.hasOwnProperty.call(MACHINE_SCOPES, value);
}

export interface Actor {
  /** A staff member (default) or a department system calling with a Bearer access token. */
  kind?: 'staff' | 'machine';
  /** The machine client's id (kind 'machine'); userId is then "client:<clientId>". */
  clientId?: string;
  /** The machine client's granted scopes (kind 'machine'). */
  scopes?: MachineScope[];
  userId: string;
  username: string;
  displayName: string;
  orgId: string;
  orgName: string;
  /** The subtree this actor acts within: a path prefix of orgs.path. */
  scopePath: string;
  roles: Role[];
  /** Where the request came from (set by src/http/auth.ts): the audit trail records it. */
  ip?: string;
  /** Signed in with a one-time password not yet replaced: nothing but changing it is allowed. */
  mustChangePassword?: boolean;
}

export function can(actor: Actor | null | undefined, permission: Permission): boolean {
  if (!actor) return false;
  if (actor.kind === 'machine') return (actor.scopes ?? []).some((scope) => (MACHINE_SCOPES[scope] as readonly Permission[] | undefined)?.includes(permission));
  return actor.roles.some((role) => ROLE_PERMISSIONS[role]?.includes(permission));
}

/** Whether an organization (given by its materialized path) lies within the actor's scope. */
export function inScope(actor: Actor, orgPath: string): boolean {
  return orgPath.startsWith(actor.scopePath);
}

/**
 * A management office (政务服务管理机构) supervises the whole government it belongs to, so its scope
 * is its parent's subtree; every other organization acts within its own subtree.
 */
export function scopePathOf(org: { kind: string; path: string }): string {
  if (org.kind === 'management-office') {
    const parts = org.path.split('/').filter(Boolean);
    return parts.length > 1 ? `/${parts.slice(0, -1).join('/')}/` : org.path;
  }
  return org.path;
}

export function isRole(value: string): value is Role {
  return Object.prototype.hasOwnProperty.call(ROLES, value);
}

// ——— staff administration (用户管理): who may grant which role, and over whose accounts ———

/**
 * Roles each administering role may grant (授权范围). A system administrator grants every role; a
 * department or center administrator staffs its own organization (window, review, decision, and
 * its own kind of administrator) and never grants system-wide, catalog or oversight roles.
 */
const GRANTABLE_ROLES: Record<Role, readonly Role[]> = {
  'system-admin': Object.keys(ROLES) as Role[],
  'dept-admin': ['window-clerk', 'reviewer', 'decider', 'dept-admin'],
  'center-admin': ['window-clerk', 'reviewer', 'decider', 'center-admin'],
  'catalog-admin': [],
  'catalog-reviewer': [],
  'window-clerk': [],
  reviewer: [],
  decider: [],
  supervisor: [],
  auditor: [],
};

/** The roles this actor may grant, in the order of ROLES. */
export function grantableRoles(actor: Actor): Role[] {
  const allowed = new Set(actor.roles.flatMap((r) => GRANTABLE_ROLES[r] ?? []));
  return (Object.keys(ROLES) as Role[]).filter((r) => allowed.has(r));
}

export function mayGrant(actor: Actor, role: Role): boolean {
  return grantableRoles(actor).includes(role);
}

/** A system administrator administers accounts anywhere; other administrators within their scope. */
export function administersOrg(actor: Actor, orgPath: string): boolean {
  if (!can(actor, 'users.manage')) return false;
  return actor.roles.includes('system-admin') || inScope(actor, orgPath);
}

/** The subtree whose accounts this actor may list: null means every organization. */
export function userAdminScope(actor: Actor): string | null {
  return actor.roles.includes('system-admin') ? null : actor.scopePath;
}
