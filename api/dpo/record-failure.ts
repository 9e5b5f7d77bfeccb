/**
 * Counts one failed password or code for an account; the tenth in a row locks it for 15 minutes
 * (and starts the count again for after the lock). The failure goes to the audit trail in the
 * same transaction.
 *
 * @example
 *   await recordFailure(db, { userId, controllerId: 'atlas', reason: 'wrong_password', now: Date.now() });
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { users } from '../../db/schema.ts';
import { appendAuditEvent } from '../audit/index.ts';
import { LOCK_MS, MAX_FAILURES } from './session-policy.ts';

export async function recordFailure(
  db: Db,
  o: { userId: string; controllerId: string | null; reason: 'wrong_password' | 'wrong_code'; now: number },
): Promise<{ locked: boolean }> {
  return db.transaction(async (tx) => {
    await appendAuditEvent(tx, { type: 'sign_in_failed', actorUserId: null, controllerId: o.controllerId, requestId: null, payload: { reason: o.reason } }, o.now);
    const [row] = await tx
      .update(users)
      .set({ failedAttempts: sql`${users.failedAttempts} + 1` })
      .where(eq(users.id, o.userId))
      .returning({ failedAttempts: users.failedAttempts });
    if ((row?.failedAttempts ?? 0) < MAX_FAILURES) return { locked: false };
    await tx.update(users).set({ failedAttempts: 0, lockedUntil: new Date(o.now + LOCK_MS) }).where(eq(users.id, o.userId));
    return { locked: true };
  });
}
