/**
 * Creates a workspace account without password or second factor, and returns its one-time
 * enrolment link. dpo, handler and auditor need a controller; admin has none. With an OpenID
 * Connect subject (the `sub` the provider gives this person) the account signs in through the
 * provider only: no enrolment link, no password, no TOTP. The CLI runs as the system; the
 * workspace passes its signed-in user as `actor`, who must be allowed to grant the role for the
 * controller (user-scope.ts) and is recorded as the actor of `user_added`.
 *
 * @example
 *   const { link } = await addUser(db, { email: 'dpo@atlas.be', displayName: 'An Peeters', role: 'dpo', controllerId: 'atlas', publicUrl, now: Date.now() });
 *   await addUser(db, { email: 'dpo@agii.be', displayName: 'Els Claes', role: 'dpo', controllerId: 'agii', oidcSubject: '8d2f…', publicUrl, now }); // link: null
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { users } from '../../db/schema.ts';
import { CONTROLLER_IDS } from '../../content/schema.ts';
import { appendAuditEvent } from '../audit/index.ts';
import { AppError } from '../http/errors.ts';
import { issueEnrolmentLink } from './issue-enrolment-link.ts';
import { ROLES, type SignedInUser } from './roles.ts';
import { canManage, rolesGrantableBy } from './user-scope.ts';

const newUserSchema = z
  .object({
    email: z.email().transform((e) => e.toLowerCase()),
    displayName: z.string().trim().min(1).max(200),
    role: z.enum(ROLES),
    controllerId: z.enum(CONTROLLER_IDS).nullable(),
    oidcSubject: z
      .string()
      .regex(/^[\x21-\x7e]{1,255}$/, 'an OpenID subject is 1 to 255 visible ASCII characters, without spaces')
      .optional(),
  })
  .refine((u) => (u.role === 'admin') === (u.controllerId === null), { message: 'dpo, handler and auditor need --controller; admin takes none', path: ['controllerId'] });

export type NewUser = z.input<typeof newUserSchema>;

type Options = { publicUrl: string; now: number; actor?: SignedInUser | undefined };

export async function addUser(db: Db, o: NewUser & { oidcSubject?: undefined } & Options): Promise<{ id: string; link: string; expiresAt: Date }>;
export async function addUser(db: Db, o: NewUser & { oidcSubject: string } & Options): Promise<{ id: string; link: null; expiresAt: null }>;
export async function addUser(db: Db, o: NewUser & Options): Promise<{ id: string; link: string | null; expiresAt: Date | null }>;
export async function addUser(db: Db, o: NewUser & Options): Promise<{ id: string; link: string | null; expiresAt: Date | null }> {
  const parsed = newUserSchema.safeParse(o);
  if (!parsed.success) {
    throw new AppError('invalid_user', 400, parsed.error.issues.map((i) => ({ path: i.path.join('.'), code: i.code, message: i.message })));
  }
  const u = parsed.data;
  if (o.actor && !(rolesGrantableBy(o.actor).includes(u.role) && canManage(o.actor, { controllerId: u.controllerId }))) {
    throw new AppError('not_allowed', 403, [{ path: 'role', code: 'not_allowed', message: 'the actor may not add this role for this controller' }]);
  }
  const id = randomUUID();
  return db.transaction(async (tx) => {
    const existing = await tx.select({ id: users.id }).from(users).where(eq(users.email, u.email));
    if (existing.length > 0) throw new AppError('email_taken', 409, [{ path: 'email', code: 'email_taken', message: `an account for ${u.email} exists` }]);
    if (u.oidcSubject) {
      const linked = await tx.select({ id: users.id }).from(users).where(eq(users.oidcSubject, u.oidcSubject));
      if (linked.length > 0) throw new AppError('oidc_subject_taken', 409, [{ path: 'oidcSubject', code: 'oidc_subject_taken', message: 'another account is linked to this OpenID subject' }]);
    }
    await tx.insert(users).values({ id, email: u.email, displayName: u.displayName, role: u.role, controllerId: u.controllerId, oidcSubject: u.oidcSubject ?? null, createdAt: new Date(o.now) });
    const issued = u.oidcSubject ? { link: null, expiresAt: null } : await issueEnrolmentLink(tx, { userId: id, publicUrl: o.publicUrl, now: o.now });
    // Without an actor (the CLI) the system did it: no workspace user is recorded.
    await appendAuditEvent(tx, { type: 'user_added', actorUserId: o.actor?.id ?? null, controllerId: u.controllerId, requestId: null, payload: { targetUserId: id, role: u.role, controllerId: u.controllerId } }, o.now);
    return { id, ...issued };
  });
}
