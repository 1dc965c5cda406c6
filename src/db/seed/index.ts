// Demo data: the 兴安盟 organization tree, staff accounts, licence types and the catalog with one
// published guide per implementation. Deterministic (same ids and codes on every reseed) and
// loaded in one transaction, so a failure leaves the database empty.
import type { Config } from '../../config.js';
import type { Database } from '../database.js';
import { seedDemoCases } from './cases.js';
import { recordAudit } from '../../modules/audit/service.js';
import { upsertDivisions } from '../../modules/orgs/service.js';
import { rebuildSearchIndex } from '../../modules/search/service.js';
import { buildCatalogRows, insertCatalog } from './catalog.js';
import { loadDivisions } from './divisions.js';
import { DEMO_LICENCE_TYPES } from './licence-types.js';
import { buildOrgTree, insertOrgTree } from './orgs.js';
import { demoUserId, hashDemoPasswords, insertDemoUsers, type DemoAccount } from './users.js';

export type { DemoAccount } from './users.js';

export interface SeedResult {
  seeded: boolean;
  counts: Record<string, number>;
  /** The demo staff accounts and their passwords (printed in development only). */
  accounts?: DemoAccount[];
}

/** Loads the demo data unless the database already holds organizations. */
export async function seedDemoIfEmpty(db: Database, config?: Config): Promise<SeedResult> {
  const row = await db.selectFrom('orgs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (Number(row.n) > 0) return { seeded: false, counts: {} };
  return seedDemo(db, config);
}

/**
 * Loads the demo data. With the configuration (its keys encrypt applicants' personal data) demo
 * cases are added too, through the case services: see cases.ts.
 */
export async function seedDemo(db: Database, config?: Config): Promise<SeedResult> {
  // Password hashing runs on the thread pool while the rows are built.
  const hashing = hashDemoPasswords();
  const divisions = loadDivisions();
  const tree = buildOrgTree(divisions);
  const catalog = buildCatalogRows(tree, { editorId: demoUserId('catalog'), reviewerId: demoUserId('reviewer') });
  const hashes = await hashing;

  const accounts = await db.transaction().execute(async (trx) => {
    await upsertDivisions(trx, divisions);
    await insertOrgTree(trx, tree);
    const users = await insertDemoUsers(trx, tree, hashes);
    await trx
      .insertInto('licence_types')
      .values(DEMO_LICENCE_TYPES.map((t) => ({ code: t.code, name: t.name, issuing_department: t.issuingDepartment, shareable: true })))
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
    await insertCatalog(trx, catalog);
    // Seeded guides bypass the publish workflow and its hooks: index them for search (同源发布, Art. 11).
    await rebuildSearchIndex(trx);
    await recordAudit(trx, null, { action: 'seed.demo', objectType: 'system', objectId: 'demo-data', changes: { items: catalog.items.length, guides: catalog.guides.length } });
    return users;
  });

  const counts = {
    divisions: divisions.length,
    counties: divisions.filter((d) => d.level === 'county').length,
    townships: divisions.filter((d) => d.level === 'township').length,
    orgs: tree.all.length,
    users: accounts.length,
    licenceTypes: DEMO_LICENCE_TYPES.length,
    catalogItems: catalog.items.length,
    implementations: catalog.implementations.length,
    publishedGuides: catalog.guides.length,
    ...(config ? { cases: (await seedDemoCases({ db, config })).cases } : {}),
  };
  return { seeded: true, counts, accounts };
}

/** The demo accounts as aligned lines, for the console of a development start or the CLI. */
export function formatDemoAccounts(accounts: DemoAccount[]): string {
  const width = Math.max(...accounts.map((a) => a.username.length));
  return [
    '演示账号 (demo accounts, see docs/demo-accounts.md):',
    ...accounts.map((a) => `  ${a.username.padEnd(width)}  ${a.password.padEnd(12)}  ${a.roleNames.join('、')} · ${a.orgName}`),
  ].join('\n');
}
