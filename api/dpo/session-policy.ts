/**
 * The numbers of the workspace's sign-in policy in one place, so routes, domain functions and
 * tests agree on them.
 *
 * @example
 *   failureDelayMs(3) // 1000: the wait before answering the fourth attempt
 */
export const SESSION_COOKIE = '__Host-dpo_session';
/** The anonymous forms' (sign-in, enrolment) double-submit CSRF cookie. */
export const FORM_COOKIE = '__Host-dpo_form';
export const IDLE_MS = 30 * 60_000;
export const ABSOLUTE_MS = 8 * 3_600_000;
/** A session that passed the password but not yet the second factor lives this long. */
export const PENDING_MFA_MS = 10 * 60_000;
export const MAX_FAILURES = 10;
export const LOCK_MS = 15 * 60_000;
/**
 * How long a passed second factor counts as recent: an ID copy is shown only within this time
 * of it; later the user confirms with a new code first (ASVS 3.7.1).
 */
export const RECENT_FACTOR_MS = 15 * 60_000;
export const ENROLMENT_MS = 72 * 3_600_000;
export const MIN_PASSWORD_LENGTH = 12;
export const RECOVERY_CODE_COUNT = 10;
const DELAY_BASE_MS = 250;
const DELAY_CAP_MS = 8_000;

/** The progressive delay after `failures` failed attempts: 0, 250, 500, 1000, ... capped at 8 s. */
export function failureDelayMs(failures: number): number {
  return failures <= 0 ? 0 : Math.min(DELAY_BASE_MS * 2 ** (failures - 1), DELAY_CAP_MS);
}
