// The rules of electronic licences (电子证照, Art. 27), each a small pure function: statuses and
// their names, the status a licence has today, when expiry falls due, who the holder is, and the
// domain errors of this module.
import { badRequest, conflict, DomainError, notFound, unprocessable, type InvalidParam } from '../../http/errors.js';
import { validateCreditCode } from '../../lib/credit-code.js';
import { normalizeIdentityNumber, validateIdentityNumber } from '../../lib/identity-number.js';
import type { LicenceStatus } from '../../db/schema.js';

export const LICENCE_STATUSES = ['active', 'cancelled', 'expired', 'revoked'] as const satisfies readonly LicenceStatus[];

/** 有效 / 已注销 / 已过期 / 已吊销: the words on the licence and the verification page. */
export const STATUS_NAMES: Record<LicenceStatus, string> = { active: '有效', cancelled: '已注销', expired: '已过期', revoked: '已吊销' };

export const HOLDER_KIND_NAMES = { person: '自然人', enterprise: '法人及其他组织' } as const;
export type HolderKind = keyof typeof HOLDER_KIND_NAMES;

/** The reason recorded on a version replaced by a re-issue (换发). */
export const SUPERSEDED_REASON = (version: string) => `已换发第${version}版 (superseded by version ${version})`;
export const EXPIRED_REASON = '有效期届满 (the validity period ended)';

/**
 * The status as of `today`: a licence still marked active whose last valid day has passed is
 * expired, even in the moment before the expiry timer ran — a verification must never say 有效 then.
 */
export function effectiveStatus(row: { status: LicenceStatus; valid_until: string | null }, today: string): LicenceStatus {
  if (row.status === 'active' && row.valid_until !== null && row.valid_until < today) return 'expired';
  return row.status;
}

/** YYYY-MM-DD plus n calendar days. */
export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** A licence valid until D (inclusive) expires at 00:00 Beijing time of the day after D. */
export function expiryDueAt(validUntil: string): Date {
  return new Date(`${addDays(validUntil, 1)}T00:00:00+08:00`);
}

export function isDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
}

/** The holder's number as stored and hashed: a resident ID number (GB 11643) or a credit code (GB 32100). */
export function normalizeHolder(kind: HolderKind, value: string, today: string, field = 'holder.identity'): string {
  if (kind === 'person') {
    const r = validateIdentityNumber(value, today);
    if (!r.valid) throw invalidInput('licence-holder-invalid', `持证人身份证号码有误 (${field} is not a valid resident ID number)`, r.errors.map((e) => ({ name: field, reason: e.message })));
    return r.normalized;
  }
  const code = String(value ?? '').normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  const r = validateCreditCode(code);
  if (!r.valid) throw invalidInput('licence-holder-invalid', `持证单位统一社会信用代码有误 (${field} is not a valid credit code)`, r.errors.map((e) => ({ name: field, reason: e.message })));
  return code;
}

/**
 * A holder given by number alone (the sharing API): 17 digits and a digit or X is a resident ID
 * number, any other 18 characters a credit code (as `tongban id check` decides). Null when invalid.
 */
export function holderByShape(value: string, today: string): { kind: HolderKind; normalized: string } | null {
  const v = normalizeIdentityNumber(value);
  if (/^\d{17}[\dX]$/.test(v) && validateIdentityNumber(v, today).valid) return { kind: 'person', normalized: v };
  if (v.length === 18 && validateCreditCode(v).valid) return { kind: 'enterprise', normalized: v };
  return null;
}

export function assertLicenceNumber(value: string): string {
  const v = value.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  if (!/^[0-9A-Z]{1,40}$/.test(v)) {
    throw invalidInput('licence-number-invalid', '证照编号应为1–40位数字或大写字母 (licenceNumber: 1–40 characters 0-9A-Z)', [{ name: 'licenceNumber', reason: 'must match ^[0-9A-Z]{1,40}$' }]);
  }
  return v;
}

export function assertValidity(validFrom: string, validUntil: string | null): void {
  const problems: InvalidParam[] = [];
  if (!isDate(validFrom)) problems.push({ name: 'validFrom', reason: '应为 YYYY-MM-DD (must be YYYY-MM-DD)' });
  if (validUntil !== null && !isDate(validUntil)) problems.push({ name: 'validUntil', reason: '应为 YYYY-MM-DD (must be YYYY-MM-DD)' });
  else if (validUntil !== null && isDate(validFrom) && validUntil < validFrom) problems.push({ name: 'validUntil', reason: '有效期截止日不能早于起始日 (must not be before validFrom)' });
  if (problems.length) throw invalidInput('licence-validity-invalid', `证照有效期有误：${problems.map((p) => p.name).join(', ')} (invalid validity period)`, problems);
}

export function assertReason(reason: string): string {
  const r = reason.trim();
  if (r.length < 2 || r.length > 500) throw invalidInput('licence-reason-invalid', '请填写2–500字的理由 (reason: 2–500 characters)', [{ name: 'body.reason', reason: '2–500 characters' }]);
  return r;
}

/** A status change is made on the current version while it is in force. */
export function assertChangeable(row: { status: LicenceStatus; is_current: boolean; valid_until: string | null }, today: string): void {
  if (!row.is_current) throw conflict('licence-not-current', '该版本已被换发，请对最新版本操作 (a later version of this licence exists: act on the current one)');
  const status = effectiveStatus(row, today);
  if (status !== 'active') throw conflict('licence-not-active', `证照当前状态为“${STATUS_NAMES[status]}”，不能再变更 (the licence is ${status})`, { status });
}

export const invalidInput = (code: string, detail: string, params: InvalidParam[]) => unprocessable(code, detail, params);
export const licenceNotFound = () => notFound('licence-not-found', '证照不存在 (licence not found)');
export const unknownLicenceType = (code: string) =>
  invalidInput('licence-type-unknown', `证照类型“${code}”不在证照目录中 (unknown licence type)`, [{ name: 'licenceTypeCode', reason: 'not in licence_types' }]);
export const issuerWithoutCreditCode = () =>
  invalidInput('licence-issuer-invalid', '发证机构没有有效的统一社会信用代码，不能发证 (the issuing organization has no valid credit code)', [{ name: 'issuerOrgId', reason: 'no valid credit code' }]);
export const numberTaken = () => conflict('licence-number-taken', '该证照编号已被使用 (this licence number is taken for this type and issuer)');
export const versionLimit = () => conflict('licence-version-limit', '版本号已达999，不能再换发 (the version number cannot exceed 999)');
export const clientNotFound = () => notFound('machine-client-not-found', '接入系统不存在 (machine client not found)');
export const shareMachineOnly = () => new DomainError(403, 'licence-share-machine-only', '证照共享仅供部门业务系统调用 (licence sharing is for department systems with an access token)');

// ——— keyset cursors (issued_at, id) ———

export interface Cursor {
  at: Date;
  id: string;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.at.toISOString(), c.id])).toString('base64url');
}

export function parseCursor(value: string | undefined): Cursor | undefined {
  if (!value) return undefined;
  try {
    const [at, id] = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(at);
    if (typeof id !== 'string' || Number.isNaN(date.getTime())) throw new Error('bad cursor');
    return { at: date, id };
  } catch {
    // 400 as every other list answers a cursor that is not one of its own (a malformed request, not a rule refused).
    throw badRequest('invalid-cursor', '翻页游标无效，请从第一页重新查询 (querystring.cursor is not a cursor of this list)', [{ name: 'querystring.cursor', reason: 'not a cursor from this list' }]);
  }
}
