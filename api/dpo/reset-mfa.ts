/**
 * Resets an account's password and second factor (a lost phone): clears them, the recovery codes
 * and the sessions, and returns a new enrolment link.
 *
 * @example
 *   const { link } = await resetMfa(db, { email: 'dpo@atlas.be', publicUrl, now: Date.now() });
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { sessions, users } from '../../db/schema.ts';
import { appendAuditEvent } from '../audit/index.ts';
import { AppError } from '../http/errors.ts';
import { issueEnrolmentLink } from './issue-enrolment-link.ts';

export async function resetMfa(db: Db, o: { email: string; publicUrl: string; now: number }): Promise<{ link: string; expiresAt: Date }> {
  return db.transaction(async (tx) => {
    const [u] = await tx.select({ id: users.id, controllerId: users.controllerId, disabledAt: users.disabledAt }).from(users).where(eq(users.email, o.email.toLowerCase()));
    if (!u) throw new AppError('unknown_user', 404, [], `no account for ${o.email}`);
    if (u.disabledAt) throw new AppError('user_disabled', 409, [], `the account of ${o.email} is disabled`);
    await tx
      .update(users)
      .set({ passwordHash: null, totpSecret: null, totpEnrolledAt: null, totpLastStep: null, recoveryCodes: [], failedAttempts: 0, lockedUntil: null })
      .where(eq(users.id, u.id));
    await tx.delete(sessions).where(eq(sessions.userId, u.id));
    await appendAuditEvent(tx, { type: 'mfa_reset', actorUserId: null, controllerId: u.controllerId, requestId: null, payload: { targetUserId: u.id } }, o.now);
    return issueEnrolmentLink(tx, { userId: u.id, publicUrl: o.publicUrl, now: o.now });
  });
}
