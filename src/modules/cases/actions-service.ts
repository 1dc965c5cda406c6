// The actions on a case after its submission (Art. 16–19): acceptance decisions (受理, 一次性告知
// 补齐补正, 容缺受理, 不予受理), the supply of materials, the clock (pause, resume, extend), review and
// decision (准予 / 不予), delivery and phone follow-ups. Every action is ONE transaction:
//   lockCase → assertActorMay (404 outside the organization, 403 wrong role) → assertVersion (409
//   case-changed) → assertState (409 case-wrong-state) → the action's own checks → recordAction →
//   side effects (notices, materials, pauses/extensions, due date, timers, outbox) → recordAudit.
// Anything thrown (a year without holiday data, a bad item) rolls the whole action back.
//
// Chosen behaviour (documented for the workbench and the tests):
// - A decision (grant/refuse) is refused while the clock is paused (409 case-paused): the pause's
//   end is a legal fact the reviewer records with `resume` first. Deemed renewal and the ended
//   tolerant case close an open pause themselves (the platform acts at a fixed instant).
// - A grant is refused while a tolerant-acceptance correction is outstanding (409
//   case-correction-pending); a refusal is allowed and withdraws the outstanding list.
// - When the clerk issues a supplement notice or accepts tolerantly, every material present and
//   not on the list is marked accepted: a later supplement notice can then never ask for it again.
import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { AppDeps } from '../../app.js';
import type { DB } from '../../db/schema.js';
import { conflict, unprocessable, type InvalidParam } from '../../http/errors.js';
import type { WorkingCalendar } from '../../lib/calendar/index.js';
import { clockOf } from '../../lib/clock.js';
import { shanghaiDate } from '../../lib/shanghai-date.js';
import { recordAudit } from '../audit/service.js';
import type { GuideContent, Material } from '../catalog/guide-content.js';
import { guideContentOf } from '../catalog/published-content.js';
import { cancelTimer, cancelTimers, scheduleTimer } from '../jobs/timers.js';
import { enqueueMessages } from '../outbox/service.js';
import type { ActionBody, ListItem, MaterialEntryInput, StaffAction, WithdrawInput } from './action-schema.js';
import { PAUSE_KIND_NAMES } from './action-schema.js';
import { insertMaterials, materialsOfSituation, prepareMaterials } from './apply-service.js';
import { caseCalendar, computeCaseClock } from './clock-service.js';
import { countNotices, issueNotice, latestNotice, type NoticeContent, type NoticeItem } from './notices.js';
import { applicantCaseLink, caseMessage, decryptCasePersonal } from './personal.js';
import { issueLicence } from '../licences/service.js';
import { acceptanceDueDate, startOfDayAfter, type CaseAction } from './rules.js';
import { assertActorMay, assertState, assertVersion, lockCase, recordAction, type CaseActor, type CaseRow } from './store.js';

export const TIMER_KINDS = {
  acceptanceDue: 'case.acceptance-due',
  supplementDue: 'case.supplement-due',
  tolerantDue: 'case.tolerant-due',
  renewalExpiry: 'case.renewal-expiry',
} as const;

/** What an action needs besides the locked row: the guide it was applied under, today's date. */
export interface ActionContext {
  deps: AppDeps;
  trx: Transaction<DB>;
  row: CaseRow;
  actor: CaseActor;
  now: Date;
  today: string;
  calendar: WorkingCalendar;
  itemName: string;
  guide: GuideContent;
  /** The materials of the case's chosen situation (all the guide's when it has none). */
  guideMaterials: Material[];
}

export async function actionContext(deps: AppDeps, trx: Transaction<DB>, row: CaseRow, actor: CaseActor, calendar: WorkingCalendar): Promise<ActionContext> {
  const now = clockOf(deps).now();
  const guide = await guideContentOf(trx, row.guide_version_id);
  return {
    deps,
    trx,
    row,
    actor,
    now,
    today: shanghaiDate(now),
    calendar,
    itemName: row.item_name,
    guide,
    guideMaterials: materialsOfSituation(guide, row.situation_id),
  };
}

// ——— shared steps ———

