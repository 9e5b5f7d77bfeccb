import { computeKeyId } from '../crypto/compute-key-id.ts';
import { createKeyRing } from '../crypto/create-key-ring.ts';
import type { KeyRing, MasterKey } from '../crypto/types.ts';
import { deleteBlob } from './delete-blob.ts';
import { getBlob } from './get-blob.ts';
import { hasBlob } from './has-blob.ts';
import { putBlob } from './put-blob.ts';
import { sweepOrphanBlobs } from './sweep-orphan-blobs.ts';
import type { BlobStoreDeps, StoredBlob, SweepResult } from './types.ts';

export interface BlobStoreOptions {
  dir: string;
  masterKey: MasterKey;
  /** Keys that may open existing blobs; the master key is always added. */
  keys?: KeyRing;
  /** The clock, for `sweepOrphans`; Date.now when not given. */
  now?: () => number;
}

export interface BlobStore {
  put(bytes: Uint8Array): Promise<StoredBlob>;
  get(id: string, expectedSha256: string): Promise<Buffer>;
  delete(id: string): Promise<boolean>;
  has(id: string): Promise<boolean>;
  sweepOrphans(knownIds: ReadonlySet<string>, olderThanMs: number): Promise<SweepResult>;
}

/**
 * The encrypted file store over one folder: each operation is its own file in api/blobs/, this
 * binds them to one set of dependencies.
 *
 * @example
 *   const blobs = createBlobStore({ dir: join(config.dataDir, 'blobs'), masterKey, now: clock.now });
 *   const { id, sha256 } = await blobs.put(jpeg);
 *   const same = await blobs.get(id, sha256);
 */
export function createBlobStore(options: BlobStoreOptions): BlobStore {
  // A key id that does not match its key would make every blob unreadable after a restart.
  if (computeKeyId(options.masterKey.key) !== options.masterKey.id) throw new RangeError('The master key id does not match the key.');
  const keys = new Map(options.keys ?? createKeyRing([]));
  keys.set(options.masterKey.id, options.masterKey.key);
  const deps: BlobStoreDeps = { dir: options.dir, masterKey: options.masterKey, keys, now: options.now ?? Date.now };
  return {
    put: (bytes) => putBlob(deps, bytes),
    get: (id, expectedSha256) => getBlob(deps, id, expectedSha256),
    delete: (id) => deleteBlob(deps, id),
    has: (id) => hasBlob(deps, id),
    sweepOrphans: (knownIds, olderThanMs) => sweepOrphanBlobs(deps, knownIds, olderThanMs),
  };
}
