// Rules of reading the audit trail (审计查询): whose records an auditor sees, and what a filter means.
import { badRequest } from '../../http/errors.js';
import type { Actor } from '../identity/permissions.js';
import type { AuditFilter } from './queries.js';

/**
 * Scope (查看范围), kept simple: a system administrator sees every record, including those of the
 * system itself (seed, jobs). An auditor (审计员) or supervisor (监督人员) sees a record when the
 * organization of the person who acted, or the organization the object belongs to (org_id, stored
 * when the writer knows it), lies in the subtree they act within (Actor.scopePath — for a management
 * office, the whole government it belongs to). Records with neither organization are the system's.
 */
export function auditScope(actor: Actor): string | null {
  return actor.roles.includes('system-admin') ? null : actor.scopePath;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?$/;
const SHANGHAI = '+08:00';

/**
 * A bound of the time filter. A bare date is a day in Beijing time: `from` starts at its midnight,
 * `to` includes the whole day. A date-time without a zone is Beijing time too.
 */
export function parseInstant(field: string, value: string, bound: 'from' | 'to'): Date {
  const invalid = () =>
    badRequest('invalid-time', `时间格式不正确：${field} (${field}: expected YYYY-MM-DD or an ISO 8601 date-time)`, [
      { name: field, reason: 'expected YYYY-MM-DD or YYYY-MM-DDTHH:mm[:ss][Z|±hh:mm]' },
    ]);
  let text: string;
  let datePart: string;
  if (DATE_ONLY.test(value)) {
    text = `${value}T00:00:00${SHANGHAI}`;
    datePart = value;
  } else {
    const m = DATE_TIME.exec(value);
    if (!m) throw invalid();
    text = m[4] ? value : `${value}${SHANGHAI}`;
    datePart = m[1];
  }
  const at = new Date(text);
  if (Number.isNaN(at.getTime()) || !isRealDate(datePart)) throw invalid();
  // `to` is kept exclusive inside: the day after a bare date, or one millisecond (the precision of
  // a record's time) after a date-time, so both include what they name.
  if (bound === 'to') return new Date(at.getTime() + (DATE_ONLY.test(value) ? 24 * 60 * 60 * 1000 : 1));
  return at;
}

/** 2025-02-30 parses in JavaScript (as 2 March); a legal record must not. */
function isRealDate(date: string): boolean {
  const [y, m, d] = date.split('-').map(Number);
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

export interface FilterInput {
  actorId?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  from?: string;
  to?: string;
}

/** The query's filter as the search needs it; bad values are refused naming the field. */
export function toFilter(input: FilterInput, scopePath: string | null): AuditFilter {
  const filter: AuditFilter = { scopePath };
  if (input.actorId) filter.actorId = input.actorId;
  if (input.action) {
    if (input.action.endsWith('*')) filter.actionPrefix = input.action.slice(0, -1);
    else filter.action = input.action;
  }
  if (input.objectType) filter.objectType = input.objectType;
  if (input.objectId) filter.objectId = input.objectId;
  if (input.from) filter.from = parseInstant('querystring.from', input.from, 'from');
  if (input.to) filter.to = parseInstant('querystring.to', input.to, 'to');
  if (filter.from && filter.to && filter.from >= filter.to) {
    throw badRequest('invalid-time-range', '结束时间早于开始时间 (querystring.to: the end lies before the start)', [
      { name: 'querystring.to', reason: 'must be after querystring.from' },
    ]);
  }
  return filter;
}

/** The keyset cursor is the id of the last record of the previous page. */
export function parseCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const n = Number(cursor);
  if (!/^\d{1,15}$/.test(cursor) || !Number.isSafeInteger(n) || n < 1) {
    throw badRequest('invalid-cursor', '分页游标无效 (querystring.cursor: not a cursor this search returned)', [{ name: 'querystring.cursor', reason: 'expected a positive integer' }]);
  }
  return n;
}
