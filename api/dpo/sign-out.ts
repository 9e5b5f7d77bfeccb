/**
 * Sign-out (this session) and sign-out everywhere (every session of the user), each recorded in
 * the audit trail in the same transaction.
 *
 * @example
 *   await signOut(db, { tokenHash, user, now: Date.now() });
 *   const ended = await signOutEverywhere(db, { user, now: Date.now() }); // sessions ended
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { sessions } from '../../db/schema.ts';
import { appendAuditEvent } from '../audit/index.ts';
import type { SignedInUser } from './roles.ts';

export async function signOut(db: Db, o: { tokenHash: string; user: SignedInUser; now: number }): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.tokenHash, o.tokenHash));
    await appendAuditEvent(tx, { type: 'sign_out', actorUserId: o.user.id, controllerId: o.user.controllerId, requestId: null, payload: {} }, o.now);
  });
}

export async function signOutEverywhere(db: Db, o: { user: SignedInUser; now: number }): Promise<number> {
  return db.transaction(async (tx) => {
    const ended = await tx.delete(sessions).where(eq(sessions.userId, o.user.id)).returning({ tokenHash: sessions.tokenHash });
    await appendAuditEvent(tx, { type: 'sign_out_everywhere', actorUserId: o.user.id, controllerId: o.user.controllerId, requestId: null, payload: { sessionsEnded: ended.length } }, o.now);
    return ended.length;
  });
}
