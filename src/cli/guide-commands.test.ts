// The CLI as an operator runs it: a child process of bin/tongban.mjs.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BAD_GUIDE_PATH, CLEAN_GUIDE_PATH, cleanGuide } from '../../test/fixtures/guides.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/tongban.mjs');

function tongban(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'tongban-lint-'));
const file = (name: string, body: string) => {
  const p = join(dir, name);
  writeFileSync(p, body);
  return p;
};

describe('tongban guide lint', () => {
  it('passes the clean fixture with exit 0 and totals in JSON', async () => {
    const r = await tongban('guide', 'lint', CLEAN_GUIDE_PATH, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ ok: true, messages: [], totals: { steps: 5, materials: 6, visits: 1 } });
  });

  it('prints one line per message for the bad fixture and exits 1', async () => {
    const r = await tongban('guide', 'lint', BAD_GUIDE_PATH);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/^错误 error\s+第十条第（一）项 Art\. 10\(1\)\s+materials\.3\.name\s+.*其他相关材料.*\[catch-all-material-wording\]$/));
    expect(lines).toContainEqual(expect.stringMatching(/^警告 warning\s+第九条 Art\. 9\s+consultation\.phone\s/));
    expect(lines).toContainEqual(expect.stringMatching(/个错误/));
  });

  it('reads the {content, legalLimitDays} form and checks against the catalog limit', async () => {
    const p = file('wrapped.json', JSON.stringify({ content: cleanGuide(), legalLimitDays: 3 }));
    const r = await tongban('guide', 'lint', p, '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).messages.map((m: { rule: string }) => m.rule)).toContain('promised-exceeds-legal');
  });

  it('exits 2 with a clear message for a missing file, invalid JSON and a schema error', async () => {
    const missing = await tongban('guide', 'lint', join(dir, 'nope.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/无法读取文件.*ENOENT/);

    const broken = await tongban('guide', 'lint', file('broken.json', '{"itemName": '));
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/不是有效的 JSON/);

    const g = cleanGuide() as unknown as Record<string, unknown>;
    (g.materials as Record<string, unknown>[])[2].copies = 'two';
    const typed = await tongban('guide', 'lint', file('typed.json', JSON.stringify(g)), '--json');
    expect(typed.code).toBe(2);
    const out = JSON.parse(typed.stdout);
    expect(out.error).toMatch(/materials\.2\.copies/);
    expect(out.details[0]).toMatchObject({ field: 'materials.2.copies' });
  });
});
