// TypeBox schemas of consultations (咨询, Art. 14): logged by channel with the first responder
// (首问负责) and the answer; a consultation can become an application (linked to its case).
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { CHANNELS, CHANNEL_NAMES } from './rules.js';

/** A value or null as one JSON-schema type list (an anyOf with null would let Ajv coerce 0 ↔ null). */
const Nullable = <T extends TSchema>(schema: T) => {
  const { type, ...rest } = schema as unknown as { type: string };
  return Type.Unsafe<Static<T> | null>({ ...rest, type: [type, 'null'] });
};

/** One `enum` keyword, so a wrong channel gets one clear message naming the field. */
export const ChannelSchema = Type.Unsafe<(typeof CHANNELS)[number]>({
  type: 'string',
  enum: [...CHANNELS],
  description: `咨询渠道 channel: ${CHANNELS.map((c) => `${c} ${CHANNEL_NAMES[c]}`).join(' | ')}`,
});

const Text = (max: number, description: string) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S', description });

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64, description: 'consultation id' }) });

export const CreateConsultationBody = Type.Object(
  {
    channel: ChannelSchema,
    itemId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: '所咨询的事项 catalog item id' })),
    askerName: Type.Optional(Text(100, '咨询人姓名 name of the person asking')),
    askerContact: Type.Optional(Text(100, '咨询人联系方式（电话或邮箱，加密保存）phone or e-mail, stored encrypted')),
    question: Text(4000, '咨询内容 the question'),
    answer: Type.Optional(Text(4000, '答复 the answer, when given at once')),
  },
  { additionalProperties: false },
);
export type CreateConsultationInput = Static<typeof CreateConsultationBody>;

export const AnswerBody = Type.Object({ answer: Text(4000, '答复 the answer') }, { additionalProperties: false });

export const LinkBody = Type.Object(
  { caseId: Type.String({ minLength: 1, maxLength: 64, description: '由此咨询形成的办件 the case the consultation became' }) },
  { additionalProperties: false },
);

export const ConsultationListQuery = Type.Object(
  {
    channel: Type.Optional(ChannelSchema),
    answered: Type.Optional(Type.Boolean({ description: 'true: answered only; false: waiting for an answer' })),
    itemId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: '翻页游标 the nextCursor of the previous page' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
  },
  { additionalProperties: false },
);
export type ConsultationListQueryInput = Static<typeof ConsultationListQuery>;

const Ref = Type.Object({ id: Type.String(), name: Type.String() });

export const ConsultationSchema = Type.Object({
  id: Type.String(),
  channel: Type.String(),
  channelName: Type.String({ description: '窗口 / 电话 / 网上 / 信函' }),
  org: Ref,
  item: Nullable(Type.Object({ id: Type.String(), name: Type.String(), code: Type.String() })),
  responder: Nullable(Type.Object({ id: Type.String(), name: Type.String() }, { description: '首问负责人 the first responder' })),
  askerName: Nullable(Type.String({ description: 'masked unless the viewer may read personal data whole' })),
  askerContact: Nullable(Type.String({ description: 'masked unless the viewer may read personal data whole' })),
  question: Type.String(),
  answer: Nullable(Type.String()),
  answeredAt: Nullable(Type.String({ format: 'date-time' })),
  case: Nullable(Type.Object({ id: Type.String(), caseNumber: Type.String() }, { description: '转为申请后的办件 the case it became' })),
  createdAt: Type.String({ format: 'date-time' }),
});
export type ConsultationJson = Static<typeof ConsultationSchema>;

export const ConsultationListResponse = Type.Object({
  items: Type.Array(ConsultationSchema),
  nextCursor: Nullable(Type.String({ description: '下一页游标; null on the last page' })),
});
