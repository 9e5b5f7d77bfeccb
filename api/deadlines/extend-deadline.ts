/**
 * The one extension GDPR art. 12(3) allows: two further months where necessary, decided and told
 * to the requester, with reasons, before the first deadline (DOMAIN.md rule 4).
 */
import type { DayNumber } from './calendar-day.ts';
import { computeLegalDeadline } from './compute-legal-deadline.ts';
import type { SuspensionPeriod } from './count-suspended-days.ts';
import type { DeadlineRules } from './get-deadline-rules.ts';
import { brusselsDayOf } from './to-brussels-day.ts';

export interface Extension {
  /** When the extension was decided (epoch ms, from the injected clock). */
  decidedAt: number;
  /** The same instant as a Brussels date. */
  decidedOn: DayNumber;
  /** Why, as told to the requester. */
  reason: string;
  /** The extended deadline: receipt + 3 months, rolled. */
  deadline: DayNumber;
}

/** Why an extension is refused; each code has a text `deadline.extension.refused.<code>`. */
export type ExtensionRefusal =
  | { code: 'alreadyExtended' }
  | { code: 'firstDeadlinePassed'; firstDeadline: DayNumber }
  | { code: 'reasonRequired' };

export type ExtensionResult = { ok: true; extension: Extension } | { ok: false; refusal: ExtensionRefusal };

export interface ExtendDeadlineInput {
  receivedOn: DayNumber;
  suspensions?: readonly SuspensionPeriod[];
  /** The extension already granted, if any: there can be only one. */
  previous: Extension | null;
  reason: string;
  /** Now, from the injected clock (epoch ms). */
  now: number;
}

/**
 * Extends the deadline, or says why not. Checked in this order: already extended; first deadline
 * passed; no reason. The first deadline's own day still counts as "before": the period ends at
 * the end of that day, so an extension decided on it is in time.
 *
 * @example
 *   const r = extendDeadline({ receivedOn: isoDay('2025-01-31'), previous: null, reason: 'Many files',
 *     now: Date.parse('2025-02-28T21:00:00Z') }, getDeadlineRules('agii'));
 *   r.ok && formatIsoDay(r.extension.deadline) // '2025-04-30'
 */
export function extendDeadline(input: ExtendDeadlineInput, rules: DeadlineRules): ExtensionResult {
  if (input.previous) return { ok: false, refusal: { code: 'alreadyExtended' } };
  const options = { suspensions: input.suspensions ?? [] };
  const firstDeadline = computeLegalDeadline(input.receivedOn, rules, options);
  const decidedOn = brusselsDayOf(input.now);
  if (decidedOn > firstDeadline) return { ok: false, refusal: { code: 'firstDeadlinePassed', firstDeadline } };
  const reason = input.reason.trim();
  if (reason === '') return { ok: false, refusal: { code: 'reasonRequired' } };
  const deadline = computeLegalDeadline(input.receivedOn, rules, { ...options, extended: true });
  return { ok: true, extension: { decidedAt: input.now, decidedOn, reason, deadline } };
}
