// TypeBox schemas of the auditors' routes (审计日志查询、导出、校验).
import { Type, type Static, type TSchema } from '@sinclair/typebox';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

const TimeBound = (description: string) =>
  Type.String({
    maxLength: 40,
    description: `${description}: YYYY-MM-DD (a whole day, Beijing time) or an ISO 8601 date-time`,
  });

export const filterProperties = {
  actorId: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: '操作人 user id of the person who acted' })),
  action: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 100,
      pattern: '^[A-Za-z0-9_.:-]+\\*?$',
      description: '操作 action, e.g. catalog.guide.publish; a trailing * matches a prefix (catalog.guide.*)',
    }),
  ),
  objectType: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: '对象类型 object type, e.g. guide_version' })),
  objectId: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: '对象 object id' })),
  from: Type.Optional(TimeBound('起始时间 from (inclusive)')),
  to: Type.Optional(TimeBound('截止时间 to (inclusive)')),
};

export const AuditQuery = Type.Object(
  {
    ...filterProperties,
    cursor: Type.Optional(Type.String({ maxLength: 20, description: 'nextCursor of the previous page (keyset on id, newest first)' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50, description: 'records per page (1–200)' })),
  },
  { additionalProperties: false },
);
export type AuditQueryInput = Static<typeof AuditQuery>;

export const ExportQuery = Type.Object(
  {
    ...filterProperties,
    format: Type.Union([Type.Literal('csv'), Type.Literal('json')], { description: 'csv (UTF-8 with BOM, opens in Excel) or json' }),
  },
  { additionalProperties: false },
);
export type ExportQueryInput = Static<typeof ExportQuery>;

const OrgRef = Nullable(Type.Object({ id: Type.String(), name: Nullable(Type.String()) }));

export const AuditRecordSchema = Type.Object({
  seq: Nullable(Type.Integer({ description: '链序号 position in the hash chain; null for a moment after the action, until the chainer links the record' })),
  id: Type.Integer(),
  at: Type.String({ description: 'ISO 8601 time of the action' }),
  actor: Type.Union([
    Type.Object({ id: Type.String(), name: Nullable(Type.String()), username: Nullable(Type.String()) }),
    Type.Null(),
  ], { description: 'who acted; null for the system itself' }),
  roles: Type.Array(Type.String(), { description: 'the roles the person acted in' }),
  roleNames: Type.Array(Type.String(), { description: '角色名称' }),
  actorOrg: OrgRef,
  action: Type.String(),
  objectType: Type.String(),
  objectId: Type.String(),
  org: OrgRef,
  ip: Nullable(Type.String()),
  changes: Type.Record(Type.String(), Type.Unknown(), { description: 'before/after of the changed fields, personal data masked' }),
  prevHash: Nullable(Type.String()),
  hash: Nullable(Type.String({ description: 'hex SM3 of the record and prevHash; null until linked' })),
});
export type AuditRecordJson = Static<typeof AuditRecordSchema>;

export const AuditPageSchema = Type.Object({
  items: Type.Array(AuditRecordSchema),
  nextCursor: Nullable(Type.String({ description: 'pass as cursor for the next (older) page; null on the last page' })),
});

export const VerifyResponse = Type.Object({
  ok: Type.Boolean(),
  records: Type.Integer({ description: 'records found intact (before the first bad one)' }),
  firstBadSeq: Type.Optional(Nullable(Type.Integer())),
  id: Type.Optional(Nullable(Type.Integer())),
  problem: Type.Optional(
    Type.Union([Type.Literal('altered'), Type.Literal('removed'), Type.Literal('reordered'), Type.Literal('prev-hash-mismatch')]),
  ),
  detail: Type.Optional(Type.String()),
});
