/**
 * Per-client rate limits kept in the database (so they hold across instances and restarts).
 * The client is identified by an HMAC of its network address (clientOf) under a server secret: no raw
 * address is stored, and the key cannot be reversed by trying all addresses without the secret.
 *
 * @example
 *   if (!(await hitRateLimit(db, { scope: 'submit', client, limit: 10, windowMs: 3_600_000, now }))) throw new AppError('rate_limited', 429);
 */
import { createHmac } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import { sql } from 'drizzle-orm';
import type { Context } from 'hono';
import type { Queryable } from '../../db/client.ts';

export function clientKey(secret: Uint8Array, address: string): string {
  return createHmac('sha256', secret).update(address).digest('base64url').slice(0, 22);
}

declare module 'hono' {
  interface ContextVariableMap {
    /** TRUST_PROXY_HOPS, set for every request by api/app.ts. */
    trustProxyHops: number;
  }
}

/**
 * The keyed hash of the client's network address, for rate limits. Behind N trusted proxies
 * (TRUST_PROXY_HOPS, set on the context by api/app.ts) the address is the Nth entry from the
 * right of X-Forwarded-For, the one the nearest trusted proxy saw; entries further left are
 * whatever the client wrote and are never used. Without proxies the header is ignored.
 */
export function clientOf(c: Context, secret: Uint8Array): string {
  let address = 'unknown';
  try {
    address = getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // app.request() in tests has no socket: all such calls share one bucket.
  }
  const hops = c.get('trustProxyHops') ?? 0;
  if (hops > 0) {
    const chain = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const seen = chain[chain.length - hops];
    if (seen) address = seen;
  }
  return clientKey(secret, address);
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