/** Sends the applicant the message of this action on every channel the case has (outbox, in trx). */
async function notify(ctx: ActionContext, after: CaseRow, templateKey: string, extra: Record<string, string> = {}): Promise<void> {
  const message = caseMessage(ctx.deps, after, { itemName: ctx.itemName, orgName: after.org_name }, templateKey, `case:${after.id}:${after.action_count}:${templateKey}`, extra);
  await enqueueMessages(ctx.trx, ctx.deps, message);
}

/** The audit record of the action: staff as themselves, applicants and the platform as 'system'. Last write. */
async function audit(ctx: ActionContext, action: CaseAction, before: CaseRow, after: CaseRow, changes: Record<string, unknown> = {}): Promise<void> {
  await recordAudit(ctx.trx, ctx.actor.staff ?? null, {
    action: `case.${action}`,
    objectType: 'case',
    objectId: before.id,
    orgId: before.org_id,
    changes: {
      caseNumber: before.case_number,
      ...(before.state === after.state ? {} : { state: { before: before.state, after: after.state } }),
      ...(ctx.actor.kind === 'staff' || ctx.actor.kind === 'machine' ? {} : { by: ctx.actor.kind, actorId: ctx.actor.id }),
      ...changes,
    },
  });
}

function header(ctx: ActionContext) {
  return {
    caseNumber: ctx.row.case_number,
    itemName: ctx.itemName,
    orgName: ctx.row.org_name,
    applicantName: ctx.row.applicant_name,
    issuedOn: ctx.today,
    link: applicantCaseLink(ctx.deps, ctx.row.id),
  };
}

async function notice(ctx: ActionContext, content: NoticeContent, deadlineOn: string | null = null) {
  return issueNotice(ctx.trx, { caseId: ctx.row.id, content, deadlineOn, issuedBy: ctx.actor.id, at: ctx.now });
}

/** "一、营业执照：说明\n二、…" for messages. */
const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
export function itemsText(items: readonly NoticeItem[]): string {
  return items.map((item, i) => `${NUMERALS[i] ?? String(i + 1)}、${item.name}${item.note ? `：${item.note}` : ''}`).join('\n');
}

const fieldError = (code: string, detail: string, params: InvalidParam[]) => unprocessable(code, detail, params);

/** A date the caller gives must lie within [min, max]. */
function assertDateWithin(value: string, field: string, min: string | null, max: string | null, what: string): void {
  if (min && value < min) throw fieldError('date-out-of-range', `${what}不能早于 ${min} (${field} must not be before ${min})`, [{ name: field, reason: `≥ ${min}` }]);
  if (max && value > max) throw fieldError('date-out-of-range', `${what}不能晚于 ${max} (${field} must not be after ${max})`, [{ name: field, reason: `≤ ${max}` }]);
}

// ——— the supplement / tolerant list (Art. 8, Art. 16) ———

interface CurrentMaterial {
  id: string;
  material_id: string;
  status: 'submitted' | 'accepted' | 'to-correct';
}

async function currentMaterials(trx: Transaction<DB>, caseId: string): Promise<CurrentMaterial[]> {
  return trx.selectFrom('case_materials').select(['id', 'material_id', 'status']).where('case_id', '=', caseId).where('superseded_at', 'is', null).execute();
}

/**
 * Checks a list of items (supplement notice or tolerant acceptance) against the guide and what the
 * case holds; pure. Each item must be a material of the chosen situation (Art. 8: nothing beyond the
 * guide can be demanded), given once, and not a material already present and accepted (a later
 * notice may not ask again for what was accepted). Every problem is reported at once.
 */
