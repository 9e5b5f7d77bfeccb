/**
 * Days the clock stood still while asked identity information was awaited (DOMAIN.md rule 6:
 * from the day it was asked until the day it arrived, both counted).
 */
import type { DayNumber } from './calendar-day.ts';

/** One wait for identity information: asked on `from`, arrived on `to` (Brussels dates). */
export interface SuspensionPeriod {
  from: DayNumber;
  to: DayNumber;
}

/**
 * The number of suspended days, both ends counted. Overlapping or repeated periods count each
 * day once: a day cannot be suspended twice.
 *
 * @example countSuspendedDays([{ from: isoDay('2025-03-10'), to: isoDay('2025-03-12') }]) // 3
 */
export function countSuspendedDays(periods: readonly SuspensionPeriod[]): number {
  for (const p of periods) {
    if (!Number.isInteger(p.from) || !Number.isInteger(p.to) || p.to < p.from) {
      throw new RangeError(`A suspension must end on or after the day it started (got ${p.from}..${p.to})`);
    }
  }
  const sorted = [...periods].sort((a, b) => a.from - b.from);
  let total = 0;
  let coveredUpTo = -Infinity;
  for (const { from, to } of sorted) {
    const start = Math.max(from, coveredUpTo + 1);
    if (to >= start) total += to - start + 1;
    coveredUpTo = Math.max(coveredUpTo, to);
  }
  return total;
}
