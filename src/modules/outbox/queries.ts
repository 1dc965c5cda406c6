// The outbox's reads and template writes. Callers pass the database or their transaction.
import type { Kysely, Transaction } from 'kysely';
import type { DB, MessageChannel } from '../../db/schema.js';

type Q = Kysely<DB> | Transaction<DB>;

export interface TemplateVersionRow {
  key: string;
  channel: MessageChannel;
  version: number;
  subject: string;
  body: string;
  note: string | null;
  created_by: string | null;
  created_by_name: string | null;
  created_at: Date;
}

/** The newest administrator's version of every (key, channel) that has one. */
export async function latestTemplateRows(db: Q): Promise<TemplateVersionRow[]> {
  const rows = await db
    .selectFrom('message_templates as t')
    .leftJoin('users as u', 'u.id', 't.created_by')
    .distinctOn(['t.key', 't.channel'])
    .select(['t.key', 't.channel', 't.version', 't.subject', 't.body', 't.note', 't.created_by', 'u.display_name as created_by_name', 't.created_at'])
    .orderBy('t.key')
    .orderBy('t.channel')
    .orderBy('t.version', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, created_at: new Date(r.created_at) }));
}

/** Every administrator's version of one template, newest first. */
export async function templateVersionRows(db: Q, key: string, channel: MessageChannel): Promise<TemplateVersionRow[]> {
  const rows = await db
    .selectFrom('message_templates as t')
    .leftJoin('users as u', 'u.id', 't.created_by')
    .select(['t.key', 't.channel', 't.version', 't.subject', 't.body', 't.note', 't.created_by', 'u.display_name as created_by_name', 't.created_at'])
    .where('t.key', '=', key)
    .where('t.channel', '=', channel)
    .orderBy('t.version', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, created_at: new Date(r.created_at) }));
}

/** Inserts the next version (1 after the built-in 0); a concurrent insert of the same number fails on the key. */
export async function insertTemplateVersion(
  trx: Transaction<DB>,
  t: { key: string; channel: MessageChannel; subject: string; body: string; note: string | null; createdBy: string; at: Date },
): Promise<number> {
  const current = await trx
    .selectFrom('message_templates')
    .select((eb) => eb.fn.max('version').as('max'))
    .where('key', '=', t.key)
    .where('channel', '=', t.channel)
    .executeTakeFirst();
  const version = Number(current?.max ?? 0) + 1;
  await trx
    .insertInto('message_templates')
    .values({ key: t.key, channel: t.channel, version, subject: t.subject, body: t.body, note: t.note, created_by: t.createdBy, created_at: t.at })
    .execute();
  return version;
}

export interface MessageRow {
  id: string;
  channel: MessageChannel;
  template_key: string;
  template_version: number;
  recipient_enc: string | null;
  case_id: string | null;
  subject: string;
  body: string;
  status: DB['outbox_messages']['status'];
  attempts: number;
  last_error: string | null;
  provider: string | null;
  created_at: Date;
  delivered_at: Date | null;
}

const MESSAGE_COLUMNS = [
  'id',
  'channel',
  'template_key',
  'template_version',
  'recipient_enc',
  'case_id',
  'subject',
  'body',
  'status',
  'attempts',
  'last_error',
  'provider',
  'created_at',
  'delivered_at',
] as const;

function toMessageRow(r: Record<(typeof MESSAGE_COLUMNS)[number], unknown>): MessageRow {
  return {
    ...(r as unknown as MessageRow),
    created_at: new Date(r.created_at as string | Date),
    delivered_at: r.delivered_at ? new Date(r.delivered_at as string | Date) : null,
  };
}

/** The messages of a case, oldest first (the order they were written). */
export async function messageRowsOfCase(db: Q, caseId: string): Promise<MessageRow[]> {
  const rows = await db.selectFrom('outbox_messages').select(MESSAGE_COLUMNS).where('case_id', '=', caseId).orderBy('created_at').orderBy('id').execute();
  return rows.map(toMessageRow);
}

/** An applicant's portal messages, newest first. */
export async function portalRowsOf(db: Q, applicantId: string, limit: number): Promise<MessageRow[]> {
  const rows = await db
    .selectFrom('outbox_messages')
    .select(MESSAGE_COLUMNS)
    .where('applicant_id', '=', applicantId)
    .where('channel', '=', 'portal')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toMessageRow);
}

/** The case, when it exists and its organization lies in the subtree `scopePath`. */
export async function caseInScope(db: Q, caseId: string, scopePath: string): Promise<boolean> {
  const row = await db
    .selectFrom('cases as c')
    .innerJoin('orgs as o', 'o.id', 'c.org_id')
    .select('c.id')
    .where('c.id', '=', caseId)
    .where('o.path', 'like', `${scopePath}%`)
    .executeTakeFirst();
  return !!row;
}
