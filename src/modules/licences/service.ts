// Electronic licences (电子证照, Art. 27): issued from a granted decision, re-issued with the next
// version on a change (earlier versions stay readable, marked 已注销 with the reason 已换发), cancelled
// (注销) or revoked (吊销) with a reason, and expired by the platform on the day after the last valid
// day (timer 'licence.expiry'). Every change appends a licence_events row and an audit record.
//
//   issueLicence(trx, deps, input)     → IssuedLicence   (the case module calls this when granting)
//   reissueLicence(trx, deps, input)   → IssuedLicence   (a change: next version)
//   cancelLicence / revokeLicence(trx, deps, { licenceId, reason, actor })
//   expireLicence(trx, deps, licenceId)                  (the timer handler)
//   attachLicenceDocument(trx, deps, licenceId, documentId) (the sealed PDF, when produced)
//   heldLicencesFor(db, holderHash, typeCodes)           (applications: materials already provided)
//   licenceVerifyUrl(deps, identifier)                   (the QR code on a licence)
// The lifecycle functions take the caller's transaction and check no permission: they are called
// by services that did (cases, the staff routes below through changeLicenceStatus).
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { AppDeps } from '../../app.js';
import type { DB, LicenceStatus } from '../../db/schema.js';
import { forbidden, unprocessable } from '../../http/errors.js';
import { clockOf, todayOf } from '../../lib/clock.js';
import { validateCreditCode } from '../../lib/credit-code.js';
import { buildLicenceId, formatVersion, parseLicenceId, type LicenceIdParse } from '../../lib/licence-id.js';
import { shanghaiDate } from '../../lib/shanghai-date.js';
import { sensitiveColumns } from '../../lib/sm-crypto.js';
import { recordAudit } from '../audit/service.js';
import { can, type Actor } from '../identity/permissions.js';
import { cancelTimer, scheduleTimer } from '../jobs/timers.js';
import * as q from './queries.js';
import * as rules from './rules.js';

export type LicenceDeps = Pick<AppDeps, 'config' | 'clock'>;
export const EXPIRY_TIMER = 'licence.expiry';
/** Issues the version's sealed PDF right after it is written (document.ts). */
export const DOCUMENT_TIMER = 'licence.document';
export const HOLDER_CONTEXT = 'licences.holder_id';

export interface IssueLicenceInput {
  licenceTypeCode: string;
  issuerOrgId: string;
  holder: { kind: rules.HolderKind; /** resident ID number or credit code */ identity: string; name: string };
  /** 0-9A-Z, 1–40; generated as YYYY + 6-digit serial per issuer and type when not given. */
  licenceNumber?: string;
  /** Default today (Asia/Shanghai). */
  validFrom?: string;
  /** Last valid day (inclusive); null or absent: valid without end (长期). */
  validUntil?: string | null;
  caseId?: string | null;
  documentId?: string | null;
  /** The licence's own fields (许可范围, 经营场所 …), shown to staff and sharing clients, never publicly. */
  data?: Record<string, unknown>;
  /** The staff member (or department system) issuing; null: the platform itself (视为准予). */
  actor?: Actor | null;
}

export interface IssuedLicence {
  id: string;
  identifier: string;
  licenceNumber: string;
  version: number;
  validFrom: string;
  validUntil: string | null;
}

function eventActor(actor: Actor | null | undefined) {
  if (!actor) return { actor_kind: 'system' as const, actor_id: null, actor_name: '通办平台' };
  return { actor_kind: actor.kind === 'machine' ? ('machine' as const) : ('staff' as const), actor_id: actor.userId, actor_name: actor.displayName };
}

async function licenceNumberFor(trx: Transaction<DB>, issuerCreditCode: string, typeCode: string, today: string): Promise<string> {
  const year = Number(today.slice(0, 4));
  // A number given by hand may already hold a later serial: step over it instead of failing.
  for (let attempt = 0; attempt < 20; attempt++) {
    const number = `${year}${String(await q.nextSerial(trx, issuerCreditCode, typeCode, year)).padStart(6, '0')}`;
    if (!(await numberUsed(trx, typeCode, issuerCreditCode, number))) return number;
  }
  throw rules.numberTaken();
}

