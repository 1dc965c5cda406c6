// Search latency over 50,000 generated guides' search documents, on embedded PGlite and on
// PostgreSQL (a throwaway database on postgres://postgres@127.0.0.1:5432, or BENCH_PG_URL; dropped
// after). A mixed query set — Chinese words, pinyin, initials, typos, synonyms, codes, filters —
// is run warm, then measured through searchGuides (the function the API and portal call).
// Target (issue): p95 under 30 ms on PostgreSQL. Progress goes to stderr; stdout gets one JSON
// object: {"bench":"search","docs":50000,"postgres":{"p50Ms":…,"p95Ms":…},"pglite":{…}}.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPGlite, openPostgres, type DatabaseHandle } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { buildSearchDocument } from '../src/modules/search/document.js';
import { replaceSearchDocuments, searchGuides, type SearchQuery } from '../src/modules/search/service.js';
import { benchSources, byName, rng } from './search-data.js';

const DOCS = Number(process.env.BENCH_SEARCH_DOCS ?? 50_000);
const WARM = 100;
const MEASURED = Number(process.env.BENCH_SEARCH_QUERIES ?? 600);
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

type Kind = 'chinese' | 'pinyin' | 'initials' | 'typo' | 'synonym' | 'code' | 'filtered';
const QUERIES: [Kind, SearchQuery][] = [
  ...['营业执照', '食品经营许可', '最低生活保障', '不动产登记', '住房公积金', '道路运输', '居民身份证', '补办', '许可', '执照', '医师执业注册'].map((q): [Kind, SearchQuery] => ['chinese', { q }]),
  ...['yingyezhizhao', 'shipinjingying', 'budongchan', 'zhufanggongjijin', 'daoluyunshu', 'yingye', 'jiaoshizige'].map((q): [Kind, SearchQuery] => ['pinyin', { q }]),
  ...['yyzz', 'spjyxk', 'bdcdj', 'zfgjj', 'dlys', 'yy', 'jszg'].map((q): [Kind, SearchQuery] => ['initials', { q }]),
  ...['营叶执照', '食品经英许可', '不动产登纪', 'yingyezhizao', 'shipinjinying', '最低生活保障金给', '户口迁移等级'].map((q): [Kind, SearchQuery] => ['typo', { q }]),
  ...['工商执照', '低保', '社保', '驾照', '房产证'].map((q): [Kind, SearchQuery] => ['synonym', { q }]),
  ...['2000001', '20000100000'].map((q): [Kind, SearchQuery] => ['code', { q }]),
  ...([
    { q: '营业执照', division: '152201' },
    { q: 'yyzz', division: '152222' },
    { q: '许可', type: 'licensing' },
    { q: '给付', division: '152223', type: 'payment' },
    { q: 'bdc', division: '152201001' },
    { q: '食品', orgId: 'org-152201-14' },
  ] as SearchQuery[]).map((q): [Kind, SearchQuery] => ['filtered', q]),
];

const log = (message: string) => process.stderr.write(`[search bench] ${message}\n`);

async function load(handle: DatabaseHandle): Promise<number> {
  const started = Date.now();
  await migrateToLatest(handle.db);
  // As rebuildSearchIndex writes them: item-name order, indexes built after the rows, analyzed.
  const docs = benchSources(DOCS).sort(byName).map(buildSearchDocument);
  await handle.db.transaction().execute((trx) => replaceSearchDocuments(trx, docs));
  return Date.now() - started;
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[index] * 100) / 100;
}

async function measure(handle: DatabaseHandle) {
  const random = rng(7);
  const pick = () => QUERIES[Math.floor(random() * QUERIES.length)];
  for (let i = 0; i < WARM; i++) await searchGuides(handle.db, pick()[1]);
  const times: number[] = [];
  const byKind = new Map<Kind, number[]>();
  let hits = 0;
  for (let i = 0; i < MEASURED; i++) {
    const [kind, query] = i < QUERIES.length ? QUERIES[i] : pick();
    const start = process.hrtime.bigint();
    const result = await searchGuides(handle.db, query);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    hits += result.rows.length ? 1 : 0;
    times.push(ms);
    byKind.set(kind, [...(byKind.get(kind) ?? []), ms]);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const kinds = Object.fromEntries(
    [...byKind].map(([k, v]) => {
      const s = [...v].sort((a, b) => a - b);
      return [k, { p50Ms: percentile(s, 50), p95Ms: percentile(s, 95), n: s.length }];
    }),
  );
  return { p50Ms: percentile(sorted, 50), p95Ms: percentile(sorted, 95), p99Ms: percentile(sorted, 99), maxMs: percentile(sorted, 100), queries: times.length, withHits: hits, byKind: kinds };
}

async function onPGlite() {
  const handle = await openPGlite(null);
  try {
    const loadMs = await load(handle);
    log(`PGlite loaded ${DOCS} documents in ${loadMs} ms`);
    return { loadMs, ...(await measure(handle)) };
  } finally {
    await handle.close();
  }
}

async function onPostgres() {
  const name = `tongban_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const handle = await openPostgres(url.toString(), 4);
  try {
    const loadMs = await load(handle);
    log(`PostgreSQL loaded ${DOCS} documents in ${loadMs} ms`);
    return { loadMs, ...(await measure(handle)) };
  } catch (error) {
    log(`PostgreSQL run failed: ${error instanceof Error ? error.stack : String(error)}`);
    throw error;
  } finally {
    await handle.close();
    // pg's pool resolves end() before its sockets close: a forced drop would kill a closing client.
    for (let i = 0; i < 50; i++) {
      const { rows } = await admin.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
      if (rows[0].n === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

// BENCH_SEARCH_ONLY=postgres|pglite runs one side (for tuning); the default runs both.
const only = process.env.BENCH_SEARCH_ONLY;
const postgres = only === 'pglite' ? null : await onPostgres();
if (postgres) log(`PostgreSQL p50 ${postgres.p50Ms} ms, p95 ${postgres.p95Ms} ms`);
const pglite = only === 'postgres' ? null : await onPGlite();
if (pglite) log(`PGlite p50 ${pglite.p50Ms} ms, p95 ${pglite.p95Ms} ms`);
const loadAverage = (await import('node:os')).loadavg().map((n) => Math.round(n * 10) / 10);
console.log(JSON.stringify({ bench: 'search', docs: DOCS, postgres, pglite, target: { postgresP95Ms: 30 }, meetsTarget: postgres ? postgres.p95Ms < 30 : null, loadAverage }));
