import { describe, expect, it } from 'vitest';
import { demoPasswords } from '../../db/seed/users.js';
import { hashPassword, hashPasswordScryptLegacy } from './passwords.js';
import { checkPasswordPolicy, checkPasswordShape } from './password-policy.js';

const codes = async (password: string, context: { username: string; previousHashes?: string[] }) =>
  (await checkPasswordPolicy(password, context)).map((v) => v.code);

describe('password policy (length, classes, username, last five)', () => {
  it('accepts a long password of three classes', async () => {
    expect(await codes('Xinganmeng2026', { username: 'wanglei' })).toEqual([]);
    expect(await codes('xinganmeng-2026', { username: 'wanglei' })).toEqual([]);
    expect(await codes('通办政务服务abc123', { username: 'wanglei' })).toEqual([]);
  });

  it('refuses fewer than 12 characters, counting characters not bytes', async () => {
    expect(await codes('Abc-12345xy', { username: 'wanglei' })).toEqual(['password-too-short']);
    expect(await codes('Abc-12345xyz', { username: 'wanglei' })).toEqual([]);
    // 6 Chinese characters are 18 bytes but 6 characters.
    expect(await codes('政务服务A1', { username: 'wanglei' })).toContain('password-too-short');
  });

  it('refuses passwords of only one or two classes', async () => {
    expect(await codes('alllowercaseletters', { username: 'wanglei' })).toEqual(['password-too-few-classes']);
    expect(await codes('lowercase12345678', { username: 'wanglei' })).toEqual(['password-too-few-classes']);
    expect(await codes('UPPER-AND-SYMBOLS', { username: 'wanglei' })).toEqual(['password-too-few-classes']);
  });

  it('refuses a password containing the username, in any case', async () => {
    expect(await codes('My-WangLei-2026', { username: 'wanglei' })).toEqual(['password-contains-username']);
    // Very short usernames would forbid too much; they are not checked.
    expect(await codes('Ab-Password-2026', { username: 'ab' })).toEqual([]);
  });

  it('names every broken rule at once, in Chinese and English', async () => {
    const violations = await checkPasswordPolicy('wanglei', { username: 'wanglei' });
    expect(violations.map((v) => v.code)).toEqual(['password-too-short', 'password-too-few-classes', 'password-contains-username']);
    for (const v of violations) expect(v.message).toMatch(/[\u4e00-\u9fff].*\([A-Za-z]/);
  });

  it('refuses one of the last five passwords, argon2 or old scrypt hashes alike', async () => {
    const previous = [await hashPassword('Previous-Pass-1'), await hashPasswordScryptLegacy('Previous-Pass-2')];
    expect(await codes('Previous-Pass-1', { username: 'wanglei', previousHashes: previous })).toEqual(['password-reused']);
    expect(await codes('Previous-Pass-2', { username: 'wanglei', previousHashes: previous })).toEqual(['password-reused']);
    expect(await codes('Brand-New-Pass-3', { username: 'wanglei', previousHashes: previous })).toEqual([]);
  });

  it('looks no further back than five passwords', async () => {
    const six = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => hashPassword(`Older-Pass-00${n}`)));
    expect(await codes('Older-Pass-005', { username: 'wanglei', previousHashes: six })).toEqual(['password-reused']);
    expect(await codes('Older-Pass-006', { username: 'wanglei', previousHashes: six })).toEqual([]);
  });

  it('the published demo passwords satisfy the policy', () => {
    for (const password of demoPasswords()) expect(checkPasswordShape(password, 'catalog'), password).toEqual([]);
  });
});
