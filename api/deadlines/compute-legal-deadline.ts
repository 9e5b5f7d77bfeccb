/**
 * The legal answer deadline of GDPR art. 12(3), counted as Regulation 1182/71 art. 3 prescribes
 * (DOMAIN.md rules 1-4 and 6).
 */
import { addMonths } from './add-months.ts';
import { dayFromYmd, type DayNumber } from './calendar-day.ts';
import { countSuspendedDays, type SuspensionPeriod } from './count-suspended-days.ts';
import type { DeadlineRules } from './get-deadline-rules.ts';

/** The receipt years the portal answers for (DOMAIN.md); the calendar reaches further for the ends. */
export const FIRST_RECEIPT_DAY = dayFromYmd(1970, 1, 1);
export const LAST_RECEIPT_DAY = dayFromYmd(2100, 12, 31);

export interface DeadlineOptions {
  /** The extension of art. 12(3): receipt + 3 months, computed directly from the receipt date. */
  extended?: boolean;
  /** Identity-check waits; ignored unless the controller's `suspendForIdentityCheck` is on. */
  suspensions?: readonly SuspensionPeriod[];
}

/**
 * The last day to answer a request received on `receivedOn` (a Brussels date). The day of receipt
 * does not count: one month later on the same day number, or that month's last day; then the
 * suspended days are added; only then is the end moved past Saturdays, Sundays and closing days.
 *
 * @example
 *   const rules = getDeadlineRules('agii');
 *   formatIsoDay(computeLegalDeadline(isoDay('2025-03-05'), rules)) // '2025-04-07' (5 April is a Saturday)
 *   formatIsoDay(computeLegalDeadline(isoDay('2025-01-31'), rules, { extended: true })) // '2025-04-30'
 */
export function computeLegalDeadline(receivedOn: DayNumber, rules: DeadlineRules, options: DeadlineOptions = {}): DayNumber {
  if (!(receivedOn >= FIRST_RECEIPT_DAY && receivedOn <= LAST_RECEIPT_DAY)) {
    throw new RangeError(`Receipt day ${receivedOn} is outside the supported years 1970-2100`);
  }
  let end = addMonths(receivedOn, options.extended ? 3 : 1);
  if (options.suspensions && options.suspensions.length > 0 && rules.suspendForIdentityCheck) {
    end = (end + countSuspendedDays(options.suspensions)) as DayNumber;
  }
  return rules.calendar.rollToWorkingDay(end);
}
