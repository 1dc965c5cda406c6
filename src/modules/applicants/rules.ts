// Rules of applicant sign-in (手机验证码登录) and the real-name link (实名核验), each a small named
// function that throws a domain error with a stable code. No I/O here.
import { randomInt } from 'node:crypto';
import { badRequest, conflict, DomainError, unprocessable } from '../../http/errors.js';
import { validateCreditCode } from '../../lib/credit-code.js';
import { validateIdentityNumber } from '../../lib/identity-number.js';
import type { RealNameSubject } from './real-name.js';

export const CODE_TTL_MS = 5 * 60 * 1000;
export const MAX_CODE_ATTEMPTS = 5;
/** Sending limits (发送频率限制): per phone 1 a minute and 5 an hour, per address 20 an hour. */
export const SEND_LIMITS = { phoneIntervalMs: 60_000, phonePerHour: 5, ipPerHour: 20 } as const;
const HOUR_MS = 60 * 60 * 1000;

/** Mainland mobile numbers (中国大陆手机号): 11 digits starting 13–19. */
export const PHONE_PATTERN = '^1[3-9]\\d{9}$';
export const CODE_PATTERN = '^\\d{6}$';

export function assertPhone(phone: string, field = 'body.phone'): void {
  if (!new RegExp(PHONE_PATTERN).test(phone)) {
    throw badRequest('phone-invalid', '手机号格式不正确，应为 11 位中国大陆手机号 (phone must be an 11-digit mainland mobile number)', [
      { name: field, reason: '应为 1 开头的 11 位手机号 (11 digits starting with 13–19)' },
    ]);
  }
}

export function assertCodeFormat(code: string, field = 'body.code'): void {
  if (!new RegExp(CODE_PATTERN).test(code)) {
    throw badRequest('login-code-format', '验证码应为 6 位数字 (the code has 6 digits)', [{ name: field, reason: '应为 6 位数字 (6 digits)' }]);
  }
}

/** A uniformly random 6-digit code (000000–999999). */
export function generateLoginCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

function tooMany(seconds: number, detail: string): DomainError {
  const retryAfter = Math.max(1, Math.ceil(seconds));
  return new DomainError(429, 'login-code-rate-limited', `${detail}，请 ${retryAfter} 秒后再试 (too many codes requested: retry after ${retryAfter} s)`, [], {
    retryAfter,
  });
}

/** Seconds until the oldest of the newest `limit` times leaves the window; 0 when under the limit. */
function waitForWindow(times: Date[], limit: number, windowMs: number, now: Date): number {
  const recent = times.map((t) => t.getTime()).filter((t) => t > now.getTime() - windowMs).sort((a, b) => b - a);
  if (recent.length < limit) return 0;
  return (recent[limit - 1] + windowMs - now.getTime()) / 1000;
}

/**
 * Throws 429 (with extra.retryAfter in seconds) when one more code for this phone would break a
 * limit. `phoneTimes`: creation times of the phone's codes in the last hour. Counted exactly over
 * the codes themselves, so "resend after 60 s" on the page is true to the second.
 */
export function assertPhoneSendAllowed(phoneTimes: Date[], now: Date): void {
  const interval = waitForWindow(phoneTimes, 1, SEND_LIMITS.phoneIntervalMs, now);
  if (interval > 0) throw tooMany(interval, '同一手机号 60 秒内只能获取一次验证码');
  const phoneHour = waitForWindow(phoneTimes, SEND_LIMITS.phonePerHour, HOUR_MS, now);
  if (phoneHour > 0) throw tooMany(phoneHour, '同一手机号每小时最多获取 5 次验证码');
}

export const tooManyFromAddress = (retryAfterSeconds: number) => tooMany(retryAfterSeconds, '同一网络地址每小时最多获取 20 次验证码');

export const codeMissingOrExpired = () =>
  badRequest('login-code-expired', '验证码已过期或尚未获取，请重新获取 (no valid code: it expired or was never sent; request a new one)', [
    { name: 'body.code', reason: '验证码已失效 (the code is no longer valid)' },
  ]);

