// `tongban catalog import|export` as an operator runs them: child processes of bin/tongban.mjs on a
// throwaway embedded database (TONGBAN_DATA_DIR in a temp dir) loaded with the demo seed.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/tongban.mjs');
const dir = mkdtempSync(join(tmpdir(), 'tongban-catalog-io-'));

function tongban(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  // Never the shared PostgreSQL of DATABASE_URL: the CLI gets its own embedded database.
  const { DATABASE_URL: _ignored, ...env } = process.env;
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...env, TONGBAN_DATA_DIR: dir, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

const path = (name: string) => join(dir, name);

beforeAll(async () => {
  const seeded = await tongban('seed', 'demo', '--json');
  expect(seeded.code, seeded.stderr).toBe(0);
}, 180_000);

describe('tongban catalog export / import', () => {
  it('exports JSON to a file and re-imports it without changing anything', async () => {
    const out = await tongban('catalog', 'export', '--format', 'json', '--out', path('c.json'), '--json');
    expect(out.code, out.stderr).toBe(0);
    const summary = JSON.parse(out.stdout);
    expect(summary.counts.items).toBeGreaterThan(0);
    const imported = await tongban('catalog', 'import', path('c.json'), '--json');
    expect(imported.code, imported.stderr).toBe(0);
    const report = JSON.parse(imported.stdout);
    expect(report).toMatchObject({ ok: true, dryRun: false, errorCount: 0 });
    expect(report.counts).toMatchObject({ items: summary.counts.items, itemsUnchanged: summary.counts.items, guideVersionsCreated: 0 });
  });

  it('validates an exported workbook with --dry-run', async () => {
    expect((await tongban('catalog', 'export', '--format', 'xlsx', '--out', path('c.xlsx'))).code).toBe(0);
    const r = await tongban('catalog', 'import', path('c.xlsx'), '--dry-run', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, dryRun: true, format: 'xlsx' });
  });

  it('exits 1 listing each bad row, and writes nothing', async () => {
    const original = JSON.parse(readFileSync(path('c.json'), 'utf8')).items;
    const doc = JSON.parse(readFileSync(path('c.json'), 'utf8'));
    doc.items[0].type = 'bogus';
    doc.items[1].implementations[0].orgCode = 'NO-SUCH-ORG';
    writeFileSync(path('bad.json'), JSON.stringify(doc));
    const r = await tongban('catalog', 'import', path('bad.json'), '--json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.ok).toBe(false);
    expect(report.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 'items[0]', column: 'type' }),
        expect.objectContaining({ row: 'items[1].implementations[0]', column: 'orgCode', code: 'unknown-org' }),
      ]),
    );
    const text = await tongban('catalog', 'import', path('bad.json'));
    expect(text.stdout).toMatch(/未写入任何数据/);
    const again = await tongban('catalog', 'export', '--format', 'json');
    expect(JSON.parse(again.stdout).items).toEqual(original);
  });

  it('exits 2 with a clear message for an unreadable file or a missing --out', async () => {
    writeFileSync(path('broken.json'), '{"format": ');
    const broken = await tongban('catalog', 'import', path('broken.json'), '--json');
    expect(broken.code).toBe(2);
    expect(JSON.parse(broken.stdout).error).toMatch(/不是有效的 JSON/);
    const missing = await tongban('catalog', 'import', path('nope.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/无法读取文件/);
    const noOut = await tongban('catalog', 'export', '--format', 'xlsx');
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toMatch(/--out/);
  });
});
