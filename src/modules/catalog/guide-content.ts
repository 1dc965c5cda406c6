// The content of one guide version (办事指南): every element of Art. 9, the materials of Art. 10,
// the result of Art. 11, the structured process and the situations (情形). This one schema
// validates API input, types the code, documents the OpenAPI, and is stored as jsonb.
import { Type, type Static } from '@sinclair/typebox';

const ShortText = (description: string) => Type.String({ maxLength: 200, description });
const LongText = (description: string) => Type.String({ maxLength: 5000, description });
const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$', description: 'stable id within the guide' });

export const ITEM_TYPES = ['licensing', 'confirmation', 'reward', 'payment', 'adjudication', 'other-power', 'public-service'] as const;
/** Art. 6: the seven item types and their Chinese names. */
export const ITEM_TYPE_NAMES: Record<(typeof ITEM_TYPES)[number], string> = {
  licensing: '行政许可',
  confirmation: '行政确认',
  reward: '行政奖励',
  payment: '行政给付',
  adjudication: '行政裁决',
  'other-power': '其他行政权力',
  'public-service': '公共服务',
};
export const ItemTypeSchema = Type.Union(ITEM_TYPES.map((t) => Type.Literal(t)), { description: '事项类型 (Art. 6)' });

/** A file attached to a guide: blank form (空白表格), sample (示例样表), redacted result sample. */
export const AttachmentSchema = Type.Object(
  {
    title: ShortText('文件名称'),
    url: Type.String({ maxLength: 500, description: 'where the file is published' }),
  },
  { additionalProperties: false },
);

/** 时限: a number of working days (工作日) or, for what the law writes so, calendar days (日). */
export const TimeLimitSchema = Type.Object(
  {
    days: Type.Integer({ minimum: 0, maximum: 3650 }),
    unit: Type.Union([Type.Literal('working-day'), Type.Literal('calendar-day')], { description: '工作日 | 日' }),
  },
  { additionalProperties: false },
);

export const MATERIAL_SOURCES = ['applicant', 'department', 'intermediary', 'sharing'] as const;
export const MATERIAL_FORMS = ['original', 'copy', 'electronic'] as const;

/** 所需材料 (Art. 10). */
export const MaterialSchema = Type.Object(
  {
    id: Id,
    name: ShortText('材料名称'),
    forms: Type.Array(Type.Union(MATERIAL_FORMS.map((f) => Type.Literal(f))), {
      minItems: 1,
      uniqueItems: true,
      description: '材料形式: 原件 | 复印件 | 电子材料',
    }),
    copies: Type.Integer({ minimum: 0, maximum: 99, description: '份数' }),
    spec: ShortText('纸质规格，如 A4'),
    required: Type.Boolean({ description: '必要性' }),
    /** A form the applicant fills in: needs a blank and a sample (Art. 10(二)). */
    isForm: Type.Boolean({ description: '是否为需填写的表格' }),
    blankForm: Type.Optional(AttachmentSchema),
    sampleForm: Type.Optional(AttachmentSchema),
    source: Type.Union(MATERIAL_SOURCES.map((s) => Type.Literal(s)), {
      description: '来源渠道: 申请人自备 | 政府部门核发 | 中介机构出具 | 数据共享获取',
    }),
    issuingDepartment: Type.Optional(ShortText('出具部门（部门核发时）')),
    /** Art. 10(三): an intermediary material names the agency category and qualification. */
    intermediary: Type.Optional(
      Type.Object(
        {
          agencyCategory: ShortText('中介机构类别'),
          qualification: Type.Optional(ShortText('资质要求')),
        },
        { additionalProperties: false },
      ),
    ),
    /** When the material is a licence of a known type, its code in the e-licence library. */
    licenceTypeCode: Type.Optional(Type.String({ maxLength: 32, description: '电子证照类型代码' })),
    legalBasis: Type.String({ maxLength: 1000, description: '设定依据' }),
    notes: Type.Optional(LongText('填报须知')),
  },
  { additionalProperties: false },
);

/** 办理流程: one step with its unit, time limit and whether the time counts (特殊环节 do not). */
export const ProcessStepSchema = Type.Object(
  {
    id: Id,
    name: ShortText('环节名称，如 受理、审查、决定、送达'),
    responsibleUnit: ShortText('责任单位/岗位'),
    timeLimit: TimeLimitSchema,
    /** false for 特殊环节 (听证, 专家评审, 检验检测, 公示 …) excluded from the legal limit. */
    countsTowardLimit: Type.Boolean({ description: '是否计入法定时限' }),
    /** The applicant has to come to the window for this step (到现场). */
    onSite: Type.Boolean({ description: '是否需要到现场' }),
    materialIds: Type.Array(Id, { maxItems: 200, description: '本环节使用的材料' }),
    legalBasis: Type.String({ maxLength: 1000 }),
  },
  { additionalProperties: false },
);