export const codeAttemptsExhausted = () =>
  new DomainError(429, 'login-code-attempts-exhausted', `验证码错误次数已达 ${MAX_CODE_ATTEMPTS} 次，请重新获取 (${MAX_CODE_ATTEMPTS} wrong tries: request a new code)`);

export function codeWrong(attemptsUsed: number): DomainError {
  const left = Math.max(0, MAX_CODE_ATTEMPTS - attemptsUsed);
  if (left === 0) return codeAttemptsExhausted();
  return badRequest('login-code-wrong', `验证码错误，还可尝试 ${left} 次 (wrong code: ${left} tries left)`, [{ name: 'body.code', reason: '验证码错误 (wrong code)' }]);
}

export interface RealNameInput {
  kind: 'person' | 'enterprise';
  name: string;
  idNumber?: string;
  creditCode?: string;
}

/** Trims and folds spaces; a person's name keeps its middle dot (·) for names like 阿依古丽·买买提. */
export function normalizeName(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ');
}

/**
 * Validates the real-name form layer by layer (GB 11643 for a person, GB 32100 for an enterprise)
 * and returns the normalised subject; every failure names its field.
 */
export function realNameSubject(input: RealNameInput): RealNameSubject {
  const name = normalizeName(input.name ?? '');
  const problems: { name: string; reason: string }[] = [];
  if (name.length < 2 || name.length > 100) problems.push({ name: 'body.name', reason: '请填写 2–100 个字的姓名或单位名称 (name: 2–100 characters)' });
  if (input.kind === 'person') {
    if (!input.idNumber) problems.push({ name: 'body.idNumber', reason: '请填写身份证号码 (identity number is required)' });
    else for (const e of validateIdentityNumber(input.idNumber).errors) problems.push({ name: 'body.idNumber', reason: e.message });
    if (input.creditCode) problems.push({ name: 'body.creditCode', reason: '个人实名不填统一社会信用代码 (a person gives no credit code)' });
  } else {
    if (!input.creditCode) problems.push({ name: 'body.creditCode', reason: '请填写统一社会信用代码 (credit code is required)' });
    else for (const e of validateCreditCode(input.creditCode.normalize('NFKC').replace(/\s+/g, '')).errors) problems.push({ name: 'body.creditCode', reason: e.message });
    if (input.idNumber) problems.push({ name: 'body.idNumber', reason: '企业实名不填身份证号码 (an enterprise gives no identity number)' });
  }
  if (problems.length) {
    throw badRequest('real-name-input-invalid', `实名信息有误：${[...new Set(problems.map((p) => p.name))].join(', ')} (invalid real-name details)`, problems);
  }
  return input.kind === 'person'
    ? { kind: 'person', name, idNumber: validateIdentityNumber(input.idNumber!).normalized }
    : { kind: 'enterprise', name, creditCode: input.creditCode!.normalize('NFKC').replace(/\s+/g, '').toUpperCase() };
}

/** An account is linked once (实名后不可自行更改); linking the same identity again is harmless. */
export function assertMayLink(current: { verified: boolean; sameIdentity: boolean }): void {
  if (current.verified && !current.sameIdentity) throw alreadyVerified();
}

export const alreadyVerified = () =>
  conflict('real-name-already-verified', '该账号已完成实名核验，不能改绑其他证件；如需更正请到窗口办理 (this account is already linked to another identity; corrections are made at a service window)');

export const identityLinkedElsewhere = (kind: 'person' | 'enterprise') =>
  conflict(
    'real-name-linked-elsewhere',
    kind === 'person'
      ? '该身份证号码已与其他账号绑定；如非本人操作，请到窗口办理 (this identity number is already linked to another account)'
      : '该统一社会信用代码已与其他账号绑定；如需变更，请到窗口办理 (this credit code is already linked to another account)',
  );

export const realNameMismatch = () =>
  unprocessable('real-name-mismatch', '实名核验未通过：姓名与证件号码不一致 (real-name check failed: the name does not match the number)', [
    { name: 'body.name', reason: '与证件登记信息不一致 (does not match the registered name)' },
  ]);
