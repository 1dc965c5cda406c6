// How a guide's coded values read in Chinese, shared by the page, the kiosk view and the PDF so
// that every channel says the same thing (同源发布, Art. 11).
import type { Level } from '../../db/schema.js';
import { ITEM_TYPE_NAMES, type GuideContent, type Material, type TimeLimit } from '../catalog/guide-content.js';

export { ITEM_TYPE_NAMES };

export const MATERIAL_FORM_NAMES: Record<Material['forms'][number], string> = {
  original: '原件',
  copy: '复印件',
  electronic: '电子材料',
};

export const MATERIAL_SOURCE_NAMES: Record<Material['source'], string> = {
  applicant: '申请人自备',
  department: '政府部门核发',
  intermediary: '中介机构出具',
  sharing: '数据共享获取，无需提交',
};

export const SERVICE_OBJECT_NAMES: Record<GuideContent['serviceObjects'][number], string> = {
  'natural-person': '自然人',
  'legal-person': '法人',
  'other-organization': '其他组织',
};

export const HANDLING_FORM_NAMES: Record<GuideContent['handlingForms'][number], string> = {
  online: '网上办理',
  window: '窗口办理',
  mail: '邮寄办理',
};

export const DELIVERY_NAMES: Record<GuideContent['result']['delivery'][number], string> = {
  window: '窗口领取',
  electronic: '电子送达',
  mail: '邮寄送达',
};

export const RESULT_KIND_NAMES: Record<GuideContent['result']['kind'], string> = {
  licence: '证照',
  'approval-document': '批文',
  other: '其他',
};

export const LEVEL_NAMES: Record<Level, string> = {
  league: '盟级',
  county: '旗县市级',
  township: '苏木乡镇（街道）级',
  village: '嘎查村（社区）级',
};

/** 3 个工作日 | 20 日 */
export function formatLimit(limit: TimeLimit): string {
  return `${limit.days} ${limit.unit === 'working-day' ? '个工作日' : '日'}`;
}

export function formatYuan(amount: number): string {
  return `${amount.toFixed(2).replace(/\.00$/, '')} 元`;
}

/** 不收费 | 收费 120 元 */
export function feeSummary(fees: GuideContent['fees']): string {
  if (!fees.charged) return '不收费';
  const total = fees.items.reduce((sum, f) => sum + f.amountYuan, 0);
  return `收费，共 ${formatYuan(total)}`;
}

/**
 * A basis text (收费依据) as a phrase that says 依据 once: a bare citation (《…》…) gets 依据 before
 * it; a text that already says 依据, or explains itself (按规定收取工本费), is shown as written.
 */
export function basisPhrase(text: string): string {
  const t = text.trim();
  return t.startsWith('《') ? `依据${t}` : t;
}

/**
 * The line under the fee summary: the guide's basis without a lead-in that repeats the summary
 * (不收费：依据《…》 under 不收费 reads 依据《…》), empty when nothing is left (不收费。).
 */
export function feeBasisText(fees: GuideContent['fees']): string {
  const repeat = fees.charged ? /^收费(?:[：:，,。.；;]\s*|$)/ : /^(?:不收费|免费)(?:[：:，,。.；;]\s*|$)/;
  return basisPhrase(fees.basis.trim().replace(repeat, ''));
}

/** 原件 1 份、复印件 1 份（A4） */
export function materialCopies(m: Material): string {
  if (m.source === 'sharing') return '无需提交';
  const forms = m.forms.map((f) => MATERIAL_FORM_NAMES[f]).join('或');
  const spec = m.spec ? `（${m.spec}）` : '';
  return `${forms} ${m.copies} 份${spec}`;
}

export function materialSource(m: Material): string {
  const by = m.source === 'department' && m.issuingDepartment ? `：${m.issuingDepartment}` : '';
  const agency = m.source === 'intermediary' && m.intermediary ? `：${m.intermediary.agencyCategory}${m.intermediary.qualification ? `（${m.intermediary.qualification}）` : ''}` : '';
  return `${MATERIAL_SOURCE_NAMES[m.source]}${by}${agency}`;
}

export function joinNames<K extends string>(keys: readonly K[], names: Record<K, string>): string {
  return keys.length ? keys.map((k) => names[k]).join('、') : '—';
}

/** 2025年3月1日 */
export function formatDateZh(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

const SHANGHAI_PARTS = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** 2026年11月26日 11:58 in Beijing time: the portal's one style for a moment, as formatDateZh is for a day. */
export function formatDateTimeZh(at: Date | string): string {
  const part = Object.fromEntries(SHANGHAI_PARTS.formatToParts(new Date(at)).map((p) => [p.type, p.value]));
  return `${part.year}年${part.month}月${part.day}日 ${part.hour}:${part.minute}`;
}
