/**
 * The first sign-in step. Unknown e-mail, disabled, not enrolled, locked and wrong password all
 * answer the same `{ ok: false }` after similar work (no account enumeration). Before checking a
 * known account it waits the progressive delay for its earlier failures (`sleep` is injected).
 * A right password does not clear the failure count: only the second factor does, so knowing
 * the password gives no fresh tries at the code.
 *
 * @example
 *   const r = await checkPassword(db, { email, password, now: Date.now(), sleep });
 *   if (r.ok) createSession(db, { userId: r.userId, now, mfa: false });
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { users } from '../../db/schema.ts';
import { appendAuditEvent } from '../audit/index.ts';
import { verifyNothing, verifySecret } from './passwords.ts';
import { recordFailure } from './record-failure.ts';
import { failureDelayMs } from './session-policy.ts';

export type Sleep = (ms: number) => Promise<void>;

export async function checkPassword(db: Db, o: { email: string; password: string; now: number; sleep: Sleep }): Promise<{ ok: true; userId: string } | { ok: false }> {
  const [u] = await db.select().from(users).where(eq(users.email, o.email.trim().toLowerCase()));
  if (!u || u.disabledAt || !u.passwordHash || !u.totpEnrolledAt || (u.lockedUntil && u.lockedUntil.getTime() > o.now)) {
    await verifyNothing(o.password);
    // A not yet enrolled account has no password: any password is a wrong one.
    const reason = !u ? 'unknown_account' : u.disabledAt ? 'disabled' : !u.passwordHash || !u.totpEnrolledAt ? 'wrong_password' : 'locked';
    await appendAuditEvent(db, { type: 'sign_in_failed', actorUserId: null, controllerId: u?.controllerId ?? null, requestId: null, payload: { reason } }, o.now);
    return { ok: false };
  }
  await o.sleep(failureDelayMs(u.failedAttempts));
  if (await verifySecret(u.passwordHash, o.password)) return { ok: true, userId: u.id };
  await recordFailure(db, { userId: u.id, controllerId: u.controllerId, reason: 'wrong_password', now: o.now });
  return { ok: false };
}
