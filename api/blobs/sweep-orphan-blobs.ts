import { lstat, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { BLOB_FILE, TEMP_FILE } from './blob-id.ts';
import { BlobStoreUnavailableError } from './errors.ts';
import { syncFolder } from './sync-folder.ts';
import type { BlobStoreDeps, SweepResult } from './types.ts';

/**
 * Removes what a crashed submission left behind: blobs no database row knows and temporary files,
 * both only when last modified more than `olderThanMs` ago, so a submission still in progress
 * (in this process or another instance sharing the folder) keeps its file until it commits.
 * Files whose names this store does not generate are never touched, so a misconfigured folder
 * cannot lose anything else.
 *
 * @example
 *   const known = new Set(await db.select({ id: blobs.id }).from(blobs).then((r) => r.map((b) => b.id)));
 *   const removed = await sweepOrphanBlobs(deps, known, 60 * 60 * 1000);
 */
export async function sweepOrphanBlobs(deps: BlobStoreDeps, knownIds: ReadonlySet<string>, olderThanMs: number): Promise<SweepResult> {
  const removed: SweepResult = { blobs: [], temps: [] };
  const cutoff = deps.now() - olderThanMs;
  let names: string[];
  try {
    names = await readdir(deps.dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return removed;
    throw new BlobStoreUnavailableError(`Cannot list the blob store ${deps.dir}: ${(err as Error).message}`, { cause: err });
  }
  for (const name of names) {
    const temp = TEMP_FILE.exec(name);
    const blob = temp ? null : BLOB_FILE.exec(name);
    const id = temp?.[1] ?? blob?.[1];
    if (id === undefined || (blob && knownIds.has(id))) continue;
    const path = join(deps.dir, name);
    try {
      const info = await lstat(path);
      if (!info.isFile() || info.mtimeMs >= cutoff) continue;
      await unlink(path);
    } catch (err) {
      // Gone in the meantime (another instance swept it): nothing left to do.
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw new BlobStoreUnavailableError(`Cannot sweep the blob store ${deps.dir}: ${(err as Error).message}`, { cause: err });
    }
    (temp ? removed.temps : removed.blobs).push(id);
  }
  if (removed.blobs.length + removed.temps.length > 0) await syncFolder(deps.dir).catch(() => undefined);
  return removed;
}
