// TypeBox schemas of the message-template and case-message routes (消息模板、办件消息).
import { Type, type Static, type TSchema } from '@sinclair/typebox';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const ChannelSchema = Type.Union([Type.Literal('portal'), Type.Literal('email'), Type.Literal('sms')], {
  description: 'portal 办事大厅站内消息 · email 电子邮件 · sms 短信',
});

export const TemplateParams = Type.Object({
  key: Type.String({ maxLength: 100, description: 'template key, e.g. case.accepted' }),
  channel: ChannelSchema,
});

export const TemplateBody = Type.Object(
  {
    subject: Type.Optional(Type.String({ maxLength: 200, description: '标题 (e-mail subject, portal title; empty for SMS)' })),
    body: Type.String({ minLength: 1, maxLength: 4000, description: '正文；占位符写作 {{caseNumber}}' }),
    note: Type.Optional(Nullable(Type.String({ maxLength: 200, description: '修改说明 what changed and why' }))),
  },
  { additionalProperties: false },
);
export type TemplateBodyInput = Static<typeof TemplateBody>;

export const PreviewBody = Type.Object(
  {
    subject: Type.Optional(Type.String({ maxLength: 200 })),
    body: Type.Optional(Type.String({ minLength: 1, maxLength: 4000 })),
    params: Type.Optional(Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 2000 }), { description: 'values for placeholders; samples fill the rest' })),
  },
  { additionalProperties: false },
);

const Param = Type.Object({ name: Type.String(), label: Type.String() });

export const TemplateSchema = Type.Object({
  key: Type.String(),
  name: Type.String({ description: '模板名称' }),
  channel: ChannelSchema,
  channelName: Type.String(),
  version: Type.Integer({ description: '0 = built-in' }),
  subject: Type.String(),
  body: Type.String(),
  note: Nullable(Type.String()),
  createdBy: Nullable(Type.String()),
  createdAt: Nullable(Type.String({ format: 'date-time' })),
  params: Type.Array(Param, { description: 'placeholders this template may use' }),
});

export const TemplateListResponse = Type.Object({ items: Type.Array(TemplateSchema) });
export const TemplateVersionsResponse = Type.Object({ key: Type.String(), channel: ChannelSchema, items: Type.Array(TemplateSchema) });

export const PreviewResponse = Type.Object({
  subject: Type.String(),
  body: Type.String(),
  version: Nullable(Type.Integer({ description: 'the version previewed; null for a draft' })),
  params: Type.Record(Type.String(), Type.String()),
});

export const CaseParams = Type.Object({ id: Type.String({ maxLength: 100 }) });

export const CaseMessageSchema = Type.Object({
  id: Type.String(),
  channel: ChannelSchema,
  channelName: Type.String(),
  templateKey: Type.String(),
  templateVersion: Type.Integer(),
  subject: Type.String(),
  body: Type.String(),
  status: Type.Union([
    Type.Literal('created'),
    Type.Literal('sending'),
    Type.Literal('delivered'),
    Type.Literal('temporary-failure'),
    Type.Literal('permanent-failure'),
  ]),
  statusName: Type.String(),
  attempts: Type.Integer(),
  recipient: Nullable(Type.String({ description: 'masked e-mail or phone; null for the portal' })),
  lastError: Nullable(Type.String({ description: 'error and reply code of the last failure, e.g. EENVELOPE 550' })),
  provider: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  deliveredAt: Nullable(Type.String({ format: 'date-time' })),
});

export const CaseMessagesResponse = Type.Object({ items: Type.Array(CaseMessageSchema) });

export const ProblemSchema = Type.Object(
  { type: Type.String(), title: Type.String(), status: Type.Integer(), detail: Type.String(), code: Type.String(), instance: Type.String() },
  { additionalProperties: true, description: 'RFC 9457 problem+json' },
);
