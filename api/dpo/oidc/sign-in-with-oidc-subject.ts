/**
 * Who an OpenID Connect subject is in the workspace: the enabled account linked to it
 * (`dpo add-user --oidc-subject`), never a new one. The outcome goes to the audit trail in the
 * same transaction; a subject without account is not written down (it identifies a person).
 *
 * @example
 *   const r = await signInWithOidcSubject(db, { subject: 'a1b2c3', now: Date.now() });
 *   if (r.ok) await createSession(db, { userId: r.userId, now, mfa: true });
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { users } from '../../../db/schema.ts';
import { appendAuditEvent } from '../../audit/index.ts';

export async function signInWithOidcSubject(db: Db, o: { subject: string; now: number }): Promise<{ ok: true; userId: string } | { ok: false; reason: 'unknown_account' | 'disabled' }> {
  return db.transaction(async (tx) => {
    const [u] = await tx.select({ id: users.id, controllerId: users.controllerId, disabledAt: users.disabledAt }).from(users).where(eq(users.oidcSubject, o.subject));
    if (!u || u.disabledAt) {
      await appendAuditEvent(tx, { type: 'sign_in_failed', actorUserId: null, controllerId: u?.controllerId ?? null, requestId: null, payload: { reason: u ? 'disabled' : 'oidc_error' } }, o.now);
      return { ok: false, reason: u ? 'disabled' : 'unknown_account' } as const;
    }
    await tx.update(users).set({ lastSignInAt: new Date(o.now) }).where(eq(users.id, u.id));
    await appendAuditEvent(tx, { type: 'sign_in', actorUserId: u.id, controllerId: u.controllerId, requestId: null, payload: { method: 'oidc' } }, o.now);
    return { ok: true, userId: u.id } as const;
  });
}
