// TypeBox schemas of the catalog API (事项目录 and 办事指南). The guide content itself is
// GuideDraftSchema in guide-content.ts; this file only frames it.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { GuideDraftSchema, ItemTypeSchema } from './guide-content.js';

/**
 * A value or null, as one JSON-schema type list. (An anyOf with null would let Ajv's type coercion
 * turn 0 into null or null into 0; a type list does not.)
 */
const Nullable = <T extends TSchema>(schema: T) => {
  const { type, ...rest } = schema as unknown as { type: string };
  return Type.Unsafe<Static<T> | null>({ ...rest, type: [type, 'null'] });
};

export const IdSchema = Type.String({ minLength: 1, maxLength: 64, description: 'identifier' });
export const IdParams = Type.Object({ id: IdSchema });
export const DateSchema = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
/** Free text that must say something: at least one non-space character. */
const Reason = (max: number, description: string) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S', description });
const Status = Type.Union([Type.Literal('active'), Type.Literal('retired')]);
const GuideStatusSchema = Type.Union(['draft', 'submitted', 'returned', 'published'].map((s) => Type.Literal(s)));
const LevelSchema = Type.String({ description: '事权层级 league | county | township | village' });

// ——— basic catalog items (基本目录) ———

export const ItemListQuery = Type.Object(
  {
    type: Type.Optional(ItemTypeSchema),
    q: Type.Optional(Type.String({ maxLength: 100, description: '名称或编码包含 (name or code contains)' })),
    parentId: Type.Optional(IdSchema),
    status: Type.Optional(Status),
  },
  { additionalProperties: false },
);

export const ItemSchema = Type.Object({
  id: Type.String(),
  code: Type.String({ description: '基本编码 (10 digits, GB/T 39554)' }),
  name: Type.String(),
  type: Type.String(),
  typeName: Type.String({ description: '事项类型 (Art. 6)' }),
  parentId: Nullable(Type.String()),
  legalBasis: Type.Array(Type.String()),
  legalLimitDays: Nullable(Type.Integer({ description: '法定办结时限（工作日）' })),
  description: Type.String(),
  status: Type.String(),
  implementationCount: Type.Integer(),
});

const LegalBasis = Type.Array(Type.String({ minLength: 1, maxLength: 1000 }), { maxItems: 50, description: '设定依据' });
const LegalLimitDays = Type.Integer({ minimum: 0, maximum: 3650, description: '法定办结时限（工作日）' });

export const CreateItemBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S', description: '事项名称 / 子项名称' }),
    type: ItemTypeSchema,
    parentId: Type.Optional(IdSchema),
    legalBasis: LegalBasis,
    legalLimitDays: Type.Optional(LegalLimitDays),
    description: Type.Optional(Type.String({ maxLength: 5000 })),
    mainNumber: Type.Optional(Type.Integer({ minimum: 1, maximum: 99999, description: '主项序号' })),
    subNumber: Type.Optional(Type.Integer({ minimum: 1, maximum: 999, description: '子项序号' })),
  },
  { additionalProperties: false },
);
export type CreateItemInput = Static<typeof CreateItemBody>;

export const PatchItemBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' })),
    legalBasis: Type.Optional(LegalBasis),
    legalLimitDays: Type.Optional(Nullable(LegalLimitDays)),
    description: Type.Optional(Type.String({ maxLength: 5000 })),
    status: Type.Optional(Status),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type PatchItemInput = Static<typeof PatchItemBody>;

const VersionRef = Type.Object({ id: Type.String(), versionNo: Type.Integer(), effectiveFrom: Type.String() });

export const ItemImplementationSchema = Type.Object({
  id: Type.String(),
  code: Type.String({ description: '实施编码' }),
  orgId: Type.String(),
  orgName: Type.String(),
  level: LevelSchema,
  divisionCode: Type.String(),
  status: Type.String(),
  publishedVersion: Nullable(VersionRef),
});

export const ItemDetailSchema = Type.Object({
  ...ItemSchema.properties,
  subItems: Type.Array(ItemSchema),
  implementations: Type.Array(ItemImplementationSchema),
});

