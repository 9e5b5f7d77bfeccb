/** A 256-bit master key and its id (the first 8 hex characters of its SHA-256, see compute-key-id.ts). */
export interface MasterKey {
  id: string;
  key: Uint8Array;
}

/** The keys an envelope may have been wrapped with, by key id: the current one and any retired ones. */
export type KeyRing = ReadonlyMap<string, Uint8Array>;
