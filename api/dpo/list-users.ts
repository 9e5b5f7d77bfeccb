/**
 * The accounts, for the admin CLI: no secrets, only what an administrator needs to see.
 *
 * @example
 *   for (const u of await listUsers(db)) console.log(u.email, u.state);
 */
import { asc } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { users } from '../../db/schema.ts';
import type { Role } from './roles.ts';

export interface UserListing {
  email: string;
  displayName: string;
  role: Role;
  controllerId: string | null;
  state: 'active' | 'enrolment pending' | 'disabled' | 'locked';
  lastSignInAt: Date | null;
}

export async function listUsers(db: Db, now: number): Promise<UserListing[]> {
  const rows = await db.select().from(users).orderBy(asc(users.controllerId), asc(users.email));
  return rows.map((u) => ({
    email: u.email,
    displayName: u.displayName,
    role: u.role,
    controllerId: u.controllerId,
    // An account linked to an OpenID Connect subject needs no password or TOTP of its own.
    state: u.disabledAt ? 'disabled' : !u.oidcSubject && (!u.passwordHash || !u.totpEnrolledAt) ? 'enrolment pending' : u.lockedUntil && u.lockedUntil.getTime() > now ? 'locked' : 'active',
    lastSignInAt: u.lastSignInAt,
  }));
}
