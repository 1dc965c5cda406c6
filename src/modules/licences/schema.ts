// TypeBox schemas of electronic licences (电子证照): the staff API, the sharing API for department
// systems, the share grants of a machine client, and the public verification JSON.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { LICENCE_STATUSES, STATUS_NAMES } from './rules.js';

/** A value or null as one JSON-schema type list (an anyOf with null would let Ajv coerce 0 ↔ null). */
const Nullable = <T extends TSchema>(schema: T) => {
  const { type, ...rest } = schema as unknown as { type: string };
  return Type.Unsafe<Static<T> | null>({ ...rest, type: [type, 'null'] });
};

export const StatusSchema = Type.Unsafe<(typeof LICENCE_STATUSES)[number]>({
  type: 'string',
  enum: [...LICENCE_STATUSES],
  description: `证照状态 status: ${LICENCE_STATUSES.map((s) => `${s} ${STATUS_NAMES[s]}`).join(' | ')}`,
});

const TypeCode = Type.String({ pattern: '^[0-9A-Za-z]{21}$', description: '证照类型代码 (21 characters)' });

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64, description: 'licence id' }) });
export const IdentifierParams = Type.Object({ identifier: Type.String({ minLength: 1, maxLength: 200, description: '电子证照标识 1.2.156.3005.2.…' }) });
export const ClientParams = Type.Object({ clientId: Type.String({ minLength: 1, maxLength: 100, description: 'machine client id' }) });

export const ReasonBody = Type.Object(
  { reason: Type.String({ minLength: 2, maxLength: 500, pattern: '\\S', description: '理由（显示在公开核验页）the reason, shown on the public verification page' }) },
  { additionalProperties: false },
);

export const LicenceListQuery = Type.Object(
  {
    holder: Type.Optional(Type.String({ minLength: 1, maxLength: 40, description: '持证人身份证号码或统一社会信用代码 (exact)' })),
    typeCode: Type.Optional(TypeCode),
    status: Type.Optional(StatusSchema),
    issuerOrgId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: '证照编号、证照标识或持证人名称 licence number, identifier or holder name' })),
    allVersions: Type.Optional(Type.Boolean({ description: 'true: also versions replaced by a re-issue' })),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: '翻页游标 the nextCursor of the previous page' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
  },
  { additionalProperties: false },
);
export type LicenceListQueryInput = Static<typeof LicenceListQuery>;

export const LicenceSchema = Type.Object({
  id: Type.String(),
  identifier: Type.String({ description: '电子证照标识' }),
  licenceType: Type.Object({ code: Type.String(), name: Type.String() }),
  licenceNumber: Type.String(),
  version: Type.Integer(),
  issuer: Type.Object({ id: Type.String(), name: Type.String(), creditCode: Type.String() }),
  holder: Type.Object({
    kind: Type.String(),
    kindName: Type.String(),
    name: Type.String({ description: 'a person’s name masked unless the viewer may read personal data whole' }),
    identity: Type.String({ description: 'ID number or credit code, masked unless the viewer may read personal data whole' }),
  }),
  validFrom: Type.String({ format: 'date' }),
  validUntil: Nullable(Type.String({ format: 'date', description: 'null: 长期有效' })),
  status: StatusSchema,
  statusName: Type.String(),
  statusReason: Nullable(Type.String()),
  statusChangedAt: Nullable(Type.String({ format: 'date-time' })),
  current: Type.Boolean({ description: 'false: replaced by a later version (换发)' }),
  caseId: Nullable(Type.String()),
  documentId: Nullable(Type.String()),
  data: Type.Record(Type.String(), Type.Unknown()),
  issuedAt: Type.String({ format: 'date-time' }),
  verifyUrl: Type.String(),
});
export type LicenceJson = Static<typeof LicenceSchema>;

export const LicenceListResponse = Type.Object({ items: Type.Array(LicenceSchema), nextCursor: Nullable(Type.String()) });

