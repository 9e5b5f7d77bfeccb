/**
 * Finishes enrolment: checks the password (12+ characters, not the e-mail, typed twice the same)
 * and a code from the freshly scanned app, then stores the Argon2id password hash, marks the TOTP
 * enrolled (its step used), stores 10 recovery codes as Argon2id hashes and ends the link.
 * Returns the recovery codes in clear text once, to show.
 *
 * @example
 *   const r = await completeEnrolment(db, cipher, { token, password, passwordAgain, code, now: Date.now() });
 *   if (!r.ok) r.errors // [{ field: 'password', key: 'dpo.enrol.passwordTooShort' }]
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { users } from '../../db/schema.ts';
import { appendAuditEvent } from '../audit/index.ts';
import type { UiKey } from '../../content/i18n.ts';
import type { Cipher } from '../mail/types.ts';
import { hashSecret } from './passwords.ts';
import { createRecoveryCodes, normalizeRecoveryCode } from './recovery-codes.ts';
import { MIN_PASSWORD_LENGTH, RECOVERY_CODE_COUNT } from './session-policy.ts';
import { startEnrolment } from './start-enrolment.ts';
import { checkTotp } from './totp.ts';

export interface FieldError {
  field: 'password' | 'passwordAgain' | 'code';
  key: UiKey;
}

export type EnrolmentResult = { ok: true; recoveryCodes: string[] } | { ok: false; errors: FieldError[] } | { ok: false; invalidLink: true };

export async function completeEnrolment(
  db: Db,
  cipher: Cipher,
  o: { token: string; password: string; passwordAgain: string; code: string; now: number },
): Promise<EnrolmentResult> {
  const enrolment = await startEnrolment(db, cipher, o);
  if (!enrolment) return { ok: false, invalidLink: true };
  const errors: FieldError[] = [];
  if ([...o.password].length < MIN_PASSWORD_LENGTH) errors.push({ field: 'password', key: 'dpo.enrol.passwordTooShort' });
  else if (o.password.trim().toLowerCase() === enrolment.email.toLowerCase()) errors.push({ field: 'password', key: 'dpo.enrol.passwordIsEmail' });
  else if (o.password !== o.passwordAgain) errors.push({ field: 'passwordAgain', key: 'dpo.enrol.passwordMismatch' });
  const step = checkTotp(enrolment.secret, o.code, o.now);
  if (step === null) errors.push({ field: 'code', key: 'dpo.enrol.codeWrong' });
  if (errors.length > 0 || step === null) return { ok: false, errors };

  const recoveryCodes = createRecoveryCodes(RECOVERY_CODE_COUNT);
  const hashes = await Promise.all(recoveryCodes.map((c) => hashSecret(normalizeRecoveryCode(c)!)));
  const passwordHash = await hashSecret(o.password);
  const done = await db.transaction(async (tx) => {
    const rows = await tx
      .update(users)
      .set({
        passwordHash,
        totpEnrolledAt: new Date(o.now),
        totpLastStep: step,
        recoveryCodes: hashes,
        enrolmentTokenHash: null,
        enrolmentExpiresAt: null,
        failedAttempts: 0,
        lockedUntil: null,
      })
      .where(and(eq(users.id, enrolment.userId), isNull(users.totpEnrolledAt)))
      .returning({ id: users.id, controllerId: users.controllerId });
    for (const r of rows) await appendAuditEvent(tx, { type: 'mfa_enrolled', actorUserId: r.id, controllerId: r.controllerId, requestId: null, payload: { method: 'totp' } }, o.now);
    return rows;
  });
  if (done.length === 0) return { ok: false, invalidLink: true };
  return { ok: true, recoveryCodes };
}
