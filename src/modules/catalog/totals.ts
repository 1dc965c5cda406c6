// STUB — owned by the linter helper.
import type { GuideDraft, GuideTotals } from './guide-content.js';

export function computeTotals(_content: GuideDraft): GuideTotals {
  return { steps: 0, materials: 0, applicantMaterials: 0, promisedWorkingDays: 0, legalWorkingDays: 0, feesYuan: 0, visits: 0 };
}
