/**
 * Need to know, in the queries themselves: a workspace user sees the requests of their own
 * controller and nothing else. An administrator (no controller) sees no requests at all. Every
 * workspace query that reads or changes a request goes through `visibleTo(user)`, so a request
 * of another controller is simply not found (404), whatever the URL says.
 *
 * @example
 *   const r = await findRequestFor(db, user, 'PR-7K3M-Q9TX-4');
 *   if (!r) return c.notFound();
 */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import { requests } from '../../db/schema.ts';
import type { SignedInUser } from '../dpo/roles.ts';
import { parseReference } from '../requests/reference.ts';

/** The WHERE condition of the requests a user may see. */
export function visibleTo(user: Pick<SignedInUser, 'controllerId' | 'role'>): SQL {
  if (user.role === 'admin' || user.controllerId === null) return sql`0`;
  return eq(requests.controllerId, user.controllerId);
}

export type RequestRow = typeof requests.$inferSelect;

/** The request with this reference, if the user may see it; null otherwise (show a 404). */
export async function findRequestFor(db: Queryable, user: Pick<SignedInUser, 'controllerId' | 'role'>, reference: string): Promise<RequestRow | null> {
  const parsed = parseReference(reference);
  if (!parsed.ok) return null;
  const [row] = await db.select().from(requests).where(and(eq(requests.reference, parsed.reference), visibleTo(user))).limit(1);
  return row ?? null;
}
