// The xlsx layout of the exchange format: four sheets, one row per item / implementation /
// material / step. Each header reads "中文名(key)"; the key is what the reader matches, so a
// person may reorder columns or reword the Chinese. Cell conventions (docs/catalog-exchange.md):
// 是/否 for booleans, Chinese labels for choices, one entry per line (Alt+Enter) for text lists,
// "、" between choices or ids, "｜" between the parts of a record line (收费项目, 办理情形, 办理地点),
// and a JSON array in the cell when an entry itself holds a line break or a separator.
import { ITEM_TYPE_NAMES } from '../catalog/guide-content.js';

export const SHEETS = { items: '事项', implementations: '实施清单', materials: '材料', steps: '流程' } as const;
export const SHEET_ORDER = ['file', SHEETS.items, SHEETS.implementations, SHEETS.materials, SHEETS.steps, 'items'] as const;

/** value → Chinese label, then accepted aliases. */
export type Labels = Record<string, readonly string[]>;

const labels = (map: Record<string, string | readonly string[]>): Labels =>
  Object.fromEntries(Object.entries(map).map(([k, v]) => [k, typeof v === 'string' ? [v] : v]));

export const LABELS = {
  itemType: labels(ITEM_TYPE_NAMES),
  timeUnit: labels({ 'working-day': ['工作日'], 'calendar-day': ['自然日', '日'] }),
  materialForm: labels({ original: '原件', copy: '复印件', electronic: ['电子材料', '电子件'] }),
  source: labels({ applicant: '申请人自备', department: '政府部门核发', intermediary: '中介机构出具', sharing: '数据共享获取' }),
  serviceObject: labels({ 'natural-person': '自然人', 'legal-person': ['法人', '企业法人'], 'other-organization': '其他组织' }),
  handlingForm: labels({ online: '网上办理', window: '窗口办理', mail: '邮寄办理' }),
  resultKind: labels({ licence: '证照', 'approval-document': '批文', other: '其他' }),
  delivery: labels({ window: '窗口领取', electronic: '电子送达', mail: '邮寄送达' }),
} as const;

export type RecordPart = { key: string; kind: 'text' | 'number' | 'idList' };

export type CellKind =
  | { type: 'text' } // required text: an empty cell is ""
  | { type: 'optText' } // optional text: an empty cell leaves the field out
  | { type: 'int' }
  | { type: 'bool' }
  | { type: 'date' }
  | { type: 'enum'; labels: Labels }
  | { type: 'enumList'; labels: Labels }
  | { type: 'idList' }
  | { type: 'textList' }
  | { type: 'records'; parts: RecordPart[] };

export interface Column {
  /** Field path inside the record this sheet describes, e.g. "legalLimit.days". */
  key: string;
  /** Chinese header text; the sheet shows "label(key)". */
  label: string;
  kind: CellKind;
  /** An optional sub-object (e.g. "blankForm"): written only when one of its cells is filled. */
  group?: string;
  width?: number;
}

const text = { type: 'text' } as const;
const optText = { type: 'optText' } as const;
const int = { type: 'int' } as const;
const bool = { type: 'bool' } as const;
const textList = { type: 'textList' } as const;
const idList = { type: 'idList' } as const;
const choice = (l: Labels) => ({ type: 'enum', labels: l }) as const;
const choices = (l: Labels) => ({ type: 'enumList', labels: l }) as const;

export const ITEM_COLUMNS: Column[] = [
  { key: 'code', label: '事项编码', kind: text, width: 14 },
  { key: 'name', label: '事项名称', kind: text, width: 30 },
  { key: 'type', label: '事项类型', kind: choice(LABELS.itemType), width: 12 },
  { key: 'parentCode', label: '上级事项编码', kind: optText, width: 14 },
  { key: 'legalBasis', label: '设定依据', kind: textList, width: 40 },
  { key: 'legalLimitDays', label: '法定办结时限（工作日）', kind: int, width: 12 },
  { key: 'description', label: '事项说明', kind: optText, width: 30 },
];

/** Link and identity columns of 实施清单; keys are fields of the implementation record. */
export const IMPLEMENTATION_COLUMNS: Column[] = [
  { key: 'itemCode', label: '事项编码', kind: text, width: 14 },
  { key: 'code', label: '实施编码', kind: optText, width: 32 },
  { key: 'orgCode', label: '实施机构代码', kind: optText, width: 16 },
  { key: 'orgCreditCode', label: '实施机构统一社会信用代码', kind: optText, width: 22 },
  { key: 'effectiveFrom', label: '生效日期', kind: { type: 'date' }, width: 12 },
];

