// Password hashing: argon2id (RFC 9106) through @node-rs/argon2 — a prebuilt native binary shipped in
// the npm package (no node-gyp, no install script) that hashes on libuv's thread pool, so a sign-in
// never blocks the event loop. Hashes written before argon2 ('scrypt$N$salt$key', Node's scrypt)
// still verify; needsRehash tells the sign-in to replace them with argon2id once the password is known.
import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { hash as argon2Hash, verify as argon2Verify, type Algorithm } from '@node-rs/argon2';

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>;
const SCRYPT_PARAMS = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

/**
 * OWASP's first argon2id configuration (19 MiB, 2 passes, 1 lane): about 20–40 ms per hash on the
 * project's machines. Raising these makes needsRehash upgrade every account at its next sign-in.
 */
export const ARGON2_PARAMS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;
// Algorithm is a const enum in the package's typings, which isolatedModules cannot inline.
const ARGON2ID = 2 as Algorithm;

export async function hashPassword(password: string): Promise<string> {
  return argon2Hash(password, { ...ARGON2_PARAMS, algorithm: ARGON2ID });
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (stored.startsWith('$argon2')) {
    try {
      return await argon2Verify(stored, password);
    } catch {
      return false; // a malformed stored hash never matches
    }
  }
  if (stored.startsWith('scrypt$')) return verifyScrypt(password, stored);
  return false;
}

/** Whether a stored hash should be replaced by a fresh argon2id hash (old scheme or weaker parameters). */
export function needsRehash(stored: string): boolean {
  const m = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(stored);
  if (!m) return true;
  const [memory, time, lanes] = m.slice(1).map(Number);
  return memory < ARGON2_PARAMS.memoryCost || time < ARGON2_PARAMS.timeCost || lanes !== ARGON2_PARAMS.parallelism;
}

async function verifyScrypt(password: string, stored: string): Promise<boolean> {
  const [, n, saltB64, keyB64] = stored.split('$');
  const cost = Number(n);
  if (!saltB64 || !keyB64 || !Number.isInteger(cost) || cost < 2 || cost > 1 << 20) return false;
  const expected = Buffer.from(keyB64, 'base64');
  const key = await scrypt(password, Buffer.from(saltB64, 'base64'), expected.length, { ...SCRYPT_PARAMS, N: cost });
  return timingSafeEqual(key, expected);
}

/** The legacy scheme, kept only so tests can make the hashes older installations hold. */
export async function hashPasswordScryptLegacy(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, 32, SCRYPT_PARAMS);
  return `scrypt$${SCRYPT_PARAMS.N}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/**
 * A valid argon2id hash of a random secret: verifying against it when the username is unknown
 * costs the same time as a real check, so response timing does not reveal which accounts exist.
 */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}