export function checkListItems(
  items: readonly ListItem[],
  guideMaterials: readonly Pick<Material, 'id' | 'name' | 'source'>[],
  present: readonly Pick<CurrentMaterial, 'material_id' | 'status'>[],
): { items: NoticeItem[]; problems: InvalidParam[]; code: 'material-not-in-guide' | 'material-already-accepted' | 'items-invalid' | null } {
  const byId = new Map(guideMaterials.map((m) => [m.id, m]));
  const accepted = new Set(present.filter((m) => m.status === 'accepted').map((m) => m.material_id));
  const problems: InvalidParam[] = [];
  const codes = new Set<string>();
  const seen = new Set<string>();
  const out: NoticeItem[] = [];
  items.forEach((item, i) => {
    const field = `body.items.${i}.materialId`;
    const material = byId.get(item.materialId);
    if (!material) {
      codes.add('material-not-in-guide');
      problems.push({ name: field, reason: `“${item.materialId}”不是办事指南（所选情形）中的材料，不能要求提交 (not a material of the guide for the case's situation, Art. 8)` });
      return;
    }
    if (seen.has(material.id)) {
      codes.add('items-invalid');
      problems.push({ name: field, reason: `“${material.name}”重复列出 (listed twice)` });
      return;
    }
    seen.add(material.id);
    if (accepted.has(material.id)) {
      codes.add('material-already-accepted');
      problems.push({ name: field, reason: `“${material.name}”已经提交并确认，不能再次要求提交 (already present and accepted: it cannot be asked for again)` });
      return;
    }
    if (material.source === 'sharing') {
      codes.add('items-invalid');
      problems.push({ name: field, reason: `“${material.name}”由平台通过数据共享获取，不能要求申请人提交 (obtained by data sharing: never asked of the applicant)` });
      return;
    }
    out.push({ materialId: material.id, name: material.name, note: item.note.trim() });
  });
  const code = codes.size === 0 ? null : codes.size === 1 ? ([...codes][0] as 'material-not-in-guide' | 'material-already-accepted' | 'items-invalid') : 'items-invalid';
  return { items: out, problems, code };
}

async function validatedList(ctx: ActionContext, items: readonly ListItem[], deadlineOn: string): Promise<NoticeItem[]> {
  const present = await currentMaterials(ctx.trx, ctx.row.id);
  const checked = checkListItems(items, ctx.guideMaterials, present);
  if (checked.code) {
    const names = [...new Set(checked.problems.map((p) => p.name))].join(', ');
    const zh =
      checked.code === 'material-not-in-guide'
        ? '只能要求提交办事指南所列的材料'
        : checked.code === 'material-already-accepted'
          ? '不能再次要求已提交并确认的材料'
          : '材料清单有误';
    throw fieldError(checked.code, `${zh}：${names} (${names})`, checked.problems);
  }
  assertDateWithin(deadlineOn, 'body.deadlineOn', ctx.today, null, '期限');
  return checked.items;
}

/** Listed materials present → to-correct with the note; everything else present → accepted. */
async function markMaterials(ctx: ActionContext, listed: readonly NoticeItem[]): Promise<void> {
  let accepted = ctx.trx.updateTable('case_materials').set({ status: 'accepted' }).where('case_id', '=', ctx.row.id).where('superseded_at', 'is', null);
  if (listed.length) accepted = accepted.where('material_id', 'not in', listed.map((i) => i.materialId));
  await accepted.execute();
  if (listed.length === 0) return;
  const notes = sql.join(listed.map((i) => sql`(${i.materialId}::text, ${i.note || null}::text)`));
  await sql`update case_materials m set status = 'to-correct', note = v.note
    from (values ${notes}) as v(material_id, note)
    where m.case_id = ${ctx.row.id} and m.superseded_at is null and m.material_id = v.material_id`.execute(ctx.trx);
}

/**
 * The materials supplied against a list (supplement notice or tolerant list): each must be on the
 * list, and every item of the list must be supplied (the one-time notice is answered at once).
 * The new rows replace the listed ones; the old rows are kept, superseded.
 */
async function replaceListed(ctx: ActionContext, listed: readonly NoticeItem[], entries: readonly MaterialEntryInput[]): Promise<{ materialId: string; source: string }[]> {
  const wanted = new Set(listed.map((i) => i.materialId));
  const problems: InvalidParam[] = [];
  entries.forEach((e, i) => {
    if (!wanted.has(e.materialId)) {
      problems.push({ name: `body.materials.${i}.materialId`, reason: `“${e.materialId}”不在告知的材料清单中 (not on the list the applicant was asked for)` });
    }
  });
  const given = new Set(entries.map((e) => e.materialId));
  for (const item of listed) {
    if (!given.has(item.materialId)) problems.push({ name: 'body.materials', reason: `缺少告知清单中的“${item.name}”(${item.materialId}) (listed material not supplied)` });
  }
  if (problems.length) {
    throw fieldError('materials-not-as-listed', `所交材料与告知清单不一致：${[...new Set(problems.map((p) => p.name))].join(', ')} (the materials must be exactly those listed)`, problems);
  }
  const holder = ctx.row.applicant_id_hash;
  const prepared = await prepareMaterials(
    ctx.trx,
    ctx.deps,
    {
      guideMaterials: ctx.guideMaterials,
      holderHash: holder,
      channel: ctx.actor.kind === 'applicant' ? 'online' : 'window',
      staffUserId: ctx.actor.staff?.userId ?? null,
      requireAll: false,
    },
    entries,
  );
  await ctx.trx
    .updateTable('case_materials')
    .set({ superseded_at: ctx.now })
    .where('case_id', '=', ctx.row.id)
    .where('superseded_at', 'is', null)
    .where(
      'material_id',
      'in',
      prepared.map((m) => m.materialId),
    )
    .execute();
  await insertMaterials(ctx.trx, ctx.row.id, prepared, ctx.now);
  return prepared.map((m) => ({ materialId: m.materialId, source: m.source }));
}

