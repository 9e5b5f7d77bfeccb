/**
 * The retention job: the rules in turn (ID copies, answers, anonymisation, spent records).
 * Registered in api/server.ts as the scheduled job 'retention', which takes its lease first; each rule is
 * idempotent and safe when two runs overlap, so a repeated or concurrent run deletes nothing
 * twice and writes each audit event once.
 *
 * @example
 *   await runRetention({ db, blobs: services.blobs, now: Date.now() });
 *   // { idCopies: { deleted: 1 }, answers: …, anonymised: …, spent: { mails: 3, idempotency: 0, rateLimits: 5, sessions: 1 } }
 */
import { anonymiseExpiredRequests } from './anonymise-expired-requests.ts';
import { deleteExpiredAnswers } from './delete-expired-answers.ts';
import { deleteExpiredIdCopies } from './delete-expired-id-copies.ts';
import { deleteSpentRecords } from './delete-spent-records.ts';
import type { RetentionDeps } from './types.ts';

export async function runRetention(d: RetentionDeps) {
  const idCopies = await deleteExpiredIdCopies(d);
  const answers = await deleteExpiredAnswers(d);
  const anonymised = await anonymiseExpiredRequests(d);
  const spent = await deleteSpentRecords(d);
  return { idCopies, answers, anonymised, spent };
}
