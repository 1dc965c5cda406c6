// One way to open the database: embedded PGlite when DATABASE_URL is unset, else PostgreSQL.
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.js';
import { preparingPool } from './prepared-statements.js';
import type { DB } from './schema.js';

export type Database = Kysely<DB>;

export interface DatabaseHandle {
  db: Database;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

// DATE columns stay 'YYYY-MM-DD' strings: a legal date has no time zone.
pg.types.setTypeParser(1082, (v: string) => v);
// bigint counts come back as numbers; our counts never approach 2^53.
pg.types.setTypeParser(20, (v: string) => Number(v));

export async function openPGlite(dataDir: string | null): Promise<DatabaseHandle> {
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const client = new PGlite({
    dataDir: dataDir ? path.join(dataDir, 'pgdata') : undefined,
    extensions: { pg_trgm },
    parsers: { 1082: (v: string) => v, 20: (v: string) => Number(v) },
  });
  await client.waitReady;
  const db = new Kysely<DB>({ dialect: new PGliteDialect(client) });
  return { db, kind: 'pglite', close: () => db.destroy() };
}

export async function openPostgres(url: string, max = 10): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: url, max });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
  return { db, kind: 'postgres', close: () => db.destroy() };
}

export function openDatabase(options: { databaseUrl: string | null; dataDir: string }): Promise<DatabaseHandle> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPGlite(options.dataDir);
}
