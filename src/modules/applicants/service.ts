// Applicants (办事人): phone-code sign-in, sessions, the real-name link (实名核验, Art. 20 一证办理)
// and the applicant's own profile. Other modules (the OIDC login page) call these exports; every one
// takes the app's deps ({ db, config }, i.e. `app.deps`) first, because phones are looked up by a
// keyed hash and stored encrypted with keys from the configuration.
//
//   sendLoginCode(deps, phone, ip)            → { sentTo (masked), expiresInSeconds, development }
//   verifyLoginCode(deps, phone, code, ip?)   → ApplicantView (account created on first sign-in)
//   createApplicantSession(deps, applicantId) → token for the tb_applicant cookie
//   applicantForSession(deps, token)          → ApplicantSession | null
//
// An applicant is not staff: nothing here produces an Actor, and staff permissions never see these
// sessions (they live in their own table and cookie).
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { AppDeps } from '../../app.js';
import { maskCreditCode, maskIdentityNumber, maskPhone } from '../../lib/mask.js';
import { sensitiveColumns, type SensitiveColumns } from '../../lib/sm-crypto.js';
import { DomainError, unauthorized } from '../../http/errors.js';
import { recordAudit } from '../audit/service.js';
import { checkLimit } from '../identity/login-guard.js';
import * as q from './queries.js';
import { realNameCheckerFor, type RealNameChecker } from './real-name.js';
import * as rules from './rules.js';
import { smsSenderFor, type SmsSender } from './sms.js';

export interface ApplicantDeps extends AppDeps {
  /** Overrides the configured SMS channel (tests of a failing gateway). */
  sms?: SmsSender;
  /** Overrides the configured real-name check. */
  realName?: RealNameChecker;
}

/** One applicant, decrypted: only the presenter turns it into JSON or HTML (masked). */
export interface ApplicantView {
  id: string;
  kind: 'person' | 'enterprise' | null;
  name: string | null;
  phone: string;
  idNumber: string | null;
  creditCode: string | null;
  address: string | null;
  realNameVerifiedAt: Date | null;
  realNameProvider: string | null;
  createdAt: Date;
}

export interface ApplicantSession {
  applicantId: string;
  sessionId: string;
}

/**
 * The same lifetimes as staff sessions (TONGBAN_SESSION_IDLE_MINUTES, TONGBAN_SESSION_MAX_HOURS):
 * idle expiry slides with use; a session never outlives the absolute limit.
 */
const idleMs = (deps: AppDeps) => deps.config.security.sessionIdleMinutes * 60_000;
const maxMs = (deps: AppDeps) => deps.config.security.sessionMaxHours * 3_600_000;

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');
const codeHash = (columns: SensitiveColumns, codeId: string, code: string) => columns.hash(`login-code:${codeId}:${code}`);

function viewOf(row: q.ApplicantRow, columns: SensitiveColumns): ApplicantView {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    phone: columns.decrypt(row.phone_enc, 'applicants.phone'),
    idNumber: columns.decrypt(row.id_number_enc, 'applicants.id_number'),
    creditCode: row.credit_code,
    address: columns.decrypt(row.address_enc, 'applicants.address'),
    realNameVerifiedAt: row.real_name_verified_at ? new Date(row.real_name_verified_at) : null,
    realNameProvider: row.real_name_provider,
    createdAt: new Date(row.created_at),
  };
}

/**
 * Sends a 6-digit sign-in code valid for 5 minutes (stored only as a keyed hash). Rate limits:
 * 1 per phone per 60 s, 5 per phone per hour, 20 per address per hour → 429 with extra.retryAfter
 * (the error handler turns it into a Retry-After header).
 */
