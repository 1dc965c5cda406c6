// The staff licence API's answers (电子证照), taken from the server's TypeBox schemas with `import type`
// only (nothing of the server is bundled): a renamed field breaks `tsc -p web`, not the screen.
import type { Static } from '@sinclair/typebox';
import type * as S from '../../../../src/modules/licences/schema.js';

export type Licence = Static<typeof S.LicenceSchema>;
export type LicencePage = Static<typeof S.LicenceListResponse>;
export type LicenceDetail = Static<typeof S.LicenceDetailSchema>;
export type LicenceStatus = Licence['status'];
export type LicenceHistoryEntry = LicenceDetail['history'][number];
/** 注销 (cancel) or 吊销 (revoke): the two endings staff may record, each with a reason. */
export type LicenceEnding = 'cancel' | 'revoke';
