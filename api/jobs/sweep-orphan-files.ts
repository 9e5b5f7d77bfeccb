/**
 * At start-up: removes encrypted files that no request references — written by a submission
 * that crashed (or lost its database commit) before the commit. Files younger than ten minutes
 * are left alone, so a submission in flight on another instance keeps its files.
 */
import type { Logger } from 'pino';
import type { Db } from '../../db/client.ts';
import { requestFiles } from '../../db/schema.ts';
import type { BlobStore } from '../blobs/index.ts';

export async function sweepOrphanFiles(db: Db, blobs: BlobStore, logger: Logger, olderThanMs = 10 * 60_000) {
  const known = new Set((await db.select({ id: requestFiles.blobId }).from(requestFiles)).map((r) => r.id));
  const removed = await blobs.sweepOrphans(known, olderThanMs);
  if (removed.blobs.length + removed.temps.length > 0) logger.warn({ event: 'orphan_files_removed', blobs: removed.blobs.length, temps: removed.temps.length }, 'removed files of requests that were never committed');
  return removed;
}
