// Chinese words for the licence API's codes (电子证照). The server names the status itself
// (statusName); these cover the codes it sends bare and the look of each status.
import type { LicenceEnding, LicenceStatus } from './types';

export const STATUS_NAMES: Record<LicenceStatus, string> = { active: '有效', cancelled: '已注销', expired: '已过期', revoked: '已吊销' };

/** Each status in words and in a colour whose text keeps a 4.5:1 contrast. */
export const STATUS_STYLES: Record<LicenceStatus, { color: string; background: string; borderColor: string }> = {
  active: { color: '#135200', background: '#f6ffed', borderColor: '#95de64' },
  cancelled: { color: '#434343', background: '#f5f5f5', borderColor: '#d9d9d9' },
  expired: { color: '#873800', background: '#fff7e6', borderColor: '#ffc069' },
  revoked: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' },
};

export const EVENT_NAMES: Record<string, string> = {
  issue: '签发',
  reissue: '换发（新版本）',
  supersede: '被新版本替代',
  cancel: '注销',
  revoke: '吊销',
  expire: '有效期届满',
  'attach-document': '关联证照文书',
};

export const ACTOR_KIND_NAMES: Record<string, string> = { staff: '工作人员', machine: '部门业务系统', system: '平台' };

export const ENDINGS: Record<LicenceEnding, { label: string; title: string; ok: string; explain: string }> = {
  cancel: {
    label: '注销',
    title: '注销电子证照',
    ok: '确认注销',
    explain: '注销后证照不再具有效力（如持证人申请注销、经营活动终止等），不能撤销。',
  },
  revoke: {
    label: '吊销',
    title: '吊销电子证照',
    ok: '确认吊销',
    explain: '吊销是依法作出的行政处罚，吊销后证照不再具有效力，不能撤销。',
  },
};

export const version3 = (n: number) => String(n).padStart(3, '0');

export function validity(l: { validFrom: string; validUntil: string | null }): string {
  return l.validUntil ? `${l.validFrom} 至 ${l.validUntil}` : `${l.validFrom} 起长期有效`;
}

/**
 * The holder's number as the list shows it: masked even for staff who may read it whole (a list
 * need not show everyone's number; the detail page shows it on request). Same shape as the
 * server's masks: ID number 1522**********1234, credit code 11152200*********X.
 */
export function maskHolderIdentity(kind: string, value: string): string {
  if (value.includes('*')) return value; // already masked by the server
  const v = value.replace(/\s+/g, '').toUpperCase();
  if (kind === 'person') return v.length <= 8 ? '*'.repeat(v.length) : `${v.slice(0, 4)}${'*'.repeat(v.length - 8)}${v.slice(-4)}`;
  return v.length <= 9 ? '*'.repeat(v.length) : `${v.slice(0, 8)}${'*'.repeat(v.length - 9)}${v.slice(-1)}`;
}
