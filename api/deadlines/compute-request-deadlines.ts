/**
 * Every date a request's answer is measured against, from its receipt timestamp: what the API and
 * the DPO workspace show for one request.
 */
import type { DayNumber } from './calendar-day.ts';
import { computeInternalTarget } from './compute-internal-target.ts';
import { computeLegalDeadline } from './compute-legal-deadline.ts';
import type { SuspensionPeriod } from './count-suspended-days.ts';
import type { Extension } from './extend-deadline.ts';
import type { DeadlineRules } from './get-deadline-rules.ts';
import { brusselsDayOf } from './to-brussels-day.ts';

export interface RequestDeadlines {
  /** The Brussels date of receipt; the period starts the day after. */
  receivedOn: DayNumber;
  /** One month, rolled. */
  firstDeadline: DayNumber;
  /** Three months, rolled, once an extension was decided; else null. */
  extendedDeadline: DayNumber | null;
  /** The legal deadline in force: the extended one if any, else the first. */
  deadline: DayNumber;
  /** The controller's own promise (IN-Gent: four weeks), or null. Never replaces `deadline`. */
  internalTarget: DayNumber | null;
}

/**
 * @example
 *   computeRequestDeadlines({ receivedAt: Date.parse('2026-03-31T23:30:00Z') }, getDeadlineRules('ingent'))
 *   // receivedOn 2026-04-01, firstDeadline 2026-05-04 (1 May is a holiday, then a weekend), internalTarget 2026-04-29
 */
export function computeRequestDeadlines(
  input: { receivedAt: number; extension?: Extension | null; suspensions?: readonly SuspensionPeriod[] },
  rules: DeadlineRules,
): RequestDeadlines {
  const receivedOn = brusselsDayOf(input.receivedAt);
  const suspensions = input.suspensions ?? [];
  const firstDeadline = computeLegalDeadline(receivedOn, rules, { suspensions });
  const extendedDeadline = input.extension ? computeLegalDeadline(receivedOn, rules, { suspensions, extended: true }) : null;
  return {
    receivedOn,
    firstDeadline,
    extendedDeadline,
    deadline: extendedDeadline ?? firstDeadline,
    internalTarget: computeInternalTarget(receivedOn, rules, suspensions),
  };
}
