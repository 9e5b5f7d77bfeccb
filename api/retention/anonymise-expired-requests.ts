/**
 * Retention rule 3: after the accountability period (`anonymiseYears`, 5 by default) a request is
 * anonymised: its encrypted personal data is set to null, every file still stored is deleted, and
 * `anonymised_at` is set. The period runs from closing, or from receipt for a request that was
 * never closed (withdrawn, abandoned). What remains — reference, dates, rights, state, outcome,
 * the timeline and the audit trail — holds no personal data, so the register still shows that a
 * request was received and answered in time.
 *
 * Blobs first, then the request, its file rows and the audit event in one transaction; the
 * condition `anonymised_at IS NULL` lets only one of two concurrent runs write the event.
 *
 * @example
 *   await anonymiseExpiredRequests({ db, blobs: services.blobs, now: clock() }); // { anonymised: 3, files: 7 }
 */
import { and, eq, isNotNull, isNull, lte, or } from 'drizzle-orm';
import { requestFiles, requests } from '../../db/schema.ts';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { markFilesDeleted } from './mark-files-deleted.ts';
import { retentionFor, yearsBefore } from './retention-settings.ts';
import type { RetentionDeps } from './types.ts';

export async function anonymiseExpiredRequests(d: RetentionDeps): Promise<{ anonymised: number; files: number }> {
  const settingsFor = d.settingsFor ?? retentionFor;
  // Per controller in SQL: requests within their period are many and are not read at all.
  const controllerIds = await d.db.selectDistinct({ id: requests.controllerId }).from(requests).where(isNull(requests.anonymisedAt));
  let anonymised = 0;
  let files = 0;
  for (const { id: controllerId } of controllerIds) {
    const cutoff = new Date(yearsBefore(d.now, settingsFor(controllerId).anonymiseYears));
    const due = await d.db
      .select({ id: requests.id, closedAt: requests.closedAt })
      .from(requests)
      .where(
        and(
          eq(requests.controllerId, controllerId),
          isNull(requests.anonymisedAt),
          or(and(isNotNull(requests.closedAt), lte(requests.closedAt, cutoff)), and(isNull(requests.closedAt), lte(requests.receivedAt, cutoff))),
        ),
      );
    for (const r of due) {
      const stored = await d.db.select({ id: requestFiles.id, blobId: requestFiles.blobId }).from(requestFiles).where(and(eq(requestFiles.requestId, r.id), isNull(requestFiles.deletedAt)));
      for (const f of stored) await d.blobs.delete(f.blobId);
      const late: string[] = [];
      const marked = await d.db.transaction(async (tx) => {
        const won = await tx
          .update(requests)
          .set({ personal: null, anonymisedAt: new Date(d.now) })
          .where(and(eq(requests.id, r.id), isNull(requests.anonymisedAt)))
          .returning({ id: requests.id });
        if (won.length === 0) return null;
        // Every file row of the request, including one stored since the blobs above were removed.
        const all = await tx.select({ id: requestFiles.id, blobId: requestFiles.blobId }).from(requestFiles).where(and(eq(requestFiles.requestId, r.id), isNull(requestFiles.deletedAt)));
        const ids = await markFilesDeleted(tx, all.map((f) => f.id), d.now);
        late.push(...all.filter((f) => !stored.some((s) => s.id === f.id)).map((f) => f.blobId));
        await appendAuditEvent(
          tx,
          { type: 'retention_request_anonymised', actorUserId: null, controllerId, requestId: r.id, payload: { rule: r.closedAt === null ? 'after_receipt' : 'after_close', filesDeleted: ids.length } },
          d.now,
        );
        return ids.length;
      });
      if (marked === null) continue;
      for (const blobId of late) await d.blobs.delete(blobId);
      anonymised++;
      files += marked;
    }
  }
  return { anonymised, files };
}
