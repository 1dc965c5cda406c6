// Which menu entries and buttons a role sees. The server decides (src/modules/identity/permissions.ts);
// this mirror only hides what the server would refuse anyway.

export type Permission =
  | 'catalog.read'
  | 'catalog.item.write'
  | 'catalog.guide.write'
  | 'catalog.guide.review'
  | 'catalog.import'
  | 'orgs.write'
  | 'users.manage'
  | 'audit.read'
  | 'clients.manage'
  | 'case.read'
  | 'case.accept'
  | 'case.review'
  | 'case.decide'
  | 'case.supervise'
  | 'licences.manage'
  | 'case.consult'
  | 'templates.manage'
  | 'calendar.write';

const ALL: Permission[] = ['catalog.read', 'catalog.item.write', 'catalog.guide.write', 'catalog.guide.review', 'catalog.import', 'orgs.write', 'users.manage', 'audit.read', 'clients.manage', 'case.read', 'case.supervise', 'templates.manage', 'calendar.write'];

const ROLE_PERMISSIONS: Record<string, Permission[]> = {
  'system-admin': ALL,
  'catalog-admin': ['catalog.read', 'catalog.item.write', 'catalog.guide.write', 'catalog.import'],
  'catalog-reviewer': ['catalog.read', 'catalog.guide.review'],
  'dept-admin': ['catalog.read', 'catalog.guide.write', 'users.manage', 'licences.manage'],
  'window-clerk': ['catalog.read', 'case.read', 'case.consult', 'case.accept'],
  reviewer: ['catalog.read', 'case.read', 'case.review'],
  decider: ['catalog.read', 'case.read', 'case.review', 'case.decide', 'licences.manage'],
  'center-admin': ['catalog.read', 'users.manage', 'case.read', 'case.consult', 'case.supervise'],
  supervisor: ['catalog.read', 'audit.read', 'case.read', 'case.supervise'],
  auditor: ['catalog.read', 'audit.read'],
};

export function hasPermission(roles: readonly string[] | undefined, permission: Permission): boolean {
  return (roles ?? []).some((r) => ROLE_PERMISSIONS[r]?.includes(permission));
}
