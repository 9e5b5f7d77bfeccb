/**
 * The second sign-in step: a TOTP code (a time step is accepted once: a later code of the same or
 * an earlier step is refused) or one of the recovery codes (removed once used). Success clears
 * the failure count and notes the sign-in (and the audit event); a failure counts towards the lock-out.
 *
 * @example
 *   const r = await checkSecondFactor(db, cipher, { userId, code: '123456', now: Date.now(), sleep });
 */
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { users } from '../../db/schema.ts';
import { appendAuditEvent } from '../audit/index.ts';
import type { Cipher } from '../mail/types.ts';
import type { Sleep } from './check-password.ts';
import { verifySecret } from './passwords.ts';
import { normalizeRecoveryCode } from './recovery-codes.ts';
import { recordFailure } from './record-failure.ts';
import { failureDelayMs } from './session-policy.ts';
import { checkTotp } from './totp.ts';

export async function checkSecondFactor(
  db: Db,
  cipher: Cipher,
  o: { userId: string; code: string; now: number; sleep: Sleep; /** 'confirm': a signed-in user confirming it is them (confirm-routes.tsx), audited as such. */ purpose?: 'sign_in' | 'confirm' },
): Promise<{ ok: true; via: 'totp' | 'recovery' } | { ok: false }> {
  const [u] = await db.select().from(users).where(eq(users.id, o.userId));
  if (!u || u.disabledAt || !u.totpSecret || !u.totpEnrolledAt || (u.lockedUntil && u.lockedUntil.getTime() > o.now)) return { ok: false };
  await o.sleep(failureDelayMs(u.failedAttempts));
  let via: 'totp' | 'recovery' | null = null;
  const step = checkTotp(cipher.decrypt(u.totpSecret).toString('utf8'), o.code, o.now);
  if (step !== null) {
    // Conditional update: two requests racing with the same code cannot both win.
    const won = await db
      .update(users)
      .set({ totpLastStep: step })
      .where(and(eq(users.id, u.id), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
      .returning({ id: users.id });
    if (won.length > 0) via = 'totp';
  } else {
    const code = normalizeRecoveryCode(o.code);
    if (code) {
      for (const [i, h] of u.recoveryCodes.entries()) {
        if (await verifySecret(h, code)) {
          await db.update(users).set({ recoveryCodes: u.recoveryCodes.filter((_, j) => j !== i) }).where(eq(users.id, u.id));
          via = 'recovery';
          break;
        }
      }
    }
  }
  if (!via) {
    await recordFailure(db, { userId: u.id, controllerId: u.controllerId, reason: 'wrong_code', now: o.now });
    return { ok: false };
  }
  const confirming = o.purpose === 'confirm';
  await db.transaction(async (tx) => {
    // A confirmation is not a sign-in: it leaves the last sign-in as it was.
    await tx.update(users).set({ failedAttempts: 0, lockedUntil: null, ...(confirming ? {} : { lastSignInAt: new Date(o.now) }) }).where(eq(users.id, u.id));
    const base = { actorUserId: u.id, controllerId: u.controllerId, requestId: null };
    if (confirming) await appendAuditEvent(tx, { ...base, type: 'second_factor_confirmed', payload: { method: via === 'totp' ? 'totp' : 'recovery_code' } }, o.now);
    else await appendAuditEvent(tx, { ...base, type: 'sign_in', payload: { method: via === 'totp' ? 'password_totp' : 'recovery_code' } }, o.now);
  });
  return { ok: true, via };
}
