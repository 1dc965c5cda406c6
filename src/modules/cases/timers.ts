// What the platform does by itself when a case's timer falls due (the job runner calls these in the
// transaction that marks the timer fired; a throw rolls back and the timer is retried):
//   case.acceptance-due  → flag-acceptance-overdue (the supervisors' overdue list shows it)
//   case.supplement-due  → lapse-supplement: withdrawn, the applicant told
//   case.tolerant-due    → end-tolerant-missed: ended as not granted with the reason, the applicant told
//   case.renewal-expiry  → deem-renewal: 视为准予延续 (Art. 17(四)), recorded, the applicant told
//   case.notice-seal     → the notice issued as a sealed, signed PDF (documents, Art. 26)
// Each handler re-reads the locked case and does nothing when the deadline no longer applies (the
// case moved on, the deadline was answered or replaced): a timer that fires late, twice or after
// a restart never acts on a case it no longer concerns.
import type { AppDeps } from '../../app.js';
import type { DB } from '../../db/schema.js';
import type { Transaction } from 'kysely';
import type { TimerHandler } from '../jobs/timers.js';
import { cancelTimer } from '../jobs/timers.js';
import { recordAudit } from '../audit/service.js';
import { enqueueMessages } from '../outbox/service.js';
import { actionContext, TIMER_KINDS, type ActionContext } from './actions-service.js';
import { caseCalendarIn, computeCaseClock } from './clock-service.js';
import { issueNotice, NOTICE_SEAL_TIMER, sealNotice } from './notices.js';
import { applicantCaseLink, caseMessage } from './personal.js';
import { allowedIn, startOfDayAfter, type CaseAction, type CaseState } from './rules.js';
import { lockCase, recordAction, SYSTEM_ACTOR, type CaseRow } from './store.js';

async function systemContext(deps: AppDeps, trx: Transaction<DB>, caseId: string): Promise<ActionContext | null> {
  const exists = await trx.selectFrom('cases').select('id').where('id', '=', caseId).executeTakeFirst();
  if (!exists) return null;
  const row = await lockCase(trx, caseId);
  return actionContext(deps, trx, row, SYSTEM_ACTOR, await caseCalendarIn(trx));
}

/** Whether the instant has come for a date-based deadline (the day after it, Beijing time). */
const isPast = (ctx: ActionContext, date: string | null): date is string => !!date && ctx.now.getTime() >= startOfDayAfter(date).getTime();

async function tell(ctx: ActionContext, after: CaseRow, templateKey: string, extra: Record<string, string> = {}): Promise<void> {
  await enqueueMessages(ctx.trx, ctx.deps, caseMessage(ctx.deps, after, { itemName: ctx.itemName, orgName: after.org_name }, templateKey, `case:${after.id}:${after.action_count}:${templateKey}`, extra));
}

async function auditSystem(ctx: ActionContext, action: CaseAction, before: CaseRow, after: CaseRow, changes: Record<string, unknown> = {}): Promise<void> {
  await recordAudit(ctx.trx, null, {
    action: `case.${action}`,
    objectType: 'case',
    objectId: before.id,
    orgId: before.org_id,
    changes: { caseNumber: before.case_number, by: 'system', ...(before.state === after.state ? {} : { state: { before: before.state, after: after.state } }), ...changes },
  });
}

/** Closes an open pause on the day the platform acts (the case leaves the running clock). */
async function closeOpenPause(ctx: ActionContext): Promise<string | null> {
  const open = await ctx.trx.selectFrom('case_pauses').select(['id', 'started_on']).where('case_id', '=', ctx.row.id).where('ended_on', 'is', null).executeTakeFirst();
  if (!open) return null;
  const endedOn = ctx.today < open.started_on ? open.started_on : ctx.today;
  await ctx.trx.updateTable('case_pauses').set({ ended_on: endedOn, ended_by: null }).where('id', '=', open.id).execute();
  return endedOn;
}

const acceptanceDue: TimerHandler = async (deps, trx, timer) => {
  const ctx = await systemContext(deps, trx, timer.subjectId);
  if (!ctx) return;
  const row = ctx.row;
  // Only an application still waiting for the acceptance decision, past its (current) due date.
  if (row.state !== 'submitted' || row.acceptance_overdue_at || !isPast(ctx, row.acceptance_due_on)) return;
  const after = await recordAction(trx, row, 'flag-acceptance-overdue', SYSTEM_ACTOR, {
    at: ctx.now,
    details: { acceptanceDueOn: row.acceptance_due_on },
    patch: { acceptance_overdue_at: ctx.now },
  });
  await auditSystem(ctx, 'flag-acceptance-overdue', row, after, { acceptanceDueOn: row.acceptance_due_on });
};

