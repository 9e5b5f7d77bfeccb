/** The request document's fingerprint in a seal. */
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';

/**
 * SHA-256 (lower-case hex) of the UTF-8 RFC 8785 canonical JSON of the request document: the same
 * data gives the same hash whatever the key order or formatting it was stored with.
 * Throws CanonicalJsonError for anything that is not plain JSON data.
 *
 * @example hashRequest({ b: 1, a: 2 }) === hashRequest({ a: 2, b: 1 }) // true
 */
export function hashRequest(request: unknown): string {
  return createHash('sha256').update(canonicalJson(request), 'utf8').digest('hex');
}
