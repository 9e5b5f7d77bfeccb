/**
 * Whether a request is flagged for the DPO because the requester never confirmed their e-mail
 * address: a confirmation was asked (web requests), none came, and `unconfirmedFlagDays` (14 by
 * default) have passed since receipt. The DPO decides what follows; nothing is deleted for it.
 *
 * @example
 *   isUnconfirmedFlagged({ controllerId: 'atlas', receivedAt: new Date('2026-05-01'), emailConfirmTokenHash: 'ab…',
 *                          emailConfirmedAt: null }, Date.parse('2026-05-20')) // true
 */
import { DAY_MS, retentionFor, type RetentionSettings } from './retention-settings.ts';

export interface UnconfirmedCheck {
  controllerId: string;
  receivedAt: Date;
  emailConfirmTokenHash: string | null;
  emailConfirmedAt: Date | null;
}

export function isUnconfirmedFlagged(request: UnconfirmedCheck, now: number, settingsFor: (controllerId: string) => RetentionSettings = retentionFor): boolean {
  if (request.emailConfirmTokenHash === null || request.emailConfirmedAt !== null) return false;
  return now - request.receivedAt.getTime() >= settingsFor(request.controllerId).unconfirmedFlagDays * DAY_MS;
}