/** 情形: 新办 / 变更 / 延续 / 注销 … each selects its own materials. */
export const SituationSchema = Type.Object(
  {
    id: Id,
    name: ShortText('情形名称'),
    materialIds: Type.Array(Id, { maxItems: 200 }),
  },
  { additionalProperties: false },
);

export const FeeSchema = Type.Object(
  {
    name: ShortText('收费项目'),
    amountYuan: Type.Number({ minimum: 0, maximum: 100000000, description: '金额（元）' }),
    basis: Type.String({ maxLength: 1000, description: '收费依据' }),
  },
  { additionalProperties: false },
);

export const SERVICE_OBJECTS = ['natural-person', 'legal-person', 'other-organization'] as const;
export const HANDLING_FORMS = ['online', 'window', 'mail'] as const;

export const GuideContentSchema = Type.Object(
  {
    itemName: ShortText('事项名称'),
    subItemName: Type.Optional(ShortText('子项名称')),
    itemType: ItemTypeSchema,
    acceptanceConditions: Type.Array(Type.String({ maxLength: 1000 }), { maxItems: 50, description: '受理条件' }),
    implementingBody: ShortText('实施主体'),
    serviceObjects: Type.Array(Type.Union(SERVICE_OBJECTS.map((s) => Type.Literal(s))), {
      uniqueItems: true,
      maxItems: 3,
      description: '服务对象: 自然人 | 法人 | 其他组织',
    }),
    legalLimit: TimeLimitSchema,
    promisedLimit: TimeLimitSchema,
    fees: Type.Object(
      {
        charged: Type.Boolean({ description: '是否收费' }),
        items: Type.Array(FeeSchema, { maxItems: 50 }),
        /** For a free item, the basis of not charging is still stated (收费依据). */
        basis: Type.String({ maxLength: 1000, description: '收费标准及收费依据说明' }),
      },
      { additionalProperties: false },
    ),
    legalBasis: Type.Array(Type.String({ maxLength: 1000 }), { maxItems: 50, description: '设定依据' }),
    materials: Type.Array(MaterialSchema, { maxItems: 200, description: '所需材料' }),
    situations: Type.Array(SituationSchema, { maxItems: 50, description: '办理情形' }),
    process: Type.Array(ProcessStepSchema, { maxItems: 50, description: '办理流程' }),
    handlingForms: Type.Array(Type.Union(HANDLING_FORMS.map((f) => Type.Literal(f))), {
      uniqueItems: true,
      maxItems: 3,
      description: '办理形式: 网上办理 | 窗口办理 | 邮寄办理',
    }),
    locations: Type.Array(
      Type.Object(
        {
          name: ShortText('办理地点名称'),
          address: Type.String({ maxLength: 500 }),
          hours: ShortText('办公时间'),
        },
        { additionalProperties: false },
      ),
      { maxItems: 20, description: '办理地点' },
    ),
    result: Type.Object(
      {
        name: ShortText('结果名称'),
        kind: Type.Union([Type.Literal('licence'), Type.Literal('approval-document'), Type.Literal('other')], {
          description: '结果类型: 证照 | 批文 | 其他',
        }),
        licenceTypeCode: Type.Optional(Type.String({ maxLength: 32 })),
        /** Art. 11: a redacted sample of the result document. */
        sample: Type.Optional(AttachmentSchema),
        delivery: Type.Array(
          Type.Union([Type.Literal('window'), Type.Literal('electronic'), Type.Literal('mail')]),
          { uniqueItems: true, maxItems: 3, description: '送达方式' },
        ),
      },
      { additionalProperties: false },
    ),
    consultation: Type.Object(
      { phone: ShortText('咨询电话'), other: Type.Optional(ShortText('其他咨询方式')) },
      { additionalProperties: false },
    ),
    complaint: Type.Object(
      { phone: ShortText('监督投诉电话'), other: Type.Optional(ShortText('其他投诉方式')) },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export type GuideContent = Static<typeof GuideContentSchema>;
export type Material = Static<typeof MaterialSchema>;
export type ProcessStep = Static<typeof ProcessStepSchema>;
export type TimeLimit = Static<typeof TimeLimitSchema>;

/** What the platform computes from a guide so simplification can be measured (减材料、减时限、减环节、减跑动). */
export interface GuideTotals {
  steps: number;
  materials: number;
  /** Materials the applicant has to bring (not obtained by sharing). */
  applicantMaterials: number;
  promisedWorkingDays: number;
  legalWorkingDays: number;
  feesYuan: number;
  /** 到现场次数: steps that need the applicant at the window. */
  visits: number;
}

/** A draft may be incomplete: every element is optional but typed; the linter says what is missing. */
export const GuideDraftSchema = Type.Partial(GuideContentSchema);
export type GuideDraft = Static<typeof GuideDraftSchema>;
