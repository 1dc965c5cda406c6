// 电子证照标识 (national e-licence identifier):
//   1.2.156.3005.2.{证照类型代码, 21}.{发证机构统一社会信用代码, 18}.{证照编号}.{版本号, 3 digits}.{校验位}
// The check character is ISO/IEC 7064 (GB/T 17710) MOD 37,36 over the four middle parts written
// together without dots. MOD 37,36 is the hybrid system with M = 36 and M + 1 = 37 over the
// alphabet 0–9 A–Z (values 0–35):
//   P := M
//   for each character a, left to right:  S := (P + a) mod M, with 0 replaced by M;  P := (2·S) mod (M + 1)
//   check character := the one with value (M + 1 − P) mod M
// so that running the same steps over the string with its check character appended ends with
// (P + check) mod M = 1. A re-issued licence has the next version and so a different check character.
import { validateCreditCode } from './credit-code.js';

export const LICENCE_ID_PREFIX = '1.2.156.3005.2';
export const LICENCE_ID_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const M = 36;
const NUMBER_MAX = 40;

export type LicenceIdPart = 'identifier' | 'prefix' | 'licenceTypeCode' | 'issuerCreditCode' | 'licenceNumber' | 'version' | 'checkCharacter';

export interface LicenceIdError {
  code: 'structure' | 'prefix' | 'licence-type-code' | 'issuer-credit-code' | 'licence-number' | 'version' | 'check-character';
  /** The part of the identifier the error is about. */
  part: LicenceIdPart;
  /** Chinese first, then English. */
  message: string;
}

export interface LicenceIdParts {
  prefix: string | null;
  licenceTypeCode: string | null;
  issuerCreditCode: string | null;
  licenceNumber: string | null;
  version: string | null;
  checkCharacter: string | null;
}

export interface LicenceIdParse {
  valid: boolean;
  /** The identifier as checked: white space removed, full-width folded, upper-cased. */
  normalized: string;
  parts: LicenceIdParts;
  errors: LicenceIdError[];
}

/** The MOD 37,36 check character of a string over 0–9 A–Z; throws on any other character. */
export function computeCheckCharacter(body: string): string {
  if (body.length === 0) throw new RangeError('computeCheckCharacter needs at least one character');
  let p = M;
  for (let i = 0; i < body.length; i++) {
    const value = LICENCE_ID_ALPHABET.indexOf(body[i]);
    if (value < 0) throw new RangeError(`character "${body[i]}" at position ${i + 1} is not in 0-9A-Z`);
    const s = (p + value) % M || M;
    p = (s * 2) % (M + 1);
  }
  return LICENCE_ID_ALPHABET[(M + 1 - p) % M];
}