/** Guide fields on 实施清单; keys are paths inside GuideContent. */
export const GUIDE_COLUMNS: Column[] = [
  { key: 'itemName', label: '指南事项名称', kind: text, width: 30 },
  { key: 'subItemName', label: '子项名称', kind: optText },
  { key: 'itemType', label: '指南事项类型', kind: choice(LABELS.itemType) },
  { key: 'acceptanceConditions', label: '受理条件', kind: textList, width: 40 },
  { key: 'implementingBody', label: '实施主体', kind: text, width: 24 },
  { key: 'serviceObjects', label: '服务对象', kind: choices(LABELS.serviceObject) },
  { key: 'legalLimit.days', label: '法定办结时限', kind: int },
  { key: 'legalLimit.unit', label: '法定时限单位', kind: choice(LABELS.timeUnit) },
  { key: 'promisedLimit.days', label: '承诺办结时限', kind: int },
  { key: 'promisedLimit.unit', label: '承诺时限单位', kind: choice(LABELS.timeUnit) },
  { key: 'fees.charged', label: '是否收费', kind: bool },
  {
    key: 'fees.items',
    label: '收费项目（名称｜金额元｜依据）',
    kind: { type: 'records', parts: [{ key: 'name', kind: 'text' }, { key: 'amountYuan', kind: 'number' }, { key: 'basis', kind: 'text' }] },
    width: 40,
  },
  { key: 'fees.basis', label: '收费标准及依据', kind: text, width: 30 },
  { key: 'legalBasis', label: '设定依据', kind: textList, width: 40 },
  {
    key: 'situations',
    label: '办理情形（标识｜名称｜材料标识、…）',
    kind: { type: 'records', parts: [{ key: 'id', kind: 'text' }, { key: 'name', kind: 'text' }, { key: 'materialIds', kind: 'idList' }] },
    width: 40,
  },
  { key: 'handlingForms', label: '办理形式', kind: choices(LABELS.handlingForm) },
  {
    key: 'locations',
    label: '办理地点（名称｜地址｜办公时间）',
    kind: { type: 'records', parts: [{ key: 'name', kind: 'text' }, { key: 'address', kind: 'text' }, { key: 'hours', kind: 'text' }] },
    width: 40,
  },
  { key: 'result.name', label: '办理结果名称', kind: text, width: 20 },
  { key: 'result.kind', label: '结果类型', kind: choice(LABELS.resultKind) },
  { key: 'result.licenceTypeCode', label: '结果证照类型代码', kind: optText },
  { key: 'result.sample.title', label: '结果样本名称', kind: text, group: 'result.sample' },
  { key: 'result.sample.url', label: '结果样本地址', kind: text, group: 'result.sample' },
  { key: 'result.delivery', label: '送达方式', kind: choices(LABELS.delivery) },
  { key: 'consultation.phone', label: '咨询电话', kind: text },
  { key: 'consultation.other', label: '其他咨询方式', kind: optText },
  { key: 'complaint.phone', label: '监督投诉电话', kind: text },
  { key: 'complaint.other', label: '其他投诉方式', kind: optText },
];

export const LINK_COLUMN: Column = { key: 'implementationCode', label: '实施编码', kind: text, width: 32 };

export const MATERIAL_COLUMNS: Column[] = [
  LINK_COLUMN,
  { key: 'id', label: '材料标识', kind: text },
  { key: 'name', label: '材料名称', kind: text, width: 30 },
  { key: 'forms', label: '材料形式', kind: choices(LABELS.materialForm) },
  { key: 'copies', label: '份数', kind: int },
  { key: 'spec', label: '纸质规格', kind: text },
  { key: 'required', label: '是否必要', kind: bool },
  { key: 'isForm', label: '是否表格', kind: bool },
  { key: 'blankForm.title', label: '空白表格名称', kind: text, group: 'blankForm' },
  { key: 'blankForm.url', label: '空白表格地址', kind: text, group: 'blankForm' },
  { key: 'sampleForm.title', label: '示例样表名称', kind: text, group: 'sampleForm' },
  { key: 'sampleForm.url', label: '示例样表地址', kind: text, group: 'sampleForm' },
  { key: 'source', label: '来源渠道', kind: choice(LABELS.source) },
  { key: 'issuingDepartment', label: '出具部门', kind: optText },
  { key: 'intermediary.agencyCategory', label: '中介机构类别', kind: text, group: 'intermediary' },
  { key: 'intermediary.qualification', label: '中介资质要求', kind: optText, group: 'intermediary' },
  { key: 'licenceTypeCode', label: '电子证照类型代码', kind: optText },
  { key: 'legalBasis', label: '设定依据', kind: text, width: 40 },
  { key: 'notes', label: '填报须知', kind: optText, width: 30 },
];

export const STEP_COLUMNS: Column[] = [
  LINK_COLUMN,
  { key: 'id', label: '环节标识', kind: text },
  { key: 'name', label: '环节名称', kind: text },
  { key: 'responsibleUnit', label: '责任单位', kind: text, width: 20 },
  { key: 'timeLimit.days', label: '环节时限', kind: int },
  { key: 'timeLimit.unit', label: '环节时限单位', kind: choice(LABELS.timeUnit) },
  { key: 'countsTowardLimit', label: '计入法定时限', kind: bool },
  { key: 'onSite', label: '需到现场', kind: bool },
  { key: 'materialIds', label: '使用材料', kind: idList },
  { key: 'legalBasis', label: '设定依据', kind: text, width: 40 },
];

export const headerOf = (c: Column) => `${c.label}(${c.key})`;

/** The key of a header "中文名(key)"; null when the header carries none. */
export function keyOfHeader(header: string): string | null {
  const m = /\(([A-Za-z][A-Za-z0-9_.]*)\)\s*$/.exec(header.trim());
  return m ? m[1] : null;
}

/** The column a field path falls in: the longest key the path starts with, else one under it. */
export function columnForPath(columns: Column[], path: string): Column | undefined {
  let best: Column | undefined;
  for (const c of columns) {
    if ((path === c.key || path.startsWith(`${c.key}.`)) && (!best || c.key.length > best.key.length)) best = c;
  }
  return best ?? columns.find((c) => c.key.startsWith(`${path}.`));
}