async function numberUsed(trx: Transaction<DB>, typeCode: string, issuerCreditCode: string, number: string): Promise<boolean> {
  const row = await trx.selectFrom('licences').select('id').where('licence_type_code', '=', typeCode).where('issuer_credit_code', '=', issuerCreditCode).where('licence_number', '=', number).executeTakeFirst();
  return !!row;
}

function holderName(name: string): string {
  const n = name.normalize('NFKC').trim().replace(/\s+/g, ' ');
  if (n.length < 2 || n.length > 200) throw rules.invalidInput('licence-holder-invalid', '请填写2–200字的持证人姓名或单位名称 (holder.name: 2–200 characters)', [{ name: 'holder.name', reason: '2–200 characters' }]);
  return n;
}

function assertNotOver(validUntil: string | null, today: string): void {
  if (validUntil !== null && validUntil < today) {
    throw rules.invalidInput('licence-validity-invalid', '有效期截止日不能早于今天 (validUntil must not be in the past)', [{ name: 'validUntil', reason: 'before today' }]);
  }
}

/** Issues version 001 of a licence in the caller's transaction. */
export async function issueLicence(trx: Transaction<DB>, deps: LicenceDeps, input: IssueLicenceInput): Promise<IssuedLicence> {
  const today = todayOf(deps);
  const now = clockOf(deps).now();
  const typeCode = input.licenceTypeCode.trim().toUpperCase();
  if (!(await q.licenceTypeName(trx, typeCode))) throw rules.unknownLicenceType(typeCode);
  const org = await q.issuerOrg(trx, input.issuerOrgId);
  if (!org?.credit_code || !validateCreditCode(org.credit_code).valid) throw rules.issuerWithoutCreditCode();
  const issuerCode = org.credit_code.toUpperCase();
  const identity = rules.normalizeHolder(input.holder.kind, input.holder.identity, today);
  const name = holderName(input.holder.name);
  const validFrom = input.validFrom ?? today;
  const validUntil = input.validUntil ?? null;
  rules.assertValidity(validFrom, validUntil);
  assertNotOver(validUntil, today);

  let number: string;
  if (input.licenceNumber !== undefined) {
    number = rules.assertLicenceNumber(input.licenceNumber);
    if (await numberUsed(trx, typeCode, issuerCode, number)) throw rules.numberTaken();
  } else {
    number = await licenceNumberFor(trx, issuerCode, typeCode, today);
  }
  const identifier = buildLicenceId({ licenceTypeCode: typeCode, issuerCreditCode: issuerCode, licenceNumber: number, version: 1 });
  const columns = sensitiveColumns(deps.config);
  const id = randomUUID();
  await trx
    .insertInto('licences')
    .values({
      id,
      licence_type_code: typeCode,
      issuer_org_id: org.id,
      issuer_credit_code: issuerCode,
      issuer_name: org.name,
      licence_number: number,
      version: 1,
      identifier,
      holder_kind: input.holder.kind,
      holder_id_enc: columns.encrypt(identity, HOLDER_CONTEXT),
      holder_hash: columns.hash(identity),
      holder_name: name,
      valid_from: validFrom,
      valid_until: validUntil,
      case_id: input.caseId ?? null,
      document_id: input.documentId ?? null,
      data: JSON.stringify(input.data ?? {}),
      issued_at: now,
      issued_by: input.actor?.userId ?? null,
    })
    .execute();
  await q.appendEvent(trx, { licence_id: id, action: 'issue', from_status: null, to_status: 'active', reason: null, at: now, ...eventActor(input.actor) });
  if (validUntil) await scheduleTimer(trx, { kind: EXPIRY_TIMER, subjectId: id, dueAt: rules.expiryDueAt(validUntil) });
  // The sealed PDF of this version, issued by the job runner right after (document.ts).
  if (!input.documentId) await scheduleTimer(trx, { kind: DOCUMENT_TIMER, subjectId: id, dueAt: now });
  await recordAudit(trx, input.actor ?? null, {
    action: 'licence.issue',
    objectType: 'licence',
    objectId: id,
    orgId: org.id,
    changes: { identifier, licenceTypeCode: typeCode, version: 1, validFrom, validUntil, caseId: input.caseId ?? null },
  });
  return { id, identifier, licenceNumber: number, version: 1, validFrom, validUntil };
}

