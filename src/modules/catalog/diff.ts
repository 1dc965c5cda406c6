// STUB — owned by the linter helper.
import type { GuideDraft } from './guide-content.js';

export interface FieldChange {
  /** Dotted path, e.g. "materials.身份证.forms" or "promisedLimit.days". */
  path: string;
  /** Chinese label of the element, e.g. "所需材料". */
  label: string;
  kind: 'added' | 'removed' | 'changed';
  before: unknown;
  after: unknown;
}

export function diffGuideContent(_before: GuideDraft, _after: GuideDraft): FieldChange[] {
  return [];
}
