// The case API's answers (办件), taken from the server's TypeBox schemas with `import type` only
// (nothing of the server is bundled): a renamed field breaks `tsc -p web`, not the screen.
import type { Static } from '@sinclair/typebox';
import type * as S from '../../../../src/modules/cases/schema.js';
import type { CaseMessagesResponse } from '../../../../src/modules/outbox/schema.js';

export type TimeColour = 'green' | 'amber' | 'red' | 'paused' | 'none';

/** A case action's code (src/modules/cases/rules.ts); the server lists those allowed per viewer. */
export type CaseAction =
  | 'request-supplement'
  | 'accept'
  | 'accept-tolerant'
  | 'refuse-acceptance'
  | 'supply'
  | 'supply-correction'
  | 'pause'
  | 'resume'
  | 'extend'
  | 'complete-review'
  | 'grant'
  | 'refuse'
  | 'deliver'
  | 'phone-follow-up';

export type CaseSummary = Static<typeof S.CaseSummarySchema>;
export type CasePage = Static<typeof S.CasePageSchema>;
export type CaseDetail = Static<typeof S.CaseDetailSchema>;
export type CaseMaterial = CaseDetail['materials'][number];
export type CaseHistoryEntry = CaseDetail['history'][number];
export type MaterialItem = NonNullable<CaseDetail['supplement']>['items'][number];
export type CaseFile = Static<typeof S.CaseFileSchema>;
export type WindowApplication = Static<typeof S.WindowApplicationBody>;
export type HeldLicences = Static<typeof S.HeldLicencesSchema>;
export type MaterialLicence = Static<typeof S.MaterialLicenceSchema>;
export type CaseMessage = Static<typeof CaseMessagesResponse>['items'][number];

export type QueueView = 'acceptance' | 'review' | 'decision' | 'delivery';
export type OverdueKind = 'acceptance' | 'decision';
