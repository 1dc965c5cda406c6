// Chinese names of the enumerations of the guide schema (src/modules/catalog/guide-content.ts).

export const ITEM_TYPE_NAMES: Record<string, string> = {
  licensing: '行政许可',
  confirmation: '行政确认',
  reward: '行政奖励',
  payment: '行政给付',
  adjudication: '行政裁决',
  'other-power': '其他行政权力',
  'public-service': '公共服务',
};
export const ITEM_TYPES = Object.keys(ITEM_TYPE_NAMES);

export const SERVICE_OBJECT_NAMES: Record<string, string> = {
  'natural-person': '自然人',
  'legal-person': '法人',
  'other-organization': '其他组织',
};
export const HANDLING_FORM_NAMES: Record<string, string> = { online: '网上办理', window: '窗口办理', mail: '邮寄办理' };
export const MATERIAL_FORM_NAMES: Record<string, string> = { original: '原件', copy: '复印件', electronic: '电子材料' };
export const MATERIAL_SOURCE_NAMES: Record<string, string> = {
  applicant: '申请人自备',
  department: '政府部门核发',
  intermediary: '中介机构出具',
  sharing: '数据共享获取',
};
export const RESULT_KIND_NAMES: Record<string, string> = { licence: '证照', 'approval-document': '批文', other: '其他' };
export const DELIVERY_NAMES: Record<string, string> = { window: '窗口领取', electronic: '电子送达', mail: '邮寄送达' };
export const TIME_UNIT_NAMES: Record<string, string> = { 'working-day': '工作日', 'calendar-day': '日' };
export const LEVEL_NAMES: Record<string, string> = { league: '盟级', county: '旗县市级', township: '苏木乡镇级', village: '嘎查村级' };

export const STATUS_NAMES: Record<string, { text: string; color: string }> = {
  draft: { text: '草稿', color: 'default' },
  submitted: { text: '待审核', color: 'processing' },
  returned: { text: '已退回', color: 'warning' },
  published: { text: '已发布', color: 'success' },
};

export const options = (names: Record<string, string>) => Object.entries(names).map(([value, label]) => ({ value, label }));