const supplementDue: TimerHandler = async (deps, trx, timer) => {
  const ctx = await systemContext(deps, trx, timer.subjectId);
  if (!ctx) return;
  const row = ctx.row;
  if (row.state !== 'awaiting-supplement' || !isPast(ctx, row.supplement_deadline_on)) return;
  const reason = `逾期未补齐补正（期限 ${row.supplement_deadline_on}），视为撤回申请`;
  const after = await recordAction(trx, row, 'lapse-supplement', SYSTEM_ACTOR, {
    at: ctx.now,
    details: { deadlineOn: row.supplement_deadline_on, reason },
    patch: { ended_at: ctx.now, end_reason: reason },
  });
  for (const kind of [TIMER_KINDS.acceptanceDue, TIMER_KINDS.renewalExpiry]) await cancelTimer(trx, kind, row.id);
  await tell(ctx, after, 'case.lapsed-supplement', { deadline: row.supplement_deadline_on!, reasons: reason });
  await auditSystem(ctx, 'lapse-supplement', row, after, { deadlineOn: row.supplement_deadline_on });
};

const tolerantDue: TimerHandler = async (deps, trx, timer) => {
  const ctx = await systemContext(deps, trx, timer.subjectId);
  if (!ctx) return;
  const row = ctx.row;
  if (!allowedIn('end-tolerant-missed', row.state as CaseState) || !isPast(ctx, row.tolerant_deadline_on)) return;
  const reason = `容缺受理后逾期未补正（期限 ${row.tolerant_deadline_on}），终止办理，不予许可`;
  const pauseEnded = await closeOpenPause(ctx);
  const after = await recordAction(trx, row, 'end-tolerant-missed', SYSTEM_ACTOR, {
    at: ctx.now,
    details: { deadlineOn: row.tolerant_deadline_on, reason, ...(pauseEnded ? { pauseEndedOn: pauseEnded } : {}) },
    patch: { ended_at: ctx.now, end_reason: reason, paused_since: null },
  });
  await cancelTimer(trx, TIMER_KINDS.renewalExpiry, row.id);
  await tell(ctx, after, 'case.ended-tolerant-missed', { deadline: row.tolerant_deadline_on!, reasons: reason });
  await auditSystem(ctx, 'end-tolerant-missed', row, after, { deadlineOn: row.tolerant_deadline_on });
};

const renewalExpiry: TimerHandler = async (deps, trx, timer) => {
  const ctx = await systemContext(deps, trx, timer.subjectId);
  if (!ctx) return;
  const row = ctx.row;
  // Decided earlier (or ended, withdrawn, not accepted): nothing to deem.
  if (!row.is_renewal || row.decision || !allowedIn('deem-renewal', row.state as CaseState) || !isPast(ctx, row.licence_expires_on)) return;
  const pauseEnded = await closeOpenPause(ctx);
  // An accepted case keeps its clock columns in step: the closed pause moves the due date.
  const clock = row.accepted_on && pauseEnded ? await computeCaseClock(trx, ctx.calendar, row, ctx.today) : null;
  const after = await recordAction(trx, row, 'deem-renewal', SYSTEM_ACTOR, {
    at: ctx.now,
    details: { licenceNumber: row.licence_number, licenceExpiresOn: row.licence_expires_on, recordedAs: '视为准予延续', ...(pauseEnded ? { pauseEndedOn: pauseEnded } : {}) },
    patch: {
      decision: 'deemed-granted',
      decided_at: ctx.now,
      paused_since: null,
      supplement_deadline_on: null,
      tolerant_deadline_on: null,
      ...(clock ? { due_on: clock.dueOn } : {}),
    },
  });
  const issued = await issueNotice(trx, {
    caseId: row.id,
    content: {
      kind: 'deemed-renewal',
      caseNumber: row.case_number,
      itemName: ctx.itemName,
      orgName: row.org_name,
      applicantName: row.applicant_name,
      issuedOn: ctx.today,
      link: applicantCaseLink(deps, row.id),
      licenceNumber: row.licence_number,
      licenceExpiresOn: row.licence_expires_on,
      deemedOn: ctx.today,
    },
    issuedBy: null,
    at: ctx.now,
  });
  for (const kind of [TIMER_KINDS.acceptanceDue, TIMER_KINDS.supplementDue, TIMER_KINDS.tolerantDue]) await cancelTimer(trx, kind, row.id);
  await tell(ctx, after, 'case.deemed-renewed');
  await auditSystem(ctx, 'deem-renewal', row, after, { notice: issued.number, licenceExpiresOn: row.licence_expires_on });
};

/** The case timers by kind; src/modules/jobs/registry.ts hands them to the job runner. */
export const caseTimerHandlers: Record<string, TimerHandler> = {
  [TIMER_KINDS.acceptanceDue]: acceptanceDue,
  [TIMER_KINDS.supplementDue]: supplementDue,
  [TIMER_KINDS.tolerantDue]: tolerantDue,
  [TIMER_KINDS.renewalExpiry]: renewalExpiry,
  // Every notice is sealed right after the action that issued it (see notices.ts sealNotice).
  [NOTICE_SEAL_TIMER]: async (deps, trx, timer) => {
    await sealNotice(trx, deps, timer.subjectId);
  },
};
