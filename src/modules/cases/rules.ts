// The case state machine and its clock, as pure functions: which action moves a case from which
// state to which, who may take it, who may apply at all (the guide's 服务对象), and when a case is
// due. The services apply these inside one transaction; the tests exercise them directly and
// through the API.
import { unprocessable } from '../../http/errors.js';
import { addCalendarDays, calendarDaysBetween, type WorkingCalendar } from '../../lib/calendar/index.js';
import type { GuideContent } from '../catalog/guide-content.js';
import type { Permission } from '../identity/permissions.js';
import { SERVICE_OBJECT_NAMES } from '../portal/labels.js';

export const CASE_STATES = [
  'submitted', // 待受理: an application waits for the acceptance decision (one working day)
  'awaiting-supplement', // 待补齐补正: the one-time supplement notice is out
  'under-review', // 审查中: accepted, the promised limit runs (pauses excepted)
  'awaiting-decision', // 待决定: review done, the decider decides
  'granted', // 准予 (or deemed granted), result to be delivered
  'refused', // 不予 decision, to be delivered
  'delivered', // 已办结送达
  'not-accepted', // 不予受理
  'ended', // 终止: e.g. the tolerant-acceptance correction did not come in time
  'withdrawn', // 撤回 (by the applicant, or the supplement deadline passed)
] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const STATE_NAMES: Record<CaseState, string> = {
  submitted: '待受理',
  'awaiting-supplement': '待补齐补正',
  'under-review': '审查中',
  'awaiting-decision': '待决定',
  granted: '准予（待送达）',
  refused: '不予（待送达）',
  delivered: '已办结',
  'not-accepted': '不予受理',
  ended: '已终止',
  withdrawn: '已撤回',
};

/** States in which the promised limit runs (the workbench colours these). */
export const RUNNING_STATES: readonly CaseState[] = ['under-review', 'awaiting-decision'];
/** States waiting for the acceptance decision. */
export const ACCEPTANCE_STATES: readonly CaseState[] = ['submitted', 'awaiting-supplement'];
/** States nobody acts on any more. */
export const FINAL_STATES: readonly CaseState[] = ['delivered', 'not-accepted', 'ended', 'withdrawn'];
export const OPEN_STATES: readonly CaseState[] = CASE_STATES.filter((s) => !FINAL_STATES.includes(s));

export type ActorKind = 'staff' | 'applicant' | 'system' | 'machine';

interface ActionRule {
  name: string;
  /** States the action may be taken in. */
  from: readonly CaseState[] | 'any-open' | 'any';
  /** The state after the action; 'same' leaves it where it is. */
  to: CaseState | 'same';
  /** Who takes it: staff need the permission; applicants act on their own cases; system = timers. */
  by: ActorKind[];
  permission?: Permission;
}

export const CASE_ACTIONS = {
  submit: { name: '提交申请', from: [], to: 'submitted', by: ['applicant', 'staff'], permission: 'case.accept' },
  'request-supplement': { name: '一次性告知补齐补正', from: ['submitted'], to: 'awaiting-supplement', by: ['staff'], permission: 'case.accept' },
  supply: { name: '补齐补正材料', from: ['awaiting-supplement'], to: 'submitted', by: ['applicant', 'staff'], permission: 'case.accept' },
  accept: { name: '受理', from: ['submitted'], to: 'under-review', by: ['staff'], permission: 'case.accept' },
  'accept-tolerant': { name: '容缺受理', from: ['submitted'], to: 'under-review', by: ['staff'], permission: 'case.accept' },
  'supply-correction': { name: '容缺补正', from: ['under-review', 'awaiting-decision'], to: 'same', by: ['applicant', 'staff'], permission: 'case.accept' },
  'refuse-acceptance': { name: '不予受理', from: ['submitted', 'awaiting-supplement'], to: 'not-accepted', by: ['staff'], permission: 'case.accept' },
  'flag-acceptance-overdue': { name: '受理逾期预警', from: ['submitted'], to: 'same', by: ['system'] },
  'lapse-supplement': { name: '逾期未补正，视为撤回', from: ['awaiting-supplement'], to: 'withdrawn', by: ['system'] },
  pause: { name: '暂停计时', from: ['under-review', 'awaiting-decision'], to: 'same', by: ['staff'], permission: 'case.review' },
  resume: { name: '恢复计时', from: ['under-review', 'awaiting-decision'], to: 'same', by: ['staff'], permission: 'case.review' },
  extend: { name: '延长办理时限', from: ['under-review', 'awaiting-decision'], to: 'same', by: ['staff'], permission: 'case.decide' },
  'complete-review': { name: '审查完成', from: ['under-review'], to: 'awaiting-decision', by: ['staff'], permission: 'case.review' },
  grant: { name: '准予', from: ['under-review', 'awaiting-decision'], to: 'granted', by: ['staff'], permission: 'case.decide' },
  refuse: { name: '不予', from: ['under-review', 'awaiting-decision'], to: 'refused', by: ['staff'], permission: 'case.decide' },
  'deem-renewal': { name: '视为准予延续', from: ['submitted', 'awaiting-supplement', 'under-review', 'awaiting-decision'], to: 'granted', by: ['system'] },
  'end-tolerant-missed': { name: '容缺逾期未补正，终止办理', from: ['under-review', 'awaiting-decision'], to: 'ended', by: ['system'] },
  deliver: { name: '送达', from: ['granted', 'refused'], to: 'delivered', by: ['staff'], permission: 'case.accept' },
  'phone-follow-up': { name: '电话回访', from: 'any', to: 'same', by: ['staff'], permission: 'case.read' },
  withdraw: { name: '撤回申请', from: ['submitted', 'awaiting-supplement', 'under-review', 'awaiting-decision'], to: 'withdrawn', by: ['applicant'] },
} as const satisfies Record<string, ActionRule>;
export type CaseAction = keyof typeof CASE_ACTIONS;

