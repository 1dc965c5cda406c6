// TypeBox schemas of the search API (事项搜索接口): query strings, hits, synonym groups.
import { Type, type Static } from '@sinclair/typebox';
import { ItemTypeSchema } from '../catalog/guide-content.js';
import { TIERS } from './plan.js';

export const SearchQuerySchema = Type.Object(
  {
    q: Type.String({ minLength: 1, maxLength: 100, description: '检索词：事项名称、拼音全拼、拼音首字母或事项编码' }),
    division: Type.Optional(Type.String({ pattern: '^[0-9]{2,12}$', description: '行政区划代码：含下级区划 (a county includes its townships)' })),
    orgId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: '实施机构 id' })),
    type: Type.Optional(ItemTypeSchema),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20, description: '每页条数 (≤ 50)' })),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 600, description: '上一页返回的 nextCursor' })),
  },
  { additionalProperties: false },
);
export type SearchQueryInput = Static<typeof SearchQuerySchema>;

export const SearchHitSchema = Type.Object({
  implementationId: Type.String(),
  implementationCode: Type.String({ description: '实施编码' }),
  itemCode: Type.String({ description: '基本编码' }),
  itemName: Type.String({ description: '事项名称' }),
  subItemName: Type.Union([Type.String(), Type.Null()], { description: '子项名称' }),
  itemType: ItemTypeSchema,
  itemTypeName: Type.String({ description: '事项类型中文名' }),
  orgId: Type.String(),
  orgName: Type.String({ description: '实施机构' }),
  level: Type.String({ description: 'league | county | township | village' }),
  divisionCode: Type.String(),
  divisionName: Type.String({ description: '所在地区' }),
  matchedBy: Type.Union(TIERS.map((t) => Type.Literal(t)), { description: '命中方式 (ranking tier)' }),
});

export const SearchResponseSchema = Type.Object({
  items: Type.Array(SearchHitSchema),
  total: Type.Integer({ description: '命中总数' }),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
  query: Type.Object({
    text: Type.String({ description: '规范化后的检索词' }),
    synonyms: Type.Array(Type.String(), { description: '按同义词扩展的检索词' }),
    fuzzy: Type.Boolean({ description: '名称匹配过少时加入了错别字和材料名称匹配 (fallback pass: one-character typos and material names)' }),
  }),
});

export const SuggestQuerySchema = Type.Object(
  { q: Type.String({ minLength: 1, maxLength: 100, description: '已输入的文字' }) },
  { additionalProperties: false },
);
export const SuggestResponseSchema = Type.Object({ items: Type.Array(Type.String(), { maxItems: 8 }) });

const Term = Type.String({ minLength: 1, maxLength: 50, description: '同义词 (1–50 字)' });
export const SynonymGroupsSchema = Type.Object(
  { groups: Type.Array(Type.Array(Term, { minItems: 2, maxItems: 20 }), { maxItems: 200, description: '同义词组，组内各词互为同义' }) },
  { additionalProperties: false },
);
export type SynonymGroupsInput = Static<typeof SynonymGroupsSchema>;
