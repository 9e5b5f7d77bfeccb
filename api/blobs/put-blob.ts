import { createHash } from 'node:crypto';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import { encryptEnvelope } from '../crypto/encrypt-envelope.ts';
import { blobPath, generateBlobId, tempPath } from './blob-id.ts';
import { BlobStoreUnavailableError } from './errors.ts';
import { syncFolder } from './sync-folder.ts';
import type { BlobStoreDeps, StoredBlob } from './types.ts';

/**
 * Encrypts `bytes` and stores them under a new random id. The envelope goes to `<id>.enc.tmp`,
 * is flushed, and renamed to `<id>.enc`, so a crash leaves either no blob or a complete one (and
 * at worst a temporary file that `sweepOrphans` removes). Any file system failure is a
 * `BlobStoreUnavailableError`: the request can be retried later, nothing was half-stored.
 *
 * @example
 *   const { id, sha256, size } = await putBlob(deps, jpeg);
 *   // store id and sha256 in the same transaction as the request row
 */
export async function putBlob(deps: BlobStoreDeps, bytes: Uint8Array): Promise<StoredBlob> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const envelope = encryptEnvelope(bytes, deps.masterKey);
  const id = generateBlobId();
  const temp = tempPath(deps.dir, id);
  try {
    await mkdir(deps.dir, { recursive: true, mode: 0o700 });
    // 'wx': never follow or reuse an existing path, even if an id repeated (2^-128).
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(envelope);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, blobPath(deps.dir, id));
    await syncFolder(deps.dir);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw new BlobStoreUnavailableError(`Cannot write to the blob store ${deps.dir}: ${(err as Error).message}`, { cause: err });
  }
  return { id, sha256, size: bytes.length };
}