// ——— the actions ———

type Handler<A extends StaffAction> = (ctx: ActionContext, body: ActionBody<A>) => Promise<void>;

const accept: Handler<'accept'> = async (ctx) => {
  const before = ctx.row;
  await markMaterials(ctx, []);
  const clock = await computeCaseClock(ctx.trx, ctx.calendar, before, ctx.today, ctx.today);
  const after = await recordAction(ctx.trx, before, 'accept', ctx.actor, {
    at: ctx.now,
    details: { acceptedOn: ctx.today, dueOn: clock.dueOn },
    patch: { accepted_at: ctx.now, accepted_on: ctx.today, due_on: clock.dueOn, extension_days: clock.extensionDays, paused_since: null, supplement_deadline_on: null },
  });
  const receipt = await notice(ctx, { ...header(ctx), kind: 'acceptance-receipt', acceptedOn: ctx.today, dueOn: clock.dueOn, promised: { days: before.promised_days, unit: before.promised_unit }, consultationPhone: ctx.guide.consultation?.phone ?? null, tolerant: false });
  await cancelTimer(ctx.trx, TIMER_KINDS.acceptanceDue, before.id);
  await notify(ctx, after, 'case.accepted', { dueOn: clock.dueOn });
  await audit(ctx, 'accept', before, after, { dueOn: clock.dueOn, notice: receipt.number });
};

const acceptTolerant: Handler<'accept-tolerant'> = async (ctx, body) => {
  const before = ctx.row;
  const items = await validatedList(ctx, body.items, body.deadlineOn);
  await markMaterials(ctx, items);
  const clock = await computeCaseClock(ctx.trx, ctx.calendar, before, ctx.today, ctx.today);
  const after = await recordAction(ctx.trx, before, 'accept-tolerant', ctx.actor, {
    at: ctx.now,
    details: { acceptedOn: ctx.today, dueOn: clock.dueOn, deadlineOn: body.deadlineOn, items },
    patch: {
      accepted_at: ctx.now,
      accepted_on: ctx.today,
      due_on: clock.dueOn,
      extension_days: clock.extensionDays,
      paused_since: null,
      supplement_deadline_on: null,
      tolerant_deadline_on: body.deadlineOn,
    },
  });
  const receipt = await notice(ctx, { ...header(ctx), kind: 'acceptance-receipt', acceptedOn: ctx.today, dueOn: clock.dueOn, promised: { days: before.promised_days, unit: before.promised_unit }, consultationPhone: ctx.guide.consultation?.phone ?? null, tolerant: true });
  const list = await notice(ctx, { ...header(ctx), kind: 'tolerant', items, deadlineOn: body.deadlineOn }, body.deadlineOn);
  await cancelTimer(ctx.trx, TIMER_KINDS.acceptanceDue, before.id);
  await scheduleTimer(ctx.trx, { kind: TIMER_KINDS.tolerantDue, subjectId: before.id, dueAt: startOfDayAfter(body.deadlineOn), payload: { deadlineOn: body.deadlineOn } });
  await notify(ctx, after, 'case.accepted-tolerant', { dueOn: clock.dueOn, deadline: body.deadlineOn, items: itemsText(items) });
  await audit(ctx, 'accept-tolerant', before, after, { dueOn: clock.dueOn, deadlineOn: body.deadlineOn, items: items.map((i) => i.materialId), notices: [receipt.number, list.number] });
};

