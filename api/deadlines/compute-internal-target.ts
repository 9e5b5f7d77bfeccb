/**
 * A controller's own, shorter answer time (DOMAIN.md rule 7: IN-Gent promises four weeks). It is
 * shown beside the legal deadline and never replaces it.
 */
import type { DayNumber } from './calendar-day.ts';
import { countSuspendedDays, type SuspensionPeriod } from './count-suspended-days.ts';
import type { DeadlineRules } from './get-deadline-rules.ts';

/**
 * Receipt date + the controller's `internalTargetDays`, rolled to a working day like the legal
 * deadline; identity-check waits are added as for the legal deadline (a promise made in days
 * cannot run while the controller itself is waiting). Null when the controller promises nothing.
 *
 * @example formatIsoDay(computeInternalTarget(isoDay('2025-03-05'), getDeadlineRules('ingent'))!) // '2025-04-02'
 */
export function computeInternalTarget(
  receivedOn: DayNumber,
  rules: DeadlineRules,
  suspensions: readonly SuspensionPeriod[] = [],
): DayNumber | null {
  if (rules.internalTargetDays === null) return null;
  let end = receivedOn + rules.internalTargetDays;
  if (suspensions.length > 0 && rules.suspendForIdentityCheck) end += countSuspendedDays(suspensions);
  return rules.calendar.rollToWorkingDay(end as DayNumber);
}
