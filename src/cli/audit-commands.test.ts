// `tongban audit verify` as an operator runs it: a child process of bin/tongban.mjs on an embedded
// database in a temp dir, before and after someone removed a record behind the application's back.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { openPGlite } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { recordAudit } from '../modules/audit/service.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/tongban.mjs');
const dir = mkdtempSync(join(tmpdir(), 'tongban-audit-'));

function tongban(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  // Never the shared PostgreSQL of DATABASE_URL: the CLI gets its own embedded database.
  const { DATABASE_URL: _ignored, ...env } = process.env;
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...env, TONGBAN_DATA_DIR: dir, NO_COLOR: '1' } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** Opens the CLI's embedded database in this process (the CLI is not running meanwhile). */
async function withDir(fn: (db: Awaited<ReturnType<typeof openPGlite>>['db']) => Promise<unknown>) {
  const handle = await openPGlite(dir);
  try {
    await migrateToLatest(handle.db);
    await fn(handle.db);
  } finally {
    await handle.close();
  }
}

beforeAll(async () => {
  await withDir(async (db) => {
    for (let i = 1; i <= 3; i++) await recordAudit(db, null, { action: 'cli.test', objectType: 'counter', objectId: String(i) });
  });
}, 120_000);

describe('tongban audit verify', () => {
  it('exits 0 with {"ok":true,"records":n} on an intact trail', async () => {
    const r = await tongban('audit', 'verify', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ ok: true, records: 3 });
  }, 120_000);

  it('exits 1 naming the removed record', async () => {
    await withDir((db) =>
      db.transaction().execute(async (trx) => {
        await sql`set local session_replication_role = replica`.execute(trx);
        await sql`delete from audit_log where seq = 2`.execute(trx);
      }),
    );
    const r = await tongban('audit', 'verify', '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({ ok: false, firstBadSeq: 2, id: null, problem: 'removed' });
    const text = await tongban('audit', 'verify');
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('removed at seq 2');
  }, 180_000);
});
