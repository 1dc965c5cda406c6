// The only place templates and messages become JSON.
import type { Static } from '@sinclair/typebox';
import { STATUS_NAMES } from './rules.js';
import type { CaseMessageSchema, TemplateSchema } from './schema.js';
import type { CaseMessage, TemplateEntry } from './service.js';
import { CHANNEL_NAMES, PARAM_NAMES, paramsOf, TEMPLATE_NAMES } from './templates.js';

export function presentTemplate(t: TemplateEntry): Static<typeof TemplateSchema> {
  return {
    key: t.key,
    name: TEMPLATE_NAMES[t.key],
    channel: t.channel,
    channelName: CHANNEL_NAMES[t.channel],
    version: t.version,
    subject: t.subject,
    body: t.body,
    note: t.note,
    createdBy: t.createdBy,
    createdAt: t.createdAt?.toISOString() ?? null,
    params: paramsOf(t.key).map((name) => ({ name, label: PARAM_NAMES[name] ?? name })),
  };
}

export function presentCaseMessage(m: CaseMessage): Static<typeof CaseMessageSchema> {
  return {
    id: m.id,
    channel: m.channel,
    channelName: CHANNEL_NAMES[m.channel],
    templateKey: m.templateKey,
    templateVersion: m.templateVersion,
    subject: m.subject,
    body: m.body,
    status: m.status,
    statusName: STATUS_NAMES[m.status],
    attempts: m.attempts,
    recipient: m.recipient,
    lastError: m.lastError,
    provider: m.provider,
    createdAt: m.createdAt.toISOString(),
    deliveredAt: m.deliveredAt?.toISOString() ?? null,
  };
}
