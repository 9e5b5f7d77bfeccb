/**
 * Random bearer tokens (session cookies, enrolment links) and the SHA-256 under which they are
 * stored: a database leak does not hand out working tokens.
 *
 * @example
 *   const token = createToken(); await db.insert(sessions).values({ tokenHash: hashToken(token), ... });
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function createToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Compares two strings in constant time (for their common length). */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
