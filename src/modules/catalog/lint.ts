// The guide linter (办事指南校验): pure, fast enough to run on every keystroke of the editor, and
// the gate of publication — any message of severity 'error' blocks it. The rules, their articles
// and severities are listed in LINT_RULES (lint-rules.ts) so the admin can show them.
import type { GuideDraft } from './guide-content.js';
import { checkMissingElements } from './lint-elements.js';
import { checkMaterials } from './lint-materials.js';
import { LINT_RULES, RULES_BY_ID, type Check, type LintRule } from './lint-rules.js';
import { checkContacts, checkFeeAmounts, checkProcess, checkReferences, checkResult, checkTimeLimits } from './lint-structure.js';

export { LINT_RULES, type LintRule };

export interface LintContext {
  /** The basic catalog item's legal limit in working days, when the catalog records one. */
  legalLimitDays: number | null;
  /** Licence types held in the e-licence library and obtainable by sharing: code → name (Art. 10(四)). */
  shareableLicenceTypes: ReadonlyMap<string, string>;
  /**
   * Optional: code → issuing department (发证部门) of those licence types. With it, a material
   * issued by a department is suspected to be a shareable licence only when the office matches too.
   */
  licenceTypeDepartments?: ReadonlyMap<string, string>;
}

export interface LintMessage {
  severity: 'error' | 'warning';
  /** Stable kebab-case rule id, e.g. "catch-all-material-wording". */
  rule: string;
  /** The article the rule enforces, e.g. "第十条第（一）项 Art. 10(1)". */
  article: string;
  /** Dotted path of the field, e.g. "materials.2.name". */
  field: string;
  /** Chinese first, then English. */
  message: string;
}

const CHECKS: Check[] = [
  checkMissingElements,
  checkTimeLimits,
  checkMaterials,
  checkReferences,
  checkProcess,
  checkResult,
  checkFeeAmounts,
  checkContacts,
];

/** Every finding of every rule; errors first, then warnings, each in the order of the guide. */
export function lintGuide(content: GuideDraft, ctx: LintContext): LintMessage[] {
  const messages: LintMessage[] = [];
  const report = (ruleId: string, field: string, zh: string, en: string) => {
    const rule = RULES_BY_ID.get(ruleId);
    if (!rule) throw new Error(`unknown lint rule ${ruleId}`); // a programming error, caught by the tests
    messages.push({ severity: rule.severity, rule: rule.id, article: rule.article, field, message: `${zh} (${en})` });
  };
  const guide: GuideDraft = content && typeof content === 'object' ? content : {};
  for (const check of CHECKS) check(guide, ctx, report);
  return [...messages.filter((m) => m.severity === 'error'), ...messages.filter((m) => m.severity === 'warning')];
}

export const hasLintErrors = (messages: LintMessage[]) => messages.some((m) => m.severity === 'error');