export function isCaseAction(value: string): value is CaseAction {
  return Object.prototype.hasOwnProperty.call(CASE_ACTIONS, value);
}

/** May this action be taken in this state? (submit only creates.) */
export function allowedIn(action: CaseAction, state: CaseState | null): boolean {
  const rule: ActionRule = CASE_ACTIONS[action];
  if (state === null) return action === 'submit';
  if (rule.from === 'any') return true;
  if (rule.from === 'any-open') return OPEN_STATES.includes(state);
  return rule.from.includes(state);
}

/** The state after an action taken in `state` (callers check allowedIn first). */
export function nextState(action: CaseAction, state: CaseState | null): CaseState {
  const rule: ActionRule = CASE_ACTIONS[action];
  if (rule.to === 'same') {
    if (state === null) throw new Error(`${action} needs an existing case`);
    return state;
  }
  return rule.to;
}

/**
 * The current state derived from the history: replaying every action from the first. The stored
 * cases.state must always equal this (checked by tests, and by `verifyCaseHistory`).
 */
export function replayState(actions: readonly { action: string; from_state: string | null; to_state: string }[]): CaseState | null {
  let state: CaseState | null = null;
  for (const a of actions) {
    if (!isCaseAction(a.action)) throw new Error(`unknown case action ${a.action}`);
    if (!allowedIn(a.action, state)) throw new Error(`history: ${a.action} is not allowed in ${state ?? 'none'}`);
    state = nextState(a.action, state);
    if (state !== a.to_state) throw new Error(`history: ${a.action} recorded ${a.to_state}, replay gives ${state}`);
  }
  return state;
}

// ——— who may apply: the guide's 服务对象 (Art. 9) ———

export type ServiceObject = GuideContent['serviceObjects'][number];

export interface ApplicantKind {
  kind: 'person' | 'enterprise';
  /** The resident identity number (person) or unified social credit code (enterprise). */
  identity: string;
}

/** 个体工商户: registration authority 9 (工商), organization type 2 in GB 32100. */
const isIndividualBusiness = (a: ApplicantKind) => a.kind === 'enterprise' && a.identity.toUpperCase().startsWith('92');

/**
 * The 服务对象 of a guide (自然人 natural-person, 法人 legal-person, 其他组织 other-organization)
 * an applicant counts as. The platform knows two kinds of applicant, by the number they prove
 * themselves with:
 * - a person (resident identity number) is a natural person, and only that;
 * - an entity with a unified social credit code is a legal person or another organization: the
 *   code cannot tell which (a company and a partnership both carry 91…), so either suffices;
 * - except a 个体工商户 (code 92…): the Civil Code (第五十四条) counts it among natural persons — its
 *   operator answers for it — while it acts under its own name and code like an organization
 *   without legal personality; it may apply where the guide serves natural persons or other
 *   organizations, not where it serves legal persons only.
 */
export function serviceObjectsOf(applicant: ApplicantKind): readonly ServiceObject[] {
  if (applicant.kind === 'person') return ['natural-person'];
  if (isIndividualBusiness(applicant)) return ['natural-person', 'other-organization'];
  return ['legal-person', 'other-organization'];
}

const SERVICE_OBJECT_ENGLISH: Record<ServiceObject, string> = {
  'natural-person': 'natural persons',
  'legal-person': 'legal persons',
  'other-organization': 'other organizations',
};