export interface ReissueLicenceInput {
  /** The current version. */
  licenceId: string;
  reason: string;
  changes: { holderName?: string; validFrom?: string; validUntil?: string | null; data?: Record<string, unknown>; documentId?: string | null };
  /** The change case, when there is one (default: the case of the version replaced). */
  caseId?: string | null;
  actor?: Actor | null;
}

/** A change (变更/换发): the next version with the changes; the replaced version stays readable. */
export async function reissueLicence(trx: Transaction<DB>, deps: LicenceDeps, input: ReissueLicenceInput): Promise<IssuedLicence> {
  const today = todayOf(deps);
  const now = clockOf(deps).now();
  const old = await q.lockLicence(trx, input.licenceId);
  if (!old) throw rules.licenceNotFound();
  rules.assertChangeable(old, today);
  const reason = rules.assertReason(input.reason);
  if (old.version >= 999) throw rules.versionLimit();
  const version = old.version + 1;
  const c = input.changes;
  const validFrom = c.validFrom ?? old.valid_from;
  const validUntil = c.validUntil === undefined ? old.valid_until : c.validUntil;
  rules.assertValidity(validFrom, validUntil);
  assertNotOver(validUntil, today);
  const identifier = buildLicenceId({ licenceTypeCode: old.licence_type_code, issuerCreditCode: old.issuer_credit_code, licenceNumber: old.licence_number, version });
  const id = randomUUID();
  const who = eventActor(input.actor);

  // The replaced version first: the one-current-version index admits the new row only then.
  await trx
    .updateTable('licences')
    .set({ is_current: false, status: 'cancelled', status_reason: rules.SUPERSEDED_REASON(formatVersion(version)), status_changed_at: now, status_changed_by: who.actor_id })
    .where('id', '=', old.id)
    .execute();
  await trx
    .insertInto('licences')
    .values({
      id,
      licence_type_code: old.licence_type_code,
      issuer_org_id: old.issuer_org_id,
      issuer_credit_code: old.issuer_credit_code,
      issuer_name: old.issuer_name,
      licence_number: old.licence_number,
      version,
      identifier,
      holder_kind: old.holder_kind,
      holder_id_enc: old.holder_id_enc,
      holder_hash: old.holder_hash,
      holder_name: c.holderName === undefined ? old.holder_name : holderName(c.holderName),
      valid_from: validFrom,
      valid_until: validUntil,
      previous_id: old.id,
      case_id: input.caseId === undefined ? old.case_id : input.caseId,
      document_id: c.documentId ?? null,
      data: JSON.stringify(c.data ?? old.data),
      issued_at: now,
      issued_by: who.actor_id,
    })
    .execute();
  await q.appendEvent(trx, { licence_id: old.id, action: 'supersede', from_status: 'active', to_status: 'cancelled', reason: rules.SUPERSEDED_REASON(formatVersion(version)), at: now, ...who });
  await q.appendEvent(trx, { licence_id: id, action: 'reissue', from_status: null, to_status: 'active', reason, at: now, ...who });
  await cancelTimer(trx, EXPIRY_TIMER, old.id);
  if (validUntil) await scheduleTimer(trx, { kind: EXPIRY_TIMER, subjectId: id, dueAt: rules.expiryDueAt(validUntil) });
  if (!c.documentId) await scheduleTimer(trx, { kind: DOCUMENT_TIMER, subjectId: id, dueAt: now });
  await recordAudit(trx, input.actor ?? null, {
    action: 'licence.reissue',
    objectType: 'licence',
    objectId: id,
    orgId: old.issuer_org_id,
    changes: { identifier: { before: old.identifier, after: identifier }, version: { before: old.version, after: version }, validUntil: { before: old.valid_until, after: validUntil }, reason },
  });
  return { id, identifier, licenceNumber: old.licence_number, version, validFrom, validUntil };
}

export interface StatusChangeInput {
  licenceId: string;
  reason: string;
  actor?: Actor | null;
}