export const LicenceDetailSchema = Type.Composite([
  LicenceSchema,
  Type.Object({
    versions: Type.Array(Type.Object({ id: Type.String(), version: Type.Integer(), identifier: Type.String(), status: StatusSchema, statusName: Type.String(), validFrom: Type.String(), validUntil: Nullable(Type.String()), current: Type.Boolean(), issuedAt: Type.String() })),
    history: Type.Array(
      Type.Object({ seq: Type.Integer(), action: Type.String(), fromStatus: Nullable(Type.String()), toStatus: Type.String(), reason: Nullable(Type.String()), actor: Type.Object({ kind: Type.String(), name: Nullable(Type.String()) }), at: Type.String() }),
    ),
  }),
]);

// ——— sharing (department systems) ———

export const ShareQuery = Type.Object(
  {
    holder: Type.String({ minLength: 1, maxLength: 40, description: '持证人身份证号码或统一社会信用代码' }),
    types: Type.String({ pattern: '^\\s*[0-9A-Za-z]{21}\\s*(,\\s*[0-9A-Za-z]{21}\\s*){0,19}$', description: '证照类型代码，逗号分隔（最多20个）licence type codes, comma-separated (≤ 20)' }),
    purpose: Type.String({ minLength: 2, maxLength: 200, pattern: '\\S', description: '用途 what the licences are used for' }),
    caseNumber: Type.String({ minLength: 1, maxLength: 64, pattern: '\\S', description: '所服务的办件编号 the case this request serves' }),
  },
  { additionalProperties: false },
);

export const SharedLicenceSchema = Type.Object({
  identifier: Type.String(),
  licenceType: Type.Object({ code: Type.String(), name: Type.String() }),
  licenceNumber: Type.String(),
  version: Type.Integer(),
  issuer: Type.Object({ name: Type.String(), creditCode: Type.String() }),
  holderName: Type.String(),
  validFrom: Type.String({ format: 'date' }),
  validUntil: Nullable(Type.String({ format: 'date' })),
  status: StatusSchema,
  statusName: Type.String(),
  data: Type.Record(Type.String(), Type.Unknown()),
  verifyUrl: Type.String(),
});

export const ShareResponse = Type.Object({
  accessId: Type.String({ description: '本次调用的记录编号（持证人可见）the access log entry of this request' }),
  holder: Type.String({ description: 'masked' }),
  items: Type.Array(SharedLicenceSchema),
  grantedTypes: Type.Array(Type.String()),
  refusedTypes: Type.Array(Type.String({ description: '本系统未获授权的类型 types this client is not granted' })),
});

export const ShareGrantsSchema = Type.Object({
  clientId: Type.String(),
  clientName: Type.String(),
  hasScope: Type.Boolean({ description: 'whether the client holds the scope licences.read (without it no grant is usable)' }),
  licenceTypes: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  availableTypes: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
});

export const ShareGrantsBody = Type.Object({ typeCodes: Type.Array(TypeCode, { maxItems: 200, uniqueItems: true }) }, { additionalProperties: false });

// ——— public verification ———

export const PublicLicenceSchema = Type.Object({
  identifier: Type.String(),
  licenceType: Type.Object({ code: Type.String(), name: Type.String() }),
  licenceNumber: Type.String(),
  version: Type.Integer(),
  issuer: Type.Object({ name: Type.String(), creditCode: Type.String() }),
  holder: Type.Object({ kindName: Type.String(), name: Type.String({ description: 'masked for a person' }), identity: Type.String({ description: 'masked' }) }),
  validFrom: Type.String({ format: 'date' }),
  validUntil: Nullable(Type.String({ format: 'date' })),
  status: StatusSchema,
  statusName: Type.String({ description: '有效 / 已注销 / 已过期 / 已吊销 as of checkedOn' }),
  statusReason: Nullable(Type.String()),
  statusChangedAt: Nullable(Type.String({ format: 'date-time' })),
  currentVersion: Nullable(Type.Object({ identifier: Type.String(), version: Type.Integer() }, { description: 'the version in force, when this one was replaced' })),
  issuedAt: Type.String({ format: 'date-time' }),
  checkedOn: Type.String({ format: 'date' }),
});
export type PublicLicenceJson = Static<typeof PublicLicenceSchema>;

export const ProblemSchema = Type.Object(
  { type: Type.String(), title: Type.String(), status: Type.Integer(), detail: Type.String(), code: Type.String(), instance: Type.String(), invalidParams: Type.Array(Type.Object({ name: Type.String(), reason: Type.String() })) },
  { additionalProperties: true },
);