const requestSupplement: Handler<'request-supplement'> = async (ctx, body) => {
  const before = ctx.row;
  const items = await validatedList(ctx, body.items, body.deadlineOn);
  await markMaterials(ctx, items);
  const round = (await countNotices(ctx.trx, before.id, 'supplement')) + 1;
  const after = await recordAction(ctx.trx, before, 'request-supplement', ctx.actor, {
    at: ctx.now,
    details: { round, deadlineOn: body.deadlineOn, items },
    patch: { supplement_deadline_on: body.deadlineOn },
  });
  const issued = await notice(ctx, { ...header(ctx), kind: 'supplement', round, items, deadlineOn: body.deadlineOn }, body.deadlineOn);
  // The one-working-day answer has been given; the applicant's deadline runs now.
  await cancelTimer(ctx.trx, TIMER_KINDS.acceptanceDue, before.id);
  await scheduleTimer(ctx.trx, { kind: TIMER_KINDS.supplementDue, subjectId: before.id, dueAt: startOfDayAfter(body.deadlineOn), payload: { deadlineOn: body.deadlineOn } });
  await notify(ctx, after, 'case.supplement-requested', { deadline: body.deadlineOn, items: itemsText(items) });
  await audit(ctx, 'request-supplement', before, after, { round, deadlineOn: body.deadlineOn, items: items.map((i) => i.materialId), notice: issued.number });
};

const supply: Handler<'supply'> = async (ctx, body) => {
  const before = ctx.row;
  const listed = await latestNotice(ctx.trx, before.id, 'supplement');
  if (!listed || listed.content.kind !== 'supplement') throw conflict('no-supplement-pending', '该办件没有待补齐补正的告知 (no supplement notice is pending)');
  const supplied = await replaceListed(ctx, listed.content.items, body.materials);
  // A new one-working-day acceptance period starts with the supply.
  const acceptanceDueOn = acceptanceDueDate(ctx.calendar, ctx.today);
  const after = await recordAction(ctx.trx, before, 'supply', ctx.actor, {
    at: ctx.now,
    details: { notice: listed.number, materials: supplied, acceptanceDueOn },
    patch: { acceptance_due_on: acceptanceDueOn, acceptance_overdue_at: null, supplement_deadline_on: null },
  });
  await cancelTimer(ctx.trx, TIMER_KINDS.supplementDue, before.id);
  await scheduleTimer(ctx.trx, { kind: TIMER_KINDS.acceptanceDue, subjectId: before.id, dueAt: startOfDayAfter(acceptanceDueOn) });
  await notify(ctx, after, 'case.supplied');
  await audit(ctx, 'supply', before, after, { notice: listed.number, materials: supplied.map((m) => m.materialId), acceptanceDueOn });
};

const supplyCorrection: Handler<'supply-correction'> = async (ctx, body) => {
  const before = ctx.row;
  const listed = await latestNotice(ctx.trx, before.id, 'tolerant');
  if (!before.tolerant_deadline_on || !listed || listed.content.kind !== 'tolerant') {
    throw conflict('no-correction-pending', '该办件没有待容缺补正的材料 (no tolerant-acceptance correction is pending)');
  }
  const supplied = await replaceListed(ctx, listed.content.items, body.materials);
  const after = await recordAction(ctx.trx, before, 'supply-correction', ctx.actor, {
    at: ctx.now,
    details: { notice: listed.number, materials: supplied },
    patch: { tolerant_deadline_on: null },
  });
  await cancelTimer(ctx.trx, TIMER_KINDS.tolerantDue, before.id);
  await audit(ctx, 'supply-correction', before, after, { notice: listed.number, materials: supplied.map((m) => m.materialId) });
};

const refuseAcceptance: Handler<'refuse-acceptance'> = async (ctx, body) => {
  const before = ctx.row;
  const after = await recordAction(ctx.trx, before, 'refuse-acceptance', ctx.actor, {
    at: ctx.now,
    details: { reasons: body.reasons, legalBasis: body.legalBasis, contact: body.contact },
    patch: { ended_at: ctx.now, end_reason: body.reasons, supplement_deadline_on: null },
  });
  const issued = await notice(ctx, { ...header(ctx), kind: 'not-accepted', reasons: body.reasons, legalBasis: body.legalBasis, contact: body.contact });
  await cancelTimers(ctx.trx, [TIMER_KINDS.acceptanceDue, TIMER_KINDS.supplementDue, TIMER_KINDS.renewalExpiry], before.id);
  await notify(ctx, after, 'case.not-accepted', { reasons: body.reasons });
  await audit(ctx, 'refuse-acceptance', before, after, { notice: issued.number });
};

