// Deterministic identifiers for demo data: reseeding an empty database gives the same ids, codes
// and phone numbers, so links, screenshots and docs stay valid.
import { createHash } from 'node:crypto';
import { CREDIT_CODE_ALPHABET, computeCreditCodeCheck, computeOrganizationCodeCheck } from '../../lib/credit-code.js';

export function digest(key: string): Buffer {
  return createHash('sha256').update(key).digest();
}

/** A UUID-shaped id (version nibble 5 style) derived from a key. */
export function seedId(key: string): string {
  const h = digest(`tongban-demo:${key}`).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * 统一社会信用代码 of a government body (机关): authority 1 (机构编制), type 1 (机关), the 6-digit
 * division code, a GB 11714 organization code derived from the name, and the MOD 31 check character.
 */
export function orgCreditCode(name: string, division6: string): string {
  const bytes = digest(`credit:${name}`);
  // Organization codes of 机关 begin with 0; the remaining body characters come from the hash,
  // restricted to the credit-code alphabet so the whole code stays within it.
  let body = '0';
  for (let i = 0; body.length < 8; i++) body += CREDIT_CODE_ALPHABET[bytes[i] % 31];
  // The GB 11714 check character is 0-9 or X, all inside the credit-code alphabet.
  const orgCode = body + computeOrganizationCodeCheck(body);
  const first17 = `11${division6}${orgCode}`;
  return first17 + computeCreditCodeCheck(first17);
}

/**
 * A plausible 兴安盟 landline: area code 0482 and a 7-digit local number starting with 8 or 2,
 * avoiding runs and repeats that read as placeholders.
 */
export function demoPhone(key: string): string {
  const bytes = digest(`phone:${key}`);
  const first = bytes[0] % 2 === 0 ? '8' : '2';
  const prefix = ['82', '83', '86', '87', '25', '21'][bytes[1] % 6];
  let rest = '';
  for (let i = 2; rest.length < 5; i++) rest += String(bytes[i] % 10);
  const local = `${first === '8' ? prefix.replace(/^2/, '8') : prefix.replace(/^8/, '2')}${rest}`;
  if (/^(\d)\1+$/.test(local) || '01234567890'.includes(local) || '98765432109'.includes(local)) return demoPhone(`${key}+`);
  return `0482-${local}`;
}
