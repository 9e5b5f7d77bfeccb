/**
 * The retention periods of a controller, from its settings in content/facts/controllers.json
 * (`settings.retention`). A controller that is not (or no longer) in the facts gets the defaults,
 * so an old request is never kept forever because its controller left the list.
 *
 * @example retentionFor('ingent').idCopyDays // 30
 */
import { facts } from '../../content/facts.ts';
import type { Controller } from '../../content/schema.ts';

export type RetentionSettings = Controller['settings']['retention'];

export const DEFAULT_RETENTION: RetentionSettings = { idCopyDays: 30, answerDaysAfterClose: 60, anonymiseYears: 5, unconfirmedFlagDays: 14 };

export const DAY_MS = 86_400_000;

export function retentionFor(controllerId: string): RetentionSettings {
  return facts.controllers[controllerId]?.settings.retention ?? DEFAULT_RETENTION;
}

/**
 * The instant `years` calendar years before `now` (29 February goes to 1 March in other years).
 *
 * @example new Date(yearsBefore(Date.parse('2031-06-01T00:00:00Z'), 5)).toISOString() // '2026-06-01T00:00:00.000Z'
 */
export function yearsBefore(now: number, years: number): number {
  const d = new Date(now);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d.getTime();
}