async function openPause(trx: Transaction<DB>, caseId: string) {
  return trx.selectFrom('case_pauses').selectAll().where('case_id', '=', caseId).where('ended_on', 'is', null).executeTakeFirst();
}

const pause: Handler<'pause'> = async (ctx, body) => {
  const before = ctx.row;
  if (await openPause(ctx.trx, before.id)) throw conflict('case-already-paused', '办理时限已处于暂停状态，请先恢复计时 (the clock is already paused)');
  const startedOn = body.startedOn ?? ctx.today;
  const last = await ctx.trx.selectFrom('case_pauses').select((eb) => eb.fn.max('ended_on').as('end')).where('case_id', '=', before.id).executeTakeFirst();
  // A pause lies within the running clock: not before acceptance, not overlapping an earlier one, not in the future.
  const earliest = [before.accepted_on, last?.end ?? null].filter((d): d is string => !!d).sort().pop() ?? null;
  assertDateWithin(startedOn, 'body.startedOn', earliest, ctx.today, '暂停开始日期');
  await ctx.trx
    .insertInto('case_pauses')
    .values({ id: randomUUID(), case_id: before.id, kind: body.kind, reason: body.reason, started_on: startedOn, ended_on: null, started_by: ctx.actor.id, created_at: ctx.now })
    .execute();
  const clock = await computeCaseClock(ctx.trx, ctx.calendar, before, ctx.today);
  const after = await recordAction(ctx.trx, before, 'pause', ctx.actor, {
    at: ctx.now,
    details: { kind: body.kind, kindName: PAUSE_KIND_NAMES[body.kind], reason: body.reason, startedOn },
    patch: { due_on: clock.dueOn, paused_since: clock.pausedSince },
  });
  await notify(ctx, after, 'case.paused', { reasons: `${PAUSE_KIND_NAMES[body.kind]}：${body.reason}` });
  await audit(ctx, 'pause', before, after, { kind: body.kind, startedOn });
};

const resume: Handler<'resume'> = async (ctx, body) => {
  const before = ctx.row;
  const open = await openPause(ctx.trx, before.id);
  if (!open) throw conflict('case-not-paused', '办理时限没有暂停，无需恢复 (the clock is not paused)');
  const endedOn = body.endedOn ?? ctx.today;
  assertDateWithin(endedOn, 'body.endedOn', open.started_on, ctx.today, '恢复计时日期');
  await ctx.trx.updateTable('case_pauses').set({ ended_on: endedOn, ended_by: ctx.actor.id }).where('id', '=', open.id).execute();
  const clock = await computeCaseClock(ctx.trx, ctx.calendar, before, ctx.today);
  const after = await recordAction(ctx.trx, before, 'resume', ctx.actor, {
    at: ctx.now,
    details: { pauseId: open.id, kind: open.kind, startedOn: open.started_on, endedOn, dueOn: clock.dueOn },
    patch: { due_on: clock.dueOn, paused_since: clock.pausedSince },
  });
  await notify(ctx, after, 'case.resumed', { dueOn: clock.dueOn });
  await audit(ctx, 'resume', before, after, { startedOn: open.started_on, endedOn, dueOn: { before: before.due_on, after: clock.dueOn } });
};

const extend: Handler<'extend'> = async (ctx, body) => {
  const before = ctx.row;
  await ctx.trx
    .insertInto('case_extensions')
    .values({ id: randomUUID(), case_id: before.id, days: body.days, reason: body.reason, granted_on: ctx.today, granted_by: ctx.actor.id, created_at: ctx.now })
    .execute();
  const clock = await computeCaseClock(ctx.trx, ctx.calendar, before, ctx.today);
  const after = await recordAction(ctx.trx, before, 'extend', ctx.actor, {
    at: ctx.now,
    details: { days: body.days, reason: body.reason, dueOn: clock.dueOn },
    patch: { due_on: clock.dueOn, extension_days: clock.extensionDays },
  });
  await notify(ctx, after, 'case.extended', { dueOn: clock.dueOn, reasons: body.reason });
  await audit(ctx, 'extend', before, after, { days: body.days, dueOn: { before: before.due_on, after: clock.dueOn } });
};

