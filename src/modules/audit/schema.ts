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
  action: Type.String({ description: '操作 the action code, e.g. case.accept' }),
  actionName: Nullable(Type.String({ description: '操作名称 the Chinese name of the action (受理); null for a code without one' })),
  objectType: Type.String(),
  objectTypeName: Nullable(Type.String({ description: '对象类型名称 (办件, 工作人员账号 …); null for a type without one' })),
  objectId: Type.String(),
  objectLabel: Nullable(
    Type.String({ description: '对象名称: the case number, the account’s name, the item or guide, the licence number, the seal … (personal data masked); null when there is none' }),
  ),
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

export const FilterOptionsSchema = Type.Object({
  actions: Type.Array(
    Type.Object({
      action: Type.String({ description: 'the code to pass as action' }),
      name: Type.String({ description: '操作名称' }),
      group: Type.String({ description: 'the family of the action (its code up to the first dot); pass "<group>.*" as action for all of it' }),
      groupName: Type.String({ description: '操作类别' }),
    }),
    { description: 'the actions the platform records, with their Chinese names, grouped' },
  ),
  objectTypes: Type.Array(Type.Object({ objectType: Type.String({ description: 'the code to pass as objectType' }), name: Type.String({ description: '对象类型名称' }) })),
});

export const ActorQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 64, description: '姓名或登录名包含 (name or username contains)' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20, description: 'people to return (1–50)' })),
  },
  { additionalProperties: false },
);
export type ActorQueryInput = Static<typeof ActorQuery>;

export const ActorListSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String({ description: 'pass as actorId' }),
      name: Type.String(),
      username: Type.String(),
      orgName: Type.String(),
      active: Type.Boolean(),
    }),
    { description: 'staff of the organizations in the auditor’s scope, by username' },
  ),
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
