/**
 * The seal's fingerprint printed on the receipt: 20 symbols of Crockford base32 in groups of four,
 * `7K3M-9QXD-ZB41-H0TC-R2WN`, short enough to read out or type into the verification page.
 *
 * It is the first 100 bits of SHA-256 of the 64-byte signature. Ed25519 signatures are
 * deterministic and Node (OpenSSL) refuses non-canonical ones, so one signed payload has one valid
 * signature and one fingerprint; 100 bits leave no room to forge another seal with the same
 * fingerprint. The verification page looks the seal up by fingerprint and verifies it in full.
 */
import { createHash } from 'node:crypto';
import { encodeCrockford, normaliseCrockford, crockfordValue } from '../requests/crockford-base32.ts';
import type { Seal } from './types.ts';

const SYMBOLS = 20;

function group(symbols: string): string {
  return symbols.match(/.{4}/g)!.join('-');
}

/**
 * The receipt fingerprint of a seal.
 *
 * @example receiptFingerprint(seal) // '7K3M-9QXD-ZB41-H0TC-R2WN'
 */
export function receiptFingerprint(seal: Pick<Seal, 'signature'>): string {
  const digest = createHash('sha256').update(Buffer.from(seal.signature, 'base64url')).digest();
  return group(encodeCrockford(digest, SYMBOLS));
}

/**
 * A fingerprint as a person typed it (any case, spaces or no hyphens, O for 0, I or L for 1), in
 * the canonical grouped form, or null when it cannot be one.
 *
 * @example parseFingerprint('7k3m 9qxd zb41 h0tc r2wn') // '7K3M-9QXD-ZB41-H0TC-R2WN'
 */
export function parseFingerprint(input: string): string | null {
  if (typeof input !== 'string' || input.length > 64) return null;
  const compact = normaliseCrockford(input);
  if (compact.length !== SYMBOLS || [...compact].some((c) => crockfordValue(c) < 0)) return null;
  return group(compact);
}