const completeReview: Handler<'complete-review'> = async (ctx, body) => {
  const before = ctx.row;
  const after = await recordAction(ctx.trx, before, 'complete-review', ctx.actor, { at: ctx.now, details: { opinion: body.opinion } });
  await audit(ctx, 'complete-review', before, after);
};

function assertNotPaused(row: CaseRow): void {
  if (row.paused_since) {
    throw conflict('case-paused', `办理时限自 ${row.paused_since} 起暂停，请先恢复计时再作决定 (the clock is paused since ${row.paused_since}: resume it before deciding)`);
  }
}

const grant: Handler<'grant'> = async (ctx, body) => {
  const before = ctx.row;
  assertNotPaused(before);
  if (before.tolerant_deadline_on) {
    throw conflict('case-correction-pending', `容缺受理的材料尚未补正（期限 ${before.tolerant_deadline_on}），不能作出准予决定 (the tolerant-acceptance correction is still outstanding)`);
  }
  const after = await recordAction(ctx.trx, before, 'grant', ctx.actor, {
    at: ctx.now,
    details: { opinion: body.opinion ?? null, resultForms: body.resultForms },
    patch: { decision: 'granted', decided_at: ctx.now },
  });
  const issued = await notice(ctx, { ...header(ctx), kind: 'granted', opinion: body.opinion?.trim() || null, resultForms: body.resultForms, resultName: ctx.guide.result?.name ?? null, decidedOn: ctx.today });
  const licence = await issueResultLicence(ctx, body.licenceValidUntil ?? null);
  await cancelTimer(ctx.trx, TIMER_KINDS.renewalExpiry, before.id);
  await notify(ctx, after, 'case.granted');
  await audit(ctx, 'grant', before, after, { resultForms: body.resultForms, notice: issued.number, ...(licence ? { licence: licence.identifier } : {}) });
};

/**
 * A granted item whose result is a licence (结果类型：证照) of a registered licence type issues the
 * electronic licence (Art. 27) to the applicant in the same transaction: holder, type, issuer,
 * number, validity and the national identifier. Other results issue none.
 */
async function issueResultLicence(ctx: ActionContext, validUntil: string | null) {
  const result = ctx.guide.result;
  if (result?.kind !== 'licence' || !result.licenceTypeCode) return null;
  const registered = await ctx.trx.selectFrom('licence_types').select('code').where('code', '=', result.licenceTypeCode.trim().toUpperCase()).executeTakeFirst();
  if (!registered) return null;
  const holder = decryptCasePersonal(ctx.deps, ctx.row);
  if (!holder.identity) return null;
  return issueLicence(ctx.trx, ctx.deps, {
    licenceTypeCode: registered.code,
    issuerOrgId: ctx.row.org_id,
    holder: { kind: ctx.row.applicant_kind, identity: holder.identity, name: holder.name },
    validUntil,
    caseId: ctx.row.id,
    data: { itemName: ctx.itemName, resultName: result.name, caseNumber: ctx.row.case_number },
    actor: ctx.actor.staff ?? null,
  });
}

const refuse: Handler<'refuse'> = async (ctx, body) => {
  const before = ctx.row;
  assertNotPaused(before);
  const after = await recordAction(ctx.trx, before, 'refuse', ctx.actor, {
    at: ctx.now,
    details: { reasons: body.reasons, legalBasis: body.legalBasis ?? null, contactPerson: body.contactPerson, contactPhone: body.contactPhone, orgName: before.org_name },
    patch: { decision: 'refused', decided_at: ctx.now, tolerant_deadline_on: null },
  });
  const issued = await notice(ctx, {
    ...header(ctx),
    kind: 'refused',
    reasons: body.reasons,
    legalBasis: body.legalBasis?.trim() || null,
    contactPerson: body.contactPerson,
    contactPhone: body.contactPhone,
    decidedOn: ctx.today,
  });
  await cancelTimers(ctx.trx, [TIMER_KINDS.renewalExpiry, TIMER_KINDS.tolerantDue], before.id);
  await notify(ctx, after, 'case.refused', { reasons: body.reasons });
  await audit(ctx, 'refuse', before, after, { notice: issued.number });
};