/** Folds full-width characters (NFKC), removes white space and upper-cases. */
export function normalizeLicenceId(value: string): string {
  return String(value ?? '').normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

/** '1' | 1 → '001'. */
export function formatVersion(version: number | string): string {
  return String(version).padStart(3, '0');
}

export interface LicenceIdInput {
  licenceTypeCode: string;
  issuerCreditCode: string;
  licenceNumber: string;
  /** 1–999, or its 3-digit form. */
  version: number | string;
}

/** The full identifier; throws a RangeError naming every wrong part when the parts cannot make one. */
export function buildLicenceId(input: LicenceIdInput): string {
  const parts = [input.licenceTypeCode, input.issuerCreditCode, input.licenceNumber, formatVersion(input.version)].map(normalizeLicenceId);
  const errors = partErrors({ licenceTypeCode: parts[0], issuerCreditCode: parts[1], licenceNumber: parts[2], version: parts[3] });
  if (errors.length) throw new RangeError(errors.map((e) => e.message).join('; '));
  return `${LICENCE_ID_PREFIX}.${parts.join('.')}.${computeCheckCharacter(parts.join(''))}`;
}

/**
 * Splits and checks an identifier. Every part is checked on its own and every failure reported
 * (a form or the CLI can show them all); the check character is compared whenever the middle parts
 * consist of 0–9 A–Z. A licence number with dots in it is recognised as such (the parts around it
 * have fixed positions), so the error names the number rather than the whole structure.
 */
export function parseLicenceId(value: string): LicenceIdParse {
  const normalized = normalizeLicenceId(value);
  const parts: LicenceIdParts = { prefix: null, licenceTypeCode: null, issuerCreditCode: null, licenceNumber: null, version: null, checkCharacter: null };
  const fail = (error: LicenceIdError): LicenceIdParse => ({ valid: false, normalized, parts, errors: [error] });
  if (normalized === '') return fail({ code: 'structure', part: 'identifier', message: '请填写证照标识 (the identifier is empty)' });
  if (!normalized.startsWith(`${LICENCE_ID_PREFIX}.`)) {
    return fail({ code: 'prefix', part: 'prefix', message: `证照标识应以“${LICENCE_ID_PREFIX}.”开头 (an e-licence identifier starts with ${LICENCE_ID_PREFIX}.)` });
  }
  parts.prefix = LICENCE_ID_PREFIX;
  const rest = normalized.slice(LICENCE_ID_PREFIX.length + 1).split('.');
  if (rest.length < 5) {
    return fail({
      code: 'structure',
      part: 'identifier',
      message: `前缀后应有5段（证照类型代码.发证机构代码.证照编号.版本号.校验位），实际为${rest.length}段 (after the prefix come 5 dot-separated parts, got ${rest.length})`,
    });
  }
  parts.licenceTypeCode = rest[0];
  parts.issuerCreditCode = rest[1];
  parts.licenceNumber = rest.slice(2, -2).join('.');
  parts.version = rest[rest.length - 2];
  parts.checkCharacter = rest[rest.length - 1];
  const errors = partErrors({ licenceTypeCode: parts.licenceTypeCode, issuerCreditCode: parts.issuerCreditCode, licenceNumber: parts.licenceNumber, version: parts.version });

  const check = parts.checkCharacter;
  const body = `${parts.licenceTypeCode}${parts.issuerCreditCode}${parts.licenceNumber}${parts.version}`;
  if (check.length !== 1 || !LICENCE_ID_ALPHABET.includes(check)) {
    errors.push({ code: 'check-character', part: 'checkCharacter', message: `校验位应为1位数字或大写字母，实际为“${check}” (the check character is one of 0-9A-Z)` });
  } else if (/^[0-9A-Z]+$/.test(body)) {
    const expected = computeCheckCharacter(body);
    if (expected !== check) {
      errors.push({ code: 'check-character', part: 'checkCharacter', message: `校验位应为“${expected}”，实际为“${check}”，标识可能有输入错误 (check character should be ${expected}: a character may be mistyped)` });
    }
  }
  return { valid: errors.length === 0, normalized, parts, errors };
}

/** The errors of the four middle parts (already normalized). */
function partErrors(p: { licenceTypeCode: string; issuerCreditCode: string; licenceNumber: string; version: string }): LicenceIdError[] {
  const errors: LicenceIdError[] = [];
  const type = p.licenceTypeCode;
  if (type.length !== 21) {
    errors.push({ code: 'licence-type-code', part: 'licenceTypeCode', message: `证照类型代码应为21位，实际为${type.length}位 (the licence type code has 21 characters, got ${type.length})` });
  } else if (!/^\d{3}$/.test(type.slice(18))) {
    errors.push({ code: 'licence-type-code', part: 'licenceTypeCode', message: '证照类型代码后3位应为数字顺序号 (the last 3 characters of the licence type code are a serial number of digits)' });
  } else if (!validateCreditCode(type.slice(0, 18)).valid) {
    errors.push({
      code: 'licence-type-code',
      part: 'licenceTypeCode',
      message: '证照类型代码前18位应为定义证照类型部门的统一社会信用代码，校验未通过 (the first 18 characters of the licence type code are the defining department’s credit code and fail GB 32100)',
    });
  }
  const issuer = validateCreditCode(p.issuerCreditCode);
  if (!issuer.valid) {
    errors.push({
      code: 'issuer-credit-code',
      part: 'issuerCreditCode',
      message: `发证机构统一社会信用代码有误：${issuer.errors.map((e) => e.message.replace(/\s*\([^()]*\)\s*$/, '')).join('；')} (the issuer’s credit code fails GB 32100: ${issuer.errors.map((e) => e.code).join(', ')})`,
    });
  }
  const number = p.licenceNumber;
  if (number.length === 0 || number.length > NUMBER_MAX) {
    errors.push({ code: 'licence-number', part: 'licenceNumber', message: `证照编号应为1–${NUMBER_MAX}位，实际为${number.length}位 (the licence number has 1–${NUMBER_MAX} characters, got ${number.length})` });
  } else if (!/^[0-9A-Z]+$/.test(number)) {
    errors.push({ code: 'licence-number', part: 'licenceNumber', message: '证照编号只能由数字和大写字母组成，不能含“.”等符号 (the licence number consists of 0-9A-Z only, no dots or other signs)' });
  }
  if (!/^\d{3}$/.test(p.version)) {
    errors.push({ code: 'version', part: 'version', message: `版本号应为3位数字，实际为“${p.version}” (the version is 3 digits)` });
  } else if (p.version === '000') {
    errors.push({ code: 'version', part: 'version', message: '版本号从001开始 (versions start at 001)' });
  }
  return errors;
}