export async function sendLoginCode(deps: ApplicantDeps, phone: string, ip: string | null) {
  rules.assertPhone(phone);
  const columns = sensitiveColumns(deps.config);
  const sender = deps.sms ?? smsSenderFor(deps);
  const phoneHash = columns.hash(phone);
  const code = rules.generateLoginCode();
  const now = new Date();
  const id = randomUUID();
  await deps.db.transaction().execute(async (trx) => {
    await q.lockPhone(trx, phoneHash);
    rules.assertPhoneSendAllowed(await q.recentPhoneCodeTimes(trx, phoneHash, new Date(now.getTime() - 3_600_000)), now);
    // Per address: the platform's shared limiter (login-guard), counted only once the phone passed.
    if (ip) {
      const byAddress = await checkLimit(trx, `applicant-login-code:address:${ip}`, rules.SEND_LIMITS.ipPerHour, 3600);
      if (!byAddress.allowed) throw rules.tooManyFromAddress(byAddress.retryAfterSeconds);
    }
    await q.insertLoginCode(trx, { id, phoneHash, codeHash: codeHash(columns, id, code), expiresAt: new Date(now.getTime() + rules.CODE_TTL_MS), ip, createdAt: now });
    await recordAudit(trx, null, { action: 'applicant.login-code.send', objectType: 'login-code', objectId: id, ip, changes: { phone: maskPhone(phone) } });
  });
  // After commit: an SMS cannot be rolled back, and the row must count toward the limits even if
  // the gateway fails (so a failing gateway cannot be used to send unlimited codes).
  try {
    await sender.send({ phone, template: 'login-code', params: { code }, text: loginCodeText(code) });
  } catch {
    throw new DomainError(503, 'sms-send-failed', '短信发送失败，请稍后再试 (the SMS could not be sent; try again later)');
  }
  return { sentTo: maskPhone(phone), expiresInSeconds: rules.CODE_TTL_MS / 1000, resendAfterSeconds: rules.SEND_LIMITS.phoneIntervalMs / 1000, development: sender.development };
}

function loginCodeText(code: string): string {
  return `【兴安盟政务服务】您的登录验证码为 ${code}，5 分钟内有效。请勿告诉他人；如非本人操作，请忽略本短信。`;
}

/**
 * Checks the phone's newest code (at most 5 tries per code) and signs the applicant in: the account
 * is created on the first sign-in, unverified until the real-name step.
 */
export async function verifyLoginCode(deps: AppDeps, phone: string, code: string, ip: string | null = null): Promise<ApplicantView> {
  rules.assertPhone(phone);
  rules.assertCodeFormat(code);
  const columns = sensitiveColumns(deps.config);
  const phoneHash = columns.hash(phone);
  const latest = await q.latestLoginCode(deps.db, phoneHash);
  if (!latest || latest.consumed_at || new Date(latest.expires_at).getTime() <= Date.now()) throw rules.codeMissingOrExpired();
  const used = await q.takeCodeAttempt(deps.db, latest.id, rules.MAX_CODE_ATTEMPTS);
  if (used === null) throw rules.codeAttemptsExhausted();
  if (!columns.matches(`login-code:${latest.id}:${code}`, latest.code_hash)) throw rules.codeWrong(used);

  return deps.db.transaction().execute(async (trx) => {
    const now = new Date();
    if (!(await q.consumeLoginCode(trx, latest.id, now))) throw rules.codeMissingOrExpired();
    let row = await q.findApplicantByPhoneHash(trx, phoneHash);
    if (!row) {
      const id = randomUUID();
      await q.insertApplicant(trx, { id, phoneEnc: columns.encrypt(phone, 'applicants.phone'), phoneHash, at: now });
      row = (await q.findApplicantById(trx, id))!;
      // Last in the transaction: recordAudit holds the audit chain's head lock until commit.
      await recordAudit(trx, null, { action: 'applicant.create', objectType: 'applicant', objectId: id, ip, changes: { phone: maskPhone(phone) } });
    }
    return viewOf(row, columns);
  });
}

/** Opens a session for a signed-in applicant; the cookie holds the token, the table its hash. */
export async function createApplicantSession(deps: AppDeps, applicantId: string, options: { method?: string; ip?: string | null } = {}): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const now = new Date();
  await deps.db.transaction().execute(async (trx) => {
    await q.insertApplicantSession(trx, { id: tokenHash(token), applicantId, method: options.method ?? 'phone-code', at: now, expiresAt: new Date(now.getTime() + Math.min(idleMs(deps), maxMs(deps))) });
    await recordAudit(trx, null, { action: 'applicant.sign-in', objectType: 'applicant', objectId: applicantId, ip: options.ip ?? null, changes: { method: options.method ?? 'phone-code' } });
  });
  return token;
}

/** The session behind a token, its idle expiry slid forward; null when unknown, expired or signed out. */
export async function applicantForSession(deps: AppDeps, token: string): Promise<ApplicantSession | null> {
  const id = tokenHash(token);
  const session = await q.findApplicantSession(deps.db, id);
  if (!session || session.revoked_at) return null;
  const now = Date.now();
  const absoluteEnd = new Date(session.created_at).getTime() + maxMs(deps);
  if (new Date(session.expires_at).getTime() <= now || absoluteEnd <= now) return null;
  await q.touchApplicantSession(deps.db, id, new Date(now), new Date(Math.min(now + idleMs(deps), absoluteEnd)));
  return { applicantId: session.applicant_id, sessionId: id };
}

