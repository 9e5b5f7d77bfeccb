/** Retention: scheduled deletion of ID copies and answers, anonymisation of old requests. */
export { anonymiseExpiredRequests } from './anonymise-expired-requests.ts';
export { deleteExpiredAnswers } from './delete-expired-answers.ts';
export { deleteExpiredIdCopies } from './delete-expired-id-copies.ts';
export { isUnconfirmedFlagged, type UnconfirmedCheck } from './is-unconfirmed-flagged.ts';
export { DEFAULT_RETENTION, retentionFor, type RetentionSettings } from './retention-settings.ts';
export { runRetention } from './run-retention.ts';
export type { RetentionDeps } from './types.ts';
