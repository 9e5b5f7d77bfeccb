/** GET /api/health: the version and whether the database answers. 503 when it does not. */
import { Hono } from 'hono';
import type { Db } from '../../db/client.ts';
import { VERSION } from '../version.ts';

export function healthRoutes(db: Db) {
  return new Hono().get('/health', async (c) => {
    let database: 'reachable' | 'unreachable' = 'reachable';
    try {
      await db.$client.execute('SELECT 1');
    } catch {
      database = 'unreachable';
    }
    c.header('cache-control', 'no-store');
    return c.json({ status: database === 'reachable' ? 'ok' : 'degraded', version: VERSION, database }, database === 'reachable' ? 200 : 503);
  });
}