/** Signs out: the session row stays as history (登录记录) with revoked_at set. */
export async function revokeApplicantSession(deps: AppDeps, token: string, ip: string | null = null): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const applicantId = await q.revokeApplicantSessionRow(trx, tokenHash(token), new Date());
    if (applicantId) await recordAudit(trx, null, { action: 'applicant.sign-out', objectType: 'applicant', objectId: applicantId, ip });
  });
}

/** The applicant's own record. Callers pass the id of the session's applicant, never one from input. */
export async function ownProfile(deps: AppDeps, session: ApplicantSession): Promise<ApplicantView> {
  const row = await q.findApplicantById(deps.db, session.applicantId);
  if (!row) throw unauthorized();
  return viewOf(row, sensitiveColumns(deps.config));
}

export interface SignInRecord {
  at: Date;
  method: string;
  lastSeenAt: Date;
  current: boolean;
  ended: boolean;
}

/** The applicant's own recent sign-ins, newest first. */
export async function ownSignInHistory(deps: AppDeps, session: ApplicantSession, limit = 10): Promise<SignInRecord[]> {
  const rows = await q.listApplicantSessions(deps.db, session.applicantId, limit);
  const now = Date.now();
  return rows.map((r) => ({
    at: new Date(r.created_at),
    method: r.method,
    lastSeenAt: new Date(r.last_seen_at),
    current: r.id === session.sessionId,
    ended: !!r.revoked_at || new Date(r.expires_at).getTime() <= now,
  }));
}

/** What "我的" shows: the applicant's own record and recent sign-ins. */
export async function ownRecord(deps: AppDeps, session: ApplicantSession): Promise<{ applicant: ApplicantView; signIns: SignInRecord[] }> {
  return { applicant: await ownProfile(deps, session), signIns: await ownSignInHistory(deps, session) };
}

/**
 * Links the signed-in account to a person (resident identity number) or an enterprise (credit code)
 * after the real-name check. An identity already linked to another account → 409.
 */
export async function linkRealName(deps: ApplicantDeps, session: ApplicantSession, input: rules.RealNameInput, ip: string | null = null): Promise<ApplicantView> {
  const subject = rules.realNameSubject(input);
  const columns = sensitiveColumns(deps.config);
  const column = subject.kind === 'person' ? 'id_number_hash' : 'credit_code_hash';
  const hash = columns.hash(subject.kind === 'person' ? subject.idNumber : subject.creditCode);
  const current = await ownProfile(deps, session);
  const holder = await q.findApplicantIdByIdentity(deps.db, column, hash);
  rules.assertMayLink({ verified: !!current.realNameVerifiedAt, sameIdentity: holder === current.id });
  if (current.realNameVerifiedAt) return current;
  if (holder) throw rules.identityLinkedElsewhere(subject.kind);

  const checker = deps.realName ?? realNameCheckerFor(deps.config);
  const result = await checker.realNameCheck(subject);
  if (!result.matched) throw rules.realNameMismatch();

  const link: q.RealNameLink = {
    kind: subject.kind,
    name: subject.name,
    idNumberEnc: subject.kind === 'person' ? columns.encrypt(subject.idNumber, 'applicants.id_number') : null,
    idNumberHash: subject.kind === 'person' ? hash : null,
    creditCode: subject.kind === 'enterprise' ? subject.creditCode : null,
    creditCodeHash: subject.kind === 'enterprise' ? hash : null,
    provider: result.provider,
    at: new Date(),
  };
  try {
    await deps.db.transaction().execute(async (trx) => {
      if (!(await q.linkRealNameRow(trx, current.id, link))) throw rules.alreadyVerified();
      await recordAudit(trx, null, {
        action: 'applicant.real-name.link',
        objectType: 'applicant',
        objectId: current.id,
        ip,
        changes: {
          kind: { before: null, after: subject.kind },
          provider: result.provider,
          ...(subject.kind === 'person' ? { idNumber: maskIdentityNumber(subject.idNumber) } : { creditCode: maskCreditCode(subject.creditCode) }),
        },
      });
    });
  } catch (error) {
    // Two accounts racing to link the same identity: the unique hash column decides.
    if ((error as { code?: string }).code === '23505') throw rules.identityLinkedElsewhere(subject.kind);
    throw error;
  }
  return ownProfile(deps, session);
}
