/**
 * Per-client rate limits kept in the database (so they hold across instances and restarts).
 * The client is identified by an HMAC of its network address under a server secret: no raw
 * address is stored, and the key cannot be reversed by trying all addresses without the secret.
 *
 * @example
 *   if (!(await hitRateLimit(db, { scope: 'submit', client, limit: 10, windowMs: 3_600_000, now }))) throw new AppError('rate_limited', 429);
 */
import { createHmac } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';

export function clientKey(secret: Uint8Array, address: string): string {
  return createHmac('sha256', secret).update(address).digest('base64url').slice(0, 22);
}

/** Counts one hit; false when the client is over its limit for the current window. */
export async function hitRateLimit(db: Queryable, o: { scope: string; client: string; limit: number; windowMs: number; now: number }): Promise<boolean> {
  const window = Math.floor(o.now / o.windowMs);
  const rows = await db.all<{ count: number }>(sql`
    INSERT INTO rate_limits (key, window, count) VALUES (${`${o.scope}:${o.client}`}, ${window}, 1)
    ON CONFLICT (key, window) DO UPDATE SET count = count + 1
    RETURNING count`);
  return (rows[0]?.count ?? 0) <= o.limit;
}
