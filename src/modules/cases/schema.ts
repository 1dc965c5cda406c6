// TypeBox shapes of the case API (办件): summaries for lists, the detail of one case, and the inputs
// of applications. One schema validates input, types the code and documents the OpenAPI.
import { Type, type Static, type TSchema } from '@sinclair/typebox';

/**
 * A value or null as one JSON-schema type list (an anyOf with null would let Ajv's type coercion
 * turn 0 into null or null into 0; a type list does not).
 */
export const Nullable = <T extends TSchema>(schema: T) => {
  const { type, ...rest } = schema as unknown as { type: string };
  return Type.Unsafe<Static<T> | null>({ ...rest, type: [type, 'null'] });
};

const DateString = Type.String({ format: 'date', description: 'YYYY-MM-DD (Asia/Shanghai)' });
const Id = Type.String({ minLength: 1, maxLength: 64 });
const GuideId = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });

export const IdParams = Type.Object({ id: Id });

export const CaseSummarySchema = Type.Object({
  id: Type.String(),
  caseNumber: Type.String({ description: '办件编号' }),
  state: Type.String(),
  stateName: Type.String(),
  itemName: Type.String(),
  orgName: Type.String(),
  applicantName: Type.String({ description: '申请人（无 personal-data.read-whole 时脱敏）' }),
  channel: Type.String({ description: 'online | window' }),
  submittedAt: Type.String({ format: 'date-time' }),
  acceptanceDueOn: DateString,
  acceptanceOverdue: Type.Boolean({ description: '超过一个工作日未作受理决定' }),
  dueOn: Nullable(DateString),
  remainingDays: Nullable(Type.Integer({ description: '剩余工作日（逾期为负）' })),
  colour: Type.Union(['green', 'amber', 'red', 'paused', 'none'].map((c) => Type.Literal(c))),
  paused: Type.Boolean(),
  version: Type.Integer({ description: 'optimistic version: send it with an action' }),
});
export type CaseSummary = Static<typeof CaseSummarySchema>;

export const CasePageSchema = Type.Object({
  items: Type.Array(CaseSummarySchema),
  nextCursor: Nullable(Type.String({ description: 'pass as cursor for the next page; null at the end' })),
});

/** An e-licence the platform holds that stands for a material (Art. 10(四), Art. 20). */
export const MaterialLicenceSchema = Type.Object(
  {
    id: Type.String(),
    identifier: Type.String({ description: '电子证照标识 1.2.156.3005.2.…' }),
    typeName: Type.String({ description: '证照名称' }),
    licenceNumber: Type.String({ description: '证照编号' }),
    issuerName: Type.String({ description: '发证机关' }),
    validUntil: Nullable(Type.String({ format: 'date', description: '有效期至（含）；null 为长期' })),
    status: Type.String({ description: 'active | cancelled | expired | revoked, as of today' }),
    statusName: Type.String({ description: '有效 / 已注销 / 已过期 / 已吊销' }),
  },
  { description: '平台已调取的电子证照' },
);

const MaterialItem = Type.Object({ materialId: Type.String(), name: Type.String(), note: Nullable(Type.String()) });

export const CaseDetailSchema = Type.Composite([
  CaseSummarySchema,
  Type.Object({
    item: Type.Object({ id: Type.String(), name: Type.String(), code: Type.String() }),
    org: Type.Object({ id: Type.String(), name: Type.String() }),
    guideVersion: Type.Object({ id: Type.String(), version: Type.Integer(), effectiveFrom: Nullable(DateString) }),
    applicant: Type.Object({
      kind: Type.String({ description: 'person | enterprise' }),
      name: Type.String(),
      idNumber: Type.String({ description: '身份证号码（自然人）或统一社会信用代码（企业），按权限脱敏' }),
      phone: Nullable(Type.String()),
      email: Nullable(Type.String()),
    }),
    situation: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
    acceptedOn: Nullable(DateString),
    promised: Type.Object({ days: Type.Integer(), unit: Type.String() }),
    extensionDays: Type.Integer(),
    pauses: Type.Array(
      Type.Object({ id: Type.String(), kind: Type.String(), kindName: Type.String(), reason: Type.String(), startedOn: DateString, endedOn: Nullable(DateString) }),
    ),
    extensions: Type.Array(Type.Object({ days: Type.Integer(), reason: Type.String(), grantedOn: DateString })),
    tolerant: Nullable(Type.Object({ deadlineOn: DateString, items: Type.Array(MaterialItem) })),
    supplement: Nullable(Type.Object({ deadlineOn: DateString, items: Type.Array(MaterialItem) })),
    decision: Nullable(Type.String({ description: 'granted | refused | deemed-granted' })),
    isRenewal: Type.Boolean(),
    licenceNumber: Nullable(Type.String()),
    licenceExpiresOn: Nullable(DateString),
    delivery: Nullable(
      Type.Object({ method: Type.String(), at: Type.String({ format: 'date-time' }), carrier: Type.Optional(Type.String()), trackingNumber: Type.Optional(Type.String()) }),
    ),
    guideMaterials: Type.Array(
      Type.Object({ id: Type.String(), name: Type.String(), required: Type.Boolean(), source: Type.String(), forms: Type.Array(Type.String()) }),
    ),
    materials: Type.Array(
      Type.Object({
        id: Type.String(),
        materialId: Type.String(),
        name: Type.String(),
        source: Type.String({ description: 'upload | reuse | sharing | paper' }),
        status: Type.String({ description: 'submitted | accepted | to-correct' }),
        note: Nullable(Type.String()),
        file: Nullable(Type.Object({ id: Type.String(), fileName: Type.String(), size: Type.Integer(), url: Type.String() })),
        reusedFromCaseNumber: Nullable(Type.String()),
        licence: Nullable(MaterialLicenceSchema),
      }),
    ),
    notices: Type.Array(Type.Object({ id: Type.String(), kind: Type.String(), kindName: Type.String(), number: Type.String(), createdAt: Type.String({ format: 'date-time' }), url: Type.String() })),
    history: Type.Array(
      Type.Object({
        seq: Type.Integer(),
        action: Type.String(),
        actionName: Type.String(),
        fromState: Nullable(Type.String()),
        toState: Type.String(),
        actor: Type.Object({ kind: Type.String(), name: Nullable(Type.String()), roles: Nullable(Type.String()) }),
        at: Type.String({ format: 'date-time' }),
        details: Type.Record(Type.String(), Type.Unknown()),
      }),
    ),
    allowedActions: Type.Array(Type.String()),
  }),
]);
export type CaseDetail = Static<typeof CaseDetailSchema>;

