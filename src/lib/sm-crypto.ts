// Encryption of sensitive columns (个人信息加密存储) with the national algorithms: SM4 in GCM mode
// (authenticated, so a tampered or swapped value fails to decrypt instead of decrypting to garbage)
// and a keyed SM3 hash (HMAC-SM3) for exact lookup without decrypting every row.
//
// Stored form (see docs/decisions/0004-personal-data-encryption.md):
//   sm4:v1:<key id>:<iv hex, 12 bytes>:<ciphertext hex>:<tag hex, 16 bytes>
// "v1" names the format (SM4-GCM, 96-bit random IV, 128-bit tag). The key id is derived from the key
// itself, so rotating keys needs no extra setting: the new key encrypts, retired keys still decrypt.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { sm3, sm4 } from 'sm-crypto-v2';

const PREFIX = 'sm4';
const FORMAT = 'v1';
const IV_BYTES = 12;
const TAG_HEX = 32;
const SM4_KEY = /^[0-9a-fA-F]{32}$/;

/** Thrown when a stored value cannot be decrypted; the message never carries the value itself. */
export class FieldCryptoError extends Error {
  constructor(
    readonly code: 'field-format' | 'field-key-unknown' | 'field-authentication' | 'field-key-invalid',
    message: string,
  ) {
    super(message);
    this.name = 'FieldCryptoError';
  }
}

/** A 128-bit SM4 key (32 hex) or a list of them: the first encrypts, every one may decrypt. */
export type DataKeys = string | readonly string[];

function assertSm4Key(key: string): string {
  if (!SM4_KEY.test(key)) throw new FieldCryptoError('field-key-invalid', 'SM4 密钥应为 32 位十六进制 (SM4 key must be 32 hex characters)');
  return key.toLowerCase();
}

/**
 * A short public name for a key: 8 hex of HMAC-SM3(key, "tongban-data-key-id"). Reveals nothing usable
 * about the key, and lets a stored value say which key encrypted it.
 */
export function dataKeyId(key: string): string {
  const normalized = assertSm4Key(key);
  let id = keyIds.get(normalized);
  if (!id) {
    id = sm3('tongban-data-key-id', { key: normalized }).slice(0, 8);
    keyIds.set(normalized, id);
  }
  return id;
}

// Few keys exist in a process (the current one and a retired one or two): remember their ids.
const keyIds = new Map<string, string>();

function keyList(keys: DataKeys): string[] {
  const list = (typeof keys === 'string' ? [keys] : [...keys]).map(assertSm4Key);
  if (list.length === 0) throw new FieldCryptoError('field-key-invalid', '未配置数据密钥 (no data key given)');
  return list;
}

/**
 * Encrypts one field value. `context` (e.g. "applicants.id_number") is bound into the tag as
 * associated data, so a value copied into another column does not decrypt there.
 */
export function encryptField(plain: string, keys: DataKeys, context = ''): string {
  const key = keyList(keys)[0];
  const iv = randomBytes(IV_BYTES).toString('hex');
  const sealed = sm4.encrypt(plain, key, { mode: 'gcm', iv, associatedData: utf8(context), outputTag: true });
  return [PREFIX, FORMAT, dataKeyId(key), iv, sealed.output, sealed.tag ?? ''].join(':');
}

/** Whether a stored value is in this module's encrypted form (for migrations of plain columns). */
export function isEncryptedField(stored: string): boolean {
  return /^sm4:v1:[0-9a-f]{8}:[0-9a-f]{24}:[0-9a-f]*:[0-9a-f]{32}$/.test(stored);
}

/** Decrypts a value written by encryptField with any of the given keys (matched by key id). */
export function decryptField(stored: string, keys: DataKeys, context = ''): string {
  if (!isEncryptedField(stored)) {
    throw new FieldCryptoError('field-format', '密文格式无法识别 (stored value is not in the sm4:v1 format)');
  }
  const [, , keyId, iv, output, tag] = stored.split(':');
  const key = keyList(keys).find((k) => dataKeyId(k) === keyId);
  if (!key) {
    throw new FieldCryptoError('field-key-unknown', `找不到密钥 ${keyId}，请配置已轮换的旧密钥 (no configured key has id ${keyId}; add the retired key)`);
  }
  try {
    return sm4.decrypt(output, key, { mode: 'gcm', iv, tag, associatedData: utf8(context) });
  } catch {
    throw new FieldCryptoError('field-authentication', '密文校验失败，数据可能被篡改 (authentication failed: the value was altered or belongs elsewhere)');
  }
}

/**
 * HMAC-SM3 of a value, hex: the lookup column beside an encrypted one (equal values → equal hashes,
 * unlike the ciphertext). Callers normalise first (normalizeIdentityNumber, upper-cased credit code,
 * digits-only phone) so that the same person is found however the number was typed.
 */
export function lookupHash(value: string, hmacKey: string): string {
  if (!/^[0-9a-fA-F]{32,128}$/.test(hmacKey)) {
    throw new FieldCryptoError('field-key-invalid', '查找密钥应为 32–128 位十六进制 (lookup key must be 32–128 hex characters)');
  }
  return sm3(value, { key: hmacKey.toLowerCase() });
}

/** Compares two hex digests in constant time (no early exit that would leak how much matched). */
export function digestsEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  if (left.length !== right.length) return false;
  return timingSafeEqual(left, right);
}

/** Whether `value` hashes to `expected` under the lookup key, compared in constant time. */
export function matchesLookupHash(value: string, expected: string, hmacKey: string): boolean {
  return digestsEqual(lookupHash(value, hmacKey), expected.toLowerCase());
}

function utf8(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'utf8'));
}

/** The part of Config this module reads (kept structural so the lib does not import app code). */
export interface PersonalDataKeyConfig {
  /** Current SM4 key, 32 hex. */
  dataKey: string;
  /** Retired SM4 keys still accepted for decryption during rotation. */
  retiredDataKeys: readonly string[];
  /** HMAC-SM3 key for lookup hashes, hex. */
  lookupKey: string;
}

export interface SensitiveColumns {
  /** null/undefined pass through, so optional columns need no special case. */
  encrypt(value: string, context?: string): string;
  encrypt(value: string | null | undefined, context?: string): string | null;
  decrypt(stored: string, context?: string): string;
  decrypt(stored: string | null | undefined, context?: string): string | null;
  hash(normalizedValue: string): string;
  hash(normalizedValue: string | null | undefined): string | null;
  /** Constant-time check of a value against a stored lookup hash. */
  matches(normalizedValue: string, storedHash: string): boolean;
}

/** The helper services use: encrypt/decrypt/hash with the configured keys. */
export function sensitiveColumns(config: PersonalDataKeyConfig): SensitiveColumns {
  const keys = [config.dataKey, ...config.retiredDataKeys];
  keyList(keys);
  lookupHash('', config.lookupKey);
  return {
    encrypt: ((value: string | null | undefined, context?: string) =>
      value == null ? null : encryptField(value, keys, context)) as SensitiveColumns['encrypt'],
    decrypt: ((stored: string | null | undefined, context?: string) =>
      stored == null ? null : decryptField(stored, keys, context)) as SensitiveColumns['decrypt'],
    hash: ((value: string | null | undefined) => (value == null ? null : lookupHash(value, config.lookupKey))) as SensitiveColumns['hash'],
    matches: (value, storedHash) => matchesLookupHash(value, storedHash, config.lookupKey),
  };
}
