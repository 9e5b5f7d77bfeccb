/**
 * The accounts, for the admin CLI and the workspace's account page: no secrets, only what an
 * administrator needs to see. With `controllerId`, only that controller's accounts (a DPO's view).
 *
 * @example
 *   for (const u of await listUsers(db, Date.now())) console.log(u.email, u.state);
 *   await listUsers(db, Date.now(), { controllerId: 'atlas' });
 */
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { users } from '../../db/schema.ts';
import type { Role } from './roles.ts';

export interface UserListing {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  controllerId: string | null;
  state: 'active' | 'enrolment pending' | 'disabled' | 'locked';
  /** Signs in through OpenID Connect: no password or second factor of its own to reset. */
  oidc: boolean;
  lastSignInAt: Date | null;
}

export async function listUsers(db: Db, now: number, o: { controllerId?: string } = {}): Promise<UserListing[]> {
  const rows = await db
    .select()
    .from(users)
    .where(o.controllerId === undefined ? undefined : eq(users.controllerId, o.controllerId))
    .orderBy(asc(users.controllerId), asc(users.email));
  return rows.map((u) => ({
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    role: u.role,
    controllerId: u.controllerId,
    // An account linked to an OpenID Connect subject needs no password or TOTP of its own.
    state: u.disabledAt ? 'disabled' : !u.oidcSubject && (!u.passwordHash || !u.totpEnrolledAt) ? 'enrolment pending' : u.lockedUntil && u.lockedUntil.getTime() > now ? 'locked' : 'active',
    oidc: u.oidcSubject !== null,
    lastSignInAt: u.lastSignInAt,
  }));
}
