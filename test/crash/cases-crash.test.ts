// Crash safety of applications (issue 5): under a steady load of window applications the real
// server process (src/main.ts) is killed with SIGKILL and started again on the same data. Every
// application that got a 2xx answer must be there afterwards — readable through the API — with its
// acceptance timer ('case.acceptance-due') and its outbox messages, written in the same transaction
// as the case. Nothing half-written may be left either: every case in the database has both.
// On PGlite the server keeps its data in a temporary TONGBAN_DATA_DIR; with DATABASE_URL it runs on
// a throwaway database of that server.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { identityCheckCharacter } from '../../src/lib/identity-number.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ACKNOWLEDGED_BEFORE_KILL = 25;
const MAX_LOAD_MS = 20_000;
const CLIENTS = 6;

interface World {
  implementationId: string;
  situationId: string;
  token: string;
  csrf: string;
  materials: { materialId: string; paper: boolean }[];
}

let dataDir: string;
let databaseUrl: string | null = null;
let dropDatabase: (() => Promise<void>) | null = null;
let port: number;
let server: ChildProcess | null = null;
let serverOutput = '';
let world: World;
let lastPhase = Date.now();
const phases: string[] = [];
/** Where the time goes (printed with the result: PGlite starts are slow on a busy machine). */
const phase = (name: string) => {
  phases.push(`${name} +${((Date.now() - lastPhase) / 1000).toFixed(1)} s`);
  lastPhase = Date.now();
};

/** The environment the server and the seed script run with: the same data, the same keys. */
function serverEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl ?? '',
    TONGBAN_DATA_DIR: dataDir,
    TONGBAN_SEED_DEMO: '0',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port: p } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(p));
    });
  });
}

// Re-created after the kill: the old keep-alive sockets died with the server.
let agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS + 2 });

/** One request as the seeded clerk; resolves { status: 0 } when the connection fails. */
function request(method: 'GET' | 'POST', urlPath: string, body?: unknown): Promise<{ status: number; body: any }> {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve) => {
    const req = http.request(
      {
        agent,
        host: '127.0.0.1',
        port,
        method,
        path: urlPath,
        headers: {
          cookie: `tb_session=${world.token}; tb_csrf=${world.csrf}`,
          'x-csrf-token': world.csrf,
          ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown = text;
          try {
            json = text ? JSON.parse(text) : null;
          } catch {
            /* keep the text */
          }
          resolve({ status: res.statusCode ?? 0, body: json });
        });
        res.on('error', () => resolve({ status: 0, body: null }));
      },
    );
    req.on('error', () => resolve({ status: 0, body: null }));
    if (payload) req.write(payload);
    req.end();
  });
}

/** Starts src/main.ts as its own process (node itself, so SIGKILL hits the server, not a wrapper). */
async function startServer(): Promise<void> {
  serverOutput = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: ROOT, env: serverEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (c: Buffer) => (serverOutput += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (serverOutput += c.toString()));
  server = child;
  const deadline = Date.now() + 40_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${serverOutput}`);
    const res = await request('GET', '/api/auth/me');
    if (res.status === 200) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the server did not answer within 40 s:\n${serverOutput}`);
}

function waitForExit(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
}

async function stopServer(signal: NodeJS.Signals): Promise<void> {
  const child = server;
  server = null;
  if (!child) return;
  child.kill(signal);
  await waitForExit(child);
}

