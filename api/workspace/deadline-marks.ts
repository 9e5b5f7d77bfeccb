/**
 * What the request list says about one request's deadline today: days left (calendar and working
 * days, on the controller's closing calendar), overdue or due this week, whether the controller's
 * internal target has passed, and whether the requester never confirmed their e-mail address.
 * Only open requests have days left: an answered or closed request is no longer running.
 *
 * @example
 *   deadlineMarks(row, Date.parse('2026-05-04T08:00:00Z'))
 *   // { open: true, dueDate: '2026-05-04', urgency: 'due_today', daysLeft: {...}, targetPassed: false, unconfirmedFlag: false }
 */
import { facts } from '../../content/facts.ts';
import { isoDay } from '../deadlines/calendar-day.ts';
import { countDaysLeft, type DaysLeft } from '../deadlines/count-days-left.ts';
import { closingCalendarFor } from '../deadlines/create-closing-calendar.ts';
import { DEFAULT_SETTINGS } from '../deadlines/get-deadline-rules.ts';
import { brusselsDayOf } from '../deadlines/to-brussels-day.ts';
import { isUnconfirmedFlagged } from '../retention/is-unconfirmed-flagged.ts';
import { OPEN_STATES, type ListedRequest } from './list-requests.ts';

/** Due within this many calendar days (today included) counts as "due this week". */
export const DUE_SOON_DAYS = 7;

export type Urgency = 'overdue' | 'due_today' | 'due_this_week' | 'later' | 'not_running';

export interface DeadlineMarks {
  open: boolean;
  dueDate: string;
  extended: boolean;
  urgency: Urgency;
  daysLeft: DaysLeft | null;
  targetPassed: boolean;
  unconfirmedFlag: boolean;
}

export function deadlineMarks(r: Pick<ListedRequest, 'state' | 'legalDeadline' | 'extendedDeadline' | 'internalTarget' | 'controllerId' | 'receivedAt' | 'emailConfirmTokenHash' | 'emailConfirmedAt'>, now: number): DeadlineMarks {
  const open = (OPEN_STATES as readonly string[]).includes(r.state);
  const dueDate = r.extendedDeadline ?? r.legalDeadline;
  const base = { open, dueDate, extended: r.extendedDeadline !== null, unconfirmedFlag: open && isUnconfirmedFlagged(r, now) };
  if (!open) return { ...base, urgency: 'not_running', daysLeft: null, targetPassed: false };
  const today = brusselsDayOf(now);
  const calendar = closingCalendarFor(facts.controllers[r.controllerId]?.settings ?? DEFAULT_SETTINGS);
  const daysLeft = countDaysLeft(today, isoDay(dueDate), calendar);
  const urgency: Urgency = daysLeft.overdue ? 'overdue' : daysLeft.dueToday ? 'due_today' : daysLeft.calendarDaysLeft < DUE_SOON_DAYS ? 'due_this_week' : 'later';
  const targetPassed = r.internalTarget !== null && today > isoDay(r.internalTarget);
  return { ...base, urgency, daysLeft, targetPassed };
}
