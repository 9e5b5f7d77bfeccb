/**
 * Retention rule 2: the answer documents of a request are deleted `answerDaysAfterClose` days
 * (60 by default) after it was closed. The requester has had them; the register keeps that and
 * when they were sent (request_events, audit trail). One audit event per request lists the files.
 *
 * Blob first, then the rows and the event in one transaction (see delete-expired-id-copies.ts).
 *
 * @example
 *   await deleteExpiredAnswers({ db, blobs: services.blobs, now: clock() }); // { requests: 1, files: 2 }
 */
import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { requestFiles, requests } from '../../db/schema.ts';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { formatIsoDay } from '../deadlines/calendar-day.ts';
import { brusselsDayOf } from '../deadlines/to-brussels-day.ts';
import { markFilesDeleted } from './mark-files-deleted.ts';
import { DAY_MS, retentionFor } from './retention-settings.ts';
import type { RetentionDeps } from './types.ts';

interface Due {
  controllerId: string;
  closedAt: Date;
  files: { id: string; blobId: string }[];
}

export async function deleteExpiredAnswers(d: RetentionDeps): Promise<{ requests: number; files: number }> {
  const settingsFor = d.settingsFor ?? retentionFor;
  const candidates = await d.db
    .select({ fileId: requestFiles.id, blobId: requestFiles.blobId, requestId: requests.id, controllerId: requests.controllerId, closedAt: requests.closedAt })
    .from(requestFiles)
    .innerJoin(requests, eq(requestFiles.requestId, requests.id))
    .where(and(eq(requestFiles.role, 'answer'), isNull(requestFiles.deletedAt), isNotNull(requests.closedAt)));

  const due = new Map<string, Due>();
  for (const c of candidates) {
    if (c.closedAt === null || d.now - c.closedAt.getTime() < settingsFor(c.controllerId).answerDaysAfterClose * DAY_MS) continue;
    const entry = due.get(c.requestId) ?? { controllerId: c.controllerId, closedAt: c.closedAt, files: [] };
    entry.files.push({ id: c.fileId, blobId: c.blobId });
    due.set(c.requestId, entry);
  }

  let requestCount = 0;
  let fileCount = 0;
  for (const [requestId, r] of due) {
    for (const f of r.files) await d.blobs.delete(f.blobId);
    const marked = await d.db.transaction(async (tx) => {
      const ids = await markFilesDeleted(tx, r.files.map((f) => f.id), d.now);
      if (ids.length === 0) return 0;
      await appendAuditEvent(
        tx,
        { type: 'retention_answers_deleted', actorUserId: null, controllerId: r.controllerId, requestId, payload: { fileIds: ids, closedDate: formatIsoDay(brusselsDayOf(r.closedAt.getTime())) } },
        d.now,
      );
      return ids.length;
    });
    if (marked > 0) requestCount++;
    fileCount += marked;
  }
  return { requests: requestCount, files: fileCount };
}
