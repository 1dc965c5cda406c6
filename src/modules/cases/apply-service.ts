// Application (申请, Art. 16): online by a real-name applicant in the portal, or entered at a window
// by staff with case.accept. The case is bound to the guide version IN FORCE on the day of
// submission (Art. 12) and keeps it whatever is published later; the applicant chooses a situation
// (情形) where the guide has several and supplies exactly that situation's materials — uploaded, on
// paper at the window, or reused from an earlier case of the same holder (一证办理, Art. 20);
// materials the platform obtains by sharing are never asked for, and neither is a material that is
// an e-licence the platform holds for the applicant (Art. 10(四), Art. 20): a guide material with a
// licenceTypeCode of which the holder has a licence in force today is recorded as 'sharing' with
// the licence's id, whatever the guide's source says. Supplying such a material anyway is refused
// (422 naming the entry) rather than silently dropped or kept beside the licence. An applicant the
// guide's 服务对象 does not cover (a person for an item of organizations, or the reverse) is refused
// before anything is written (rules.ts assertGuideServes). The case row, its
// materials, the first history entry, the outbox message and the acceptance timer are written in
// ONE transaction.
//
//   submitApplication(deps, actor, input) → { id, caseNumber }
//   prepareMaterials(trx, deps, ctx, entries)  (also for supplying materials later)
//   heldLicenceMaterials(db, holderHash, materials, today) → materialId → HeldLicence
//   heldLicencesForWindow(deps, actor, query)  (窗口收件: what the clerk need not collect)
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { AppDeps } from '../../app.js';
import type { DB } from '../../db/schema.js';
import { DomainError, forbidden, notFound, unprocessable, type InvalidParam } from '../../http/errors.js';
import { clockOf, todayOf } from '../../lib/clock.js';
import { validateCreditCode } from '../../lib/credit-code.js';
import { validateIdentityNumber } from '../../lib/identity-number.js';
import { shanghaiDate } from '../../lib/shanghai-date.js';
import { isValidDate } from '../../lib/calendar/index.js';
import { sensitiveColumns } from '../../lib/sm-crypto.js';
import { PHONE_PATTERN, realNameSubject } from '../applicants/rules.js';
import { recordAudit } from '../audit/service.js';
import { calendarFor } from '../calendar/service.js';
import type { GuideContent, Material } from '../catalog/guide-content.js';
import * as catalog from '../catalog/queries.js';
import { can, inScope, type Actor } from '../identity/permissions.js';
import { scheduleTimer } from '../jobs/timers.js';
import { heldLicencesFor, type HeldLicence } from '../licences/service.js';
import { enqueueMessages } from '../outbox/service.js';
import { applicantHolderHash, claimFileFor, realNameRequired } from './files.js';
import { CASE_CONTEXTS, caseMessage } from './personal.js';
import { resolveReuse, reusableFor } from './reuse.js';
import { acceptanceDueDate, assertGuideServes, startOfDayAfter } from './rules.js';
import { assertActorMay, recordAction, type CaseActor } from './store.js';

export interface MaterialEntry {
  materialId: string;
  /** A case file uploaded by the applicant (or by the clerk at the window). */
  fileId?: string;
  /** Handed in on paper at the window (staff only). */
  paper?: boolean;
  /** An earlier case material of the same holder (一证办理): its case_materials id. */
  reuseMaterialId?: string;
}

export interface WindowApplicant {
  kind: 'person' | 'enterprise';
  name: string;
  idNumber?: string;
  creditCode?: string;
  phone?: string;
  email?: string;
}

export interface ApplicationInput {
  implementationId: string;
  situationId?: string | null;
  /** Window only: the applicant as the clerk enters it. Online, the signed-in applicant's account. */
  applicant?: WindowApplicant;
  /** Online only: where to send e-mail (the account's phone gets SMS). */
  email?: string;
  materials: MaterialEntry[];
  /** A renewal (延续) of a licence that has not yet expired: deemed granted if undecided at expiry. */
  renewal?: { licenceNumber: string; expiresOn: string };
}

