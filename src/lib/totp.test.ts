import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, generateTotpSecret, hotp, otpauthUri, totpCode, totpStep, verifyTotp } from './totp.js';

// RFC 6238 Appendix B, SHA-1 column: secret "12345678901234567890", 30-second steps, 8 digits.
const RFC_SECRET = base32Encode(Buffer.from('12345678901234567890', 'ascii'));
const RFC_VECTORS: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP (RFC 6238)', () => {
  it.each(RFC_VECTORS)('matches the RFC 6238 SHA-1 vector at T=%i', (seconds, expected) => {
    expect(totpCode(RFC_SECRET, seconds * 1000, 8)).toBe(expected);
  });

  it('matches the RFC 4226 HOTP vectors (counter 0 and 9)', () => {
    const secret = Buffer.from('12345678901234567890', 'ascii');
    expect(hotp(secret, 0)).toBe('755224');
    expect(hotp(secret, 9)).toBe('520489');
  });

  it('gives 6-digit codes by default that are the last six of the 8-digit ones', () => {
    expect(totpCode(RFC_SECRET, 59_000)).toBe('287082');
  });

  it('accepts the code of the previous and next step but not two steps away', () => {
    const now = 1_700_000_000_000;
    const code = (offsetSteps: number) => totpCode(RFC_SECRET, now + offsetSteps * 30_000);
    expect(verifyTotp(RFC_SECRET, code(0), { atMs: now })).toBe(totpStep(now));
    expect(verifyTotp(RFC_SECRET, code(-1), { atMs: now })).toBe(totpStep(now) - 1);
    expect(verifyTotp(RFC_SECRET, code(1), { atMs: now })).toBe(totpStep(now) + 1);
    expect(verifyTotp(RFC_SECRET, code(-2), { atMs: now })).toBeNull();
    expect(verifyTotp(RFC_SECRET, code(2), { atMs: now })).toBeNull();
  });

  it('refuses a code whose step is not newer than the last one used (replay)', () => {
    const now = 1_700_000_000_000;
    const step = verifyTotp(RFC_SECRET, totpCode(RFC_SECRET, now), { atMs: now });
    expect(step).not.toBeNull();
    expect(verifyTotp(RFC_SECRET, totpCode(RFC_SECRET, now), { atMs: now, afterStep: step })).toBeNull();
  });

  it('refuses malformed codes', () => {
    expect(verifyTotp(RFC_SECRET, '12345', { atMs: 0 })).toBeNull();
    expect(verifyTotp(RFC_SECRET, 'abcdef', { atMs: 0 })).toBeNull();
  });

  it('round-trips base32 and makes 32-character secrets', () => {
    const secret = generateTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Encode(base32Decode(secret))).toBe(secret);
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI'); // RFC 4648 §10
    expect(() => base32Decode('AB1')).toThrow();
  });

  it('builds an otpauth URI with issuer, account and parameters', () => {
    const uri = otpauthUri({ issuer: '通办', account: 'zhang', secret: 'ABC' });
    expect(uri.startsWith('otpauth://totp/%E9%80%9A%E5%8A%9E:zhang?')).toBe(true);
    expect(new URL(uri).searchParams.get('secret')).toBe('ABC');
    expect(new URL(uri).searchParams.get('period')).toBe('30');
  });
});
