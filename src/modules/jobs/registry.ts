// Which timer kinds the platform handles, and the runner main.ts starts. A module with timers exports
// a map kind → handler and adds it to HANDLER_SETS with one line.
import type { AppDeps } from '../../app.js';
import { caseTimerHandlers } from '../cases/timers.js';
import { licenceTimerHandlers } from '../licences/timers.js';
import { createJobRunner, type JobRunner, type RunnerOptions } from './runner.js';
import type { TimerHandler } from './timers.js';

export const HANDLER_SETS: ReadonlyArray<Record<string, TimerHandler>> = [caseTimerHandlers, licenceTimerHandlers];

/** One map of every handler; two modules claiming the same kind is a programming error. */
export function timerHandlers(sets: ReadonlyArray<Record<string, TimerHandler>> = HANDLER_SETS): Record<string, TimerHandler> {
  const merged: Record<string, TimerHandler> = {};
  for (const set of sets) {
    for (const [kind, handler] of Object.entries(set)) {
      if (kind in merged) throw new Error(`timer kind ${kind} has two handlers`);
      merged[kind] = handler;
    }
  }
  return merged;
}

/** The platform's runner: every module's handlers, polling at config.outbox.jobIntervalMs. */
export function createPlatformRunner(deps: AppDeps, options: RunnerOptions = {}, sets: ReadonlyArray<Record<string, TimerHandler>> = HANDLER_SETS): JobRunner {
  return createJobRunner(deps, timerHandlers(sets), { intervalMs: deps.config.outbox.jobIntervalMs, ...options });
}
