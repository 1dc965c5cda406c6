// `tongban licence-id check` as an operator runs it: `node bin/tongban.mjs …`.
import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function tongban(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/tongban.mjs', ...args], { env: { ...process.env, DATABASE_URL: '' } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

const VALID = '1.2.156.3005.2.111000000001321340002.11152200152200116T.JY11522010000123.002.Z';

describe('tongban licence-id check', () => {
  it('prints {valid, parts, errors} and exits 0 for a valid identifier, 1 for an invalid one', async () => {
    const [ok, typo, text] = await Promise.all([
      tongban('licence-id', 'check', VALID, '--json'),
      tongban('licence-id', 'check', VALID.replace(/Z$/, 'X'), '--json'),
      tongban('licence-id', 'check', VALID.replace('.002.', '.02.')),
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual({
      valid: true,
      parts: {
        prefix: '1.2.156.3005.2',
        licenceTypeCode: '111000000001321340002',
        issuerCreditCode: '11152200152200116T',
        licenceNumber: 'JY11522010000123',
        version: '002',
        checkCharacter: 'Z',
      },
      errors: [],
    });
    expect(typo.code).toBe(1);
    const wrong = JSON.parse(typo.stdout);
    expect(wrong.valid).toBe(false);
    expect(wrong.errors).toEqual([expect.objectContaining({ code: 'check-character', part: 'checkCharacter' })]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('无效 invalid');
    expect(text.stdout).toContain('版本号应为3位数字');
  });
});
