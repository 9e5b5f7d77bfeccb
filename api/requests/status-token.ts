/**
 * The secret that lets a requester follow their request on the status page without an account.
 * It is shown once (in the confirmation and the receipt link) and only its SHA-256 is stored, so
 * a copy of the database does not open anyone's status page. 32 random bytes make it unguessable,
 * so a plain hash (no salt, no slow KDF) is enough and lets the database look it up by hash.
 */
import { createHash, randomBytes as cryptoRandomBytes, timingSafeEqual } from 'node:crypto';
import type { RandomBytes } from './reference.ts';

const TOKEN_BYTES = 32;
// 32 bytes are 43 base64url characters without padding; the last one carries 4 data bits and
// 2 zero bits, so it is one of 16 characters. Anything else is not a token this module made.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;
const HASH_SHAPE = /^[0-9a-f]{64}$/;

export class StatusTokenError extends Error {
  override name = 'StatusTokenError';
  readonly code = 'malformed_token';
}

/**
 * A new status token: 32 random bytes, base64url without padding (43 characters, URL-safe).
 *
 * @example createStatusToken() // 'q3V0xK...' (43 characters, random)
 */
export function createStatusToken(randomBytes: RandomBytes = cryptoRandomBytes): string {
  const bytes = randomBytes(TOKEN_BYTES);
  if (bytes.length !== TOKEN_BYTES) throw new RangeError(`A status token needs ${TOKEN_BYTES} random bytes, got ${bytes.length}`);
  return Buffer.from(bytes).toString('base64url');
}

/** True when `token` has the exact shape createStatusToken produces. */
export function isStatusTokenShape(token: unknown): token is string {
  return typeof token === 'string' && TOKEN_SHAPE.test(token);
}

/**
 * The SHA-256 (lower-case hex) of the token's ASCII text: what the database stores. Throws
 * StatusTokenError for anything that is not a token, so a malformed value is never hashed and
 * stored by mistake.
 *
 * @example hashStatusToken(createStatusToken()) // '3f1c...' (64 hex digits)
 */
export function hashStatusToken(token: string): string {
  if (!isStatusTokenShape(token)) throw new StatusTokenError('Not a status token: expected 43 base64url characters');
  return createHash('sha256').update(token, 'ascii').digest('hex');
}

/**
 * Whether a presented token is the one whose hash is stored. Wrong shapes are refused before any
 * hashing; the hashes are compared in constant time.
 *
 * @example tokenMatches(token, hashStatusToken(token)) // true
 * @example tokenMatches('guess', storedHash) // false
 */
export function tokenMatches(token: unknown, hash: string): boolean {
  if (!isStatusTokenShape(token) || typeof hash !== 'string' || !HASH_SHAPE.test(hash)) return false;
  const presented = createHash('sha256').update(token, 'ascii').digest();
  return timingSafeEqual(presented, Buffer.from(hash, 'hex'));
}
