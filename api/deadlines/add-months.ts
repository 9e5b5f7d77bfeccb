/**
 * Calendar months, as Regulation 1182/71 art. 3(2)(c) counts them: the period ends on the day of
 * the last month with the same number as the day it started from; if that month has no such day,
 * on its last day.
 */
import { dayFromYmd, daysInMonth, ymdFromDay, type DayNumber } from './calendar-day.ts';

/**
 * The same day number `months` months later, or the last day of that month when it is shorter.
 * Always computed from the start date (never chained), so 31 January + 3 months is 30 April,
 * not 28 April.
 *
 * @example formatIsoDay(addMonths(isoDay('2025-01-31'), 1)) // '2025-02-28'
 */
export function addMonths(day: DayNumber, months: number): DayNumber {
  const { y, m, d } = ymdFromDay(day);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  const last = daysInMonth(ny, nm);
  return dayFromYmd(ny, nm, d < last ? d : last);
}