export interface PreparedMaterial {
  materialId: string;
  name: string;
  source: 'upload' | 'reuse' | 'sharing' | 'paper';
  fileId: string | null;
  reusedFromCaseId: string | null;
  /** The e-licence the platform holds that stands for the material (source 'sharing'). */
  licenceId?: string | null;
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;

const invalid = (code: string, detail: string, params: InvalidParam[]) => unprocessable(code, detail, params);
/** The last licence expiry a renewal may name: the last year the working-day calendar takes (PUT /api/calendar/years/:year). */
const LAST_EXPIRY = '2100-12-31';

/** The guide's materials of a situation (all materials when the guide has no situations), in guide order. */
export function materialsOfSituation(content: GuideContent, situationId: string | null): Material[] {
  if (!situationId) return content.materials;
  const situation = content.situations.find((s) => s.id === situationId);
  if (!situation) return [];
  const ids = new Set(situation.materialIds);
  return content.materials.filter((m) => ids.has(m.id));
}

/**
 * The situation an application is for: required (and one of the guide's) when the guide has
 * several, the only one when it has one, none when it has none.
 */
export function resolveSituation(content: GuideContent, given: string | null | undefined, field = 'body.situationId'): { id: string; name: string } | null {
  const situations = content.situations ?? [];
  if (situations.length === 0) {
    if (given) throw invalid('situation-not-in-guide', `该事项没有办理情形，不应选择情形 (this guide has no situations: ${field} must be empty)`, [{ name: field, reason: 'the guide has no situations' }]);
    return null;
  }
  if (!given) {
    if (situations.length === 1) return { id: situations[0].id, name: situations[0].name };
    throw invalid('situation-required', `请选择办理情形：${situations.map((s) => s.name).join('、')} (choose the situation: ${field} is required)`, [
      { name: field, reason: `one of ${situations.map((s) => s.id).join(', ')}` },
    ]);
  }
  const found = situations.find((s) => s.id === given);
  if (!found) throw invalid('situation-not-in-guide', `办理情形不在办事指南中 (${field} is not a situation of the guide)`, [{ name: field, reason: `one of ${situations.map((s) => s.id).join(', ')}` }]);
  return { id: found.id, name: found.name };
}

/** A guide material's e-licence type code as the licences table keys it. */
const licenceTypeOf = (m: Pick<Material, 'licenceTypeCode'>): string | null => m.licenceTypeCode?.trim().toUpperCase() || null;

/**
 * The e-licences in force on `today` that the platform holds for the holder (same identity hash)
 * and that stand for guide materials, by material id. Any guide source counts: an 'applicant'
 * material that is a licence the platform holds must not be demanded. Of several licences of one
 * type in force, the one issued last.
 */
export async function heldLicenceMaterials(db: Kysely<DB>, holderHash: string, materials: readonly Material[], today: string): Promise<Map<string, HeldLicence>> {
  const found = new Map<string, HeldLicence>();
  const codes = materials.map(licenceTypeOf).filter((c): c is string => c !== null);
  if (codes.length === 0) return found;
  // Newest first within a type (licences/queries.ts activeLicencesOfHolder).
  const held = await heldLicencesFor(db, holderHash, codes, today);
  for (const material of materials) {
    const code = licenceTypeOf(material);
    const licence = code ? held.find((h) => h.licenceTypeCode === code) : undefined;
    if (licence) found.set(material.id, licence);
  }
  return found;
}

export interface MaterialContext {
  /** The materials of the chosen situation. */
  guideMaterials: readonly Material[];
  holderHash: string;
  channel: 'online' | 'window';
  /** The clerk entering materials at the window (may use their own pending uploads). */
  staffUserId: string | null;
  /** Every required material the applicant supplies must be present (submission); false when supplying some. */
  requireAll: boolean;
  /** Field prefix of the entries in messages, e.g. 'body.materials'. */
  field?: string;
}

/**
 * Validates the materials given against the guide (nothing outside the chosen situation, Art. 8),
 * checks files and reuse belong to the holder (claiming a clerk's pending uploads), and returns the
 * rows to insert — with one 'sharing' row for each material the platform obtains itself when
 * requireAll: a held e-licence (with its licence id) or a material the guide says is shared.
 * Every problem is reported at once, 422, each naming its field.
 */
export async function prepareMaterials(trx: Transaction<DB>, deps: Pick<AppDeps, 'config' | 'clock'>, ctx: MaterialContext, entries: readonly MaterialEntry[]): Promise<PreparedMaterial[]> {
  const field = ctx.field ?? 'body.materials';
  const byId = new Map(ctx.guideMaterials.map((m) => [m.id, m]));
  const problems: InvalidParam[] = [];
  const seen = new Set<string>();
  const prepared: PreparedMaterial[] = [];
  // Only an application takes held licences: a later supply gives exactly what staff listed.
  const held = ctx.requireAll ? await heldLicenceMaterials(trx, ctx.holderHash, ctx.guideMaterials, todayOf(deps)) : new Map<string, HeldLicence>();
  for (const [i, entry] of entries.entries()) {
    const at = `${field}.${i}`;
    const material = byId.get(entry.materialId);
    if (!material) {
      problems.push({ name: `${at}.materialId`, reason: `材料“${entry.materialId}”不在办事指南（所选情形）中 (not a material of the guide for the chosen situation)` });
      continue;
    }
    if (seen.has(material.id)) {
      problems.push({ name: `${at}.materialId`, reason: `材料“${material.name}”重复提交 (given twice)` });
      continue;
    }
    seen.add(material.id);
    const licence = held.get(material.id);
    if (licence) {
      problems.push({
        name: `${at}.materialId`,
        reason: `“${material.name}”已由平台调取电子证照（${licence.typeName}，编号 ${licence.licenceNumber}），无需提交 (the platform holds this licence for the applicant: do not supply it)`,
      });
      continue;
    }
    if (material.source === 'sharing') {
      problems.push({ name: `${at}.materialId`, reason: `“${material.name}”由平台通过数据共享获取，无需提交 (obtained by the platform through data sharing: do not supply it)` });
      continue;
    }
    const ways = [entry.fileId !== undefined, entry.paper === true, entry.reuseMaterialId !== undefined].filter(Boolean).length;
    if (ways !== 1) {
      problems.push({ name: at, reason: '每项材料应且只应给出 fileId、paper 或 reuseMaterialId 之一 (give exactly one of fileId, paper, reuseMaterialId)' });
      continue;
    }
    if (entry.paper) {
      if (ctx.channel !== 'window') {
        problems.push({ name: `${at}.paper`, reason: '网上申请请上传电子材料 (online applications upload files; paper is handed in at a window)' });
        continue;
      }
      prepared.push({ materialId: material.id, name: material.name, source: 'paper', fileId: null, reusedFromCaseId: null });
    } else if (entry.fileId !== undefined) {
      if (!(await claimFileFor(trx, deps, entry.fileId, ctx.holderHash, ctx.staffUserId))) {
        problems.push({ name: `${at}.fileId`, reason: '文件不存在或不属于该申请人 (no such file of this applicant)' });
        continue;
      }
      prepared.push({ materialId: material.id, name: material.name, source: 'upload', fileId: entry.fileId, reusedFromCaseId: null });
    } else {
      const reused = await resolveReuse(trx, ctx.holderHash, entry.reuseMaterialId!, material);
      if (!reused) {
        problems.push({ name: `${at}.reuseMaterialId`, reason: '没有可复用的该申请人同名材料 (no earlier material of this applicant that can stand for it)' });
        continue;
      }
      prepared.push({ materialId: material.id, name: material.name, source: 'reuse', fileId: reused.fileId, reusedFromCaseId: reused.fromCaseId });
    }
  }
  if (ctx.requireAll) {
    for (const material of ctx.guideMaterials) {
      const licence = held.get(material.id);
      if (licence) {
        prepared.push({ materialId: material.id, name: material.name, source: 'sharing', fileId: null, reusedFromCaseId: null, licenceId: licence.id });
      } else if (material.source === 'sharing') {
        prepared.push({ materialId: material.id, name: material.name, source: 'sharing', fileId: null, reusedFromCaseId: null });
      } else if (material.required && !seen.has(material.id)) {
        problems.push({ name: field, reason: `缺少必要材料“${material.name}”(${material.id}) (required material missing)` });
      }
    }
  }
  if (problems.length) {
    const missing = problems.filter((p) => p.name === field).length;
    const detail =
      missing === problems.length
        ? `申请材料不齐全：${problems.map((p) => p.reason.split(' (')[0]).join('；')} (required materials are missing)`
        : `申请材料有误：${[...new Set(problems.map((p) => p.name))].join(', ')} (materials do not match the guide)`;
    throw invalid(missing === problems.length ? 'materials-missing' : 'materials-invalid', detail, problems);
  }
  return prepared;
}

/** Inserts prepared material rows for a case. */
export async function insertMaterials(trx: Transaction<DB>, caseId: string, rows: readonly PreparedMaterial[], at: Date): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto('case_materials')
    .values(
      rows.map((m) => ({
        id: randomUUID(),
        case_id: caseId,
        material_id: m.materialId,
        name: m.name,
        source: m.source,
        file_id: m.fileId,
        reused_from_case_id: m.reusedFromCaseId,
        licence_id: m.licenceId ?? null,
        status: 'submitted' as const,
        note: null,
        created_at: at,
      })),
    )
    .execute();
}

