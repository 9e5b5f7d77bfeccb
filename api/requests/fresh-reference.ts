/**
 * A reference no stored request has yet. References are 40 random bits (reference.ts): at about
 * a million requests two may meet, and the unique index on requests.reference would then refuse
 * the second submission's insert, after its ID copy was watermarked and its receipt made with
 * that reference. So a new request draws until the reference is free, before any of that: one
 * indexed look-up, almost always answered "free" at once. (Two submissions drawing the same free
 * reference in the same instant remain possible in theory, at odds of about one in 10^12.)
 *
 * @example
 *   const reference = await freshReference(db); // 'PR-7K3M-9QXD-4', not in requests
 */
import { eq } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import { requests } from '../../db/schema.ts';
import { generateReference, type RequestReference } from './reference.ts';

/** Draws before giving up: five taken references in a row means the generator is broken. */
const MAX_DRAWS = 5;

export async function freshReference(db: Queryable, draw: () => RequestReference = generateReference): Promise<RequestReference> {
  for (let i = 0; i < MAX_DRAWS; i++) {
    const reference = draw();
    const taken = await db.select({ id: requests.id }).from(requests).where(eq(requests.reference, reference)).get();
    if (!taken) return reference;
  }
  throw new Error(`${MAX_DRAWS} references in a row were taken already: the reference generator is not random`);
}