// ——— implementation entries (实施清单) ———

export const CreateImplementationBody = Type.Object({ orgId: IdSchema }, { additionalProperties: false });

export const ImplementationListQuery = Type.Object(
  { orgId: Type.Optional(IdSchema), itemId: Type.Optional(IdSchema) },
  { additionalProperties: false },
);

const LatestVersion = Type.Object({ id: Type.String(), versionNo: Type.Integer(), status: Type.String(), effectiveFrom: Nullable(Type.String()) });

export const ImplementationSchema = Type.Object({
  id: Type.String(),
  code: Type.String({ description: '实施编码 (basic code + level digit + credit code)' }),
  level: LevelSchema,
  status: Type.String(),
  item: Type.Object({ id: Type.String(), code: Type.String(), name: Type.String(), type: Type.String(), typeName: Type.String(), status: Type.String(), parentId: Nullable(Type.String()) }),
  org: Type.Object({ id: Type.String(), name: Type.String(), divisionCode: Type.String() }),
  latestVersion: Nullable(LatestVersion),
  publishedVersion: Nullable(VersionRef),
});

export const VersionSummarySchema = Type.Object({
  id: Type.String(),
  versionNo: Type.Integer(),
  status: GuideStatusSchema,
  effectiveFrom: Nullable(Type.String()),
  changeReason: Type.String(),
  createdBy: Nullable(Type.String()),
  submittedAt: Nullable(Type.String()),
  publishedAt: Nullable(Type.String()),
  inForce: Type.Boolean({ description: '今天是否现行有效' }),
});

export const ImplementationDetailSchema = Type.Object({ ...ImplementationSchema.properties, versions: Type.Array(VersionSummarySchema) });

// ——— guide versions (办事指南版本, Art. 12) ———

export const LintMessageSchema = Type.Object({
  severity: Type.Union([Type.Literal('error'), Type.Literal('warning')]),
  rule: Type.String(),
  article: Type.String(),
  field: Type.String(),
  message: Type.String(),
});

export const TotalsSchema = Type.Object({
  steps: Type.Number(),
  materials: Type.Number(),
  applicantMaterials: Type.Number(),
  promisedWorkingDays: Type.Number(),
  legalWorkingDays: Type.Number(),
  feesYuan: Type.Number(),
  visits: Type.Number(),
});

export const GuideVersionSchema = Type.Object({
  id: Type.String(),
  implementationId: Type.String(),
  versionNo: Type.Integer(),
  status: GuideStatusSchema,
  content: GuideDraftSchema,
  totals: TotalsSchema,
  effectiveFrom: Nullable(Type.String()),
  changeReason: Type.String(),
  reviewComment: Nullable(Type.String()),
  createdBy: Nullable(Type.String()),
  submittedBy: Nullable(Type.String()),
  reviewedBy: Nullable(Type.String()),
  submittedAt: Nullable(Type.String()),
  publishedAt: Nullable(Type.String()),
  lint: Type.Array(LintMessageSchema),
});

export const CreateDraftBody = Type.Object({ content: Type.Optional(GuideDraftSchema) }, { additionalProperties: false });
export const PutVersionBody = Type.Object(
  { content: GuideDraftSchema, changeReason: Type.Optional(Type.String({ maxLength: 1000, description: '调整原因（法律法规变化等）' })) },
  { additionalProperties: false },
);
export const LintBody = Type.Object({ content: GuideDraftSchema, itemId: Type.Optional(IdSchema) }, { additionalProperties: false });
export const LintResponse = Type.Object({ messages: Type.Array(LintMessageSchema), totals: TotalsSchema });
export const SubmitBody = Type.Object(
  { changeReason: Reason(1000, '调整原因 (Art. 12)'), effectiveFrom: Type.Optional(DateSchema) },
  { additionalProperties: false },
);
export const PublishBody = Type.Object(
  { effectiveFrom: Type.Optional(DateSchema), comment: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);
export const ReturnBody = Type.Object({ comment: Reason(2000, '退回意见') }, { additionalProperties: false });

export const ReviewQueueSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      versionNo: Type.Integer(),
      implementationId: Type.String(),
      implementationCode: Type.String(),
      itemId: Type.String(),
      itemCode: Type.String(),
      itemName: Type.String(),
      orgId: Type.String(),
      orgName: Type.String(),
      changeReason: Type.String(),
      effectiveFrom: Nullable(Type.String()),
      submittedBy: Nullable(Type.String()),
      submittedByName: Nullable(Type.String()),
      submittedAt: Nullable(Type.String()),
    }),
  ),
});

