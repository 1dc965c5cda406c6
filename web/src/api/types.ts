// The server's response types, taken from its TypeBox schemas with `import type` only (nothing of
// the server is bundled). Keeping one source means a renamed field breaks `tsc -p web`, not the UI.
import type { Static } from '@sinclair/typebox';
import type * as S from '../../../src/modules/catalog/schema.js';
import type { GuideContent, GuideDraft, GuideTotals, Material, ProcessStep } from '../../../src/modules/catalog/guide-content.js';

export type { GuideContent, GuideDraft, GuideTotals, Material, ProcessStep };
export type LintMessage = Static<typeof S.LintMessageSchema>;

export type Item = Static<typeof S.ItemSchema>;
export type ItemDetail = Static<typeof S.ItemDetailSchema>;
export type ItemImplementation = Static<typeof S.ItemImplementationSchema>;
export type Implementation = Static<typeof S.ImplementationSchema>;
export type ImplementationDetail = Static<typeof S.ImplementationDetailSchema>;
export type VersionSummary = Static<typeof S.VersionSummarySchema>;
export type GuideVersion = Static<typeof S.GuideVersionSchema>;
export type LintResult = Static<typeof S.LintResponse>;
export type ReviewQueue = Static<typeof S.ReviewQueueSchema>;
export type ReviewQueueEntry = ReviewQueue['items'][number];
export type Diff = Static<typeof S.DiffResponse>;
export type FieldChange = Diff['changes'][number];
export type PublicVersion = Static<typeof S.PublicVersionSchema>;
export type VersionHistory = Static<typeof S.VersionHistorySchema>;
export type Consistency = Static<typeof S.ConsistencyResponse>;
export type Simplification = Static<typeof S.SimplificationResponse>;
export type CreateItemInput = Static<typeof S.CreateItemBody>;

export interface Org {
  id: string;
  code: string;
  name: string;
  kind: string;
  level: string;
  divisionCode: string;
  parentId: string | null;
}
