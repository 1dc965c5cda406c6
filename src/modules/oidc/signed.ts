// Small signed, expiring values kept in cookies and hidden form fields during sign-in: the BFF's
// state/nonce/PKCE verifier, the upstream login's, the pending second factor, the form token.
// HMAC-SHA-256 with the configured cookie keys: the first signs, every one verifies (key rotation).
import { createHmac, timingSafeEqual } from 'node:crypto';

const mac = (key: string, data: string) => createHmac('sha256', key).update(data).digest('base64url');

function equal(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** `<payload>.<mac>`; the payload is base64url JSON with `purpose` and `exp` (seconds) added. */
export function signValue(keys: readonly string[], purpose: string, value: Record<string, unknown>, ttlSeconds: number): string {
  const payload = Buffer.from(JSON.stringify({ ...value, purpose, exp: Math.floor(Date.now() / 1000) + ttlSeconds })).toString('base64url');
  return `${payload}.${mac(keys[0]!, payload)}`;
}

/** The value if the signature is good, the purpose matches and it has not expired; else null. */
export function verifyValue<T extends Record<string, unknown>>(keys: readonly string[], purpose: string, token: string | undefined): T | null {
  if (!token) return null;
  const [payload, signature] = token.split('.');
  if (!payload || !signature || !keys.some((k) => equal(mac(k, payload), signature))) return null;
  try {
    const value = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as T & { purpose?: string; exp?: number };
    if (value.purpose !== purpose || typeof value.exp !== 'number' || value.exp < Date.now() / 1000) return null;
    return value;
  } catch {
    return null;
  }
}

/** The per-interaction form token (CSRF): bound to the interaction uid, not guessable without a key. */
export function formToken(keys: readonly string[], uid: string): string {
  return mac(keys[0]!, `interaction-form:${uid}`);
}

export function formTokenValid(keys: readonly string[], uid: string, token: unknown): boolean {
  return typeof token === 'string' && keys.some((k) => equal(mac(k, `interaction-form:${uid}`), token));
}
