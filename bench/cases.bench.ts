// Case handling at scale, on PostgreSQL (issue 5, "npm run bench adds"):
//   1. applications submitted and accepted per second through the HTTP API (window applications by
//      a clerk, then 受理), beside the same machine's `pgbench -b simple-update` TPS from the same
//      run, as a ratio (aim: ≥ 0.25 of pgbench);
//   2. the time to fetch every overdue case id among one million cases (aim: under 1 s);
//   3. the workbench queue's p50/p95 latency with one million cases and 16 concurrent staff users,
//      each of a different organization, first page and the following page (aim: p95 < 50 ms);
//   4. calendar additions per second (measured in full by bench/calendar.bench.ts; repeated briefly
//      here so the table shows all four).
// Beside 1 and 3 it prints the CPU each pair or request cost the server, PostgreSQL and this process
// (bench/cpu-usage.ts), and the ratio this machine could reach at that cost (all CPUs busy): with
// PostgreSQL's share alone and with the whole cost.
// Each part runs on its own throwaway database on postgres://postgres@127.0.0.1:5432 (or
// BENCH_PG_URL), dropped after. Without a PostgreSQL server the benchmark says so and skips.
// The table and progress go to stderr with the machine's load; stdout gets one JSON object.
// Tuning: BENCH_CASES_ROWS (1000000), BENCH_CASES_SECONDS (10), BENCH_CASES_CLIENTS (16),
// BENCH_SERVE_NODE_ARGS (node flags for the server, e.g. --cpu-prof),
// BENCH_CASES_ONLY=throughput,overdue,queue (a subset), BENCH_CASES_KEEP=1 (keep the one-million-case
// database for EXPLAIN ANALYZE; its name is printed), BENCH_CASES_REUSE=<that name> (measure on it
// again without the five-minute fill; the row count is then the kept one).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { sql } from 'kysely';
import pg from 'pg';
import { loadConfig, type Config } from '../src/config.js';
import { openPostgres, type Database, type DatabaseHandle } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { csrfTokenFor } from '../src/http/security.js';
import { shippedCalendar } from '../src/lib/calendar/index.js';
import { identityCheckCharacter } from '../src/lib/identity-number.js';
import { shanghaiDate } from '../src/lib/shanghai-date.js';
import { overduePage } from '../src/modules/cases/queries.js';
import { createSession } from '../src/modules/identity/service.js';
import { makeCaseWorld } from '../test/case-fixture.js';
import { makeGuide, makeImplementation, makeImplementingOrg, makeUser } from '../test/factories.js';
import { cpuPer, cpuSnapshot } from './cpu-usage.js';
import { percentile, staffClient, type StaffClient } from './http-load.js';

const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ROWS = Number(process.env.BENCH_CASES_ROWS ?? 1_000_000);
const SECONDS = Number(process.env.BENCH_CASES_SECONDS ?? 10);
const CLIENTS = Number(process.env.BENCH_CASES_CLIENTS ?? 16);
const ONLY = process.env.BENCH_CASES_ONLY?.split(',').map((s) => s.trim());
const wants = (part: string) => !ONLY || ONLY.includes(part);

const log = (message: string) => process.stderr.write(`[cases bench] ${message}\n`);
const load = () => os.loadavg().map((n) => Math.round(n * 100) / 100);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ——— throwaway databases ———

interface Throwaway {
  name: string;
  url: string;
  drop(): Promise<void>;
}

async function adminQuery<T = unknown>(text: string, values: unknown[] = []): Promise<T[]> {
  const admin = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  await admin.connect();
  try {
    return (await admin.query(text, values)).rows as T[];
  } finally {
    await admin.end();
  }
}