const deliver: Handler<'deliver'> = async (ctx, body) => {
  const before = ctx.row;
  if (body.method === 'mail') {
    const missing: InvalidParam[] = [];
    if (!body.carrier) missing.push({ name: 'body.carrier', reason: '邮寄送达须填写寄递企业 (required for mail)' });
    if (!body.trackingNumber) missing.push({ name: 'body.trackingNumber', reason: '邮寄送达须填写运单号 (required for mail)' });
    if (missing.length) throw fieldError('mail-details-required', `邮寄送达须填写寄递企业和运单号：${missing.map((m) => m.name).join(', ')} (carrier and tracking number are required for mail)`, missing);
  } else if (body.carrier || body.trackingNumber) {
    throw fieldError('mail-details-unexpected', '仅邮寄送达填写寄递企业和运单号 (carrier and trackingNumber are for mail only)', [{ name: body.carrier ? 'body.carrier' : 'body.trackingNumber', reason: 'mail only' }]);
  }
  const details = { method: body.method, ...(body.method === 'mail' ? { carrier: body.carrier, trackingNumber: body.trackingNumber } : {}) };
  const after = await recordAction(ctx.trx, before, 'deliver', ctx.actor, {
    at: ctx.now,
    details,
    patch: { delivery_method: body.method, delivered_at: ctx.now },
  });
  await notify(ctx, after, 'case.delivered');
  await audit(ctx, 'deliver', before, after, details);
};

const phoneFollowUp: Handler<'phone-follow-up'> = async (ctx, body) => {
  const before = ctx.row;
  const after = await recordAction(ctx.trx, before, 'phone-follow-up', ctx.actor, { at: ctx.now, details: { note: body.note } });
  await audit(ctx, 'phone-follow-up', before, after);
};

const HANDLERS: { [A in StaffAction]: Handler<A> } = {
  'request-supplement': requestSupplement,
  supply,
  accept,
  'accept-tolerant': acceptTolerant,
  'supply-correction': supplyCorrection,
  'refuse-acceptance': refuseAcceptance,
  pause,
  resume,
  extend,
  'complete-review': completeReview,
  grant,
  refuse,
  deliver,
  'phone-follow-up': phoneFollowUp,
};

/**
 * Takes an action on a case as staff (or, for supply and supply-correction, as its applicant) in
 * one transaction. Returns nothing: the caller loads the case as the viewer sees it now.
 */
export async function takeAction<A extends StaffAction>(deps: AppDeps, actor: CaseActor, caseId: string, action: A, body: ActionBody<A>): Promise<void> {
  // Read before the transaction: on the embedded database a query outside an open transaction waits for it.
  const calendar = await caseCalendar(deps);
  await deps.db.transaction().execute(async (trx) => {
    const row = await lockCase(trx, caseId);
    assertActorMay(row, action, actor);
    assertVersion(row, body.version);
    assertState(row, action);
    const ctx = await actionContext(deps, trx, row, actor, calendar);
    await (HANDLERS[action] as Handler<A>)(ctx, body);
  });
}

/**
 * The applicant withdraws the application (撤回) before a decision: every deadline of the case is
 * cancelled, an open pause ends today, the applicant is told.
 */
export async function withdrawCase(deps: AppDeps, actor: CaseActor, caseId: string, body: WithdrawInput): Promise<void> {
  const calendar = await caseCalendar(deps);
  await deps.db.transaction().execute(async (trx) => {
    const before = await lockCase(trx, caseId);
    assertActorMay(before, 'withdraw', actor);
    assertVersion(before, body.version);
    assertState(before, 'withdraw');
    const ctx = await actionContext(deps, trx, before, actor, calendar);
    const reason = body.reason?.trim() || '申请人撤回申请';
    const open = await openPause(trx, before.id);
    if (open) await trx.updateTable('case_pauses').set({ ended_on: open.started_on > ctx.today ? open.started_on : ctx.today, ended_by: actor.id }).where('id', '=', open.id).execute();
    const after = await recordAction(trx, before, 'withdraw', actor, {
      at: ctx.now,
      details: { reason },
      patch: { ended_at: ctx.now, end_reason: reason, paused_since: null, supplement_deadline_on: null, tolerant_deadline_on: null },
    });
    await cancelTimers(trx, Object.values(TIMER_KINDS), before.id);
    await notify(ctx, after, 'case.withdrawn', { reasons: reason });
    await audit(ctx, 'withdraw', before, after, { reason });
  });
}
