// Catalog import rate: 10,000 items, each with one implementation entry and a full lint-clean
// guide, imported through the service (read file → check every row → write the catalog and the
// search documents of the touched entries in one transaction) on embedded PGlite and on PostgreSQL (a throwaway database on
// postgres://postgres@127.0.0.1:5432, or BENCH_PG_URL; dropped after). Target (issue): more than
// 2,000 items per second, counted until the items are findable (itemsPerSecondWithSearchIndex).
// Progress goes to stderr; stdout gets one JSON object:
// {"bench":"import","items":10000,"pglite":{"itemsPerSecond":…},"postgres":{…}}.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPGlite, openPostgres, type DatabaseHandle } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { basicCode } from '../src/modules/catalog/codes.js';
import { EXCHANGE_FORMAT, EXCHANGE_VERSION, type ExchangeDocument } from '../src/modules/catalog-io/exchange.js';
import { importCatalog, readCatalogFile } from '../src/modules/catalog-io/service.js';
import { createOrg, upsertDivisions } from '../src/modules/orgs/service.js';
import { guideContent, makeCreditCode } from '../test/factories.js';

const ITEMS = Number(process.env.BENCH_IMPORT_ITEMS ?? 10_000);
const ORGS = 20;
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const log = (msg: string) => process.stderr.write(`[import bench] ${msg}\n`);

async function makeOrgs(handle: DatabaseHandle): Promise<{ code: string; name: string }[]> {
  await upsertDivisions(handle.db, [
    { code: '15', name: '内蒙古自治区', level: 'province', parentCode: null },
    { code: '1522', name: '兴安盟', level: 'prefecture', parentCode: '15' },
  ]);
  const orgs: { code: string; name: string }[] = [];
  for (let i = 0; i < ORGS; i++) {
    const org = { code: `BENCH-${i}`, name: `兴安盟测试局${i}` };
    await createOrg(handle.db, { ...org, kind: 'department', level: 'league', divisionCode: '1522', creditCode: makeCreditCode() });
    orgs.push(org);
  }
  return orgs;
}

function document(orgs: { code: string; name: string }[]): Buffer {
  const doc: ExchangeDocument = { format: EXCHANGE_FORMAT, version: EXCHANGE_VERSION, items: [] };
  for (let i = 0; i < ITEMS; i++) {
    const name = `测试许可事项${i + 1}号`;
    const org = orgs[i % orgs.length];
    doc.items.push({
      code: basicCode('licensing', i + 1),
      name,
      type: 'licensing',
      legalBasis: ['《中华人民共和国行政许可法》第二十九条'],
      legalLimitDays: 20,
      implementations: [{ orgCode: org.code, effectiveFrom: '2025-01-01', guide: guideContent({ itemName: name, implementingBody: org.name }) }],
    });
  }
  return Buffer.from(JSON.stringify(doc));
}

interface Result {
  /** Read → check every row → write the catalog rows (the search part of the transaction left out). */
  itemsPerSecond: number;
  seconds: number;
  /** The search documents of the touched entries, the commit, and any vacuum after it (src/modules/search). */
  searchIndexSeconds: number;
  /** The whole import until its items are findable: what a user waits for. */
  itemsPerSecondWithSearchIndex: number;
  phasesMs: { read: number; validate: number; write: number; index: number };
  bytes: number;
}

async function run(handle: DatabaseHandle): Promise<Result> {
  await migrateToLatest(handle.db);
  const file = document(await makeOrgs(handle));
  const start = process.hrtime.bigint();
  const parsed = await readCatalogFile('bench.json', file, 200 * 1024 * 1024);
  const read = Number(process.hrtime.bigint() - start) / 1e6;
  const report = await importCatalog({ db: handle.db }, null, parsed, { fileName: 'bench.json' });
  const total = Number(process.hrtime.bigint() - start) / 1e9;
  if (!report.ok || report.counts?.guideVersionsCreated !== ITEMS || report.searchDocuments !== ITEMS) {
    throw new Error(`import failed: ${JSON.stringify(report.errors.slice(0, 3))}`);
  }
  const { validateMs, writeMs, indexMs } = report.timings;
  const seconds = (read + validateMs + writeMs) / 1000;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    itemsPerSecond: Math.round(ITEMS / seconds),
    seconds: round(seconds),
    searchIndexSeconds: round(indexMs / 1000),
    itemsPerSecondWithSearchIndex: Math.round(ITEMS / total),
    phasesMs: { read: Math.round(read), validate: validateMs, write: writeMs, index: indexMs },
    bytes: file.length,
  };
}

async function onPostgres() {
  const name = `tongban_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const handle = await openPostgres(url.toString(), 5);
  try {
    return await run(handle);
  } finally {
    await handle.close();
    // pg's pool.end() resolves before its sockets close; a forced drop would kill a session still
    // saying goodbye and its FATAL 57P01 would crash the bench after the figures were measured.
    for (let i = 0; i < 50; i++) {
      const { rows } = await admin.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
      if (rows[0].n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

log(`PGlite, ${ITEMS} items …`);
const lite = await openPGlite(null);
const pglite = await run(lite).finally(() => lite.close());
log(`PGlite: ${pglite.itemsPerSecond} items/s; PostgreSQL …`);
const postgres = await onPostgres().catch((error: Error) => ({ error: error.message }));
// Wall-clock figures follow the machine's load (other test suites); print it beside them.
const loadAverage = (await import('node:os')).loadavg().map((n) => Math.round(n * 10) / 10);
console.log(JSON.stringify({ bench: 'import', items: ITEMS, pglite, postgres, target: { itemsPerSecond: 2000 }, loadAverage }));
