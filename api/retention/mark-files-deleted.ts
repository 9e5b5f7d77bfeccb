/**
 * Sets `deleted_at` on the given files that are not yet marked, and returns the ids this call
 * marked. The condition makes it a claim: of two instances removing the same file, exactly one
 * gets the id back, and only that one writes the audit event.
 *
 * @example
 *   const marked = await markFilesDeleted(tx, [file.id], now); // [] if another run got there first
 */
import { and, inArray, isNull } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import { requestFiles } from '../../db/schema.ts';

export async function markFilesDeleted(tx: Queryable, fileIds: string[], now: number): Promise<string[]> {
  if (fileIds.length === 0) return [];
  const rows = await tx
    .update(requestFiles)
    .set({ deletedAt: new Date(now) })
    .where(and(inArray(requestFiles.id, fileIds), isNull(requestFiles.deletedAt)))
    .returning({ id: requestFiles.id });
  return rows.map((r) => r.id).sort();
}
