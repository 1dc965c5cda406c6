import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { DB } from '../src/db/schema.js';
import { searchGuides } from '../src/modules/search/service.js';
const url = 'postgres://postgres@127.0.0.1:5432/tongban_search_tune';
const captured: { sql: string; params: readonly unknown[]; ms: number }[] = [];
const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }), log: (e) => { if (e.level === 'query') captured.push({ sql: e.query.sql, params: e.query.parameters, ms: e.queryDurationMillis }); } });
const client = new pg.Client({ connectionString: url });
await client.connect();
const queries = JSON.parse(process.argv[2]);
for (const q of queries) {
  captured.length = 0;
  const t0 = performance.now();
  await searchGuides(db, q);
  const total = performance.now() - t0;
  console.log(`\n===== ${JSON.stringify(q)} total ${total.toFixed(1)} ms; queries: ${captured.map((c) => c.ms.toFixed(1)).join(', ')}`);
  if (process.argv[3] === 'explain') for (const c of captured.filter((c) => c.sql.includes('with candidates'))) {
    const r = await client.query('explain (analyze, buffers, costs off) ' + c.sql, c.params as unknown[]);
    console.log(r.rows.map((x) => x['QUERY PLAN']).join('\n'));
  }
}
await client.end(); await db.destroy();
