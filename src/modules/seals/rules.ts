// Electronic seals (电子印章, Art. 26), the pure part: kinds, the status lifecycle, the seal's state
// at a given moment (from its history), and the errors people see.
import type { SealKind, SealStatus } from '../../db/schema.js';
import { conflict, forbidden, notFound, unprocessable } from '../../http/errors.js';

export type { SealKind, SealStatus };

export const SEAL_KINDS = ['公章', '行政审批专用章', '业务专用章'] as const satisfies readonly SealKind[];

/**
 * Which seal signs when the caller names no kind: licensing documents carry the administrative
 * approval seal (行政审批专用章) where the organization has one, else its official seal (公章).
 */
export const SEAL_KIND_PREFERENCE: readonly SealKind[] = ['行政审批专用章', '公章', '业务专用章'];

export const SEAL_STATUS_NAMES: Record<SealStatus, string> = { active: '有效', suspended: '已暂停', revoked: '已吊销' };

export type SealAction = 'suspend' | 'resume' | 'revoke';

const ACTION_NAMES: Record<SealAction, string> = { suspend: '暂停', resume: '恢复', revoke: '吊销' };

/** active ⇄ suspended, either → revoked; revoked is final. */
const TRANSITIONS: Record<SealAction, { from: readonly SealStatus[]; to: SealStatus }> = {
  suspend: { from: ['active'], to: 'suspended' },
  resume: { from: ['suspended'], to: 'active' },
  revoke: { from: ['active', 'suspended'], to: 'revoked' },
};

/** The status after the action, or a 409 naming the current status. */
export function nextStatus(current: SealStatus, action: SealAction): SealStatus {
  const t = TRANSITIONS[action];
  if (!t.from.includes(current)) {
    throw conflict(
      'seal-status-conflict',
      `印章当前状态为“${SEAL_STATUS_NAMES[current]}”，不能${ACTION_NAMES[action]} (a ${current} seal cannot be ${action === 'resume' ? 'resumed' : `${action}ed`})`,
      { status: current },
    );
  }
  return t.to;
}

export const EVENT_OF_ACTION: Record<SealAction, 'suspended' | 'resumed' | 'revoked'> = { suspend: 'suspended', resume: 'resumed', revoke: 'revoked' };

export interface SealHistoryEntry {
  status: SealStatus;
  at: Date;
}

/**
 * The seal's status at an instant, from its history in order: the status of the last event at or
 * before it; null before the seal existed. A document signed at `at` was signed by a valid seal
 * exactly when this is 'active'.
 */
export function statusAt(history: readonly SealHistoryEntry[], at: Date): SealStatus | null {
  let status: SealStatus | null = null;
  for (const event of history) {
    if (event.at.getTime() > at.getTime()) break;
    status = event.status;
  }
  return status;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** The text drawn around the top of the seal (印文): the organization's full name by default. */
export function cleanSealName(name: string): string {
  const trimmed = name.trim().replace(/\s+/g, '');
  if (!trimmed || [...trimmed].length > 24 || CONTROL.test(trimmed)) {
    throw unprocessable('seal-name-invalid', '印文应为 1–24 个字符，不含空白和控制字符 (name: 1–24 characters without spaces or control characters)', [
      { name: 'body.name', reason: '1–24 个字符 (1–24 characters)' },
    ]);
  }
  return trimmed;
}

export const sealNotFound = () => notFound('seal-not-found', '印章不存在或不在您的管理范围内 (seal not found)');
export const orgNotFound = () => notFound('org-not-found', '机构不存在 (organization not found): orgId');
export const orgOutOfScope = () => forbidden('该机构不在您的管理范围内，不能管理其印章 (forbidden: the organization is outside your scope)');

/** Signing refused: the organization has no active seal (of the kind asked for). */
export function noActiveSeal(orgName: string, kind: SealKind | undefined, unusable: { kind: SealKind; status: SealStatus }[]) {
  const which = kind ? `“${kind}”` : '';
  const why = unusable.length
    ? `（${unusable.map((s) => `${s.kind}${SEAL_STATUS_NAMES[s.status]}`).join('、')}）`
    : '';
  return conflict(
    'no-active-seal',
    `${orgName}没有可用的${which}电子印章${why}，不能签发文书；请由管理员创建或恢复印章 (${orgName} has no active ${kind ?? ''} seal; a suspended or revoked seal signs nothing)`,
    { kind: kind ?? null },
  );
}
