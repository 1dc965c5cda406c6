// The transactional outbox (发件箱): a message is written in the same transaction as the change that
// causes it, and sent afterwards by the job runner (src/modules/jobs/runner.ts → sender.ts). One row
// per channel; dedupe_key makes a message exist once even when the change is retried.
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { AppDeps } from '../../app.js';
import type { Database } from '../../db/database.js';
import type { DB, DeliveryStatus, MessageChannel } from '../../db/schema.js';
import { conflict, forbidden, notFound, unprocessable } from '../../http/errors.js';
import { clockOf } from '../../lib/clock.js';
import { sensitiveColumns, type PersonalDataKeyConfig } from '../../lib/sm-crypto.js';
import { recordAudit } from '../audit/service.js';
import { can, type Actor } from '../identity/permissions.js';
import * as q from './queries.js';
import { maskRecipient, templateProblems, unknownParams } from './rules.js';
import { BUILT_IN_TEMPLATES, CHANNELS, isTemplateKey, paramsOf, renderTemplate, SAMPLE_PARAMS, TEMPLATE_KEYS, type TemplateKey, type TemplateText } from './templates.js';

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

function builtIn(key: string, channel: MessageChannel): TemplateText | null {
  return isTemplateKey(key) ? BUILT_IN_TEMPLATES[key][channel] : null;
}

/**
 * The newest version of a template for each of these channels, in one query: an administrator's,
 * else the built-in (version 0). A channel without text is absent.
 */
export async function currentTemplates(trx: Transaction<DB> | Kysely<DB>, key: string, channels: readonly MessageChannel[]): Promise<Map<MessageChannel, TemplateText & { version: number }>> {
  const rows = await trx
    .selectFrom('message_templates')
    .select(['channel', 'version', 'subject', 'body'])
    .distinctOn('channel')
    .where('key', '=', key)
    .where('channel', 'in', channels)
    .orderBy('channel')
    .orderBy('version', 'desc')
    .execute();
  const found = new Map<MessageChannel, TemplateText & { version: number }>(rows.map((r) => [r.channel, { version: r.version, subject: r.subject, body: r.body }]));
  for (const channel of channels) {
    const text = found.has(channel) ? null : builtIn(key, channel);
    if (text) found.set(channel, { version: 0, ...text });
  }
  return found;
}

/** Renders the newest template per channel and writes one outbox row per channel, in `trx` (one insert). */
export async function enqueueMessages(trx: Transaction<DB>, deps: AppDeps, req: MessageRequest): Promise<void> {
  const now = clockOf(deps).now();
  const columns = sensitiveColumns(deps.config);
  const targets: { channel: MessageChannel; recipient: string | null }[] = [];
  if (req.to.portal && req.applicantId) targets.push({ channel: 'portal', recipient: null });
  if (req.to.email) targets.push({ channel: 'email', recipient: req.to.email });
  if (req.to.phone) targets.push({ channel: 'sms', recipient: req.to.phone });
  if (targets.length === 0) return;
  const templates = await currentTemplates(
    trx,
    req.templateKey,
    targets.map((t) => t.channel),
  );
  const rows = targets.flatMap((target) => {
    const template = templates.get(target.channel);
    if (!template) return []; // no text for this channel: nothing is sent on it
    return [
      {
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
        status: 'created' as const,
        next_attempt_at: now,
        created_at: now,
        updated_at: now,
      },
    ];
  });
  if (rows.length === 0) return;
  await trx
    .insertInto('outbox_messages')
    .values(rows)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute();
}

// ——— messages as people see them ———