async function endLicence(trx: Transaction<DB>, deps: LicenceDeps, input: StatusChangeInput, to: 'cancelled' | 'revoked'): Promise<void> {
  const now = clockOf(deps).now();
  const row = await q.lockLicence(trx, input.licenceId);
  if (!row) throw rules.licenceNotFound();
  rules.assertChangeable(row, todayOf(deps));
  const reason = rules.assertReason(input.reason);
  const who = eventActor(input.actor);
  await trx.updateTable('licences').set({ status: to, status_reason: reason, status_changed_at: now, status_changed_by: who.actor_id }).where('id', '=', row.id).execute();
  await q.appendEvent(trx, { licence_id: row.id, action: to === 'cancelled' ? 'cancel' : 'revoke', from_status: 'active', to_status: to, reason, at: now, ...who });
  await cancelTimer(trx, EXPIRY_TIMER, row.id);
  await recordAudit(trx, input.actor ?? null, {
    action: to === 'cancelled' ? 'licence.cancel' : 'licence.revoke',
    objectType: 'licence',
    objectId: row.id,
    orgId: row.issuer_org_id,
    changes: { identifier: row.identifier, status: { before: 'active', after: to }, reason },
  });
}

/** 注销: the licence ends (the holder gave it up, the business closed …). */
export const cancelLicence = (trx: Transaction<DB>, deps: LicenceDeps, input: StatusChangeInput) => endLicence(trx, deps, input, 'cancelled');
/** 吊销: the licence is taken away as a sanction. */
export const revokeLicence = (trx: Transaction<DB>, deps: LicenceDeps, input: StatusChangeInput) => endLicence(trx, deps, input, 'revoked');

/**
 * The expiry timer: a current, active licence whose last valid day has passed becomes 已过期.
 * Idempotent: anything else (already ended, re-issued, not yet due) is left as it is.
 */
export async function expireLicence(trx: Transaction<DB>, deps: LicenceDeps, licenceId: string): Promise<boolean> {
  const row = await q.lockLicence(trx, licenceId);
  if (!row || row.status !== 'active' || !row.is_current || row.valid_until === null) return false;
  if (row.valid_until >= todayOf(deps)) return false;
  const now = clockOf(deps).now();
  await trx.updateTable('licences').set({ status: 'expired', status_reason: rules.EXPIRED_REASON, status_changed_at: now, status_changed_by: null }).where('id', '=', row.id).execute();
  await q.appendEvent(trx, { licence_id: row.id, action: 'expire', from_status: 'active', to_status: 'expired', reason: rules.EXPIRED_REASON, at: now, ...eventActor(null) });
  await recordAudit(trx, null, { action: 'licence.expire', objectType: 'licence', objectId: row.id, orgId: row.issuer_org_id, changes: { identifier: row.identifier, status: { before: 'active', after: 'expired' }, validUntil: row.valid_until } });
  return true;
}

/** Links the sealed PDF of the licence (documents module) once it exists. */
export async function attachLicenceDocument(trx: Transaction<DB>, deps: LicenceDeps, licenceId: string, documentId: string, actor: Actor | null = null): Promise<void> {
  const row = await q.lockLicence(trx, licenceId);
  if (!row) throw rules.licenceNotFound();
  await trx.updateTable('licences').set({ document_id: documentId }).where('id', '=', licenceId).execute();
  await q.appendEvent(trx, { licence_id: licenceId, action: 'attach-document', from_status: row.status, to_status: row.status, reason: null, at: clockOf(deps).now(), ...eventActor(actor) });
}

/** The public verification address of a licence, for its QR code. */
export function licenceVerifyUrl(deps: Pick<AppDeps, 'config'>, identifier: string): string {
  return `${deps.config.publicUrl.replace(/\/$/, '')}/verify/licence/${encodeURIComponent(identifier)}`;
}

export interface HeldLicence {
  id: string;
  identifier: string;
  licenceTypeCode: string;
  typeName: string;
  licenceNumber: string;
  version: number;
  issuerName: string;
  validUntil: string | null;
}

/**
 * The licences of these types the platform holds for the holder (identity hash as in
 * applicants.id_number_hash / credit_code_hash and cases.applicant_id_hash), in force on `today`:
 * a guide material with such a licenceTypeCode is already provided (Art. 10(四), Art. 20).
 */
export async function heldLicencesFor(db: Kysely<DB>, holderHash: string, licenceTypeCodes: readonly string[], today: string = shanghaiDate()): Promise<HeldLicence[]> {
  const rows = await q.activeLicencesOfHolder(db, holderHash, [...new Set(licenceTypeCodes)], today);
  return rows.map((r) => ({
    id: r.id,
    identifier: r.identifier,
    licenceTypeCode: r.licence_type_code,
    typeName: r.type_name,
    licenceNumber: r.licence_number,
    version: r.version,
    issuerName: r.issuer_name,
    validUntil: r.valid_until,
  }));
}

