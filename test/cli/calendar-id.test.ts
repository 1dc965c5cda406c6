// The operator command as an operator runs it: `node bin/tongban.mjs …`.
import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { identityCheckCharacter } from '../../src/lib/identity-number.js';
import { computeCreditCodeCheck } from '../../src/lib/credit-code.js';

function tongban(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/tongban.mjs', ...args], { env: { ...process.env, DATABASE_URL: '' } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('tongban calendar', () => {
  it('adds working days across 春节 and counts (FROM, TO] as JSON', async () => {
    const [add, zero, count] = await Promise.all([
      tongban('calendar', 'add-working-days', '2025-01-24', '3', '--json'),
      tongban('calendar', 'add-working-days', '2025-10-01', '0', '--json'),
      tongban('calendar', 'working-days', '2025-09-26', '2025-10-13', '--json'),
    ]);
    expect(add.code, add.stderr).toBe(0);
    expect(JSON.parse(add.stdout)).toEqual({ date: '2025-02-05' });
    expect(JSON.parse(zero.stdout)).toEqual({ date: '2025-10-09' });
    expect(JSON.parse(count.stdout)).toEqual({ count: 7 });
  });

  it('exits 1 naming a year without data, and 2 on a bad date or N', async () => {
    const [unknown, badDate, badN, missing] = await Promise.all([
      tongban('calendar', 'add-working-days', '2030-01-02', '1', '--json'),
      tongban('calendar', 'working-days', '2025-02-30', '2025-03-01'),
      tongban('calendar', 'add-working-days', '2025-01-24', '-1'),
      tongban('calendar', 'add-working-days', '2025-01-24'),
    ]);
    expect(unknown.code, unknown.stderr).toBe(1);
    expect(JSON.parse(unknown.stdout)).toMatchObject({ details: { code: 'calendar-year-unknown', year: 2030 } });
    expect(JSON.parse(unknown.stdout).error).toContain('2030');
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain('2025-02-30');
    expect(badN.code).toBe(2);
    expect(badN.stderr).toContain('N');
    expect(missing.code).toBe(2);
  });
});

describe('tongban id check', () => {
  it('tells a resident number from a credit code and reports errors', async () => {
    const resident = `15220119900101123${identityCheckCharacter('15220119900101123')}`;
    const credit = `91152201MA0N1234X${computeCreditCodeCheck('91152201MA0N1234X')}`;
    const [ok, wrong, code] = await Promise.all([
      tongban('id', 'check', resident, '--json'),
      tongban('id', 'check', '152201199002301230', '--json'),
      tongban('id', 'check', credit, '--json'),
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ valid: true, kind: 'resident', errors: [], masked: `1522**********${resident.slice(-4)}` });
    expect(ok.stdout).not.toContain(resident);
    expect(wrong.code, wrong.stderr).toBe(1);
    expect(JSON.parse(wrong.stdout).errors.map((e: { code: string }) => e.code)).toContain('id-birth-date-invalid');
    expect(JSON.parse(code.stdout)).toEqual({ valid: true, kind: 'credit-code', errors: [] });
  });
});
