import { describe, expect, it } from 'vitest';
import { hashPassword, hashPasswordScryptLegacy, needsRehash, verifyPassword } from './passwords.js';

describe('password hashing (argon2id, old scrypt hashes still accepted)', () => {
  it('hashes with argon2id at the configured cost and verifies only the right password', async () => {
    const stored = await hashPassword('Zhengwu-Fuwu-2026');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword('Zhengwu-Fuwu-2026', stored)).toBe(true);
    expect(await verifyPassword('zhengwu-fuwu-2026', stored)).toBe(false);
    expect(needsRehash(stored)).toBe(false);
  });

  it('salts every hash: the same password hashes differently', async () => {
    expect(await hashPassword('Same-Password-1')).not.toBe(await hashPassword('Same-Password-1'));
  });

  it('verifies a scrypt hash written before argon2, and marks it for rehashing', async () => {
    const legacy = await hashPasswordScryptLegacy('Old-Scheme-Pass1');
    expect(legacy).toMatch(/^scrypt\$16384\$/);
    expect(await verifyPassword('Old-Scheme-Pass1', legacy)).toBe(true);
    expect(await verifyPassword('Old-Scheme-Pass2', legacy)).toBe(false);
    expect(needsRehash(legacy)).toBe(true);
  });

  it('marks weaker argon2 parameters for rehashing and never matches a malformed hash', async () => {
    expect(needsRehash('$argon2id$v=19$m=4096,t=1,p=1$c2FsdHNhbHQ$aGFzaA')).toBe(true);
    expect(needsRehash('$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA')).toBe(true);
    expect(await verifyPassword('anything', '$argon2id$garbage')).toBe(false);
    expect(await verifyPassword('anything', 'plaintext')).toBe(false);
    expect(await verifyPassword('anything', 'scrypt$abc$$')).toBe(false);
  });
});
