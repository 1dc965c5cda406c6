// Demo staff accounts (documented in docs/demo-accounts.md). Passwords are public demo values:
// never load demo data into a production database.
import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { hashPassword } from '../../modules/identity/service.js';
import { ROLES, type Role } from '../../modules/identity/permissions.js';
import { seedId } from './ids.js';
import type { OrgTree, SeedOrg } from './orgs.js';

export interface DemoAccount {
  username: string;
  password: string;
  displayName: string;
  roles: Role[];
  /** Chinese role names, for printing. */
  roleNames: string[];
  orgName: string;
}

interface AccountSpec {
  username: string;
  password: string;
  displayName: string;
  roles: Role[];
  org: (tree: OrgTree) => SeedOrg;
}

const ulanhot = (tree: OrgTree) => {
  const county = tree.counties.find((c) => c.divisionCode === '152201');
  if (!county) throw new Error('demo seed: 乌兰浩特市 missing from the divisions');
  return county;
};

/** One shared password for every account but admin: one argon2 hash, one thing to remember (policy-compliant). */
const DEMO_PASSWORD = 'Demo@Tongban2026';

const ACCOUNTS: AccountSpec[] = [
  { username: 'admin', password: 'Tongban@2026', displayName: '系统管理员', roles: ['system-admin'], org: (t) => t.league.office },
  { username: 'catalog', password: DEMO_PASSWORD, displayName: '盟事项管理员 王晓燕', roles: ['catalog-admin'], org: (t) => t.league.office },
  { username: 'reviewer', password: DEMO_PASSWORD, displayName: '盟事项审核员 包文军', roles: ['catalog-reviewer'], org: (t) => t.league.office },
  { username: 'wlht-reviewer', password: DEMO_PASSWORD, displayName: '乌兰浩特市事项审核员 李娜', roles: ['catalog-reviewer'], org: (t) => ulanhot(t).office },
  { username: 'scjg-admin', password: DEMO_PASSWORD, displayName: '盟市场监管局部门管理员 张海龙', roles: ['dept-admin'], org: (t) => t.league.depts.market },
  { username: 'wlht-scjg', password: DEMO_PASSWORD, displayName: '乌兰浩特市市场监管局部门管理员 孟根', roles: ['dept-admin'], org: (t) => ulanhot(t).depts.market },
  { username: 'clerk', password: DEMO_PASSWORD, displayName: '盟政务服务中心窗口人员 刘丽', roles: ['window-clerk'], org: (t) => t.league.center },
  // Case handling (办件) at the league market-regulation bureau: window, review, decision; and the
  // management office's supervisor who watches the overdue lists.
  { username: 'scjg-clerk', password: DEMO_PASSWORD, displayName: '盟市场监管局窗口人员 乌云', roles: ['window-clerk'], org: (t) => t.league.depts.market },
  { username: 'scjg-reviewer', password: DEMO_PASSWORD, displayName: '盟市场监管局审查人员 高峰', roles: ['reviewer'], org: (t) => t.league.depts.market },
  { username: 'scjg-decider', password: DEMO_PASSWORD, displayName: '盟市场监管局审批负责人 白玉兰', roles: ['decider'], org: (t) => t.league.depts.market },
  { username: 'supervisor', password: DEMO_PASSWORD, displayName: '盟政务服务局监督人员 陈静', roles: ['supervisor'], org: (t) => t.league.office },
  { username: 'auditor', password: DEMO_PASSWORD, displayName: '审计员 赵志刚', roles: ['auditor'], org: (t) => t.league.office },
];

/** The distinct demo passwords (the policy test checks they satisfy the password policy). */
export const demoPasswords = (): string[] => [...new Set(ACCOUNTS.map((a) => a.password))];

/** Hashes each distinct password once (argon2id is deliberately slow), outside any transaction. */
export async function hashDemoPasswords(): Promise<Map<string, string>> {
  const distinct = [...new Set(ACCOUNTS.map((a) => a.password))];
  const hashes = await Promise.all(distinct.map((p) => hashPassword(p)));
  return new Map(distinct.map((p, i) => [p, hashes[i]]));
}

/** The stable id of a demo account, for attributing seeded guide versions to it. */
export const demoUserId = (username: string) => seedId(`user:${username}`);

export async function insertDemoUsers(db: Kysely<DB>, tree: OrgTree, hashes: Map<string, string>): Promise<DemoAccount[]> {
  const rows = ACCOUNTS.map((a) => ({
    id: demoUserId(a.username),
    username: a.username,
    display_name: a.displayName,
    password_hash: hashes.get(a.password)!,
    org_id: a.org(tree).id,
    roles: a.roles,
  }));
  await db.insertInto('users').values(rows).execute();
  return ACCOUNTS.map((a) => ({
    username: a.username,
    password: a.password,
    displayName: a.displayName,
    roles: a.roles,
    roleNames: a.roles.map((r) => ROLES[r]),
    orgName: a.org(tree).name,
  }));
}
