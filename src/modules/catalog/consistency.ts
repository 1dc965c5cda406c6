// STUB — owned by the linter helper.
import type { GuideDraft } from './guide-content.js';

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

export function consistencyReport(_guides: ConsistencyInput[]): ConsistencyField[] {
  return [];
}
