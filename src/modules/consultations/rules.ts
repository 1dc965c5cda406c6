// Consultations (咨询, Art. 14), the pure part: channels, the keyset cursor, and the refusals.
import { badRequest, conflict, notFound, unprocessable } from '../../http/errors.js';

export const CHANNELS = ['window', 'phone', 'online', 'letter'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_NAMES: Record<Channel, string> = { window: '窗口', phone: '电话', online: '网上', letter: '信函' };

export interface Cursor {
  at: Date;
  id: string;
}

/** The keyset cursor: the (created_at, id) of the last row of the previous page, opaque to clients. */
export function encodeCursor(c: Cursor): string {
  return Buffer.from(`${c.at.toISOString()}|${c.id}`, 'utf8').toString('base64url');
}

export function parseCursor(cursor: string | undefined): Cursor | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const bar = text.indexOf('|');
  const at = new Date(bar > 0 ? text.slice(0, bar) : '');
  const id = bar > 0 ? text.slice(bar + 1) : '';
  if (Number.isNaN(at.getTime()) || !/^[0-9A-Za-z-]{1,64}$/.test(id)) {
    throw badRequest('invalid-cursor', '分页游标无效 (querystring.cursor: not a cursor this list returned)', [{ name: 'querystring.cursor', reason: 'not a cursor this list returned' }]);
  }
  return { at, id };
}

/** A contact is masked as an e-mail address when it looks like one, else as a phone number. */
export function contactKind(contact: string): 'email' | 'phone' {
  return contact.includes('@') ? 'email' : 'phone';
}

export const consultationNotFound = () => notFound('consultation-not-found', '咨询记录不存在 (consultation not found)');

export const itemNotFound = () =>
  unprocessable('item-not-found', '所咨询的事项不存在 (body.itemId: no such catalog item)', [{ name: 'body.itemId', reason: 'no such catalog item' }]);

export const caseNotFound = () =>
  unprocessable('case-not-found', '办件不存在或不在本机构范围内 (body.caseId: no such case within your organizations)', [{ name: 'body.caseId', reason: 'no such case in scope' }]);

export const alreadyAnswered = () => conflict('consultation-answered', '该咨询已答复 (the consultation has already been answered)');

export const alreadyLinked = (caseNumber: string) =>
  conflict('consultation-linked', `该咨询已转为办件 ${caseNumber} (the consultation is already linked to case ${caseNumber})`, { caseNumber });
