// Timer handlers of e-licences, imported by the job runner's registry (src/modules/jobs):
// 'licence.expiry' (subject: licence id, due 00:00 Beijing time of the day after the last valid
// day, scheduled at issue and re-issue) marks the licence 已过期. Idempotent: a licence already
// ended, replaced, or not yet due is left as it is.
import type { TimerHandler } from '../jobs/timers.js';
import { expireLicence, EXPIRY_TIMER } from './service.js';
import { LICENCE_DOCUMENT_TIMER, sealLicenceHandler } from './document.js';

export const licenceTimerHandlers: Record<string, TimerHandler> = {
  [EXPIRY_TIMER]: async (deps, trx, timer) => {
    await expireLicence(trx, deps, timer.subjectId);
  },
  // 'licence.document' (subject: licence id, due at issue): the version's sealed PDF (document.ts).
  [LICENCE_DOCUMENT_TIMER]: sealLicenceHandler,
};
