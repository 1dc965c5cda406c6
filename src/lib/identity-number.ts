// 公民身份号码 (citizen identity number), GB 11643-1999: 18 characters
//   1–6    address code (住址码): the GB/T 2260 county-level division where the number was issued
//   7–14   birth date YYYYMMDD (出生日期码)
//   15–17  sequence (顺序码), odd for men, even for women
//   18     check character (校验码), ISO 7064 MOD 11-2 over the first 17 digits: 0–9 or X
// Checked in layers: normalization, shape, then region, birth date and check character, each
// reported separately so a form can say exactly what is wrong. Messages never repeat the number.
import fs from 'node:fs';
import { shanghaiDate } from './shanghai-date.js';

export type IdentityNumberErrorCode =
  | 'id-empty'
  | 'id-first-generation'
  | 'id-length'
  | 'id-format'
  | 'id-region-unknown'
  | 'id-birth-date-invalid'
  | 'id-birth-date-future'
  | 'id-birth-date-too-early'
  | 'id-check-character';

export interface IdentityNumberError {
  code: IdentityNumberErrorCode;
  /** Chinese first, then English. */
  message: string;
}

export interface IdentityNumberValidation {
  valid: boolean;
  kind: 'resident';
  /** Spaces removed, full-width characters folded, x upper-cased. */
  normalized: string;
  errors: IdentityNumberError[];
  /** YYYY-MM-DD when the birth date is real. */
  birthDate?: string;
  /** From the parity of the sequence code (顺序码). */
  sex?: 'male' | 'female';
}

interface DivisionData {
  provinces: Record<string, string>;
  prefectures: string[];
  historicPrefectures: Record<string, string>;
  counties: string[];
}

let divisions: { provinces: Set<string>; prefectures: Set<string>; counties: Set<string> } | null = null;

function divisionSets() {
  if (!divisions) {
    const raw = JSON.parse(fs.readFileSync(new URL('./data/divisions-6.json', import.meta.url), 'utf8')) as DivisionData;
    divisions = {
      provinces: new Set(Object.keys(raw.provinces)),
      prefectures: new Set([...raw.prefectures, ...Object.keys(raw.historicPrefectures)]),
      counties: new Set(raw.counties),
    };
  }
  return divisions;
}

/**
 * Whether the address code can be real. Numbers are kept for life while counties are merged and
 * renamed, so an old number may carry a county code that no longer exists: a code is accepted when
 * its exact county is current, or else when its 4-digit prefecture (地级) is known, current or one
 * of the retired ones listed in the data. Only the province and prefecture are strictly checked.
 */
export function isKnownRegionCode(code: string): boolean {
  const sets = divisionSets();
  if (sets.counties.has(code)) return true;
  return sets.provinces.has(code.slice(0, 2)) && sets.prefectures.has(code.slice(0, 4));
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';

/** The MOD 11-2 check character of 17 digits. */
export function identityCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('identityCheckCharacter needs 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK_CHARACTERS[sum % 11];
}

/** Removes all white space, folds full-width digits and letters (NFKC), upper-cases x. */
export function normalizeIdentityNumber(value: string): string {
  return value.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

function birthDateErrors(yyyymmdd: string, today: string): { date?: string; errors: IdentityNumberError[] } {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || day < 1 || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    return { errors: [{ code: 'id-birth-date-invalid', message: '第 7–14 位出生日期不是真实日期 (positions 7–14 are not a real birth date)' }] };
  }
  const date = `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
  if (year < 1900) {
    return { date, errors: [{ code: 'id-birth-date-too-early', message: '出生日期早于 1900 年 (birth date before 1900)' }] };
  }
  if (date > today) {
    return { date, errors: [{ code: 'id-birth-date-future', message: '出生日期晚于今天 (birth date is in the future)' }] };
  }
  return { date, errors: [] };
}

/** Validates a resident identity number; `today` (YYYY-MM-DD, Asia/Shanghai) bounds the birth date. */
export function validateIdentityNumber(value: string, today: string = shanghaiDate()): IdentityNumberValidation {
  const normalized = normalizeIdentityNumber(String(value ?? ''));
  const result = (errors: IdentityNumberError[], extra: Partial<IdentityNumberValidation> = {}): IdentityNumberValidation => ({
    valid: errors.length === 0,
    kind: 'resident',
    normalized,
    errors,
    ...extra,
  });
  if (normalized === '') return result([{ code: 'id-empty', message: '请填写身份证号码 (identity number is empty)' }]);
  if (/^\d{15}$/.test(normalized)) {
    return result([{ code: 'id-first-generation', message: '15 位第一代身份证号码已停止使用，请填写 18 位号码 (15-digit first-generation numbers are no longer valid; give the 18-character number)' }]);
  }
  if (normalized.length !== 18) {
    return result([{ code: 'id-length', message: `身份证号码应为 18 位，实际为 ${normalized.length} 位 (must be 18 characters, got ${normalized.length})` }]);
  }
  if (!/^\d{17}[\dX]$/.test(normalized)) {
    return result([{ code: 'id-format', message: '前 17 位应为数字，最后一位为数字或 X (17 digits then a digit or X)' }]);
  }
  const errors: IdentityNumberError[] = [];
  if (!isKnownRegionCode(normalized.slice(0, 6))) {
    errors.push({ code: 'id-region-unknown', message: '前 6 位不是已知的行政区划代码 (positions 1–6 are not a known division code)' });
  }
  const birth = birthDateErrors(normalized.slice(6, 14), today);
  errors.push(...birth.errors);
  if (normalized[17] !== identityCheckCharacter(normalized.slice(0, 17))) {
    errors.push({ code: 'id-check-character', message: '校验码不符，号码可能有输入错误 (check character does not match: a digit may be mistyped)' });
  }
  const sex = Number(normalized[16]) % 2 === 1 ? 'male' : 'female';
  return result(errors, { birthDate: birth.date, sex });
}

/**
 * The number with its middle hidden, first 4 and last 4 shown (1522**********123X), for every
 * place where a person does not need it whole.
 */
export function maskIdentityNumber(value: string): string {
  const v = normalizeIdentityNumber(String(value ?? ''));
  if (v.length <= 8) return '*'.repeat(v.length);
  return `${v.slice(0, 4)}${'*'.repeat(v.length - 8)}${v.slice(-4)}`;
}
