// Field-by-field changes between two guide versions (Art. 12: a reviewer sees what a legal change
// altered). Materials, steps and situations are matched by their id, so editing one material is
// one change at "materials.<id>.<field>", not a cascade of shifted indexes. Other lists (受理条件,
// 设定依据, 收费项目, 办理地点 …) are compared as a whole. Order follows the schema, so it is stable.
import type { TSchema } from '@sinclair/typebox';
import { GuideContentSchema, type GuideDraft } from './guide-content.js';

export interface FieldChange {
  /** Dotted path, e.g. "materials.身份证.forms" or "promisedLimit.days". */
  path: string;
  /** Chinese label of the element, e.g. "所需材料". */
  label: string;
  kind: 'added' | 'removed' | 'changed';
  before: unknown;
  after: unknown;
}

const TOP_LABELS: Record<string, string> = {
  itemName: '事项名称', subItemName: '子项名称', itemType: '事项类型', acceptanceConditions: '受理条件',
  implementingBody: '实施主体', serviceObjects: '服务对象', legalLimit: '法定办结时限', promisedLimit: '承诺办结时限',
  fees: '收费标准及收费依据', legalBasis: '设定依据', materials: '所需材料', situations: '办理情形', process: '办理流程',
  handlingForms: '办理形式', locations: '办理地点', result: '办理结果', consultation: '咨询方式', complaint: '监督投诉方式',
};

const FIELD_LABELS: Record<string, string> = {
  name: '名称', forms: '材料形式', copies: '份数', spec: '规格', required: '必要性', isForm: '是否表格',
  blankForm: '空白表格', sampleForm: '示例样表', source: '来源渠道', issuingDepartment: '出具部门',
  intermediary: '中介机构要求', agencyCategory: '中介机构类别', qualification: '资质要求', licenceTypeCode: '证照类型代码',
  legalBasis: '设定依据', notes: '填报须知', responsibleUnit: '责任单位', timeLimit: '时限', countsTowardLimit: '是否计入时限',
  onSite: '是否到现场', materialIds: '所用材料', days: '天数', unit: '计时单位', charged: '是否收费', items: '收费项目',
  basis: '收费依据', kind: '结果类型', sample: '结果样本', delivery: '送达方式', phone: '电话', other: '其他方式',
  title: '文件名称', url: '文件地址', address: '地址', hours: '办公时间', amountYuan: '金额',
};

/** Lists of objects matched by id. */
const ID_LISTS = new Set(['materials', 'process', 'situations']);

export function diffGuideContent(before: GuideDraft, after: GuideDraft): FieldChange[] {
  const changes: FieldChange[] = [];
  diffObject(changes, '', '', asRecord(before), asRecord(after), GuideContentSchema);
  return changes;
}

type Rec = Record<string, unknown>;
const asRecord = (v: unknown): Rec => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : {});
const isPlainObject = (v: unknown): v is Rec => !!v && typeof v === 'object' && !Array.isArray(v);

/** Keys in schema order, then any unknown keys sorted (old jsonb may carry them). */
function orderedKeys(schema: TSchema | undefined, a: Rec, b: Rec): string[] {
  const known = Object.keys((schema?.properties as Rec | undefined) ?? {});
  const extra = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !known.includes(k)).sort();
  return [...known, ...extra].filter((k) => k in a || k in b);
}

function diffObject(out: FieldChange[], path: string, label: string, a: Rec, b: Rec, schema: TSchema | undefined): void {
  for (const key of orderedKeys(schema, a, b)) {
    const p = path ? `${path}.${key}` : key;
    const l = label ? `${label}·${FIELD_LABELS[key] ?? key}` : (TOP_LABELS[key] ?? key);
    const sub = (schema?.properties as Record<string, TSchema> | undefined)?.[key];
    if (!path && ID_LISTS.has(key) && (Array.isArray(a[key]) || Array.isArray(b[key]))) {
      diffIdList(out, key, l, asList(a[key]), asList(b[key]), sub?.items as TSchema | undefined);
    } else {
      diffValue(out, p, l, a[key], b[key], sub);
    }
  }
}

function diffValue(out: FieldChange[], path: string, label: string, a: unknown, b: unknown, schema: TSchema | undefined): void {
  if (a === undefined && b === undefined) return;
  if (a === undefined) return void out.push({ path, label, kind: 'added', before: undefined, after: b });
  if (b === undefined) return void out.push({ path, label, kind: 'removed', before: a, after: undefined });
  if (isPlainObject(a) && isPlainObject(b)) return diffObject(out, path, label, a, b, schema);
  if (!deepEqual(a, b)) out.push({ path, label, kind: 'changed', before: a, after: b });
}

const asList = (v: unknown): Rec[] => (Array.isArray(v) ? v.map(asRecord) : []);

/** Keys by id; an item without an id (a half-typed draft) is keyed by its position. */
function keyed(items: Rec[]): Map<string, Rec> {
  const map = new Map<string, Rec>();
  items.forEach((item, i) => {
    const id = typeof item.id === 'string' && item.id ? item.id : `#${i}`;
    map.set(map.has(id) ? `${id}#${i}` : id, item);
  });
  return map;
}

function diffIdList(out: FieldChange[], key: string, label: string, a: Rec[], b: Rec[], schema: TSchema | undefined): void {
  const before = keyed(a);
  const after = keyed(b);
  const name = (item: Rec) => (typeof item.name === 'string' && item.name ? `「${item.name}」` : '');
  const common = [...after.keys()].filter((id) => before.has(id));
  const oldOrder = [...before.keys()].filter((id) => after.has(id));
  if (common.join('\u0000') !== oldOrder.join('\u0000')) {
    out.push({ path: key, label: `${label}·顺序`, kind: 'changed', before: oldOrder, after: common });
  }
  for (const [id, item] of after) {
    const old = before.get(id);
    if (!old) out.push({ path: `${key}.${id}`, label: `${label}${name(item)}`, kind: 'added', before: undefined, after: item });
    else diffObject(out, `${key}.${id}`, `${label}${name(item) || name(old)}`, old, item, schema);
  }
  for (const [id, item] of before) {
    if (!after.has(id)) out.push({ path: `${key}.${id}`, label: `${label}${name(item)}`, kind: 'removed', before: item, after: undefined });
  }
}

/** Structural equality of JSON values; key order does not matter. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}
