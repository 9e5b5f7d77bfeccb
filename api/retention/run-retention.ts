/**
 * The retention job: the three rules in turn (ID copies, answers, anonymisation). Registered in
 * api/server.ts as the scheduled job 'retention', which takes its lease first; each rule is
 * idempotent and safe when two runs overlap, so a repeated or concurrent run deletes nothing
 * twice and writes each audit event once.
 *
 * @example
 *   await runRetention({ db, blobs: services.blobs, now: Date.now() });
 *   // { idCopies: { deleted: 1 }, answers: { requests: 0, files: 0 }, anonymised: { anonymised: 0, files: 0 } }
 */
import { anonymiseExpiredRequests } from './anonymise-expired-requests.ts';
import { deleteExpiredAnswers } from './delete-expired-answers.ts';
import { deleteExpiredIdCopies } from './delete-expired-id-copies.ts';
import type { RetentionDeps } from './types.ts';

export async function runRetention(d: RetentionDeps) {
  const idCopies = await deleteExpiredIdCopies(d);
  const answers = await deleteExpiredAnswers(d);
  const anonymised = await anonymiseExpiredRequests(d);
  return { idCopies, answers, anonymised };
}
