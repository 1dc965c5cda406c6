// The only place a case becomes JSON: summaries for the lists, the parts of the detail. Personal
// data is whole for a viewer who processes cases (personal-data.read-whole) and for the applicant
// themself, masked for everyone else. Remaining days and colours come from rules.remaining().
import { CalendarError, type WorkingCalendar } from '../../lib/calendar/index.js';
import { maskCreditCode, maskIdentityNumber, presentPersonal } from '../../lib/mask.js';
import type { LicenceStatus } from '../../db/schema.js';
import { effectiveStatus, STATUS_NAMES } from '../licences/rules.js';
import type { SummaryRow } from './queries.js';
import { dueDate, remaining, RUNNING_STATES, STATE_NAMES, type CaseState, type TimeColour } from './rules.js';
import type { CaseSummary, MaterialLicenceSchema } from './schema.js';
import type { Static } from '@sinclair/typebox';

export interface ViewContext {
  calendar: WorkingCalendar;
  today: string;
  /** The viewer sees personal data whole (processing staff, or the applicant on their own case). */
  whole: boolean;
}

type ClockColumns = Pick<SummaryRow, 'state' | 'accepted_on' | 'due_on' | 'paused_since' | 'promised_days' | 'promised_unit' | 'extension_days'>;

/** Runs a calendar computation; a year without holiday data leaves the figure out rather than failing the list. */
function orNull<T>(fn: () => T): T | null {
  try {
    return fn();
  } catch (error) {
    if (error instanceof CalendarError) return null;
    throw error;
  }
}

/**
 * The due date as of today: the stored one, except while the clock is paused, when every paused
 * day moves it on (the stored due_on was computed when the pause began).
 */
export function liveDueOn(calendar: WorkingCalendar, row: ClockColumns, today: string, pauses: readonly { started_on: string; ended_on: string | null }[] | undefined): string | null {
  if (!row.paused_since || !row.accepted_on || !pauses) return row.due_on;
  const acceptedOn = row.accepted_on;
  return (
    orNull(() =>
      dueDate(calendar, {
        acceptedOn,
        promisedDays: row.promised_days,
        promisedUnit: row.promised_unit,
        extensionDays: row.extension_days,
        pauses: pauses.map((p) => ({ startedOn: p.started_on, endedOn: p.ended_on })),
        today,
      }),
    ) ?? row.due_on
  );
}

/** Remaining working days and the colour of the time limit. */
export function timeLeft(calendar: WorkingCalendar, row: ClockColumns, dueOn: string | null, today: string): { days: number | null; colour: TimeColour } {
  const running = RUNNING_STATES.includes(row.state as CaseState);
  const c = { dueOn, totalDays: row.promised_days + row.extension_days, paused: !!row.paused_since, running };
  return (
    orNull(() => remaining(calendar, c, today)) ?? {
      days: null,
      colour: !running || !dueOn ? 'none' : c.paused ? 'paused' : today > dueOn ? 'red' : 'green',
    }
  );
}

export function acceptanceOverdue(row: Pick<SummaryRow, 'state' | 'acceptance_due_on' | 'acceptance_overdue_at'>, today: string): boolean {
  if (row.state !== 'submitted') return false;
  return !!row.acceptance_overdue_at || today > row.acceptance_due_on;
}

const iso = (value: Date | string) => new Date(value).toISOString();

export function presentSummary(row: SummaryRow, ctx: ViewContext, pauses?: readonly { started_on: string; ended_on: string | null }[]): CaseSummary {
  const dueOn = liveDueOn(ctx.calendar, row, ctx.today, pauses);
  const left = timeLeft(ctx.calendar, row, dueOn, ctx.today);
  return {
    id: row.id,
    caseNumber: row.case_number,
    state: row.state,
    stateName: STATE_NAMES[row.state as CaseState] ?? row.state,
    itemName: row.item_name,
    orgName: row.org_name,
    applicantName: presentPersonal(row.applicant_name, 'name', ctx.whole),
    channel: row.channel,
    submittedAt: iso(row.submitted_at),
    acceptanceDueOn: row.acceptance_due_on,
    acceptanceOverdue: acceptanceOverdue(row, ctx.today),
    dueOn,
    remainingDays: left.days,
    colour: left.colour,
    paused: !!row.paused_since,
    version: row.version,
  };
}

/** An identity number (person) or credit code (enterprise), whole or masked. */
export function presentIdentity(kind: 'person' | 'enterprise', value: string, whole: boolean): string {
  if (whole) return value;
  return kind === 'person' ? maskIdentityNumber(value) : maskCreditCode(value);
}

/** An e-licence standing for a case material (held by the platform), as it is today. */
export interface MaterialLicenceRow {
  id: string;
  identifier: string;
  typeName: string;
  licenceNumber: string;
  issuerName: string;
  validUntil: string | null;
  status: LicenceStatus;
}

/** The licence of a material with its status as of today (a licence past its last day reads 已过期 even before the expiry timer ran). */
export function presentMaterialLicence(l: MaterialLicenceRow, today: string): Static<typeof MaterialLicenceSchema> {
  const status = effectiveStatus({ status: l.status, valid_until: l.validUntil }, today);
  return {
    id: l.id,
    identifier: l.identifier,
    typeName: l.typeName,
    licenceNumber: l.licenceNumber,
    issuerName: l.issuerName,
    validUntil: l.validUntil,
    status,
    statusName: STATUS_NAMES[status],
  };
}

/**
 * A case's materials in the order its guide version lists them (所需材料, Art. 10) — the order the
 * applicant assembled them in and staff check them in — whatever order they were handed in,
 * obtained by sharing or supplied later. A material the version does not list (none should) comes
 * after those it does, by material id; rows of one material keep the order they came in.
 */
export function inGuideOrder<T extends { material_id: string }>(materials: readonly T[], guideMaterials: readonly { id: string }[]): T[] {
  const position = new Map(guideMaterials.map((m, i) => [m.id, i]));
  const rank = (m: T) => position.get(m.material_id) ?? guideMaterials.length;
  const byId = (a: T, b: T) => (a.material_id < b.material_id ? -1 : a.material_id > b.material_id ? 1 : 0);
  // Array.prototype.sort is stable: ties keep the stored order (created_at, id).
  return [...materials].sort((a, b) => rank(a) - rank(b) || byId(a, b));
}