interface Identity {
  kind: 'person' | 'enterprise';
  name: string;
  identity: string;
  phone: string | null;
  email: string | null;
  applicantId: string | null;
}

/** The signed-in applicant's real-name identity; 403 when the account is not verified. */
async function onlineIdentity(deps: AppDeps, applicantId: string, email: string | undefined): Promise<Identity> {
  const row = await deps.db.selectFrom('applicants').selectAll().where('id', '=', applicantId).executeTakeFirst();
  if (!row || !row.kind || !row.name || !row.real_name_verified_at) throw realNameRequired();
  const columns = sensitiveColumns(deps.config);
  const identity = row.kind === 'person' ? columns.decrypt(row.id_number_enc, 'applicants.id_number') : row.credit_code;
  if (!identity) throw realNameRequired();
  if (email !== undefined && !EMAIL.test(email)) throw invalid('email-invalid', '电子邮箱格式不正确 (body.email is not an e-mail address)', [{ name: 'body.email', reason: 'not an e-mail address' }]);
  return { kind: row.kind, name: row.name, identity, phone: columns.decrypt(row.phone_enc, 'applicants.phone'), email: email ?? null, applicantId: row.id };
}

/** The applicant as a clerk enters it, checked (GB 11643 / GB 32100), and linked to a verified account of the same identity. */
async function windowIdentity(deps: AppDeps, given: WindowApplicant | undefined): Promise<Identity> {
  if (!given) throw invalid('applicant-required', '请填写申请人信息 (body.applicant is required at the window)', [{ name: 'body.applicant', reason: 'required' }]);
  let subject: ReturnType<typeof realNameSubject>;
  try {
    subject = realNameSubject({ kind: given.kind, name: given.name, idNumber: given.idNumber, creditCode: given.creditCode });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const params = error.invalidParams.map((p) => ({ ...p, name: p.name.replace(/^body\./, 'body.applicant.') }));
    throw invalid('applicant-invalid', `申请人信息有误：${[...new Set(params.map((p) => p.name))].join(', ')} (invalid applicant details)`, params);
  }
  const problems: InvalidParam[] = [];
  if (given.phone !== undefined && !new RegExp(PHONE_PATTERN).test(given.phone)) problems.push({ name: 'body.applicant.phone', reason: '应为 11 位手机号 (11-digit mobile number)' });
  if (given.email !== undefined && !EMAIL.test(given.email)) problems.push({ name: 'body.applicant.email', reason: '电子邮箱格式不正确 (not an e-mail address)' });
  if (problems.length) throw invalid('applicant-invalid', `申请人信息有误：${problems.map((p) => p.name).join(', ')} (invalid applicant details)`, problems);
  const identity = subject.kind === 'person' ? subject.idNumber : subject.creditCode;
  const hash = sensitiveColumns(deps.config).hash(identity);
  // The applicant's own portal account, when they have one: the case then shows in 我的办件 too.
  const account = await deps.db
    .selectFrom('applicants')
    .select('id')
    .where(subject.kind === 'person' ? 'id_number_hash' : 'credit_code_hash', '=', hash)
    .where('real_name_verified_at', 'is not', null)
    .executeTakeFirst();
  return { kind: subject.kind, name: subject.name, identity, phone: given.phone ?? null, email: given.email ?? null, applicantId: account?.id ?? null };
}

