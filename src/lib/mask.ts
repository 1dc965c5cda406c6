// Masks for personal data (个人信息脱敏) shown to people who do not need it whole, and for the
// before/after values in the audit trail. Each mask keeps just enough to recognise the value
// (“is this my number?”) and never enough to use it.
export { maskIdentityNumber } from './identity-number.js';
import { maskIdentityNumber } from './identity-number.js';

const STAR = '*';

/**
 * Mobile 13812345678 → 138****5678; +86/0086 prefixes kept; landlines keep their area code and
 * the last 4 digits: 0482-8261234 → 0482-***1234. Anything else keeps only its last 4 digits
 * (or none, when shorter than 8).
 */
export function maskPhone(value: string): string {
  const raw = String(value ?? '').normalize('NFKC').trim();
  const spaced = raw.replace(/\s/g, '');
  const compact = spaced.replace(/-/g, '');
  const mobile = /^(\+?86|0086)?(1\d{10})$/.exec(compact);
  if (mobile) {
    const [, country = '', number] = mobile;
    return `${country}${number.slice(0, 3)}****${number.slice(7)}`;
  }
  // Landline: area code 010/02x (3 digits) or 0xxx (4 digits), then 7–8 digits, optional extension.
  const landline = /^(0(?:10|2\d|[3-9]\d\d))-?(\d{7,8})(?:(?:-|转|#)\d{1,6})?$/.exec(spaced);
  if (landline) {
    const [, area, local] = landline;
    return `${area}-${STAR.repeat(local.length - 4)}${local.slice(-4)}`;
  }
  const digits = compact.replace(/\D/g, '');
  if (digits.length < 8) return STAR.repeat(Math.max(digits.length, 4));
  return `${STAR.repeat(digits.length - 4)}${digits.slice(-4)}`;
}

// The administrative levels a Chinese address starts with. The last unit kept is the county level
// (区/县/旗/县级市): below it — township, street, building, room — identifies a household.
const PROVINCE = /^(.{2,12}?(?:自治区|特别行政区|省|市))/u;
const PREFECTURE = /^(.{2,12}?(?:自治州|地区|盟|市))/u;
// 小区/社区/园区 end in 区 but are housing estates and communities, not districts.
const COUNTY = /^(.{1,12}?(?:自治旗|自治县|新区|县|旗|(?<![小社园景校厂矿])区|市))/u;

/**
 * Keeps the province, prefecture and county (内蒙古自治区兴安盟乌兰浩特市) and replaces the rest by
 * a fixed "****", so not even the length of the street address shows. An address whose county cannot
 * be found keeps at most its first 6 characters.
 */
export function maskAddress(value: string): string {
  const address = String(value ?? '').normalize('NFKC').replace(/\s+/g, '');
  if (address === '') return '';
  let rest = address;
  let kept = '';
  for (const level of [PROVINCE, PREFECTURE, COUNTY]) {
    const match = level.exec(rest);
    if (!match) continue;
    kept += match[1];
    rest = rest.slice(match[1].length);
  }
  if (kept === '' || kept === address) kept = address.slice(0, Math.min(6, Math.floor(address.length / 2)));
  return `${kept}****`;
}

/**
 * Unified social credit code: registration authority, type and division (first 8) and the check
 * character stay, the organization code is hidden: 91152201MA0N1234X5 → 91152201*********5.
 * A credit code is public for a registered enterprise, but it identifies a sole trader (个体工商户).
 */
export function maskCreditCode(value: string): string {
  const v = String(value ?? '').normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  if (v.length <= 9) return STAR.repeat(v.length);
  return `${v.slice(0, 8)}${STAR.repeat(v.length - 9)}${v.slice(-1)}`;
}

/** 张三明 → 张*明, 张三 → 张*, 欧阳娜娜 → 欧**娜; Latin names keep their first letter. */
export function maskName(value: string): string {
  const name = String(value ?? '').trim();
  const chars = [...name];
  if (chars.length === 0) return '';
  if (chars.length === 1) return STAR;
  if (chars.length === 2) return `${chars[0]}${STAR}`;
  if (/^[\p{Script=Han}·]+$/u.test(name)) return `${chars[0]}${STAR.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
  return `${chars[0]}${STAR.repeat(chars.length - 1)}`;
}

/** zhangsan@example.com → z*******@example.com */
export function maskEmail(value: string): string {
  const v = String(value ?? '').trim();
  const at = v.lastIndexOf('@');
  if (at < 1) return STAR.repeat(Math.min(v.length, 8));
  return `${v[0]}${STAR.repeat(Math.max(at - 1, 1))}${v.slice(at)}`;
}

export type PersonalKind = 'identityNumber' | 'phone' | 'address' | 'creditCode' | 'name' | 'email' | 'secret';

export const MASKS: Readonly<Record<PersonalKind, (value: string) => string>> = {
  identityNumber: maskIdentityNumber,
  phone: maskPhone,
  address: maskAddress,
  creditCode: maskCreditCode,
  name: maskName,
  email: maskEmail,
  secret: () => '[redacted]',
};

/**
 * Field names (compared without case, '_' and '-') that carry personal data, and how each is masked.
 * Names of people are deliberately not here by default: staff names in the audit trail are the
 * record of who acted. Person-name fields of applicants use the explicit ones (applicantName…).
 */
const KEY_KINDS: ReadonlyArray<[RegExp, PersonalKind | null]> = [
  // Not personal in the sense of this module: where a request came from is part of the audit record.
  [/^(ip|remote|client|server|mac)(address|addr)$/, null],
  [/^(password|newpassword|oldpassword|currentpassword|passwd|secret|clientsecret|token|accesstoken|refreshtoken|sessiontoken|setuptoken|totp|totpsecret|otp|verificationcode|smscode|phonecode)$/, 'secret'],
  [/(idnumber|identitynumber|idcard|idcardnumber|idno|residentid|certificatenumber|zjhm|sfzh)$/, 'identityNumber'],
  [/(phone|phonenumber|mobile|mobilenumber|telephone|contactnumber|sjhm|lxdh)$/, 'phone'],
  [/(email|emailaddress)$/, 'email'],
  [/(address|addr|residence)$/, 'address'],
  [/(creditcode|uscc|tyshxydm)$/, 'creditCode'],
  [/^(applicantname|realname|personname|legalrepresentative|legalperson|contactname|xm)$/, 'name'],
];

/** Which kind of personal data a field name denotes, if any. */
export function personalKindOfKey(key: string): PersonalKind | null {
  const k = key.toLowerCase().replace(/[_-]/g, '');
  for (const [pattern, kind] of KEY_KINDS) if (pattern.test(k)) return kind;
  return null;
}

function maskValue(value: unknown, kind: PersonalKind): unknown {
  if (value === null || value === undefined || value === '' || typeof value === 'boolean') return value;
  if (typeof value === 'string') return MASKS[kind](value);
  if (typeof value === 'number' || typeof value === 'bigint') return MASKS[kind](String(value));
  if (Array.isArray(value)) return value.map((v) => maskValue(v, kind));
  // An object under a personal key (address: {street…}) is masked as a whole, not walked.
  return '[redacted]';
}

/**
 * A deep copy with every field whose name denotes personal data masked (idNumber, phone, mobile,
 * address, creditCode, password…), at any depth and inside arrays. Dates and other values are
 * copied as they are. The audit trail runs before/after changes through this.
 */
export function maskPersonalFields<T>(value: T): T {
  return walk(value, new WeakSet()) as T;
}

function walk(value: unknown, seen: WeakSet<object>): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date || Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return value;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => walk(v, seen));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const kind = personalKindOfKey(key);
    out[key] = kind ? maskValue(v, kind) : walk(v, seen);
  }
  return out;
}

/**
 * What a presenter puts in a response for one personal value: whole for a viewer whose role
 * processes the case (permission 'personal-data.read-whole', decided by identity/permissions.ts via
 * can(actor, …)), masked for everyone else. null/undefined stay as they are.
 */
export function presentPersonal(value: string, kind: PersonalKind, viewerNeedsWhole: boolean): string;
export function presentPersonal(value: string | null | undefined, kind: PersonalKind, viewerNeedsWhole: boolean): string | null;
export function presentPersonal(value: string | null | undefined, kind: PersonalKind, viewerNeedsWhole: boolean): string | null {
  if (value === null || value === undefined) return null;
  if (kind === 'secret') return MASKS.secret(value);
  return viewerNeedsWhole ? value : MASKS[kind](value);
}
