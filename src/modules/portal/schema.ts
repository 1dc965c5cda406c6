// TypeBox schemas of the portal's pages and of the open guide API (开放接口, Art. 11).
import { Type, type Static } from '@sinclair/typebox';
import { GuideContentSchema, ItemTypeSchema } from '../catalog/guide-content.js';

/** 实施编码 (29 chars, GB/T 39554) — loosely, so an unknown code gets a 404 page, not a 400. */
export const CodeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 64, pattern: '^[0-9A-Za-z_-]+$', description: '实施编码 implementation code' }) });

export const DateQuery = Type.Object(
  { date: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: '施行日期 YYYY-MM-DD: the version in force on that day (default today, Asia/Shanghai)' })) },
  { additionalProperties: false },
);

export const ItemGuidesQuery = Type.Object(
  {
    itemCode: Type.String({ pattern: '^\\d{10}$', description: '基本编码 (10 digits) of the basic item' }),
    date: DateQuery.properties.date,
  },
  { additionalProperties: false },
);

export const SearchPageQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  division: Type.Optional(Type.String({ maxLength: 12, pattern: '^\\d*$' })),
  type: Type.Optional(Type.Union([ItemTypeSchema, Type.Literal('')])),
  orgId: Type.Optional(Type.String({ maxLength: 64 })),
  cursor: Type.Optional(Type.String({ maxLength: 600 })),
});
export type SearchPageQuery = Static<typeof SearchPageQuery>;

/** Query flags the HTML guide page accepts (?print=1 opens the print dialog). */
export const GuidePageQuery = Type.Object({ print: Type.Optional(Type.String({ maxLength: 5 })) });

export const GuideTotalsSchema = Type.Object(
  {
    steps: Type.Number({ description: '环节数' }),
    materials: Type.Number({ description: '材料数' }),
    applicantMaterials: Type.Number({ description: '申请人需提交的材料数' }),
    promisedWorkingDays: Type.Number({ description: '承诺办结工作日' }),
    legalWorkingDays: Type.Number({ description: '法定办结工作日' }),
    feesYuan: Type.Number({ description: '收费合计（元）' }),
    visits: Type.Number({ description: '到现场次数' }),
  },
  { description: '指南统计 (减材料、减时限、减环节、减跑动)' },
);

const Links = Type.Object({
  html: Type.String({ description: '办事指南页面' }),
  pdf: Type.String({ description: 'PDF 版' }),
  qr: Type.String({ description: '二维码 (SVG)' }),
  kiosk: Type.String({ description: '自助终端版' }),
});

const GuideHeader = {
  itemCode: Type.String({ description: '基本编码' }),
  itemName: Type.String({ description: '事项名称' }),
  itemType: ItemTypeSchema,
  itemTypeName: Type.String({ description: '事项类型 (Art. 6)' }),
  implementationCode: Type.String({ description: '实施编码' }),
  level: Type.String({ description: '事权层级 league | county | township | village' }),
  org: Type.Object({ id: Type.String(), name: Type.String({ description: '实施机构' }) }),
  division: Type.Object({ code: Type.String(), name: Type.String({ description: '行政区划' }) }),
  versionId: Type.String(),
  versionNo: Type.Integer({ description: '版本号' }),
  effectiveFrom: Type.String({ format: 'date', description: '施行日期' }),
  links: Links,
};

export const PublicGuideSchema = Type.Object(
  { ...GuideHeader, content: GuideContentSchema, totals: GuideTotalsSchema },
  { description: '已发布并施行的办事指南 (published guide in force)' },
);
export type PublicGuide = Static<typeof PublicGuideSchema>;

export const PublicGuideSummarySchema = Type.Object(GuideHeader);
export type PublicGuideSummary = Static<typeof PublicGuideSummarySchema>;

export const PublicGuideListSchema = Type.Object({ items: Type.Array(PublicGuideSummarySchema) });

export const ProblemSchema = Type.Object(
  { type: Type.String(), title: Type.String(), status: Type.Integer(), detail: Type.String(), code: Type.String(), instance: Type.String() },
  { additionalProperties: true, description: 'RFC 9457 problem+json' },
);

export const NotModifiedSchema = Type.Null({ description: 'Not Modified: the ETag (version id) still matches' });
