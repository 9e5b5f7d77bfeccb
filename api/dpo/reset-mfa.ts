/**
 * Resets an account's password and second factor (a lost phone): clears them, the recovery codes
 * and the sessions, and returns a new enrolment link. The CLI names the account by e-mail; the
 * workspace by id, with its signed-in user as `actor` (scope as in disable-user.ts; no one resets
 * their own account from a session that already passed the second factor). An account that signs
 * in through OpenID Connect has no factor here to reset (409).
 *
 * @example
 *   const { link } = await resetMfa(db, { email: 'dpo@atlas.be', publicUrl, now: Date.now() });
 *   const { link } = await resetMfa(db, { userId, actor: c.var.user, publicUrl, now: Date.now() });
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { sessions, users } from '../../db/schema.ts';
import { appendAuditEvent } from '../audit/index.ts';
import { AppError } from '../http/errors.ts';
import { accountWhere, type AccountRef } from './disable-user.ts';
import { issueEnrolmentLink } from './issue-enrolment-link.ts';
import type { SignedInUser } from './roles.ts';
import { canManage } from './user-scope.ts';

/** What an account starts afresh with: no password, second factor or recovery codes, no failures. Also enable-user.ts. */
export const NO_FACTORS = { passwordHash: null, totpSecret: null, totpEnrolledAt: null, totpLastStep: null, recoveryCodes: [] as string[], failedAttempts: 0, lockedUntil: null };

export async function resetMfa(db: Db, o: AccountRef & { publicUrl: string; now: number; actor?: SignedInUser | undefined }): Promise<{ link: string; expiresAt: Date }> {
  return db.transaction(async (tx) => {
    const [u] = await tx.select({ id: users.id, controllerId: users.controllerId, disabledAt: users.disabledAt, oidcSubject: users.oidcSubject }).from(users).where(accountWhere(o));
    const who = o.email ?? o.userId;
    if (!u || (o.actor && !canManage(o.actor, u))) throw new AppError('unknown_user', 404, [], `no account for ${who}`);
    if (o.actor?.id === u.id) throw new AppError('own_account', 409, [], 'you cannot reset your own second factor');
    if (u.disabledAt) throw new AppError('user_disabled', 409, [], `the account of ${who} is disabled`);
    if (u.oidcSubject) throw new AppError('oidc_account', 409, [], `the account of ${who} signs in with OpenID Connect: it has no password or second factor here`);
    await tx
      .update(users)
      .set(NO_FACTORS)
      .where(eq(users.id, u.id));
    await tx.delete(sessions).where(eq(sessions.userId, u.id));
    await appendAuditEvent(tx, { type: 'mfa_reset', actorUserId: o.actor?.id ?? null, controllerId: u.controllerId, requestId: null, payload: { targetUserId: u.id } }, o.now);
    return issueEnrolmentLink(tx, { userId: u.id, publicUrl: o.publicUrl, now: o.now });
  });
}
