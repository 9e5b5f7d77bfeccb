/**
 * "Identity checked": the ID copy has served its one purpose, so it goes at once (EDPB 01/2022
 * paras. 73-79); what stays is who checked it and when. The request moves on to in_progress,
 * with the requester's event, the audit event and the e-mail in one transaction.
 *
 * The encrypted file is deleted after the commit, and only then is its row marked deleted, the
 * order the retention job keeps: if deleting the file fails, the row still says it is there, and
 * the retention job (delete-expired-id-copies.ts: an ID copy of a request whose identity was
 * checked, not yet marked deleted) finishes the work on its next run.
 *
 * @example
 *   const r = await checkIdentity(deps, request, user, visibleTo(user));
 *   if (r.ok) r.value.fileDeleted // true
 */
import { and, eq, isNull, type SQL } from 'drizzle-orm';
import { requestEvents, requestFiles, requests } from '../../../db/schema.ts';
import { appendAuditEvent } from '../../audit/append-audit-event.ts';
import { markFilesDeleted } from '../../retention/mark-files-deleted.ts';
import { whyNot } from '../available-actions.ts';
import type { RequestRow } from '../request-scope.ts';
import { conflict, done, guardedUpdate, mailRequester, type ActionDeps, type ActionResult } from './action-support.ts';

export async function checkIdentity(d: ActionDeps, request: RequestRow, userId: string, scope: SQL): Promise<ActionResult<{ fileDeleted: boolean }>> {
  const why = whyNot('identity', request);
  if (why) return conflict(why);
  const copies = await d.db
    .select({ id: requestFiles.id, blobId: requestFiles.blobId })
    .from(requestFiles)
    .where(and(eq(requestFiles.requestId, request.id), eq(requestFiles.role, 'id_copy'), isNull(requestFiles.deletedAt)));
  const won = await d.db.transaction(async (tx) => {
    const ok = await guardedUpdate(tx, request, { state: 'in_progress', identityCheckedAt: new Date(d.now), identityCheckedBy: userId }, scope, isNull(requests.identityCheckedAt));
    if (!ok) return false;
    await tx.insert(requestEvents).values({ requestId: request.id, type: 'identity_checked', at: new Date(d.now), actor: userId, payload: { result: 'confirmed' } });
    await appendAuditEvent(tx, { type: 'identity_checked', actorUserId: userId, controllerId: request.controllerId, requestId: request.id, payload: { result: 'confirmed' } }, d.now);
    await mailRequester(tx, d, request, { kind: 'identity' });
    return true;
  });
  if (!won) return conflict('state');
  let fileDeleted = true;
  for (const copy of copies) {
    try {
      await d.blobs.delete(copy.blobId);
      await markFilesDeleted(d.db, [copy.id], d.now);
    } catch {
      fileDeleted = false;
    }
  }
  return done({ fileDeleted });
}
