import type { KeyRing, MasterKey } from '../crypto/types.ts';

/** What every blob operation needs; built once by `createBlobStore`. */
export interface BlobStoreDeps {
  /** The folder of encrypted files (created on the first write, mode 0700). */
  dir: string;
  /** Encrypts new blobs. */
  masterKey: MasterKey;
  /** Opens blobs: the current master key and any retired ones still in use. */
  keys: KeyRing;
  /** The injected clock (epoch ms), for the age of orphans. */
  now: () => number;
}

export interface StoredBlob {
  id: string;
  /** SHA-256 of the plaintext, lowercase hex: keep it with the id and pass it to `get`. */
  sha256: string;
  /** Plaintext size in bytes. */
  size: number;
}

export interface SweepResult {
  /** Ids of complete blobs that no database row knows. */
  blobs: string[];
  /** Ids of temporary files left by interrupted writes. */
  temps: string[];
}
