// STUB — owned by the linter helper; the signatures are the contract others build on.
import type { GuideDraft } from './guide-content.js';

export interface LintContext {
  /** The basic catalog item's legal limit in working days, when the catalog records one. */
  legalLimitDays: number | null;
  /** Licence types held in the e-licence library and obtainable by sharing: code → name (Art. 10(四)). */
  shareableLicenceTypes: ReadonlyMap<string, string>;
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

export function lintGuide(_content: GuideDraft, _ctx: LintContext): LintMessage[] {
  return [];
}

export const hasLintErrors = (messages: LintMessage[]) => messages.some((m) => m.severity === 'error');
