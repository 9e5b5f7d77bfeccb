import { createHash } from 'node:crypto';

/** 32 bytes: AES-256. */
export const KEY_BYTES = 32;

/** A key id: 8 lowercase hex characters (4 bytes in an envelope header). */
export const KEY_ID_PATTERN = /^[0-9a-f]{8}$/;

/**
 * The id of a master key: the first 8 hex characters of its SHA-256. Stored in every envelope so
 * that, after a rotation, the old key can still be found to open older envelopes. It reveals
 * nothing useful about the key (32 bits of a hash of 256 random bits).
 *
 * @example
 *   computeKeyId(new Uint8Array(32)) // '66687aad'
 */
export function computeKeyId(key: Uint8Array): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}
