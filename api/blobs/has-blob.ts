import { stat } from 'node:fs/promises';
import { assertBlobId, blobPath } from './blob-id.ts';
import { BlobStoreUnavailableError } from './errors.ts';
import type { BlobStoreDeps } from './types.ts';

/**
 * Whether a complete blob with this id is stored (it is not decrypted or verified: use `getBlob`).
 *
 * @example
 *   if (!(await hasBlob(deps, id))) logger.error({ id }, 'ID copy missing');
 */
export async function hasBlob(deps: BlobStoreDeps, id: string): Promise<boolean> {
  assertBlobId(id);
  try {
    return (await stat(blobPath(deps.dir, id))).isFile();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return false;
    throw new BlobStoreUnavailableError(`Cannot read the blob store ${deps.dir}: ${(err as Error).message}`, { cause: err });
  }
}
