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
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  'system-admin': PERMISSIONS,
  'catalog-admin': ['catalog.read', 'catalog.item.write', 'catalog.guide.write', 'catalog.import'],
  'catalog-reviewer': ['catalog.read', 'catalog.guide.review'],
  'dept-admin': ['catalog.read', 'catalog.guide.write', 'users.manage'],
  'window-clerk': ['catalog.read'],
  reviewer: ['catalog.read'],
  decider: ['catalog.read'],
  'center-admin': ['catalog.read', 'users.manage'],
  supervisor: ['catalog.read', 'audit.read'],
  auditor: ['catalog.read', 'audit.read'],
};

export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  orgId: string;
  orgName: string;
  /** The subtree this actor acts within: a path prefix of orgs.path. */
  scopePath: string;
  roles: Role[];
}

export function can(actor: Actor | null | undefined, permission: Permission): boolean {
  if (!actor) return false;
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