export const DiffQuery = Type.Object({ against: IdSchema }, { additionalProperties: false });
export const DiffResponse = Type.Object({
  from: Type.Object({ id: Type.String(), versionNo: Type.Integer() }),
  to: Type.Object({ id: Type.String(), versionNo: Type.Integer() }),
  changes: Type.Array(
    Type.Object({
      path: Type.String(),
      label: Type.String(),
      kind: Type.Union([Type.Literal('added'), Type.Literal('removed'), Type.Literal('changed')]),
      // Absent on one side: an added element has no before, a removed one no after (required, the
      // serializer refused every such change with a 500).
      before: Type.Optional(Type.Unknown()),
      after: Type.Optional(Type.Unknown()),
    }),
  ),
});

export const InForceQuery = Type.Object({ date: Type.Optional(DateSchema) }, { additionalProperties: false });

/** What anyone may see of a published version (no reviewer comments or staff ids). */
export const PublicVersionSchema = Type.Object({
  id: Type.String(),
  implementationId: Type.String(),
  versionNo: Type.Integer(),
  status: GuideStatusSchema,
  content: GuideDraftSchema,
  totals: TotalsSchema,
  effectiveFrom: Nullable(Type.String()),
  changeReason: Type.String(),
  publishedAt: Nullable(Type.String()),
});

export const VersionHistorySchema = Type.Object({ implementationId: Type.String(), items: Type.Array(PublicVersionSchema) });

// ——— reports: consistency (Art. 9 ¶2) and simplification (减材料、减时限、减环节、减跑动) ———

export const ConsistencyQuery = Type.Object({ itemId: Type.Optional(IdSchema) }, { additionalProperties: false });
export const ConsistencyResponse = Type.Object({
  items: Type.Array(
    Type.Object({
      itemId: Type.String(),
      itemCode: Type.String(),
      itemName: Type.String(),
      fields: Type.Array(
        Type.Object({
          field: Type.String(),
          label: Type.String(),
          differs: Type.Boolean(),
          values: Type.Array(Type.Object({ implementationId: Type.String(), orgName: Type.String(), divisionName: Type.String(), value: Type.String() })),
        }),
      ),
    }),
  ),
});

export const SimplificationQuery = Type.Object({ itemId: Type.Optional(IdSchema), orgId: Type.Optional(IdSchema) }, { additionalProperties: false });
const Reductions = Type.Object({ materials: Type.Number(), promisedWorkingDays: Type.Number(), steps: Type.Number(), visits: Type.Number() });
const TotalsAt = Type.Object({ versionId: Type.String(), versionNo: Type.Integer(), effectiveFrom: Type.String(), totals: TotalsSchema });
export const SimplificationResponse = Type.Object({
  date: Type.String(),
  implementations: Type.Array(
    Type.Object({
      implementationId: Type.String(),
      implementationCode: Type.String(),
      itemId: Type.String(),
      itemName: Type.String(),
      orgId: Type.String(),
      orgName: Type.String(),
      first: TotalsAt,
      current: TotalsAt,
      reductions: Reductions,
    }),
  ),
  byItem: Type.Array(Type.Object({ itemId: Type.String(), itemName: Type.String(), implementations: Type.Integer(), reductions: Reductions })),
  byOrg: Type.Array(Type.Object({ orgId: Type.String(), orgName: Type.String(), implementations: Type.Integer(), reductions: Reductions })),
  total: Reductions,
});
export type SimplificationResult = Static<typeof SimplificationResponse>;
