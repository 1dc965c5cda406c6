// The table of guide lint rules: one stable id, the article it enforces, and its severity.
// Errors block publication (Art. 9–11); warnings are shown to the editor and the reviewer.
import type { GuideDraft } from './guide-content.js';

export const ART = {
  9: '第九条 Art. 9',
  10: '第十条 Art. 10',
  '10.1': '第十条第（一）项 Art. 10(1)',
  '10.2': '第十条第（二）项 Art. 10(2)',
  '10.3': '第十条第（三）项 Art. 10(3)',
  '10.4': '第十条第（四）项 Art. 10(4)',
  11: '第十一条 Art. 11',
  27: '第二十七条 Art. 27',
} as const;

export interface LintRule {
  id: string;
  article: string;
  severity: 'error' | 'warning';
  /** Chinese first, then English. */
  description: string;
}

const rule = (id: string, article: string, severity: LintRule['severity'], description: string): LintRule =>
  Object.freeze({ id, article, severity, description });

export const LINT_RULES: readonly LintRule[] = Object.freeze([
  rule('missing-element', ART[9], 'error', '办事指南缺少要素或要素为空 (an element of the guide is missing or empty)'),
  rule('promised-exceeds-legal', ART[9], 'error', '承诺办结时限超过法定办结时限 (the promised time limit exceeds the legal limit)'),
  rule('legal-limit-mismatch', ART[9], 'warning', '法定办结时限与事项目录记载不一致 (the legal limit differs from the one the catalog records)'),
  rule('material-without-legal-basis', ART['10.1'], 'error', '所需材料无设定依据 (a material has no legal basis)'),
  rule('catch-all-material-wording', ART['10.1'], 'error', '材料含“其他、有关”等模糊性兜底性表述 (a material uses catch-all wording such as 其他材料/有关材料/等)'),
  rule('vague-material-wording', ART['10.1'], 'warning', '材料名称含“其他、有关、相关”，宜写明具体对象 (a material name says 其他/有关/相关; name the party or document)'),
  rule('form-without-blank-and-sample', ART['10.2'], 'error', '表格类材料未提供空表和样表 (a form lacks its blank or its filled-in sample)'),
  rule('intermediary-without-agency', ART['10.3'], 'error', '中介机构出具的材料未注明机构类别或资质要求 (an intermediary material names neither agency category nor qualification)'),
  rule('department-material-without-issuer', ART['10.3'], 'error', '部门核发的材料未注明出具部门 (a department-issued material does not name the issuing department)'),
  rule('shareable-material-demanded', ART['10.4'], 'error', '可通过共享获取的证照要求申请人提供 (a licence obtainable by data sharing is demanded from the applicant)'),
  rule('shareable-material-suspected', ART['10.4'], 'warning', '部门核发的材料疑为电子证照库可共享证照 (a department-issued material looks like a shareable licence type)'),
  rule('unknown-licence-type', ART['10.4'], 'warning', '证照类型代码不在电子证照库中 (the licence type code is not in the e-licence library)'),
  rule('result-without-sample', ART[11], 'error', '办理结果未提供结果文书样本 (the result has no sample document)'),
  rule('licence-result-without-type', ART[27], 'warning', '证照类结果未关联证照类型代码 (a licence result has no licence type code)'),
  rule('unknown-material-reference', ART[9], 'error', '情形或环节引用了不存在的材料 (a situation or step references a material that does not exist)'),
  rule('duplicate-id', ART[9], 'error', '材料、环节或情形的标识重复 (two materials, steps or situations share an id)'),
  rule('steps-exceed-promised', ART[9], 'error', '计入时限的环节时限之和超过承诺办结时限 (the counted step limits add up to more than the promised limit)'),
  rule('placeholder-phone', ART[9], 'warning', '咨询或投诉电话疑为占位号码 (a consultation or complaint phone looks like a placeholder)'),
  rule('calendar-day-limit', ART[9], 'warning', '时限以自然日计，宜以工作日计 (a time limit is in calendar days; working days are preferred)'),
  rule('zero-day-counted-step', ART[9], 'warning', '计入时限的环节时限为0 (a step that counts toward the limit has zero days)'),
  rule('charged-with-zero-amount', ART[9], 'warning', '标明收费但收费金额为0 (the item is charged but a fee amount is 0)'),
  rule('fees-on-free-item', ART[9], 'warning', '标明不收费但列有收费项目 (the item is free but lists fee items)'),
]);

export const RULES_BY_ID: ReadonlyMap<string, LintRule> = new Map(LINT_RULES.map((r) => [r.id, r]));

/** Reports one finding of a rule at a field: the Chinese text, then the English. */
export type Report = (ruleId: string, field: string, zh: string, en: string) => void;

export interface CheckContext {
  legalLimitDays: number | null;
  shareableLicenceTypes: ReadonlyMap<string, string>;
  licenceTypeDepartments?: ReadonlyMap<string, string>;
}

export type Check = (content: GuideDraft, ctx: CheckContext, report: Report) => void;

/** Drafts come from half-filled forms and old jsonb: read strings defensively. */
export const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
export const list = <T>(value: T[] | undefined | null): T[] => (Array.isArray(value) ? value : []);
