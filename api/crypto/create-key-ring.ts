import { computeKeyId, KEY_BYTES } from './compute-key-id.ts';
import type { KeyRing } from './types.ts';

/**
 * A key ring for `decryptEnvelope` from raw keys: each key under its computed id, so an id can
 * never be paired with the wrong key by a configuration mistake.
 *
 * @example
 *   const keys = createKeyRing([current.key, retired]);
 *   decryptEnvelope(envelope, keys);
 */
export function createKeyRing(keys: Iterable<Uint8Array>): KeyRing {
  const ring = new Map<string, Uint8Array>();
  for (const key of keys) {
    if (key.length !== KEY_BYTES) throw new RangeError(`A master key must be ${KEY_BYTES} bytes; got ${key.length}.`);
    ring.set(computeKeyId(key), key);
  }
  return ring;
}