async function throwaway(tag: string): Promise<Throwaway> {
  const name = `tongban_bench_${tag}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`create database ${name}`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      // pg's pool resolves end() before its sockets close: a forced drop would kill a closing client.
      for (let i = 0; i < 50; i++) {
        const [{ n }] = await adminQuery<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
        if (n === 0) break;
        await sleep(100);
      }
      await adminQuery(`drop database if exists ${name} with (force)`);
    },
  };
}

function appConfig(): Config {
  // Test-mode configuration: development data keys, logging silent (a log line per request would be
  // measured too), no demo data.
  return { ...loadConfig({ NODE_ENV: 'test', TONGBAN_DATA_DIR: os.tmpdir(), LOG_LEVEL: 'silent' }), seedDemo: false };
}

/** The server in its own process (bench/serve.ts) over the database at `databaseUrl`. */
async function serve(databaseUrl: string) {
  const child = spawn(process.execPath, [...(process.env.BENCH_SERVE_NODE_ARGS?.split(' ').filter(Boolean) ?? []), '--import', 'tsx', 'bench/serve.ts'], { env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /LISTENING (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`bench server exited (${code}) before listening`)));
  });
  return {
    url,
    pid: child.pid,
    config: appConfig(),
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function sessionOf(db: Database, userId: string) {
  const token = await createSession(db, userId);
  return { token, csrf: csrfTokenFor(token) };
}

/** A valid resident identity number (GB 11643) of 乌兰浩特市, different for each n. */
function identityNumber(n: number): string {
  const birth = new Date(Date.UTC(1960, 0, 1) + (n % 15_000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const first17 = `152201${birth}${String(n % 1000).padStart(3, '0')}`;
  return `${first17}${identityCheckCharacter(first17)}`;
}

const describeFailure = (r: { status: number; body: any }) => `${r.status} ${typeof r.body === 'object' && r.body ? `${r.body.code ?? ''} ${r.body.detail ?? ''}` : String(r.body).slice(0, 120)}`;

/**
 * Runs one `step` per client in a loop: 2 s of warm-up, then SECONDS measured. A step records its
 * timings only when `measuring()` is true as it ends; a failing step is tallied by message (more than 50
 * failures stop the run: that is not a performance problem). Returns the measured window's length,
 * the failures, the load average before and the CPU of the server, PostgreSQL and this process.
 */
async function loadWindow<C>(name: string, clients: readonly C[], serverPid: number | undefined, step: (client: C, measuring: () => boolean) => Promise<void>) {
  const errors = new Map<string, number>();
  let measuring = false;
  let stop = false;
  const loop = async (client: C) => {
    while (!stop) {
      try {
        await step(client, () => measuring);
      } catch (error) {
        const key = error instanceof Error ? error.message : String(error);
        errors.set(key, (errors.get(key) ?? 0) + 1);
        if ([...errors.values()].reduce((a, b) => a + b, 0) > 50) stop = true;
      }
    }
  };
  log(`${name}: ${clients.length} clients, 2 s warm-up, ${SECONDS} s measured`);
  const loops = clients.map(loop);
  await sleep(2000);
  const loadBefore = load();
  measuring = true;
  const cpuBefore = cpuSnapshot(serverPid);
  const started = Date.now();
  await sleep(SECONDS * 1000);
  measuring = false;
  const cpuAfter = cpuSnapshot(serverPid);
  const seconds = (Date.now() - started) / 1000;
  stop = true;
  await Promise.all(loops);
  const failures = () => [...errors].map(([k, v]) => `${v}× ${k}`).join('; ');
  return { seconds, errors, failures, loadBefore, cpu: (units: number) => cpuPer(cpuBefore, cpuAfter, units) };
}

// ——— 1. applications submitted and accepted per second through the API ———

/** test/case-fixture.ts's world: 兴安盟市场监督管理局 with its published 食品经营许可 guide and clerk. */
async function applyWorld(db: Database, config: Config) {
  const world = await makeCaseWorld(db, config);
  return {
    implementationId: world.implementation.id,
    clerkId: world.users.clerk,
    situationId: 'new',
    // The applicant materials of situation 'new', on paper at the window (营业执照 comes by sharing).
    materials: [
      { materialId: 'application', paper: true },
      { materialId: 'floorplan', paper: true },
    ],
  };
}

async function throughput() {
  const tmp = await throwaway('api');
  let handle: DatabaseHandle | null = null;
  let server: Awaited<ReturnType<typeof serve>> | null = null;
  const clients: StaffClient[] = [];
  try {
    handle = await openPostgres(tmp.url, 10);
    await migrateToLatest(handle.db);
    server = await serve(tmp.url);
    const world = await applyWorld(handle.db, server.config);
    for (let i = 0; i < CLIENTS; i++) clients.push(staffClient(server.url, await sessionOf(handle.db, world.clerkId), 2));

    let seq = 0;
    const submitMs: number[] = [];
    const acceptMs: number[] = [];
    let pairs = 0;
    const window = await loadWindow('throughput', clients, server.pid, async (client, measuring) => {
      const n = seq++;
      const submitted = await client.request('POST', '/api/cases', {
        implementationId: world.implementationId,
        situationId: world.situationId,
        applicant: { kind: 'person', name: `申请人${n}`, idNumber: identityNumber(n), phone: `138${String(n % 1e8).padStart(8, '0')}`, email: `applicant${n}@example.com` },
        materials: world.materials,
      });
      if (submitted.status !== 201) throw new Error(`submit: ${describeFailure(submitted)}`);
      const accepted = await client.request('POST', `/api/cases/${submitted.body.id}/actions/accept`, { version: submitted.body.version });
      if (accepted.status !== 200) throw new Error(`accept: ${describeFailure(accepted)}`);
      if (measuring()) {
        submitMs.push(submitted.ms);
        acceptMs.push(accepted.ms);
        pairs++;
      }
    });
    if (pairs === 0) throw new Error(`no application was submitted and accepted: ${window.failures()}`);
    submitMs.sort((a, b) => a - b);
    acceptMs.sort((a, b) => a - b);
    return {
      clients: CLIENTS,
      seconds: Math.round(window.seconds * 10) / 10,
      pairs,
      pairsPerSecond: Math.round((pairs / window.seconds) * 10) / 10,
      submit: { p50Ms: percentile(submitMs, 50), p95Ms: percentile(submitMs, 95) },
      accept: { p50Ms: percentile(acceptMs, 50), p95Ms: percentile(acceptMs, 95) },
      cpuPerPair: window.cpu(pairs),
      errors: Object.fromEntries(window.errors),
      loadAverage: { before: window.loadBefore, after: load() },
    };
  } finally {
    for (const c of clients) c.close();
    await server?.close();
    await handle?.close();
    await tmp.drop();
  }
}

/** pgbench's simple-update TPS on this machine, on its own throwaway database (scale 10, 8 clients). */
async function pgbench() {
  const tmp = await throwaway('pgbench');
  try {
    const url = new URL(tmp.url);
    const args = ['-h', url.hostname, '-p', url.port || '5432', '-U', decodeURIComponent(url.username || 'postgres')];
    const env = { ...process.env, ...(url.password ? { PGPASSWORD: decodeURIComponent(url.password) } : {}) };
    log('pgbench -i -s 10');
    const init = spawnSync('pgbench', ['-i', '-s', '10', '-q', ...args, tmp.name], { env, encoding: 'utf8' });
    if (init.error || init.status !== 0) throw new Error(`pgbench -i failed: ${init.error?.message ?? init.stderr}`);
    log(`pgbench -b simple-update -c 8 -j 2 -T ${SECONDS}`);
    const loadBefore = load();
    const run = spawnSync('pgbench', ['-b', 'simple-update', '-c', '8', '-j', '2', '-T', String(SECONDS), ...args, tmp.name], { env, encoding: 'utf8' });
    if (run.error || run.status !== 0) throw new Error(`pgbench failed: ${run.error?.message ?? run.stderr}`);
    const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(run.stdout) ?? /tps = ([\d.]+)/.exec(run.stdout);
    if (!tps) throw new Error(`pgbench printed no tps: ${run.stdout}`);
    return { tps: Math.round(Number(tps[1]) * 10) / 10, scale: 10, clients: 8, threads: 2, seconds: SECONDS, loadAverage: { before: loadBefore, after: load() } };
  } finally {
    await tmp.drop();
  }
}

// ——— 2 and 3: one million cases ———

const ORGS = 64;
const IMPLEMENTATIONS_PER_ORG = 4;
const QUEUE_USERS = 16;
const GOV_NAME = '兴安盟行政公署（基准测试）';

interface MillionWorld {
  /** The government's subtree: every organization of the benchmark (a supervisor's scope). */
  scopePath: string;
  staff: { userId: string; orgId: string; view: 'acceptance' | 'review' }[];
}

/** 64 implementing organizations with 4 published guides each; a clerk or a reviewer in 16 of them. */
async function millionWorld(db: Database): Promise<MillionWorld> {
  const gov = await makeImplementingOrg(db, { kind: 'government', name: GOV_NAME });
  const staff: MillionWorld['staff'] = [];
  for (let o = 0; o < ORGS; o++) {
    const org = await makeImplementingOrg(db, { parentId: gov.id, name: `基准测试局${o}` });
    for (let k = 0; k < IMPLEMENTATIONS_PER_ORG; k++) {
      const impl = await makeImplementation(db, { orgId: org.id });
      await makeGuide(db, { implementationId: impl.id });
    }
    if (o < QUEUE_USERS) {
      const view = o % 2 === 0 ? 'acceptance' : 'review';
      staff.push({ userId: (await makeUser(db, org.id, [view === 'acceptance' ? 'window-clerk' : 'reviewer'])).id, orgId: org.id, view });
    }
  }
  return { scopePath: gov.path, staff };
}

/**
 * One million cases by INSERT … SELECT generate_series, spread over every implementation. A
 * realistic mix: 85 % in final states (delivered 70 %, withdrawn 8 %, not accepted 5 %, ended 2 %),
 * the rest open — waiting for acceptance (3 %, acceptance due around today), under review or
 * awaiting the decision (10 %, due dates from 8 days ago to 22 days ahead, one in ten paused),
 * decided and waiting for delivery (2 %). The table's indexes (as the migrations made them) are
 * dropped for the load and rebuilt after, then VACUUM ANALYZE.
 */
async function fillCases(db: Database, rows: number, today: string): Promise<{ ms: number; byState: Record<string, number> }> {
  const started = Date.now();
  await sql`create table bench_impl as
    select (row_number() over (order by im.id) - 1)::int as n, im.id as implementation_id, im.item_id, im.org_id, gv.id as guide_version_id
    from implementations im join guide_versions gv on gv.implementation_id = im.id and gv.status = 'published'`.execute(db);
  const [{ count }] = (await sql<{ count: number }>`select count(*)::int as count from bench_impl`.execute(db)).rows;
  const indexes = (
    await sql<{ name: string; def: string }>`select indexname as name, indexdef as def from pg_indexes
      where schemaname = 'public' and tablename = 'cases' and indexname not in (
        select conname from pg_constraint where conrelid = 'cases'::regclass and contype in ('p','u'))`.execute(db)
  ).rows;
  for (const ix of indexes) await sql.raw(`drop index ${ix.name}`).execute(db);
  const BATCH = 250_000;
  for (let from = 1; from <= rows; from += BATCH) {
    const to = Math.min(rows, from + BATCH - 1);
    await sql`
      insert into cases (id, case_number, item_id, implementation_id, guide_version_id, org_id, channel, applicant_kind,
        applicant_name, applicant_id_enc, applicant_id_hash, state, submitted_at, submitted_on, acceptance_due_on,
        accepted_at, accepted_on, promised_days, promised_unit, paused_since, due_on, decision, decided_at, ended_at,
        delivery_method, delivered_at, action_count, version, updated_at)
      select
        md5('case' || s.i)::uuid::text,
        'B' || to_char(s.submitted_on, 'YYYYMMDD') || lpad(s.i::text, 8, '0'),
        b.item_id, b.implementation_id, b.guide_version_id, b.org_id,
        case when s.h % 3 = 0 then 'window' else 'online' end,
        'person', '申请人' || s.i, 'bench', md5('holder' || (s.i % 400000)),
        s.state,
        s.submitted_on::timestamp + interval '9 hours', s.submitted_on, s.submitted_on + 1,
        case when s.accepted then s.submitted_on::timestamp + interval '1 day 10 hours' end,
        case when s.accepted then s.submitted_on + 1 end,
        10, 'working-day',
        case when s.state in ('under-review','awaiting-decision') and (s.h / 7) % 10 = 0 then ${today}::date - ((s.h / 11) % 15)::int end,
        case when s.state in ('under-review','awaiting-decision') then ${today}::date + ((s.h / 1000) % 31)::int - 8
             when s.accepted then s.submitted_on + 15 end,
        case when s.state in ('granted','delivered') then 'granted' when s.state = 'refused' then 'refused' end,
        case when s.state in ('granted','refused','delivered') then s.submitted_on::timestamp + interval '12 days' end,
        case when s.state in ('delivered','not-accepted','ended','withdrawn') then s.submitted_on::timestamp + interval '14 days' end,
        case when s.state = 'delivered' then 'window' end,
        case when s.state = 'delivered' then s.submitted_on::timestamp + interval '14 days' end,
        3, 3, now()
      from (
        select g.i, g.h, st.state, st.state not in ('submitted','awaiting-supplement','not-accepted','withdrawn') as accepted,
          case when st.state in ('delivered','not-accepted','ended','withdrawn') then ${today}::date - 30 - (g.h % 1500)::int
               when st.state = 'submitted' then ${today}::date - (g.h % 4)::int
               else ${today}::date - 1 - (g.h % 60)::int end as submitted_on
        from (select i, (i::bigint * 2654435761) % 4294967291 as h from generate_series(${from}::int, ${to}::int) as i) g
        cross join lateral (select case
          when (g.h / 256) % 1000 < 700 then 'delivered'
          when (g.h / 256) % 1000 < 750 then 'not-accepted'
          when (g.h / 256) % 1000 < 770 then 'ended'
          when (g.h / 256) % 1000 < 850 then 'withdrawn'
          when (g.h / 256) % 1000 < 870 then 'submitted'
          when (g.h / 256) % 1000 < 880 then 'awaiting-supplement'
          when (g.h / 256) % 1000 < 960 then 'under-review'
          when (g.h / 256) % 1000 < 980 then 'awaiting-decision'
          when (g.h / 256) % 1000 < 995 then 'granted'
          else 'refused' end as state) st
      ) s
      join bench_impl b on b.n = (s.h % ${count}::int)::int`.execute(db);
    log(`  … ${to.toLocaleString('en')} cases`);
  }
  for (const ix of indexes) await sql.raw(ix.def).execute(db);
  await sql`drop table bench_impl`.execute(db);
  // As autovacuum leaves a table in steady state: statistics, and the visibility map for index-only scans.
  await sql`vacuum analyze cases`.execute(db);
  const byState = Object.fromEntries(
    (await sql<{ state: string; n: number }>`select state, count(*)::int as n from cases group by state order by n desc`.execute(db)).rows.map((r) => [r.state, r.n]),
  );
  return { ms: Date.now() - started, byState };
}

/**
 * Every overdue case id through the platform's own query (src/modules/cases/queries.ts overduePage,
 * what GET /api/cases/overdue runs for supervisors): the decision overdue (under review or awaiting
 * the decision, clock not paused, due date before today) and the acceptance overdue (still
 * submitted after its acceptance due date), over the whole government's subtree, each kind as one
 * page holding every row.
 */
async function overdueIds(db: Database, scopePath: string, today: string): Promise<{ decision: number; acceptance: number; ids: string[] }> {
  const decision = await overduePage(db, scopePath, 'decision', today, undefined, ROWS);
  const acceptance = await overduePage(db, scopePath, 'acceptance', today, undefined, ROWS);
  return { decision: decision.rows.length, acceptance: acceptance.rows.length, ids: [...decision.rows, ...acceptance.rows].map((r) => r.id) };
}

async function overdue(db: Database, scopePath: string, today: string) {
  const times: number[] = [];
  let last: Awaited<ReturnType<typeof overdueIds>> | null = null;
  for (let i = 0; i < 6; i++) {
    const started = process.hrtime.bigint();
    last = await overdueIds(db, scopePath, today);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  // The same conditions selecting ids only (no summary columns, no joins): what the indexes alone
  // cost, beside what the platform's list query costs with the rows it presents.
  const idsOnly: number[] = [];
  let idsOnlyCount = 0;
  for (let i = 0; i < 5; i++) {
    const started = process.hrtime.bigint();
    const rows = await sql<{ id: string }>`
      select id from cases where state in ('under-review','awaiting-decision') and paused_since is null and due_on < ${today}::date
      union all
      select id from cases where state = 'submitted' and acceptance_due_on < ${today}::date`.execute(db);
    idsOnly.push(Number(process.hrtime.bigint() - started) / 1e6);
    idsOnlyCount = rows.rows.length;
  }
  const plan = (
    await sql<{ 'QUERY PLAN': string }>`explain select id from cases where state in ('under-review','awaiting-decision') and paused_since is null and due_on < ${today}::date order by due_on, id`.execute(db)
  ).rows.map((r) => r['QUERY PLAN']);
  const warm = times.slice(1).sort((a, b) => a - b);
  idsOnly.sort((a, b) => a - b);
  return {
    source: 'src/modules/cases/queries.ts overduePage (decision + acceptance, every row)',
    overdueCases: last!.ids.length,
    decisionOverdue: last!.decision,
    acceptanceOverdue: last!.acceptance,
    firstMs: Math.round(times[0] * 10) / 10,
    medianMs: percentile(warm, 50),
    maxMs: percentile(warm, 100),
    idsOnly: { medianMs: percentile(idsOnly, 50), ids: idsOnlyCount, usesRunningDueIndex: plan.some((l) => l.includes('cases_running_due_idx')) },
    loadAverage: load(),
  };
}

async function queue(db: Database, databaseUrl: string, world: MillionWorld) {
  const server = await serve(databaseUrl);
  const clients: { client: StaffClient; view: string }[] = [];
  try {
    for (const s of world.staff) clients.push({ client: staffClient(server.url, await sessionOf(db, s.userId), 2), view: s.view });
    const first: number[] = [];
    const next: number[] = [];
    let emptyFirstPages = 0;
    // One step: a staff member opens the first page of their queue, then the following one.
    const window = await loadWindow('queue', clients, server.pid, async ({ client, view }, measuring) => {
      const a = await client.request('GET', `/api/cases/queue?view=${view}`);
      if (a.status !== 200) throw new Error(describeFailure(a));
      if (measuring()) first.push(a.ms);
      if (!a.body.items?.length) emptyFirstPages++;
      if (!a.body.nextCursor) return;
      const b = await client.request('GET', `/api/cases/queue?view=${view}&cursor=${encodeURIComponent(a.body.nextCursor)}`);
      if (b.status !== 200) throw new Error(describeFailure(b));
      if (measuring()) next.push(b.ms);
    });
    if (first.length === 0) throw new Error(`no queue page was served: ${window.failures()}`);
    const all = [...first, ...next].sort((x, y) => x - y);
    first.sort((x, y) => x - y);
    next.sort((x, y) => x - y);
    return {
      users: clients.length,
      requests: all.length,
      requestsPerSecond: Math.round((all.length / window.seconds) * 10) / 10,
      p50Ms: percentile(all, 50),
      p95Ms: percentile(all, 95),
      p99Ms: percentile(all, 99),
      firstPage: { p50Ms: percentile(first, 50), p95Ms: percentile(first, 95), n: first.length },
      nextPage: { p50Ms: percentile(next, 50), p95Ms: percentile(next, 95), n: next.length },
      emptyFirstPages,
      cpuPerRequest: window.cpu(all.length),
      errors: Object.fromEntries(window.errors),
      loadAverage: { before: window.loadBefore, after: load() },
    };
  } finally {
    for (const c of clients) c.client.close();
    await server.close();
  }
}

/** The world of a database kept by an earlier run (BENCH_CASES_REUSE), read back from its rows. */
async function keptWorld(db: Database): Promise<MillionWorld> {
  const gov = await db.selectFrom('orgs').select('path').where('name', '=', GOV_NAME).executeTakeFirstOrThrow();
  const users = await db
    .selectFrom('users as u')
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .select(['u.id', 'u.org_id', 'u.roles'])
    .where('o.name', 'like', '基准测试局%')
    .orderBy('o.name')
    .execute();
  return { scopePath: gov.path, staff: users.map((u) => ({ userId: u.id, orgId: u.org_id, view: u.roles.includes('window-clerk') ? 'acceptance' : 'review' })) };
}

async function million() {
  const reuse = process.env.BENCH_CASES_REUSE;
  const tmp: Throwaway = reuse ? { name: reuse, url: Object.assign(new URL(PG_URL), { pathname: `/${reuse}` }).toString(), drop: async () => undefined } : await throwaway('million');
  let handle: DatabaseHandle | null = null;
  try {
    handle = await openPostgres(tmp.url, 10);
    const today = shanghaiDate();
    let world: MillionWorld;
    let fill: { ms: number; byState: Record<string, number> };
    if (reuse) {
      log(`reusing the filled database ${reuse} (BENCH_CASES_REUSE)`);
      world = await keptWorld(handle.db);
      const byState = Object.fromEntries(
        (await sql<{ state: string; n: number }>`select state, count(*)::int as n from cases group by state order by n desc`.execute(handle.db)).rows.map((r) => [r.state, r.n]),
      );
      fill = { ms: 0, byState };
    } else {
      await migrateToLatest(handle.db);
      log(`seeding ${ORGS} organizations × ${IMPLEMENTATIONS_PER_ORG} guides and ${QUEUE_USERS} staff`);
      world = await millionWorld(handle.db);
      log(`filling ${ROWS.toLocaleString('en')} cases`);
      fill = await fillCases(handle.db, ROWS, today);
      log(`filled in ${(fill.ms / 1000).toFixed(1)} s: ${JSON.stringify(fill.byState)}`);
    }
    const rows = Object.values(fill.byState).reduce((a, b) => a + b, 0);
    const result: { rows: number; fillMs: number; byState: Record<string, number>; overdue?: unknown; queue?: unknown; errors: Record<string, string> } = {
      rows,
      fillMs: fill.ms,
      byState: fill.byState,
      errors: {},
    };
    if (wants('overdue')) {
      try {
        result.overdue = await overdue(handle.db, world.scopePath, today);
      } catch (error) {
        result.errors.overdue = error instanceof Error ? error.message : String(error);
      }
    }
    if (wants('queue')) {
      try {
        result.queue = await queue(handle.db, tmp.url, world);
      } catch (error) {
        result.errors.queue = error instanceof Error ? error.message : String(error);
      }
    }
    return result;
  } finally {
    await handle?.close();
    if (reuse) log(`left the reused database ${tmp.name} in place`);
    else if (process.env.BENCH_CASES_KEEP === '1') log(`kept the one-million-case database ${tmp.name} (BENCH_CASES_KEEP=1): drop it when done`);
    else await tmp.drop();
  }
}

function calendarAdditionsPerSecond(): number {
  const calendar = shippedCalendar();
  const [year] = calendar.knownYears();
  const dates = Array.from({ length: 336 }, (_, i) => `${year}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`);
  let sink = 0;
  for (let i = 0; i < 50_000; i++) sink += calendar.addWorkingDays(dates[i % dates.length], i % 120).length;
  const n = 1_000_000;
  const started = process.hrtime.bigint();
  for (let i = 0; i < n; i++) sink += calendar.addWorkingDays(dates[i % dates.length], (i * 7) % 120).length;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (sink < 0) log(String(sink));
  return Math.round(n / seconds);
}

// ——— run ———

try {
  await adminQuery('select 1');
} catch (error) {
  log(`SKIPPED: no PostgreSQL at ${PG_URL.replace(/\/\/[^@]*@/, '//…@')} (${error instanceof Error ? error.message : String(error)}); set BENCH_PG_URL`);
  console.log(JSON.stringify({ bench: 'cases', skipped: 'PostgreSQL unavailable', pgUrl: PG_URL.replace(/\/\/[^@]*@/, '//…@') }));
  process.exit(0);
}

const machine = {
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  memoryGb: Math.round(os.totalmem() / 2 ** 30),
  loadAverageAtStart: load(),
  postgres: (await adminQuery<{ v: string }>('select version() as v'))[0].v.split(' on ')[0],
};
log(`machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGb} GB, load ${machine.loadAverageAtStart.join(' ')}; ${machine.postgres}`);

const errors: Record<string, string> = {};
const attempt = async <T>(name: string, fn: () => Promise<T>): Promise<T | null> => {
  try {
    return await fn();
  } catch (error) {
    errors[name] = error instanceof Error ? error.message : String(error);
    log(`${name} FAILED: ${errors[name]}`);
    return null;
  }
};

const api = wants('throughput') ? await attempt('throughput', throughput) : null;
const bench = wants('throughput') ? await attempt('pgbench', pgbench) : null;
const ratio = api && bench ? Math.round((api.pairsPerSecond / bench.tps) * 1000) / 1000 : null;
// What the machine allows at this cost per pair: all its CPUs busy with PostgreSQL's share alone
// (the server costing nothing), and with the whole cost (server, PostgreSQL, load generator).
const ceiling =
  api?.cpuPerPair && bench
    ? (() => {
        const cpuMs = machine.cpus * 1000;
        const c = api.cpuPerPair;
        const round = (x: number) => Math.round(x * 1000) / 1000;
        return { postgresOnly: round(cpuMs / c.postgresMs / bench.tps), wholeCost: round(cpuMs / (c.serverMs + c.postgresMs + c.loadGeneratorMs) / bench.tps) };
      })()
    : null;
const big = wants('overdue') || wants('queue') ? await attempt('million', million) : null;
if (big) Object.assign(errors, big.errors);
const calendarAdditions = calendarAdditionsPerSecond();

type Overdue = Awaited<ReturnType<typeof overdue>>;
type Queue = Awaited<ReturnType<typeof queue>>;
const od = big?.overdue as Overdue | undefined;
const qu = big?.queue as Queue | undefined;
const meets = {
  ratio: ratio === null ? null : ratio >= 0.25,
  overdue: od ? od.medianMs < 1000 : null,
  queue: qu ? qu.p95Ms < 50 : null,
  calendar: calendarAdditions >= 1_000_000,
};
const cpuText = (c: NonNullable<ReturnType<typeof cpuPer>>) => `${c.serverMs} / ${c.postgresMs} / ${c.loadGeneratorMs} ms (machine ${c.machineBusyPercent} % busy)`;
const mark = (ok: boolean | null) => (ok === null ? 'n/a' : ok ? 'yes' : 'NO');
const rows: [string, string, string, string][] = [
  ['applications submitted+accepted /s (API, PostgreSQL)', api ? `${api.pairsPerSecond} (${api.clients} clients)` : `— ${errors.throughput ?? 'skipped'}`, '', ''],
  ['  CPU per pair: server / PostgreSQL / load generator', api?.cpuPerPair ? cpuText(api.cpuPerPair) : '—', '', ''],
  ['pgbench simple-update TPS (same run)', bench ? String(bench.tps) : `— ${errors.pgbench ?? 'skipped'}`, '', ''],
  ['ratio API / pgbench', ratio === null ? '—' : String(ratio), '≥ 0.25', mark(meets.ratio)],
  ['  ratio this machine allows at that cost: PostgreSQL alone / whole', ceiling ? `${ceiling.postgresOnly} / ${ceiling.wholeCost}` : '—', '', ''],
  [`all overdue cases among ${(big?.rows ?? ROWS).toLocaleString('en')} (platform query)`, od ? `${od.medianMs} ms (${od.overdueCases} cases)` : `— ${errors.overdue ?? errors.million ?? 'skipped'}`, '< 1000 ms', mark(meets.overdue)],
  ['  the same, ids only (indexes alone)', od ? `${od.idsOnly.medianMs} ms (${od.idsOnly.ids} ids)` : '—', '', ''],
  [`workbench queue p50 / p95, ${QUEUE_USERS} users`, qu ? `${qu.p50Ms} / ${qu.p95Ms} ms` : `— ${errors.queue ?? errors.million ?? 'skipped'}`, 'p95 < 50 ms', mark(meets.queue)],
  ['  CPU per request: server / PostgreSQL / load generator', qu?.cpuPerRequest ? cpuText(qu.cpuPerRequest) : '—', '', ''],
  ['  requests /s', qu ? String(qu.requestsPerSecond) : '—', '', ''],
  ['calendar additions /s (in-process)', calendarAdditions.toLocaleString('en'), '≥ 1,000,000', mark(meets.calendar)],
];
const width = [Math.max(...rows.map((r) => r[0].length)), Math.max(...rows.map((r) => r[1].length)), 12, 5];
log('');
log(`${'measure'.padEnd(width[0])}  ${'result'.padEnd(width[1])}  ${'aim'.padEnd(width[2])}  met`);
for (const r of rows) log(`${r[0].padEnd(width[0])}  ${r[1].padEnd(width[1])}  ${r[2].padEnd(width[2])}  ${r[3]}`);
log(`machine: ${machine.cpus} CPUs, load average ${machine.loadAverageAtStart.join(' ')} at start → ${load().join(' ')} at end (1/5/15 min)`);

console.log(
  JSON.stringify({
    bench: 'cases',
    machine: { ...machine, loadAverageAtEnd: load() },
    throughput: api,
    pgbench: bench,
    ratio,
    ratioCeiling: ceiling,
    million: big ? { rows: big.rows, fillMs: big.fillMs, byState: big.byState } : null,
    overdue: od ?? null,
    queue: qu ?? null,
    calendarAdditionsPerSecond: calendarAdditions,
    target: { ratio: 0.25, overdueMs: 1000, queueP95Ms: 50, calendarAdditionsPerSecond: 1_000_000 },
    meetsTarget: meets,
    errors,
  }),
);
process.exit(Object.keys(errors).length ? 1 : 0);