/** Submits an application; returns the new case's id and number. */
export async function submitApplication(deps: AppDeps, actor: CaseActor, input: ApplicationInput): Promise<{ id: string; caseNumber: string }> {
  const channel = actor.kind === 'applicant' ? 'online' : 'window';
  if (channel === 'window') {
    if (!actor.staff || !can(actor.staff, 'case.accept')) throw forbidden('您的角色不能受理申请 (forbidden: case.accept is required)');
  } else if (!actor.applicantId) {
    throw forbidden('仅申请人本人可以网上申请 (forbidden: online applications are made by the applicant)');
  }
  const now = clockOf(deps).now();
  const today = shanghaiDate(now);

  const implementation = await catalog.findImplementation(deps.db, input.implementationId);
  if (!implementation) throw notFound('implementation-not-found', '事项实施清单不存在 (no such implementation: body.implementationId)');
  if (implementation.status !== 'active' || implementation.item_status !== 'active') {
    throw invalid('item-not-in-catalog', '该事项不在现行事项目录中，不能申请 (the item is not in the current catalog)', [{ name: 'body.implementationId', reason: 'retired' }]);
  }
  if (actor.staff && !inScope(actor.staff, implementation.org_path)) {
    throw forbidden('该事项不由您所在机构办理 (forbidden: the implementing organization is outside your scope)');
  }
  const version = (await catalog.versionsInForce(deps.db, [implementation.id], today)).get(implementation.id);
  if (!version) {
    throw invalid('no-guide-in-force', `该事项没有现行有效的办事指南，暂不能申请 (no published guide in force on ${today})`, [{ name: 'body.implementationId', reason: 'no guide in force' }]);
  }
  const content = version.content;
  if (channel === 'online' && !content.handlingForms.includes('online')) {
    throw invalid('online-not-offered', '该事项不支持网上办理，请到窗口申请 (this item is not handled online)', [{ name: 'body.implementationId', reason: 'not handled online' }]);
  }
  const situation = resolveSituation(content, input.situationId);
  const guideMaterials = materialsOfSituation(content, situation?.id ?? null);

  const who = channel === 'online' ? await onlineIdentity(deps, actor.applicantId!, input.email) : await windowIdentity(deps, input.applicant);
  const columns = sensitiveColumns(deps.config);
  const holderHash = columns.hash(who.identity);
  if (channel === 'online' && holderHash !== (await applicantHolderHash(deps.db, actor.applicantId!))) throw realNameRequired();
  // 服务对象 (Art. 9): online the applicant is the signed-in account (no body field); at the window
  // it is the kind the clerk entered.
  assertGuideServes(content.serviceObjects, who, channel === 'online' ? 'applicant.kind' : 'body.applicant.kind');

  if (input.renewal) {
    const { expiresOn, licenceNumber } = input.renewal;
    // A renewal's expiry schedules the deemed-renewal timer for the day after: a date past the
    // calendar's last year (2100) is no real licence's, and 9999-12-31 has no day after (was a 500).
    if (!isValidDate(expiresOn) || expiresOn > LAST_EXPIRY) {
      throw invalid('renewal-invalid', `证照有效期截止日期无效，应为 ${LAST_EXPIRY} 之前的日期 (body.renewal.expiresOn is not a date up to ${LAST_EXPIRY})`, [{ name: 'body.renewal.expiresOn', reason: 'YYYY-MM-DD' }]);
    }
    if (expiresOn < today) {
      throw invalid('licence-expired', `证照已于 ${expiresOn} 到期，不能申请延续，请申请新办 (the licence expired on ${expiresOn}: apply anew)`, [{ name: 'body.renewal.expiresOn', reason: 'already expired' }]);
    }
    if (!licenceNumber.trim()) throw invalid('renewal-invalid', '请填写原证照编号 (body.renewal.licenceNumber is required)', [{ name: 'body.renewal.licenceNumber', reason: 'required' }]);
  }

  const calendar = await calendarFor(deps.db);
  const acceptanceDueOn = acceptanceDueDate(calendar, today);
  const id = randomUUID();

  return deps.db.transaction().execute(async (trx) => {
    const materials = await prepareMaterials(trx, deps, { guideMaterials, holderHash, channel, staffUserId: actor.staff?.userId ?? null, requireAll: true }, input.materials);
    const inserted = await trx
      .insertInto('cases')
      .values({
        id,
        // TB + date + the next number of the sequence, six digits at least.
        case_number: sql<string>`${`TB${today.replaceAll('-', '')}`} || lpad(nextval('case_number_seq')::text, 6, '0')`,
        item_id: implementation.item_id,
        implementation_id: implementation.id,
        guide_version_id: version.id,
        org_id: implementation.org_id,
        channel,
        applicant_id: who.applicantId,
        applicant_kind: who.kind,
        applicant_name: who.name,
        applicant_id_enc: columns.encrypt(who.identity, CASE_CONTEXTS.identity),
        applicant_id_hash: holderHash,
        phone_enc: columns.encrypt(who.phone, CASE_CONTEXTS.phone),
        email_enc: columns.encrypt(who.email, CASE_CONTEXTS.email),
        situation_id: situation?.id ?? null,
        state: 'submitted',
        submitted_at: now,
        submitted_on: today,
        acceptance_due_on: acceptanceDueOn,
        promised_days: content.promisedLimit.days,
        promised_unit: content.promisedLimit.unit,
        is_renewal: !!input.renewal,
        licence_number: input.renewal?.licenceNumber.trim() ?? null,
        licence_expires_on: input.renewal?.expiresOn ?? null,
        action_count: 0,
        created_by: actor.staff?.userId ?? null,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const caseNumber = inserted.case_number;
    await insertMaterials(trx, id, materials, now);
    // Inserted in this transaction: the row is ours until commit, no lock to take.
    const created = { ...inserted, org_path: implementation.org_path, org_name: implementation.org_name, item_name: implementation.item_name };
    assertActorMay(created, 'submit', actor);
    const row = await recordAction(trx, created, 'submit', actor, {
      at: now,
      details: {
        channel,
        guideVersionNo: version.version_no,
        situationId: situation?.id ?? null,
        situationName: situation?.name ?? null,
        materials: materials.map((m) => ({ materialId: m.materialId, source: m.source, ...(m.licenceId ? { licenceId: m.licenceId } : {}) })),
        ...(input.renewal ? { renewal: { licenceNumber: input.renewal.licenceNumber.trim(), expiresOn: input.renewal.expiresOn } } : {}),
      },
    });
    await enqueueMessages(trx, deps, caseMessage(deps, row, { itemName: implementation.item_name, orgName: implementation.org_name }, 'case.submitted', `case:${id}:submitted`));
    await scheduleTimer(trx, { kind: 'case.acceptance-due', subjectId: id, dueAt: startOfDayAfter(acceptanceDueOn) });
    if (input.renewal) await scheduleTimer(trx, { kind: 'case.renewal-expiry', subjectId: id, dueAt: startOfDayAfter(input.renewal.expiresOn) });
    if (actor.staff) {
      await recordAudit(trx, actor.staff, {
        action: 'case.submit',
        objectType: 'case',
        objectId: id,
        orgId: implementation.org_id,
        changes: { caseNumber, channel, implementationId: implementation.id, guideVersionId: version.id, materials: materials.length },
      });
    }
    return { id, caseNumber };
  });
}

/** The materials of the guide in force today of an implementation, for the chosen situation (querystring). */
async function situationMaterialsInForce(deps: AppDeps, implementationId: string, situationId: string | undefined) {
  const implementation = await catalog.findImplementation(deps.db, implementationId);
  if (!implementation) throw notFound('implementation-not-found', '事项实施清单不存在 (no such implementation: querystring.implementationId)');
  const today = todayOf(deps);
  const version = (await catalog.versionsInForce(deps.db, [implementation.id], today)).get(implementation.id);
  if (!version) {
    throw invalid('no-guide-in-force', `该事项没有现行有效的办事指南 (no published guide in force on ${today})`, [{ name: 'querystring.implementationId', reason: 'no guide in force' }]);
  }
  const situation = resolveSituation(version.content, situationId, 'querystring.situationId');
  return { implementation, today, materials: materialsOfSituation(version.content, situation?.id ?? null) };
}

/**
 * 一证办理 offers for the signed-in applicant: for the guide in force today of an implementation
 * (and the chosen situation), the earlier materials of the same identity that can be reused —
 * none for a material the platform holds as an e-licence (it is not asked for at all).
 */
export async function reusableOffers(deps: AppDeps, applicantId: string, input: { implementationId: string; situationId?: string }) {
  const holderHash = await applicantHolderHash(deps.db, applicantId);
  const { materials, today } = await situationMaterialsInForce(deps, input.implementationId, input.situationId);
  const held = await heldLicenceMaterials(deps.db, holderHash, materials, today);
  return reusableFor(
    deps.db,
    holderHash,
    materials.filter((m) => !held.has(m.id)),
  );
}

export interface HeldLicencesQuery {
  implementationId: string;
  situationId?: string;
  kind: 'person' | 'enterprise';
  idNumber?: string;
  creditCode?: string;
}

/** The identity number or credit code of a query, checked (GB 11643 / GB 32100) and normalized as licences store it. */
function queriedIdentity(q: HeldLicencesQuery, today: string): string {
  const problems: InvalidParam[] = [];
  if (q.kind === 'person') {
    if (q.creditCode) problems.push({ name: 'querystring.creditCode', reason: '自然人不填统一社会信用代码 (a person gives no credit code)' });
    if (!q.idNumber) problems.push({ name: 'querystring.idNumber', reason: '请填写身份证号码 (required)' });
    else {
      const r = validateIdentityNumber(q.idNumber, today);
      if (r.valid && !problems.length) return r.normalized;
      for (const e of r.errors) problems.push({ name: 'querystring.idNumber', reason: e.message });
    }
  } else {
    if (q.idNumber) problems.push({ name: 'querystring.idNumber', reason: '企业不填身份证号码 (an enterprise gives no identity number)' });
    if (!q.creditCode) problems.push({ name: 'querystring.creditCode', reason: '请填写统一社会信用代码 (required)' });
    else {
      const code = q.creditCode.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
      const r = validateCreditCode(code);
      if (r.valid && !problems.length) return code;
      for (const e of r.errors) problems.push({ name: 'querystring.creditCode', reason: e.message });
    }
  }
  throw invalid('applicant-invalid', `申请人证件号码有误：${[...new Set(problems.map((p) => p.name))].join(', ')} (invalid identity number or credit code)`, problems);
}

/**
 * 窗口收件: the guide materials of an implementation in the clerk's scope that the platform holds as
 * e-licences for the applicant now, so the clerk neither collects nor scans them. The same rule
 * submitApplication applies.
 */
export async function heldLicencesForWindow(deps: AppDeps, actor: Actor, query: HeldLicencesQuery): Promise<{ materialId: string; materialName: string; licence: HeldLicence }[]> {
  if (!can(actor, 'case.accept')) throw forbidden('您的角色不能受理申请 (forbidden: case.accept is required)');
  const { implementation, materials, today } = await situationMaterialsInForce(deps, query.implementationId, query.situationId);
  if (!inScope(actor, implementation.org_path)) throw forbidden('该事项不由您所在机构办理 (forbidden: the implementing organization is outside your scope)');
  const holderHash = sensitiveColumns(deps.config).hash(queriedIdentity(query, today));
  const held = await heldLicenceMaterials(deps.db, holderHash, materials, today);
  return materials.flatMap((m) => {
    const licence = held.get(m.id);
    return licence ? [{ materialId: m.id, materialName: m.name, licence }] : [];
  });
}
