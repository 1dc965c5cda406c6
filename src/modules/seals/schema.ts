// TypeBox schemas of electronic seals (电子印章, Art. 26). No schema here has a private key: the
// response schemas are the allow-list of what leaves the server.
import { Type, type Static } from '@sinclair/typebox';
import { SEAL_KINDS, SEAL_STATUS_NAMES } from './rules.js';

export const SealKindSchema = Type.Unsafe<(typeof SEAL_KINDS)[number]>({
  type: 'string',
  enum: [...SEAL_KINDS],
  description: `印章类型 kind: ${SEAL_KINDS.join(' | ')}`,
});

export const SealStatusSchema = Type.Unsafe<'active' | 'suspended' | 'revoked'>({
  type: 'string',
  enum: Object.keys(SEAL_STATUS_NAMES),
  description: `状态 status: ${Object.entries(SEAL_STATUS_NAMES).map(([k, v]) => `${k} ${v}`).join(' | ')}`,
});

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid', description: 'seal id' }) });

export const CreateSealBody = Type.Object(
  {
    orgId: Type.String({ minLength: 1, maxLength: 64, description: '所属机构 organization id' }),
    kind: SealKindSchema,
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 24, description: '印文（环绕上方的文字），默认为机构全称 text around the top; default: the organization name' })),
  },
  { additionalProperties: false },
);
export type CreateSealInput = Static<typeof CreateSealBody>;

const Reason = Type.String({ minLength: 1, maxLength: 500, pattern: '\\S', description: '原因 reason' });
export const ReasonBody = Type.Object({ reason: Reason }, { additionalProperties: false });
export const ResumeBody = Type.Object({ reason: Type.Optional(Reason) }, { additionalProperties: false });

export const SealListQuery = Type.Object(
  { orgId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })), status: Type.Optional(SealStatusSchema) },
  { additionalProperties: false },
);

const Nullable = <T extends ReturnType<typeof Type.String>>(s: T) => Type.Union([s, Type.Null()]);

export const SealEventSchema = Type.Object({
  action: Type.String({ description: 'created | suspended | resumed | revoked' }),
  status: Type.String(),
  reason: Nullable(Type.String()),
  by: Nullable(Type.String({ description: '操作人 who' })),
  at: Type.String({ format: 'date-time' }),
});

export const SealSchema = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  kind: Type.String(),
  name: Type.String({ description: '印文 text around the top' }),
  status: Type.String(),
  statusName: Type.String({ description: '有效 / 已暂停 / 已吊销' }),
  statusReason: Nullable(Type.String()),
  statusChangedAt: Nullable(Type.String({ format: 'date-time' })),
  statusChangedBy: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  publicKeyFingerprint: Type.String({ description: 'SM3 of the public key, 16 hex' }),
  imageUrl: Type.String(),
  history: Type.Optional(Type.Array(SealEventSchema)),
});

export const SealListSchema = Type.Object({ items: Type.Array(SealSchema) });

export const PublicKeySchema = Type.Object({
  sealId: Type.String(),
  algorithm: Type.Literal('SM2'),
  curve: Type.Literal('sm2p256v1'),
  signatureAlgorithm: Type.String({ description: 'SM2-with-SM3 over the 32-byte SM3 digest of the document, DER' }),
  userId: Type.String({ description: 'SM2 signer ID (GB/T 35276 default)' }),
  publicKey: Type.String({ description: 'uncompressed point 04‖x‖y, hex' }),
  fingerprint: Type.String(),
});
