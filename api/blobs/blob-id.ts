import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { InvalidBlobIdError } from './errors.ts';

/** 128 random bits in lowercase hex: the only shape of id that ever reaches a path. */
export const BLOB_ID_PATTERN = /^[0-9a-f]{32}$/;
const SHA256_PATTERN = /^[0-9a-f]{64}$/;

/** Stored blob: `<id>.enc`; being written: `<id>.enc.tmp`. Anything else in the folder is left alone. */
export const BLOB_FILE = /^([0-9a-f]{32})\.enc$/;
export const TEMP_FILE = /^([0-9a-f]{32})\.enc\.tmp$/;

/**
 * A new random id; never derived from anything the requester sent.
 *
 * @example
 *   generateBlobId() // '3f9c0d1e6a7b8c9d0e1f2a3b4c5d6e7f'
 */
export function generateBlobId(): string {
  return randomBytes(16).toString('hex');
}

/**
 * Throws `InvalidBlobIdError` unless `id` could have come from `generateBlobId`. Every operation
 * calls it before building a path, so '../', '/', NUL or an absolute path never reach the disk.
 *
 * @example
 *   assertBlobId('../../etc/passwd') // throws InvalidBlobIdError
 */
export function assertBlobId(id: unknown): asserts id is string {
  if (typeof id !== 'string' || !BLOB_ID_PATTERN.test(id)) {
    throw new InvalidBlobIdError(`Not a blob id: ${JSON.stringify(String(id).slice(0, 80))}`);
  }
}

/**
 * Throws a RangeError unless `sha256` is 64 lowercase hex characters.
 *
 * @example
 *   assertSha256(createHash('sha256').update(bytes).digest('hex')) // passes
 */
export function assertSha256(sha256: unknown): asserts sha256 is string {
  if (typeof sha256 !== 'string' || !SHA256_PATTERN.test(sha256)) throw new RangeError('expectedSha256 must be 64 lowercase hex characters');
}

/** The path of a blob, for an id already checked by `assertBlobId`, e.g. `blobPath(dir, id)` -> `<dir>/<id>.enc`. */
export function blobPath(dir: string, id: string): string {
  return join(dir, `${id}.enc`);
}

/** Where a blob is written before the rename, e.g. `<dir>/<id>.enc.tmp`. */
export function tempPath(dir: string, id: string): string {
  return join(dir, `${id}.enc.tmp`);
}
