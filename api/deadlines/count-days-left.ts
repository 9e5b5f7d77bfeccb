/**
 * How much time is left before a deadline, or how late an answer is, in calendar and in working
 * days: what the DPO workspace shows beside each request.
 */
import type { DayNumber } from './calendar-day.ts';
import type { ClosingCalendar } from './create-closing-calendar.ts';

export interface DaysLeft {
  /** Today is the deadline: still in time until the end of the day. */
  dueToday: boolean;
  overdue: boolean;
  /** Days after today up to and including the deadline (0 when due today or overdue). */
  calendarDaysLeft: number;
  workingDaysLeft: number;
  /** Days after the deadline up to and including today (0 unless overdue). */
  calendarDaysOverdue: number;
  workingDaysOverdue: number;
}

/**
 * Counts from `today` (a Brussels date from the injected clock) to `deadline`.
 *
 * @example
 *   // Friday 4 April 2025 to Monday 7 April 2025
 *   countDaysLeft(isoDay('2025-04-04'), isoDay('2025-04-07'), cal)
 *   // { dueToday: false, overdue: false, calendarDaysLeft: 3, workingDaysLeft: 1, calendarDaysOverdue: 0, workingDaysOverdue: 0 }
 */
export function countDaysLeft(today: DayNumber, deadline: DayNumber, calendar: ClosingCalendar): DaysLeft {
  const overdue = today > deadline;
  return {
    dueToday: today === deadline,
    overdue,
    calendarDaysLeft: overdue ? 0 : deadline - today,
    workingDaysLeft: overdue ? 0 : calendar.countWorkingDays(today, deadline),
    calendarDaysOverdue: overdue ? today - deadline : 0,
    workingDaysOverdue: overdue ? calendar.countWorkingDays(deadline, today) : 0,
  };
}