let n = 0;
/** A window application with paper materials (identity numbers differ, each with its check digit). */
function application() {
  n++;
  const first17 = `152201${1970 + (n % 40)}0${1 + (n % 9)}1${n % 10}${String(n % 1000).padStart(3, '0')}`;
  const idNumber = `${first17}${identityCheckCharacter(first17)}`;
  return {
    implementationId: world.implementationId,
    situationId: world.situationId,
    applicant: { kind: 'person', name: `崩溃测试申请人${n}`, idNumber, phone: `139${String(n).padStart(8, '0')}`, email: `applicant${n}@example.com` },
    materials: world.materials,
  };
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongban-crash-'));
  port = await freePort();
  if (process.env.DATABASE_URL) {
    const name = `tongban_crash_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropDatabase = async () => {
      const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  phase('start');
  const seeded = spawnSync(process.execPath, ['--import', 'tsx', 'test/crash/seed-world.ts'], { cwd: ROOT, env: serverEnv(), encoding: 'utf8' });
  if (seeded.status !== 0) throw new Error(`seeding failed: ${seeded.stderr}`);
  world = JSON.parse(seeded.stdout.trim().split('\n').pop()!);
  phase('seeded');
}, 90_000);

afterAll(async () => {
  await stopServer('SIGKILL');
  agent.destroy();
  await dropDatabase?.();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('a server killed under load', () => {
  it('keeps every acknowledged application with its acceptance timer and outbox messages', async () => {
    await startServer();
    phase('server started');

    const acknowledged: string[] = [];
    const failures = new Map<string, number>();
    let killed = false;
    let inFlight = 0;
    const client = async () => {
      while (!killed) {
        inFlight++;
        const res = await request('POST', '/api/cases', application());
        inFlight--;
        if (res.status >= 200 && res.status < 300) acknowledged.push(res.body.id);
        else {
          // After the kill, connections fail (status 0): those submissions were never acknowledged.
          const key = res.status === 0 ? 'connection failed' : `${res.status} ${res.body?.code ?? ''}`;
          failures.set(key, (failures.get(key) ?? 0) + 1);
        }
      }
    };
    const loops = Array.from({ length: CLIENTS }, client);
    // Steady load until enough submissions were acknowledged (the first ones warm the server up).
    const loadUntil = Date.now() + MAX_LOAD_MS;
    while (acknowledged.length < ACKNOWLEDGED_BEFORE_KILL && Date.now() < loadUntil && failures.size === 0) await new Promise((r) => setTimeout(r, 50));
    // Mid-load: requests are in flight on every client when the process dies.
    const before = acknowledged.length;
    const inFlightAtKill = inFlight;
    await stopServer('SIGKILL');
    killed = true;
    await Promise.all(loops);
    agent.destroy();
    agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS + 2 });

    // Anything but connection failures would be a bug of its own, not a crash effect.
    expect([...failures.keys()].filter((k) => k !== 'connection failed'), JSON.stringify([...failures])).toEqual([]);
    expect(before, 'the load produced acknowledged applications before the kill').toBeGreaterThanOrEqual(ACKNOWLEDGED_BEFORE_KILL);
    expect(inFlightAtKill, 'submissions were in flight when the server was killed').toBeGreaterThan(0);

    phase('killed');
    await startServer();
    phase('restarted');
    const missing: string[] = [];
    for (const id of acknowledged) {
      const res = await request('GET', `/api/cases/${id}`);
      if (res.status !== 200 || res.body.id !== id || res.body.state !== 'submitted') missing.push(`${id}: ${res.status} ${res.body?.state ?? res.body?.code ?? ''}`);
    }
    expect(missing, 'acknowledged applications missing after the restart').toEqual([]);
    await stopServer('SIGTERM');

    // The timers and outbox rows, straight from the database (the server is stopped: PGlite's data
    // directory has one user at a time).
    const handle = await openDatabase({ databaseUrl, dataDir });
    try {
      const cases = await handle.db.selectFrom('cases').select('id').execute();
      const ids = cases.map((c) => c.id);
      expect(ids).toEqual(expect.arrayContaining(acknowledged));
      const timers = await handle.db.selectFrom('timers').select(['subject_id', 'status']).where('kind', '=', 'case.acceptance-due').execute();
      const timed = new Set(timers.map((t) => t.subject_id));
      const messages = await handle.db.selectFrom('outbox_messages').select('case_id').where('case_id', 'is not', null).execute();
      const messaged = new Set(messages.map((m) => m.case_id));
      // Every case that exists — acknowledged or caught by the kill after its commit — has both.
      expect(ids.filter((id) => !timed.has(id)), 'cases without their acceptance timer').toEqual([]);
      expect(ids.filter((id) => !messaged.has(id)), 'cases without outbox messages').toEqual([]);
      const actions = await handle.db.selectFrom('case_actions').select('case_id').where('action', '=', 'submit').execute();
      const submitted = new Set(actions.map((a) => a.case_id));
      expect(ids.filter((id) => !submitted.has(id)), 'cases without their first history entry').toEqual([]);
      phase('checked');
      console.info(`crash test (${databaseUrl ? 'PostgreSQL' : 'PGlite'}): ${acknowledged.length} acknowledged, ${inFlightAtKill} in flight at the kill, ${ids.length} cases after the restart, ${timers.length} acceptance timers, ${messages.length} outbox messages; ${phases.join(', ')}`);
    } finally {
      await handle.close();
    }
  }, 120_000);
});
