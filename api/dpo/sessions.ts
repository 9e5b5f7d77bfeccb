/**
 * Workspace sessions: a random 32-byte token in the cookie, its SHA-256 in the database, a
 * per-session CSRF secret. 30 minutes idle, 8 hours absolute; a session that passed only the
 * password lasts 10 minutes and is replaced (new token) once the second factor passes.
 *
 * @example
 *   const token = await createSession(db, { userId, now, mfa: true });
 *   const s = await readSession(db, token, now); // null when unknown, expired or disabled
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { sessions, users } from '../../db/schema.ts';
import type { Role, SignedInUser } from './roles.ts';
import { ABSOLUTE_MS, IDLE_MS, PENDING_MFA_MS } from './session-policy.ts';
import { createToken, hashToken } from './tokens.ts';

export async function createSession(db: Db, o: { userId: string; now: number; mfa: boolean }): Promise<string> {
  const token = createToken();
  await db.insert(sessions).values({
    tokenHash: hashToken(token),
    userId: o.userId,
    mfaAt: o.mfa ? new Date(o.now) : null,
    csrfSecret: createToken(),
    createdAt: new Date(o.now),
    lastSeenAt: new Date(o.now),
    expiresAt: new Date(o.now + (o.mfa ? ABSOLUTE_MS : PENDING_MFA_MS)),
  });
  return token;
}

export interface ActiveSession {
  tokenHash: string;
  csrfSecret: string;
  mfa: boolean;
  /** When the second factor (or OpenID Connect) was last passed in this session; null before. */
  factorAt: number | null;
  user: SignedInUser;
}

/** The live session of a cookie token, touched (idle timer restarted); expired ones are deleted. */
export async function readSession(db: Db, token: string | undefined, now: number): Promise<ActiveSession | null> {
  if (!token || token.length > 100) return null;
  const tokenHash = hashToken(token);
  const [row] = await db.select({ s: sessions, u: users }).from(sessions).innerJoin(users, eq(users.id, sessions.userId)).where(eq(sessions.tokenHash, tokenHash));
  if (!row) return null;
  const { s, u } = row;
  if (now >= s.expiresAt.getTime() || now - s.lastSeenAt.getTime() >= IDLE_MS || u.disabledAt) {
    await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    return null;
  }
  await db.update(sessions).set({ lastSeenAt: new Date(now) }).where(eq(sessions.tokenHash, tokenHash));
  return {
    tokenHash,
    csrfSecret: s.csrfSecret,
    mfa: s.mfaAt !== null,
    factorAt: s.mfaAt?.getTime() ?? null,
    user: { id: u.id, controllerId: u.controllerId, role: u.role as Role, displayName: u.displayName },
  };
}

/** Notes that the session's user passed their second factor again, now (confirm-routes.tsx). */
export async function renewFactor(db: Db, tokenHash: string, now: number): Promise<void> {
  await db.update(sessions).set({ mfaAt: new Date(now) }).where(eq(sessions.tokenHash, tokenHash));
}

export async function endSession(db: Db, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}
