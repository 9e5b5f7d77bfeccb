import { createHash, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { decryptEnvelope } from '../crypto/decrypt-envelope.ts';
import { EnvelopeError } from '../crypto/envelope-error.ts';
import { assertBlobId, assertSha256, blobPath } from './blob-id.ts';
import { BlobIntegrityError, BlobNotFoundError, BlobStoreUnavailableError } from './errors.ts';
import type { BlobStoreDeps } from './types.ts';

/**
 * The plaintext of a blob, checked against the SHA-256 recorded when it was stored: a file that
 * decrypts but is another blob (swapped on disk) is refused like a tampered one.
 * Throws `InvalidBlobIdError`, `BlobNotFoundError`, `BlobIntegrityError` or
 * `BlobStoreUnavailableError`.
 *
 * @example
 *   const jpeg = await getBlob(deps, row.idCopyBlobId, row.idCopySha256);
 */
export async function getBlob(deps: BlobStoreDeps, id: string, expectedSha256: string): Promise<Buffer> {
  assertBlobId(id);
  assertSha256(expectedSha256);
  let envelope: Buffer;
  try {
    envelope = await readFile(blobPath(deps.dir, id));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new BlobNotFoundError(`No blob ${id}`, { cause: err });
    throw new BlobStoreUnavailableError(`Cannot read from the blob store ${deps.dir}: ${(err as Error).message}`, { cause: err });
  }
  let plain: Buffer;
  try {
    plain = decryptEnvelope(envelope, deps.keys);
  } catch (err) {
    if (err instanceof EnvelopeError) throw new BlobIntegrityError(err.code, `Blob ${id}: ${err.message}`, { cause: err });
    throw err;
  }
  const actual = createHash('sha256').update(plain).digest();
  if (!timingSafeEqual(actual, Buffer.from(expectedSha256, 'hex'))) {
    throw new BlobIntegrityError('sha256_mismatch', `Blob ${id} decrypts to content with SHA-256 ${actual.toString('hex')}, not the recorded ${expectedSha256}.`);
  }
  return plain;
}
