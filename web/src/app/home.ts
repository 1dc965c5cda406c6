// Where the admin app opens after sign-in (and at /admin/): the place of the person's daily work.
// Window clerks, reviewers and deciders work their queue (我的待办); supervisors and center
// administrators watch deadlines (超期监控); everyone else starts at the catalog (事项目录).

const HOME_BY_ROLE: Record<string, string> = {
  'window-clerk': '/cases',
  reviewer: '/cases',
  decider: '/cases',
  supervisor: '/cases/overdue',
  'center-admin': '/cases/overdue',
};

/** The home of the first of the roles that has one, else the catalog. */
export function homeOf(roles: readonly string[] | undefined): string {
  for (const role of roles ?? []) if (HOME_BY_ROLE[role]) return HOME_BY_ROLE[role];
  return '/catalog';
}