// ——— inputs ———

const MaterialEntrySchema = Type.Object(
  {
    materialId: GuideId,
    fileId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: '已上传文件 id (POST /api/case-files or /api/my/case-files)' })),
    paper: Type.Optional(Type.Literal(true, { description: '窗口收取纸质材料 (window only)' })),
    reuseMaterialId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: '复用此前办件中的同一材料 (一证办理)' })),
  },
  { additionalProperties: false },
);

const RenewalSchema = Type.Object(
  {
    licenceNumber: Type.String({ minLength: 1, maxLength: 100, description: '原证照编号' }),
    expiresOn: DateString,
  },
  { additionalProperties: false, description: '延续申请：原证照到期前申请，到期未决定视为准予延续' },
);

export const WindowApplicationBody = Type.Object(
  {
    implementationId: Id,
    situationId: Type.Optional(GuideId),
    applicant: Type.Object(
      {
        kind: Type.Union([Type.Literal('person'), Type.Literal('enterprise')]),
        name: Type.String({ minLength: 1, maxLength: 100 }),
        idNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
        creditCode: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
        phone: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
        email: Type.Optional(Type.String({ minLength: 3, maxLength: 254 })),
      },
      { additionalProperties: false },
    ),
    materials: Type.Array(MaterialEntrySchema, { maxItems: 200 }),
    renewal: Type.Optional(RenewalSchema),
  },
  { additionalProperties: false },
);

export const OnlineApplicationBody = Type.Object(
  {
    implementationId: Id,
    situationId: Type.Optional(GuideId),
    email: Type.Optional(Type.String({ minLength: 3, maxLength: 254, description: '接收办理进度邮件的地址' })),
    materials: Type.Array(MaterialEntrySchema, { maxItems: 200 }),
    renewal: Type.Optional(RenewalSchema),
  },
  { additionalProperties: false },
);

const Cursor = Type.String({ maxLength: 400, description: 'opaque cursor from nextCursor' });
const Limit = Type.Integer({ minimum: 1, maximum: 100, default: 50 });

export const QueueQuery = Type.Object(
  {
    view: Type.Union(['acceptance', 'review', 'decision', 'delivery', 'open'].map((v) => Type.Literal(v)), { default: 'open' }),
    cursor: Type.Optional(Cursor),
    limit: Type.Optional(Limit),
  },
  { additionalProperties: false },
);

export const SearchQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: '办件编号或申请人姓名' })),
    state: Type.Optional(Type.String({ maxLength: 40 })),
    cursor: Type.Optional(Cursor),
    limit: Type.Optional(Limit),
  },
  { additionalProperties: false },
);

export const OverdueQuery = Type.Object(
  {
    kind: Type.Union([Type.Literal('acceptance'), Type.Literal('decision')], { default: 'decision' }),
    cursor: Type.Optional(Cursor),
    limit: Type.Optional(Limit),
  },
  { additionalProperties: false },
);

export const MyCasesQuery = Type.Object({ cursor: Type.Optional(Cursor), limit: Type.Optional(Limit) }, { additionalProperties: false });

export const ReusableQuery = Type.Object({ implementationId: Id, situationId: Type.Optional(GuideId) }, { additionalProperties: false });

export const HeldLicencesQuery = Type.Object(
  {
    implementationId: Id,
    situationId: Type.Optional(GuideId),
    kind: Type.Union([Type.Literal('person'), Type.Literal('enterprise')]),
    idNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 40, description: '身份证号码（自然人）' })),
    creditCode: Type.Optional(Type.String({ minLength: 1, maxLength: 40, description: '统一社会信用代码（企业）' })),
  },
  { additionalProperties: false },
);

export const HeldLicencesSchema = Type.Object({
  items: Type.Array(Type.Object({ materialId: Type.String(), materialName: Type.String(), licence: MaterialLicenceSchema })),
});

export const ReusableSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      materialId: Type.String(),
      name: Type.String(),
      fromCaseNumber: Type.String(),
      caseMaterialId: Type.String(),
      fileName: Type.String(),
      submittedAt: Type.String({ format: 'date-time' }),
    }),
  ),
});

export const PortalMessagesSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      caseId: Nullable(Type.String()),
      templateKey: Type.String(),
      subject: Type.String(),
      body: Type.String(),
      createdAt: Type.String({ format: 'date-time' }),
    }),
  ),
});

export const CaseFileSchema = Type.Object({ id: Type.String(), fileName: Type.String(), size: Type.Integer(), contentType: Type.String() });

export const ProblemSchema = Type.Object(
  { type: Type.String(), title: Type.String(), status: Type.Integer(), detail: Type.String(), code: Type.String(), instance: Type.String() },
  { additionalProperties: true, description: 'RFC 9457 problem+json' },
);
