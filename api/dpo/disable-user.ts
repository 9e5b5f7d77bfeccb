/**
 * Disables an account: it can no longer sign in or enrol, and every session of it ends now. The
 * CLI names the account by e-mail and acts as the system; the workspace names it by id and passes
 * its signed-in user as `actor`: an account outside the actor's scope (user-scope.ts) is
 * unknown (404, as a nonexistent one), and no one disables their own account (409).
 *
 * @example
 *   await disableUser(db, { email: 'dpo@atlas.be', now: Date.now() });
 *   await disableUser(db, { userId, actor: c.var.user, now: Date.now() });
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { sessions, users } from '../../db/schema.ts';
import { appendAuditEvent } from '../audit/index.ts';
import { AppError } from '../http/errors.ts';
import type { SignedInUser } from './roles.ts';
import { canManage } from './user-scope.ts';

export type AccountRef = { email: string; userId?: undefined } | { userId: string; email?: undefined };

/** The condition that finds the account by id, or by e-mail (stored lower-cased). */
export function accountWhere(ref: AccountRef) {
  return ref.userId !== undefined ? eq(users.id, ref.userId) : eq(users.email, ref.email.toLowerCase());
}

export async function disableUser(db: Db, o: AccountRef & { now: number; actor?: SignedInUser | undefined }): Promise<{ userId: string }> {
  return db.transaction(async (tx) => {
    const [u] = await tx.select({ id: users.id, controllerId: users.controllerId, disabledAt: users.disabledAt }).from(users).where(accountWhere(o));
    if (!u || (o.actor && !canManage(o.actor, u))) throw new AppError('unknown_user', 404, [], `no account for ${o.email ?? o.userId}`);
    if (o.actor?.id === u.id) throw new AppError('own_account', 409, [], 'you cannot disable your own account');
    if (u.disabledAt) throw new AppError('user_disabled', 409, [], `the account of ${o.email ?? o.userId} is already disabled`);
    await tx.update(users).set({ disabledAt: new Date(o.now), enrolmentTokenHash: null, enrolmentExpiresAt: null }).where(eq(users.id, u.id));
    await tx.delete(sessions).where(eq(sessions.userId, u.id));
    await appendAuditEvent(tx, { type: 'user_disabled', actorUserId: o.actor?.id ?? null, controllerId: u.controllerId, requestId: null, payload: { targetUserId: u.id } }, o.now);
    return { userId: u.id };
  });
}