export interface CaseMessage {
  id: string;
  channel: MessageChannel;
  templateKey: string;
  templateVersion: number;
  subject: string;
  body: string;
  status: DeliveryStatus;
  attempts: number;
  /** Masked (e-mail z*******@example.com, phone 138****5678); null for the portal, or without config. */
  recipient: string | null;
  lastError: string | null;
  provider: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

/**
 * Messages of a case, oldest first, for the workbench. With `config` the recipient is decrypted and
 * masked; it is never shown whole.
 */
export async function messagesOfCase(db: Database | Transaction<DB>, caseId: string, config?: PersonalDataKeyConfig): Promise<CaseMessage[]> {
  const columns = config ? sensitiveColumns(config) : null;
  return (await q.messageRowsOfCase(db, caseId)).map((r) => ({
    id: r.id,
    channel: r.channel,
    templateKey: r.template_key,
    templateVersion: r.template_version,
    subject: r.subject,
    body: r.body,
    status: r.status,
    attempts: r.attempts,
    recipient: columns ? maskRecipient(r.channel, columns.decrypt(r.recipient_enc, `outbox_messages.${r.channel}`)) : null,
    lastError: r.last_error,
    provider: r.provider,
    createdAt: r.created_at,
    deliveredAt: r.delivered_at,
  }));
}

/** GET /api/cases/:id/messages: only for a case in the viewer's organization subtree (else 404). */
export async function caseMessagesFor(deps: AppDeps, actor: Actor, caseId: string): Promise<CaseMessage[]> {
  if (!can(actor, 'case.read')) throw forbidden();
  if (!(await q.caseInScope(deps.db, caseId, actor.scopePath))) {
    // Out of scope answers like a missing case: the id says nothing about cases elsewhere.
    throw notFound('case-not-found', `办件不存在或不在您的管辖范围内 (case ${caseId} not found)`);
  }
  return messagesOfCase(deps.db, caseId, deps.config);
}

export interface PortalMessage {
  id: string;
  caseId: string | null;
  templateKey: string;
  subject: string;
  body: string;
  createdAt: Date;
}

/** An applicant's portal messages (我的消息), newest first. Shown at once: the portal is the delivery. */
export async function portalMessagesOf(db: Database | Transaction<DB>, applicantId: string, limit = 50): Promise<PortalMessage[]> {
  const rows = await q.portalRowsOf(db, applicantId, Math.max(1, Math.min(limit, 200)));
  return rows.map((r) => ({ id: r.id, caseId: r.case_id, templateKey: r.template_key, subject: r.subject, body: r.body, createdAt: r.created_at }));
}

// ——— templates (templates.manage) ———

export interface TemplateEntry {
  key: TemplateKey;
  channel: MessageChannel;
  version: number;
  subject: string;
  body: string;
  note: string | null;
  createdBy: string | null;
  /** null for the built-in version 0. */
  createdAt: Date | null;
}

function assertKey(key: string): TemplateKey {
  if (!isTemplateKey(key)) throw notFound('message-template-unknown', `没有消息模板 ${key} (no message template ${key})`);
  return key;
}

function builtInEntry(key: TemplateKey, channel: MessageChannel): TemplateEntry {
  const text = BUILT_IN_TEMPLATES[key][channel];
  return { key, channel, version: 0, subject: text.subject, body: text.body, note: '系统内置 built-in', createdBy: null, createdAt: null };
}

function rowEntry(r: q.TemplateVersionRow): TemplateEntry {
  return {
    key: r.key as TemplateKey,
    channel: r.channel,
    version: r.version,
    subject: r.subject,
    body: r.body,
    note: r.note,
    createdBy: r.created_by_name ?? r.created_by,
    createdAt: r.created_at,
  };
}

/** Every template key × channel with the version in use. */
export async function listTemplates(db: Database): Promise<TemplateEntry[]> {
  const latest = new Map((await q.latestTemplateRows(db)).map((r) => [`${r.key}|${r.channel}`, r]));
  return TEMPLATE_KEYS.flatMap((key) =>
    CHANNELS.map((channel) => {
      const row = latest.get(`${key}|${channel}`);
      return row ? rowEntry(row) : builtInEntry(key, channel);
    }),
  );
}

/** All versions of one template, newest first, ending with the built-in version 0. */
export async function templateVersions(db: Database, key: string, channel: MessageChannel): Promise<TemplateEntry[]> {
  const k = assertKey(key);
  return [...(await q.templateVersionRows(db, k, channel)).map(rowEntry), builtInEntry(k, channel)];
}

export interface TemplateInput {
  subject?: string;
  body: string;
  note?: string | null;
}

/** A new version of a template: used by every message written after it; earlier messages keep theirs. */
export async function addTemplateVersion(deps: AppDeps, actor: Actor, key: string, channel: MessageChannel, input: TemplateInput): Promise<TemplateEntry> {
  if (!can(actor, 'templates.manage')) throw forbidden();
  const k = assertKey(key);
  const text = { subject: (input.subject ?? '').trim(), body: input.body.replace(/\r\n/g, '\n').trim() };
  const problems = templateProblems(k, channel, text);
  if (problems.length) {
    const names = [...new Set(problems.map((p) => p.name))].join(', ');
    throw unprocessable('message-template-invalid', `模板有误：${names} (invalid template: ${names})`, problems);
  }
  const at = clockOf(deps).now();
  try {
    const version = await deps.db.transaction().execute(async (trx) => {
      const v = await q.insertTemplateVersion(trx, { key: k, channel, subject: text.subject, body: text.body, note: input.note?.trim() || null, createdBy: actor.userId, at });
      await recordAudit(trx, actor, {
        action: 'message-template.version',
        objectType: 'message_template',
        objectId: `${k}/${channel}`,
        changes: { version: v, subject: text.subject, body: text.body, note: input.note?.trim() || null },
      });
      return v;
    });
    return { key: k, channel, version, subject: text.subject, body: text.body, note: input.note?.trim() || null, createdBy: actor.displayName, createdAt: at };
  } catch (error) {
    if ((error as { code?: string }).code === '23505') {
      throw conflict('message-template-changed', '另一位管理员刚刚保存了新版本，请刷新后重试 (another version was saved just now; reload and try again)');
    }
    throw error;
  }
}

export interface PreviewInput {
  subject?: string;
  body?: string;
  params?: Record<string, string>;
}

/** The text as an applicant would read it, with sample values where no params are given. */
export async function previewTemplate(db: Database, key: string, channel: MessageChannel, input: PreviewInput): Promise<{ subject: string; body: string; version: number | null; params: Record<string, string> }> {
  const k = assertKey(key);
  const current = (await currentTemplates(db, k, [channel])).get(channel);
  const draft = input.subject !== undefined || input.body !== undefined;
  const text = { subject: input.subject ?? current?.subject ?? '', body: input.body ?? current?.body ?? '' };
  const problems = [...(draft ? templateProblems(k, channel, text) : []), ...unknownParams(k, input.params ?? {})];
  if (problems.length) {
    const names = [...new Set(problems.map((p) => p.name))].join(', ');
    throw unprocessable('message-template-invalid', `模板有误：${names} (invalid template: ${names})`, problems);
  }
  const params = Object.fromEntries(paramsOf(k).map((name) => [name, input.params?.[name] ?? SAMPLE_PARAMS[name] ?? name]));
  return { subject: renderTemplate(text.subject, params), body: renderTemplate(text.body, params), version: draft ? null : (current?.version ?? null), params };
}
