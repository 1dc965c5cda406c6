// TypeBox schemas of the case actions (POST /api/cases/:id/actions/<action>): one body per action,
// each carrying the version of the case the caller saw (two staff at once: the second gets 409).
import { Type, type Static, type TSchema } from '@sinclair/typebox';

const Text = (max: number, description: string) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S', description });
const DateString = (description: string) => Type.String({ format: 'date', description: `${description} (YYYY-MM-DD)` });
const Version = Type.Integer({ minimum: 1, description: '办件版本号：打开办件时看到的 version (the case version the caller saw)' });

/** Every action body: the version plus the action's own fields, nothing else. */
const Body = <P extends Record<string, TSchema>>(props: P, description: string) =>
  Type.Object({ version: Version, ...props }, { additionalProperties: false, description });

export const CaseIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
export const NoticeParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }), noticeId: Type.String({ minLength: 1, maxLength: 64 }) });

/** One item of a supplement or tolerant-acceptance list: a material of the guide's chosen situation. */
export const ListItemSchema = Type.Object(
  {
    materialId: Type.String({ minLength: 1, maxLength: 64, description: '办事指南（所选情形）中的材料 id' }),
    note: Type.String({ maxLength: 500, description: '需补齐补正的具体内容 (what exactly to supply or correct)' }),
  },
  { additionalProperties: false },
);
const Items = Type.Array(ListItemSchema, { minItems: 1, maxItems: 200, description: '一次性告知的全部材料' });

/** A material supplied later (补齐补正 / 容缺补正): an upload, paper at the window, or a reused earlier material. */
export const MaterialEntrySchema = Type.Object(
  {
    materialId: Type.String({ minLength: 1, maxLength: 64 }),
    fileId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'POST /api/case-files 或 /api/my/case-files 返回的 id' })),
    paper: Type.Optional(Type.Literal(true, { description: '窗口收取纸质材料 (staff only)' })),
    reuseMaterialId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: '一证办理：复用的既有材料' })),
  },
  { additionalProperties: false },
);
const Materials = Type.Array(MaterialEntrySchema, { minItems: 1, maxItems: 200 });

export const PAUSE_KINDS = ['hearing', 'expert-review', 'inspection', 'publicity', 'other'] as const;
export const PAUSE_KIND_NAMES: Record<(typeof PAUSE_KINDS)[number], string> = {
  hearing: '听证',
  'expert-review': '专家评审',
  inspection: '检验检测',
  publicity: '公示',
  other: '其他依法不计入时限的期间',
};

export const ACTION_BODIES = {
  'request-supplement': Body({ items: Items, deadlineOn: DateString('补正期限（含当日）') }, '一次性告知补齐补正'),
  supply: Body({ materials: Materials }, '补齐补正材料（窗口代为提交）'),
  accept: Body({}, '受理'),
  'accept-tolerant': Body({ items: Items, deadlineOn: DateString('容缺补正期限（含当日）') }, '容缺受理'),
  'supply-correction': Body({ materials: Materials }, '容缺补正材料（窗口代为提交）'),
  'refuse-acceptance': Body({ reasons: Text(2000, '不予受理的理由'), legalBasis: Text(1000, '法律依据'), contact: Text(200, '联系方式') }, '不予受理'),
  pause: Body(
    {
      kind: Type.Union(PAUSE_KINDS.map((k) => Type.Literal(k)), { description: '听证 | 专家评审 | 检验检测 | 公示 | 其他' }),
      reason: Text(1000, '暂停计时的事由'),
      startedOn: Type.Optional(DateString('暂停开始日期，默认今天')),
    },
    '暂停计时',
  ),
  resume: Body({ endedOn: Type.Optional(DateString('恢复计时日期，默认今天')) }, '恢复计时'),
  extend: Body({ days: Type.Integer({ minimum: 1, maximum: 365, description: '延长的天数（单位同承诺时限）' }), reason: Text(1000, '延长理由') }, '延长办理时限'),
  'complete-review': Body({ opinion: Text(5000, '审查意见') }, '审查完成'),
  grant: Body(
    {
      opinion: Type.Optional(Type.String({ maxLength: 5000, description: '决定意见' })),
      resultForms: Type.Array(Type.Union([Type.Literal('electronic'), Type.Literal('paper')]), { minItems: 1, uniqueItems: true, description: '结果形式：电子 | 纸质' }),
      licenceValidUntil: Type.Optional(Type.String({ format: 'date', description: '证照有效期截止日（结果为证照时；不填为长期有效）' })),
    },
    '准予',
  ),
  refuse: Body(
    {
      reasons: Text(2000, '不予的理由'),
      legalBasis: Type.Optional(Type.String({ maxLength: 1000, description: '法律依据' })),
      contactPerson: Text(50, '联系人'),
      contactPhone: Type.String({ minLength: 5, maxLength: 30, pattern: '^[0-9+\\-() ]+$', description: '联系电话' }),
    },
    '不予',
  ),
  deliver: Body(
    {
      method: Type.Union([Type.Literal('window'), Type.Literal('electronic'), Type.Literal('mail')], { description: '窗口领取 | 电子送达 | 邮寄' }),
      carrier: Type.Optional(Text(50, '寄递企业（邮寄时必填）')),
      trackingNumber: Type.Optional(Type.String({ minLength: 4, maxLength: 40, pattern: '^[A-Za-z0-9-]+$', description: '运单号（邮寄时必填）' })),
    },
    '送达',
  ),
  'phone-follow-up': Body({ note: Text(2000, '电话回访记录') }, '电话回访'),
} as const;

export type StaffAction = keyof typeof ACTION_BODIES;
export const STAFF_ACTIONS = Object.keys(ACTION_BODIES) as StaffAction[];
export type ActionBody<A extends StaffAction> = Static<(typeof ACTION_BODIES)[A]>;
export type ListItem = Static<typeof ListItemSchema>;
export type MaterialEntryInput = Static<typeof MaterialEntrySchema>;

/** The applicant's own supply (补齐补正) and correction (容缺补正) in the portal. */
export const ApplicantSupplyBody = Body({ materials: Materials }, '补齐补正 / 容缺补正材料');
export type ApplicantSupplyInput = Static<typeof ApplicantSupplyBody>;

/** The applicant withdraws the application (撤回) before a decision. */
export const WithdrawBody = Body({ reason: Type.Optional(Type.String({ maxLength: 1000, description: '撤回原因（可不填）' })) }, '撤回申请');
export type WithdrawInput = Static<typeof WithdrawBody>;
