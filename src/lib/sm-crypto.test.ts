import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sm4 } from 'sm-crypto-v2';
import {
  dataKeyId,
  decryptField,
  digestsEqual,
  encryptField,
  FieldCryptoError,
  isEncryptedField,
  lookupHash,
  matchesLookupHash,
  sensitiveColumns,
} from './sm-crypto.js';

const KEY = '0123456789abcdeffedcba9876543210';
const OTHER_KEY = 'ffeeddccbbaa99887766554433221100';
const LOOKUP = 'aa'.repeat(32);
const ID = '15220119900101123X';

function errorCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof FieldCryptoError ? error.code : 'other';
  }
  return undefined;
}

describe('SM4-GCM as the library does it', () => {
  it('matches the SM4-GCM test vector of RFC 8998 (A.1)', () => {
    const plain = Buffer.from('AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBBCCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDDEEEEEEEEEEEEEEEEFFFFFFFFFFFFFFFFEEEEEEEEEEEEEEEEAAAAAAAAAAAAAAAA', 'hex');
    const sealed = sm4.encrypt(new Uint8Array(plain), '0123456789ABCDEFFEDCBA9876543210', {
      mode: 'gcm',
      iv: '00001234567800000000ABCD',
      associatedData: new Uint8Array(Buffer.from('FEEDFACEDEADBEEFFEEDFACEDEADBEEFABADDAD2', 'hex')),
      outputTag: true,
    });
    expect(sealed.output).toBe('17f399f08c67d5ee19d0dc9969c4bb7d5fd46fd3756489069157b282bb200735d82710ca5c22f0ccfa7cbf93d496ac15a56834cbcf98c397b4024a2691233b8d');
    expect(sealed.tag).toBe('83de3541e4c2b58177e065a9bf7b62ec');
  });
});

describe('encryptField / decryptField', () => {
  it('round-trips Chinese text and stores the versioned form with the key id, never the value', () => {
    const address = '内蒙古自治区兴安盟乌兰浩特市兴安北路12号';
    const stored = encryptField(address, KEY);
    expect(stored).toMatch(new RegExp(`^sm4:v1:${dataKeyId(KEY)}:[0-9a-f]{24}:[0-9a-f]+:[0-9a-f]{32}$`));
    expect(isEncryptedField(stored)).toBe(true);
    expect(stored).not.toContain(Buffer.from(address).toString('hex'));
    expect(decryptField(stored, KEY)).toBe(address);
    expect(decryptField(encryptField('', KEY), KEY)).toBe('');
  });

  it('encrypts the same value differently each time (random IV)', () => {
    const a = encryptField(ID, KEY);
    const b = encryptField(ID, KEY);
    expect(a).not.toBe(b);
    expect(decryptField(a, KEY)).toBe(decryptField(b, KEY));
  });

  it('refuses a tampered ciphertext, tag or IV instead of returning garbage', () => {
    const stored = encryptField(ID, KEY);
    const parts = stored.split(':');
    const flip = (hex: string) => (hex[0] === '0' ? '1' : '0') + hex.slice(1);
    for (const index of [3, 4, 5]) {
      const altered = parts.map((p, i) => (i === index ? flip(p) : p)).join(':');
      expect(errorCode(() => decryptField(altered, KEY))).toBe('field-authentication');
    }
  });

  it('binds the value to its column when a context is given', () => {
    const stored = encryptField(ID, KEY, 'applicants.id_number');
    expect(decryptField(stored, KEY, 'applicants.id_number')).toBe(ID);
    expect(errorCode(() => decryptField(stored, KEY, 'applicants.phone'))).toBe('field-authentication');
  });

  it('decrypts with a retired key found by its id, and encrypts with the first key', () => {
    const old = encryptField(ID, OTHER_KEY);
    expect(decryptField(old, [KEY, OTHER_KEY])).toBe(ID);
    expect(encryptField(ID, [KEY, OTHER_KEY]).split(':')[2]).toBe(dataKeyId(KEY));
    expect(errorCode(() => decryptField(old, KEY))).toBe('field-key-unknown');
  });

  it('refuses malformed stored values and keys, with messages that do not repeat the value', () => {
    expect(errorCode(() => decryptField(ID, KEY))).toBe('field-format');
    expect(errorCode(() => encryptField(ID, 'short'))).toBe('field-key-invalid');
    try {
      decryptField(ID, KEY);
    } catch (error) {
      expect(String((error as Error).message)).not.toContain(ID);
    }
  });
});

describe('lookupHash (HMAC-SM3)', () => {
  it('is HMAC-SM3 as OpenSSL computes it', () => {
    const expected = createHmac('sm3', Buffer.from(LOOKUP, 'hex')).update(ID).digest('hex');
    expect(lookupHash(ID, LOOKUP)).toBe(expected);
  });

  it('differs by key and value, and is stable for equal values', () => {
    expect(lookupHash(ID, LOOKUP)).toBe(lookupHash(ID, LOOKUP));
    expect(lookupHash(ID, LOOKUP)).not.toBe(lookupHash(ID, 'bb'.repeat(32)));
    expect(lookupHash(ID, LOOKUP)).not.toBe(lookupHash('15220119900101124X', LOOKUP));
  });

  it('compares digests in constant time and without throwing on a length mismatch', () => {
    const h = lookupHash(ID, LOOKUP);
    expect(matchesLookupHash(ID, h, LOOKUP)).toBe(true);
    expect(matchesLookupHash(ID, h.toUpperCase(), LOOKUP)).toBe(true);
    expect(matchesLookupHash('15220119900101124X', h, LOOKUP)).toBe(false);
    expect(digestsEqual(h, h.slice(1))).toBe(false);
  });

  it('refuses a lookup key that is not hex of a usable length', () => {
    expect(errorCode(() => lookupHash(ID, 'not-a-key'))).toBe('field-key-invalid');
  });
});

describe('sensitiveColumns(config)', () => {
  const columns = sensitiveColumns({ dataKey: KEY, retiredDataKeys: [OTHER_KEY], lookupKey: LOOKUP });

  it('encrypts, decrypts and hashes with the configured keys, passing null through', () => {
    const stored = columns.encrypt('13812345678');
    expect(columns.decrypt(stored)).toBe('13812345678');
    expect(columns.decrypt(encryptField('13812345678', OTHER_KEY))).toBe('13812345678');
    expect(columns.hash('13812345678')).toBe(lookupHash('13812345678', LOOKUP));
    expect(columns.matches('13812345678', columns.hash('13812345678'))).toBe(true);
    expect(columns.encrypt(null)).toBeNull();
    expect(columns.decrypt(undefined)).toBeNull();
    expect(columns.hash(null)).toBeNull();
  });

  it('refuses to build with a malformed key', () => {
    expect(() => sensitiveColumns({ dataKey: 'xyz', retiredDataKeys: [], lookupKey: LOOKUP })).toThrow(FieldCryptoError);
  });
});
