/**
 * Gives a user a fresh one-time enrolment link, valid 72 hours; only the token's SHA-256 is
 * stored. Used by add-user and reset-mfa.
 *
 * @example
 *   const { link } = await issueEnrolmentLink(db, { userId, publicUrl: 'https://privacy.example.be', now: Date.now() });
 */
import { eq } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import { users } from '../../db/schema.ts';
import { ENROLMENT_MS } from './session-policy.ts';
import { createToken, hashToken } from './tokens.ts';

export async function issueEnrolmentLink(db: Queryable, o: { userId: string; publicUrl: string; now: number }): Promise<{ link: string; expiresAt: Date }> {
  const token = createToken();
  const expiresAt = new Date(o.now + ENROLMENT_MS);
  await db.update(users).set({ enrolmentTokenHash: hashToken(token), enrolmentExpiresAt: expiresAt }).where(eq(users.id, o.userId));
  return { link: `${o.publicUrl.replace(/\/$/, '')}/dpo/enrol/${token}`, expiresAt };
}
