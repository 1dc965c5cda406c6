// A lint message names a field by its dotted path ("materials.2.name"); people read it in Chinese.
import type { GuideDraft } from '../../../../api/types';

const TOP: Record<string, string> = {
  itemName: '事项名称',
  subItemName: '子项名称',
  itemType: '事项类型',
  acceptanceConditions: '受理条件',
  implementingBody: '实施主体',
  serviceObjects: '服务对象',
  legalLimit: '法定办结时限',
  promisedLimit: '承诺办结时限',
  fees: '收费标准及依据',
  legalBasis: '设定依据',
  materials: '所需材料',
  situations: '办理情形',
  process: '办理流程',
  handlingForms: '办理形式',
  locations: '办理地点',
  result: '办理结果',
  consultation: '咨询方式',
  complaint: '监督投诉方式',
};

const NESTED: Record<string, string> = {
  name: '名称',
  forms: '材料形式',
  copies: '份数',
  spec: '规格',
  required: '必要性',
  isForm: '是否表格',
  blankForm: '空白表格',
  sampleForm: '示例样表',
  source: '来源渠道',
  issuingDepartment: '出具部门',
  intermediary: '中介机构',
  agencyCategory: '中介机构类别',
  qualification: '资质要求',
  licenceTypeCode: '电子证照类型代码',
  legalBasis: '设定依据',
  notes: '填报须知',
  responsibleUnit: '责任单位',
  timeLimit: '时限',
  days: '天数',
  unit: '单位',
  countsTowardLimit: '是否计入法定时限',
  onSite: '是否到现场',
  materialIds: '所用材料',
  items: '收费项目',
  amountYuan: '金额',
  basis: '依据',
  charged: '是否收费',
  charge: '是否收费',
  kind: '结果类型',
  sample: '结果样本',
  delivery: '送达方式',
  phone: '电话',
  other: '其他方式',
  address: '地址',
  hours: '办公时间',
  title: '文件名称',
  url: '文件地址',
};

/** "materials.2.blankForm" → "所需材料 第3项「申请表」· 空白表格". */
export function fieldLabel(field: string, content: GuideDraft): string {
  const parts = field.split('.');
  const [top, ...rest] = parts;
  let label = TOP[top] ?? top;
  if (rest.length && /^\d+$/.test(rest[0])) {
    const index = Number(rest[0]);
    const list = (content as Record<string, unknown>)[top];
    const row = Array.isArray(list) ? (list[index] as { name?: string } | string | undefined) : undefined;
    const name = typeof row === 'object' && row?.name ? `「${row.name}」` : '';
    label += ` 第${index + 1}项${name}`;
    rest.shift();
  }
  for (const p of rest) label += /^\d+$/.test(p) ? ` 第${Number(p) + 1}项` : ` · ${NESTED[p] ?? p}`;
  return label;
}

/** The form path of a dotted field, numbers as numbers (antd NamePath). */
export const toNamePath = (field: string): (string | number)[] => field.split('.').filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
