/**
 * Retention rule 1: an ID copy serves the identity check and nothing else (EDPB 01/2022), so it
 * is deleted as soon as the identity was checked, and at the latest `idCopyDays` (30 by default)
 * after receipt, checked or not.
 *
 * The encrypted file is removed from the blob store first, then the row is marked deleted with
 * its audit event in one transaction: a crash in between leaves a row that the next run finishes
 * (deleting a missing blob is not an error), never a file that the database believes gone.
 *
 * @example
 *   await deleteExpiredIdCopies({ db, blobs: services.blobs, now: clock() }); // { deleted: 2 }
 */
import { and, eq, isNull } from 'drizzle-orm';
import { requestFiles, requests } from '../../db/schema.ts';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { markFilesDeleted } from './mark-files-deleted.ts';
import { DAY_MS, retentionFor } from './retention-settings.ts';
import type { RetentionDeps } from './types.ts';

export async function deleteExpiredIdCopies(d: RetentionDeps): Promise<{ deleted: number }> {
  const settingsFor = d.settingsFor ?? retentionFor;
  // Undeleted ID copies are few: none outlives its period by more than a run.
  const candidates = await d.db
    .select({ fileId: requestFiles.id, blobId: requestFiles.blobId, requestId: requests.id, controllerId: requests.controllerId, receivedAt: requests.receivedAt, identityCheckedAt: requests.identityCheckedAt })
    .from(requestFiles)
    .innerJoin(requests, eq(requestFiles.requestId, requests.id))
    .where(and(eq(requestFiles.role, 'id_copy'), isNull(requestFiles.deletedAt)));

  let deleted = 0;
  for (const c of candidates) {
    const checked = c.identityCheckedAt !== null && c.identityCheckedAt.getTime() <= d.now;
    const expired = d.now - c.receivedAt.getTime() >= settingsFor(c.controllerId).idCopyDays * DAY_MS;
    if (!checked && !expired) continue;
    await d.blobs.delete(c.blobId);
    const marked = await d.db.transaction(async (tx) => {
      const ids = await markFilesDeleted(tx, [c.fileId], d.now);
      if (ids.length === 0) return 0;
      await appendAuditEvent(
        tx,
        { type: 'retention_id_copy_deleted', actorUserId: null, controllerId: c.controllerId, requestId: c.requestId, payload: { fileId: c.fileId, rule: checked ? 'identity_checked' : 'max_age' } },
        d.now,
      );
      return 1;
    });
    deleted += marked;
  }
  return { deleted };
}
