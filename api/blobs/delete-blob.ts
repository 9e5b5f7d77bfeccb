import { unlink } from 'node:fs/promises';
import { assertBlobId, blobPath } from './blob-id.ts';
import { BlobStoreUnavailableError } from './errors.ts';
import { syncFolder } from './sync-folder.ts';
import type { BlobStoreDeps } from './types.ts';

/**
 * Deletes a blob; deleting one that is already gone is not an error, so a retried deletion (after
 * a crash between the file and the database) simply succeeds. Returns whether a file was removed.
 *
 * @example
 *   await deleteBlob(deps, row.idCopyBlobId); // identity checked: the copy goes (EDPB 01/2022)
 */
export async function deleteBlob(deps: BlobStoreDeps, id: string): Promise<boolean> {
  assertBlobId(id);
  try {
    await unlink(blobPath(deps.dir, id));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new BlobStoreUnavailableError(`Cannot delete from the blob store ${deps.dir}: ${(err as Error).message}`, { cause: err });
  }
  // A deleted ID copy must stay deleted after a power cut.
  await syncFolder(deps.dir).catch(() => undefined);
  return true;
}
