import { sm3 } from 'sm-crypto-v2';
import { describe, expect, it } from 'vitest';
import { generateSealKeys, publicKeyFingerprint, signDigest, sm3Hex, verifyDigest } from './crypto.js';

describe('seal cryptography', () => {
  it('sm3Hex is SM3 (the standard test vector "abc", and the same as sm-crypto-v2 on binary data)', () => {
    expect(sm3Hex(new Uint8Array(Buffer.from('abc')))).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 7919) & 0xff);
    expect(sm3Hex(bytes)).toBe(sm3(bytes));
  });

  it('signs a digest that verifies with the public key only, and only for that digest', () => {
    const keys = generateSealKeys();
    const other = generateSealKeys();
    const digest = sm3Hex(new Uint8Array(Buffer.from('受理通知书')));
    const signature = signDigest(digest, keys.privateKey, keys.publicKey);
    expect(signature).toMatch(/^30[0-9a-f]+$/); // DER SEQUENCE
    expect(verifyDigest(digest, signature, keys.publicKey)).toBe(true);
    expect(verifyDigest(sm3Hex(new Uint8Array(Buffer.from('受理通知书 ')))!, signature, keys.publicKey)).toBe(false);
    expect(verifyDigest(digest, signature, other.publicKey)).toBe(false);
    expect(verifyDigest(digest, 'not-a-signature', keys.publicKey)).toBe(false);
    expect(verifyDigest('xyz', signature, keys.publicKey)).toBe(false);
  });

  it('names a key by a short fingerprint', () => {
    const { publicKey } = generateSealKeys();
    expect(publicKeyFingerprint(publicKey)).toMatch(/^[0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4}$/);
  });
});
