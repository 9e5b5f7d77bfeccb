/**
 * Opens an enrolment link: finds the account whose link it is (unexpired, not disabled) and gives
 * it the TOTP secret to scan, made on the first visit and kept encrypted until enrolment ends, so
 * the form and the app agree across reloads.
 *
 * @example
 *   const e = await startEnrolment(db, cipher, { token, now: Date.now() }); // null for a bad link
 *   e && e.otpauthUri // 'otpauth://totp/...'
 */
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { users } from '../../db/schema.ts';
import type { Cipher } from '../mail/types.ts';
import { hashToken } from './tokens.ts';
import { newTotpSecret, totpFor } from './totp.ts';

export interface Enrolment {
  userId: string;
  email: string;
  displayName: string;
  secret: string;
  otpauthUri: string;
}

export async function startEnrolment(db: Db, cipher: Cipher, o: { token: string; now: number }): Promise<Enrolment | null> {
  const [u] = await db
    .select()
    .from(users)
    .where(and(eq(users.enrolmentTokenHash, hashToken(o.token)), gt(users.enrolmentExpiresAt, new Date(o.now)), isNull(users.disabledAt)));
  if (!u) return null;
  let secret: string;
  if (u.totpSecret && !u.totpEnrolledAt) {
    secret = cipher.decrypt(u.totpSecret).toString('utf8');
  } else {
    secret = newTotpSecret();
    await db.update(users).set({ totpSecret: cipher.encrypt(Buffer.from(secret, 'utf8')), totpEnrolledAt: null }).where(eq(users.id, u.id));
  }
  return { userId: u.id, email: u.email, displayName: u.displayName, secret, otpauthUri: totpFor(secret, u.email).toString() };
}