// ——— staff (licences.manage, within scope) ———

/** One licence for presenters: the holder's number decrypted (presenters mask it) and today's status. */
export interface LicenceView {
  row: q.LicenceRow;
  holderIdentity: string;
  status: LicenceStatus;
}

export function viewOf(deps: LicenceDeps, row: q.LicenceRow): LicenceView {
  return { row, holderIdentity: sensitiveColumns(deps.config).decrypt(row.holder_id_enc, HOLDER_CONTEXT), status: rules.effectiveStatus(row, todayOf(deps)) };
}

function assertManager(actor: Actor): void {
  if (!can(actor, 'licences.manage')) throw forbidden();
}

async function inScope(deps: AppDeps, actor: Actor, id: string): Promise<q.LicenceRow> {
  const row = await q.findLicence(deps.db, id);
  if (!row || !row.issuer_path.startsWith(actor.scopePath)) throw rules.licenceNotFound();
  return row;
}

export interface LicenceListQuery {
  holder?: string;
  typeCode?: string;
  status?: LicenceStatus;
  issuerOrgId?: string;
  q?: string;
  allVersions?: boolean;
  cursor?: string;
  limit?: number;
}

export async function listLicences(deps: AppDeps, actor: Actor, query: LicenceListQuery) {
  assertManager(actor);
  const limit = query.limit ?? 50;
  let holderHash: string | undefined;
  if (query.holder) {
    const holder = rules.holderByShape(query.holder, todayOf(deps));
    if (!holder) throw unprocessable('licence-holder-invalid', '持证人证件号码有误 (holder is neither a valid resident ID number nor a credit code)', [{ name: 'querystring.holder', reason: 'invalid' }]);
    holderHash = sensitiveColumns(deps.config).hash(holder.normalized);
  }
  const rows = await q.listLicences(deps.db, {
    scopePath: actor.scopePath,
    holderHash,
    typeCode: query.typeCode?.toUpperCase(),
    status: query.status,
    issuerOrgId: query.issuerOrgId,
    q: query.q?.trim() || undefined,
    allVersions: query.allVersions,
    after: rules.parseCursor(query.cursor),
    limit,
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page.map((r) => viewOf(deps, r)), nextCursor: rows.length > limit && last ? rules.encodeCursor({ at: new Date(last.issued_at), id: last.id }) : null };
}

export async function licenceDetail(deps: AppDeps, actor: Actor, id: string) {
  assertManager(actor);
  const row = await inScope(deps, actor, id);
  const [versions, events] = await Promise.all([q.versionsOf(deps.db, row), q.eventsOf(deps.db, row.id)]);
  return { view: viewOf(deps, row), versions, events };
}

/** Cancel (注销) or revoke (吊销) from the staff API: permission and scope first, one transaction. */
export async function changeLicenceStatus(deps: AppDeps, actor: Actor, id: string, to: 'cancelled' | 'revoked', reason: string) {
  assertManager(actor);
  await inScope(deps, actor, id);
  await deps.db.transaction().execute((trx) => (to === 'cancelled' ? cancelLicence : revokeLicence)(trx, deps, { licenceId: id, reason, actor }));
  return licenceDetail(deps, actor, id);
}

// ——— public verification (核验) ———

export interface Verification {
  parse: LicenceIdParse;
  view: LicenceView | null;
  /** The current version, when this one was replaced. */
  current: { identifier: string; version: number } | null;
  today: string;
}

/** A licence by identifier as anyone may check it: the status as of today. */
export async function verifyLicence(deps: AppDeps, identifier: string): Promise<Verification> {
  const parse = parseLicenceId(identifier);
  const today = todayOf(deps);
  if (!parse.valid) return { parse, view: null, current: null, today };
  const row = await q.findByIdentifier(deps.db, parse.normalized);
  if (!row) return { parse, view: null, current: null, today };
  let current: Verification['current'] = null;
  if (!row.is_current) {
    const latest = (await q.versionsOf(deps.db, row)).find((v) => v.is_current);
    if (latest) current = { identifier: latest.identifier, version: latest.version };
  }
  return { parse, view: viewOf(deps, row), current, today };
}
