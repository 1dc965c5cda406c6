// The transactional outbox (发件箱): a message is written in the same transaction as the change that
// causes it, and sent afterwards by the job runner. One row per channel; dedupe_key makes a
// message exist once even when the change is retried.
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { AppDeps } from '../../app.js';
import type { DB, MessageChannel } from '../../db/schema.js';
import { clockOf } from '../../lib/clock.js';
import { sensitiveColumns } from '../../lib/sm-crypto.js';
import { BUILT_IN_TEMPLATES, renderTemplate, type TemplateText } from './templates.js';

export interface MessageRequest {
  /** e.g. 'case.accepted' */
  templateKey: string;
  /** Unique per logical message; the channel is appended per row. */
  dedupeKey: string;
  caseId?: string | null;
  /** Portal messages show in this applicant's 我的消息. */
  applicantId?: string | null;
  /** One message per channel given. */
  to: { email?: string | null; phone?: string | null; portal?: boolean };
  params: Record<string, string>;
}

/** The newest version of a template for a channel: an administrator's, else the built-in (version 0). */
export async function currentTemplate(trx: Transaction<DB> | AppDeps['db'], key: string, channel: MessageChannel): Promise<(TemplateText & { version: number }) | null> {
  const row = await trx
    .selectFrom('message_templates')
    .select(['version', 'subject', 'body'])
    .where('key', '=', key)
    .where('channel', '=', channel)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (row) return { version: row.version, subject: row.subject, body: row.body };
  const builtIn = BUILT_IN_TEMPLATES[key]?.[channel];
  return builtIn ? { version: 0, ...builtIn } : null;
}

/** Renders the newest template per channel and writes one outbox row per channel, in `trx`. */
export async function enqueueMessages(trx: Transaction<DB>, deps: AppDeps, req: MessageRequest): Promise<void> {
  const now = clockOf(deps).now();
  const columns = sensitiveColumns(deps.config);
  const targets: { channel: MessageChannel; recipient: string | null }[] = [];
  if (req.to.portal && req.applicantId) targets.push({ channel: 'portal', recipient: null });
  if (req.to.email) targets.push({ channel: 'email', recipient: req.to.email });
  if (req.to.phone) targets.push({ channel: 'sms', recipient: req.to.phone });
  for (const target of targets) {
    const template = await currentTemplate(trx, req.templateKey, target.channel);
    if (!template) continue; // no text for this channel: nothing is sent on it
    await trx
      .insertInto('outbox_messages')
      .values({
        id: randomUUID(),
        dedupe_key: `${req.dedupeKey}:${target.channel}`,
        channel: target.channel,
        template_key: req.templateKey,
        template_version: template.version,
        recipient_enc: target.recipient ? columns.encrypt(target.recipient, `outbox_messages.${target.channel}`) : null,
        applicant_id: req.applicantId ?? null,
        case_id: req.caseId ?? null,
        subject: renderTemplate(template.subject, req.params),
        body: renderTemplate(template.body, req.params),
        status: 'created',
        next_attempt_at: now,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .execute();
  }
}
