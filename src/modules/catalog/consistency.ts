// Consistency across levels and regions (Art. 9 ¶2): the same item's guides must agree on nine
// basic elements. Each guide's value is rendered to one display string; two values differ when
// their normalized forms differ — full-width/half-width and whitespace do not count, and lists
// whose order carries no meaning (受理条件, 所需材料, 服务对象) are sorted first.
import { ITEM_TYPE_NAMES, type GuideDraft } from './guide-content.js';
import { normalizeText } from './lint-text.js';
import { list, text } from './lint-rules.js';
import { formatLimit } from './time-limits.js';

export interface ConsistencyInput {
  implementationId: string;
  orgId: string;
  orgName: string;
  divisionName: string;
  content: GuideDraft;
}

export interface ConsistencyField {
  /** One of the nine fields of Art. 9 ¶2. */
  field: 'itemName' | 'itemType' | 'acceptanceConditions' | 'serviceObjects' | 'process' | 'materials' | 'timeLimits' | 'feeBasis' | 'result';
  label: string;
  differs: boolean;
  /** Each organization's value, normalized for display side by side. */
  values: { implementationId: string; orgName: string; divisionName: string; value: string }[];
}

const EMPTY = '（未填写）';
const SERVICE_OBJECT_NAMES: Record<string, string> = { 'natural-person': '自然人', 'legal-person': '法人', 'other-organization': '其他组织' };
const FORM_NAMES: Record<string, string> = { original: '原件', copy: '复印件', electronic: '电子材料' };
const RESULT_KINDS: Record<string, string> = { licence: '证照', 'approval-document': '批文', other: '其他' };

const sortedZh = (xs: string[]) => [...xs].sort((a, b) => normalizeText(a).localeCompare(normalizeText(b), 'zh-CN'));
const joinOrEmpty = (xs: string[], sep: string) => (xs.length ? xs.join(sep) : EMPTY);

/** The nine elements in the order of Art. 9 ¶2, each as (field, label, render). */
const FIELDS: [ConsistencyField['field'], string, (c: GuideDraft) => string][] = [
  ['itemName', '事项名称', (c) => text(c.itemName) || EMPTY],
  ['itemType', '事项类型', (c) => (c.itemType ? (ITEM_TYPE_NAMES[c.itemType] ?? c.itemType) : EMPTY)],
  ['acceptanceConditions', '受理条件', (c) => joinOrEmpty(sortedZh(list(c.acceptanceConditions).map(text).filter(Boolean)), '；')],
  ['serviceObjects', '服务对象', (c) => joinOrEmpty(Object.keys(SERVICE_OBJECT_NAMES).filter((k) => list<string>(c.serviceObjects).includes(k)).map((k) => SERVICE_OBJECT_NAMES[k]), '、')],
  ['process', '办理流程', renderProcess],
  ['materials', '所需材料', renderMaterials],
  ['timeLimits', '时限（法定/承诺）', (c) => `法定${formatLimit(c.legalLimit)}；承诺${formatLimit(c.promisedLimit)}`],
  ['feeBasis', '收费依据', renderFeeBasis],
  ['result', '办理结果', (c) => (text(c.result?.name) ? `${text(c.result?.name)}（${RESULT_KINDS[c.result?.kind ?? ''] ?? '未标明类型'}）` : EMPTY)],
];

/** Step names with their limits, in order: 受理（1个工作日）→ 审查（5个工作日）. */
function renderProcess(c: GuideDraft): string {
  const steps = list(c.process).map((s) => `${text(s?.name) || '未命名环节'}（${formatLimit(s?.timeLimit)}${s?.countsTowardLimit === false ? '，不计时限' : ''}）`);
  return joinOrEmpty(steps, ' → ');
}

/** Material names with their forms, sorted: 居民身份证（原件）；营业执照（复印件、电子材料）. */
function renderMaterials(c: GuideDraft): string {
  const items = list(c.materials).map((m) => {
    const forms = Object.keys(FORM_NAMES).filter((f) => list<string>(m?.forms).includes(f)).map((f) => FORM_NAMES[f]);
    return `${text(m?.name) || '未命名材料'}（${forms.join('、') || '未标明形式'}${m?.required === false ? '，非必要' : ''}）`;
  });
  return joinOrEmpty(sortedZh(items), '；');
}

/** Whether charged, the basis, and each fee item's basis (amounts are a standard, not a basis). */
function renderFeeBasis(c: GuideDraft): string {
  if (!c.fees) return EMPTY;
  const items = list(c.fees.items).map((f) => `${text(f?.name)}：${text(f?.basis)}`);
  return [c.fees.charged ? '收费' : '不收费', text(c.fees.basis) || EMPTY, ...items].join('；');
}

/** The comparison key: width and whitespace erased, CJK punctuation mapped to its ASCII twin. */
export function comparisonKey(value: string): string {
  return normalizeText(value)
    .replace(/[、]/g, ',')
    .replace(/[。]/g, '.')
    .replace(/[“”]/g, '"')
    .replace(/[‘’]/g, "'")
    .replace(/[【]/g, '[')
    .replace(/[】]/g, ']')
    .replace(/[→]/g, '->');
}

export function consistencyReport(guides: ConsistencyInput[]): ConsistencyField[] {
  return FIELDS.map(([field, label, render]) => {
    const values = guides.map((g) => ({
      implementationId: g.implementationId,
      orgName: g.orgName,
      divisionName: g.divisionName,
      value: render(g.content && typeof g.content === 'object' ? g.content : {}),
    }));
    const keys = new Set(values.map((v) => comparisonKey(v.value)));
    return { field, label, differs: keys.size > 1, values };
  });
}