/**
 * Refuses (422, naming `field`) an applicant the guide does not serve: a person for an item of
 * legal persons and other organizations, an organization for an item of natural persons. A guide
 * naming no 服务对象 (the linter does not let one be published) restricts nobody.
 */
export function assertGuideServes(serviceObjects: readonly ServiceObject[], applicant: ApplicantKind, field: string): void {
  if (serviceObjects.length === 0) return;
  if (serviceObjectsOf(applicant).some((o) => serviceObjects.includes(o))) return;
  const ordered = (Object.keys(SERVICE_OBJECT_NAMES) as ServiceObject[]).filter((o) => serviceObjects.includes(o));
  const zh = ordered.map((o) => SERVICE_OBJECT_NAMES[o]).join('、');
  const en = ordered.map((o) => SERVICE_OBJECT_ENGLISH[o]).join(' and ');
  const [who, whoEn] =
    applicant.kind === 'person' ? ['个人', 'a natural person'] : isIndividualBusiness(applicant) ? ['个体工商户', 'an individual business (个体工商户)'] : ['法人及其他组织', 'a legal person or other organization'];
  const asWhom = serviceObjects.includes('natural-person') ? 'a person' : serviceObjects.includes('other-organization') ? 'an organization' : 'a legal person';
  throw unprocessable('applicant-not-served', `本事项的服务对象为${zh}，${who}不能申请 (this item serves ${en} only: apply as ${asWhom})`, [
    { name: field, reason: `申请人为${who} (the applicant is ${whoEn})` },
  ]);
}

// ——— the clock ———

export interface ClockSegments {
  acceptedOn: string;
  promisedDays: number;
  promisedUnit: 'working-day' | 'calendar-day';
  extensionDays: number;
  /** Pauses as [startedOn, endedOn): an open pause (endedOn null) runs through `today`. */
  pauses: readonly { startedOn: string; endedOn: string | null }[];
  today: string;
}

/** Days the clock stood still: working days (or calendar days) in [startedOn, endedOn). */
export function pausedDays(calendar: WorkingCalendar, unit: ClockSegments['promisedUnit'], pauses: ClockSegments['pauses'], today: string): number {
  let total = 0;
  for (const p of pauses) {
    const end = p.endedOn ?? addCalendarDays(today, 1);
    if (end <= p.startedOn) continue;
    const lastPaused = addCalendarDays(end, -1);
    total += unit === 'working-day' ? calendar.countWorkingDays(addCalendarDays(p.startedOn, -1), lastPaused) : calendarDaysBetween(p.startedOn, end);
  }
  return total;
}

/**
 * The due date (办结期限) of an accepted case: the promised limit plus extensions, counted from the
 * day of acceptance, moved on by every day the clock was paused. Working-day limits count on the
 * Chinese calendar; calendar-day limits end on the next working day when they end on a rest day.
 */
export function dueDate(calendar: WorkingCalendar, c: ClockSegments): string {
  const days = c.promisedDays + c.extensionDays + pausedDays(calendar, c.promisedUnit, c.pauses, c.today);
  return c.promisedUnit === 'working-day' ? calendar.addWorkingDays(c.acceptedOn, days) : calendar.calendarDayDeadline(c.acceptedOn, days);
}

/** The acceptance decision is due within one working day of submission (Art. 16). */
export function acceptanceDueDate(calendar: WorkingCalendar, submittedOn: string): string {
  return calendar.addWorkingDays(submittedOn, 1);
}

export type TimeColour = 'green' | 'amber' | 'red' | 'paused' | 'none';

/**
 * Working days left until the due date (negative once past it) and the colour the workbench shows:
 * amber in the last fifth of the limit, red when overdue, grey while the clock is paused.
 */
export function remaining(
  calendar: WorkingCalendar,
  c: { dueOn: string | null; totalDays: number; paused: boolean; running: boolean },
  today: string,
): { days: number | null; colour: TimeColour } {
  if (!c.running || !c.dueOn) return { days: null, colour: 'none' };
  const days = calendar.countWorkingDays(today, c.dueOn);
  if (c.paused) return { days, colour: 'paused' };
  if (today > c.dueOn) return { days, colour: 'red' };
  return { days, colour: days * 5 <= c.totalDays ? 'amber' : 'green' };
}

/** The instant a date-based timer fires: the start of the next day in Asia/Shanghai (UTC+8). */
export function startOfDayAfter(date: string): Date {
  return new Date(`${addCalendarDays(date, 1)}T00:00:00+08:00`);
}
