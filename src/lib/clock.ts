// The platform's clock. Production reads the system time; tests pass a clock they can move on, so
// that timers (acceptance due, correction deadlines, deemed renewal) can be shown to fire on time.
import { shanghaiDate } from './shanghai-date.js';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests set and advance by hand. */
export class ManualClock implements Clock {
  private at: Date;
  constructor(start: Date | string) {
    this.at = new Date(start);
  }
  now(): Date {
    return new Date(this.at);
  }
  set(at: Date | string): void {
    this.at = new Date(at);
  }
  advance(ms: number): void {
    this.at = new Date(this.at.getTime() + ms);
  }
  advanceDays(days: number): void {
    this.advance(days * 86_400_000);
  }
}

/** The deps' clock, or the system clock. */
export function clockOf(deps: { clock?: Clock }): Clock {
  return deps.clock ?? systemClock;
}

/** Today in Asia/Shanghai by the deps' clock. */
export function todayOf(deps: { clock?: Clock }): string {
  return shanghaiDate(clockOf(deps).now());
}
