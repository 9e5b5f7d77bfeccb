/**
 * Enables a disabled account again. It starts afresh: its password, second factor and recovery
 * codes are cleared (it may have been disabled because they were no longer safe) and it gets a
 * new one-time enrolment link, as a new account does; an account that signs in through OpenID
 * Connect has none of those here and can sign in again at once. Scope as in disable-user.ts: an
 * account outside the actor's scope is unknown (404); one that is not disabled is a conflict
 * (409). Audited as user_enabled.
 *
 * @example
 *   const { link } = await enableUser(db, { userId, actor: c.var.user, publicUrl, now: Date.now() });
 *   // link: 'https://privacy.example.be/dpo/enrol/…', or null for an OpenID Connect account
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { users } from '../../db/schema.ts';
import { appendAuditEvent } from '../audit/index.ts';
import { AppError } from '../http/errors.ts';
import { accountWhere, type AccountRef } from './disable-user.ts';
import { issueEnrolmentLink } from './issue-enrolment-link.ts';
import { NO_FACTORS } from './reset-mfa.ts';
import type { SignedInUser } from './roles.ts';
import { canManage } from './user-scope.ts';

export async function enableUser(db: Db, o: AccountRef & { publicUrl: string; now: number; actor?: SignedInUser | undefined }): Promise<{ link: string | null; expiresAt: Date | null }> {
  return db.transaction(async (tx) => {
    const [u] = await tx.select({ id: users.id, controllerId: users.controllerId, disabledAt: users.disabledAt, oidcSubject: users.oidcSubject }).from(users).where(accountWhere(o));
    const who = o.email ?? o.userId;
    if (!u || (o.actor && !canManage(o.actor, u))) throw new AppError('unknown_user', 404, [], `no account for ${who}`);
    if (!u.disabledAt) throw new AppError('user_not_disabled', 409, [], `the account of ${who} is not disabled`);
    await tx
      .update(users)
      .set({ ...NO_FACTORS, disabledAt: null })
      .where(eq(users.id, u.id));
    await appendAuditEvent(tx, { type: 'user_enabled', actorUserId: o.actor?.id ?? null, controllerId: u.controllerId, requestId: null, payload: { targetUserId: u.id } }, o.now);
    if (u.oidcSubject) return { link: null, expiresAt: null };
    return issueEnrolmentLink(tx, { userId: u.id, publicUrl: o.publicUrl, now: o.now });
  });
}
