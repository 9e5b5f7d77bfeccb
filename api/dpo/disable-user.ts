/**
 * Disables an account: it can no longer sign in or enrol, and every session of it ends now.
 *
 * @example
 *   await disableUser(db, { email: 'dpo@atlas.be', now: Date.now() });
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { sessions, users } from '../../db/schema.ts';
import { appendAuditEvent } from '../audit/index.ts';
import { AppError } from '../http/errors.ts';

export async function disableUser(db: Db, o: { email: string; now: number }): Promise<void> {
  await db.transaction(async (tx) => {
    const [u] = await tx.select({ id: users.id, controllerId: users.controllerId }).from(users).where(eq(users.email, o.email.toLowerCase()));
    if (!u) throw new AppError('unknown_user', 404, [], `no account for ${o.email}`);
    await tx.update(users).set({ disabledAt: new Date(o.now), enrolmentTokenHash: null, enrolmentExpiresAt: null }).where(eq(users.id, u.id));
    await tx.delete(sessions).where(eq(sessions.userId, u.id));
    await appendAuditEvent(tx, { type: 'user_disabled', actorUserId: null, controllerId: u.controllerId, requestId: null, payload: { targetUserId: u.id } }, o.now);
  });
}
