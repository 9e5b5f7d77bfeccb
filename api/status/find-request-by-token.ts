/**
 * The request a status token opens, or null. The token comes from a header (never the URL, so
 * it never reaches a log) and only its hash is looked up.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { requests } from '../../db/schema.ts';
import { hashStatusToken, isStatusTokenShape } from '../requests/status-token.ts';

export function tokenFromHeaders(get: (name: string) => string | undefined): string | null {
  const auth = get('authorization');
  const bearer = auth && /^Bearer\s+(\S+)$/i.exec(auth)?.[1];
  const token = bearer || get('x-status-token') || null;
  return token && isStatusTokenShape(token) ? token : null;
}

export async function findRequestByToken(db: Db, token: string | null) {
  if (!token) return null;
  return (await db.select().from(requests).where(eq(requests.statusTokenHash, hashStatusToken(token))).get()) ?? null;
}
