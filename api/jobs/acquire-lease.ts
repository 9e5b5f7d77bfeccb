/**
 * A lease row per scheduled job: the instance that holds an unexpired lease runs the job; the
 * others skip it. One atomic upsert decides, so two instances can never both win.
 *
 * @example
 *   if (await acquireLease(db, 'mail', instanceId, 30_000, Date.now())) await sendDueMail(...);
 */
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';

export async function acquireLease(db: Queryable, name: string, holder: string, ttlMs: number, now: number): Promise<boolean> {
  const rows = await db.all<{ holder: string }>(sql`
    INSERT INTO job_leases (name, holder, expires_at) VALUES (${name}, ${holder}, ${now + ttlMs})
    ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
      WHERE job_leases.expires_at <= ${now} OR job_leases.holder = excluded.holder
    RETURNING holder`);
  return rows.length === 1 && rows[0]!.holder === holder;
}

/** Gives a lease back early (on shutdown), so another instance need not wait for it to expire. */
export async function releaseLease(db: Queryable, name: string, holder: string): Promise<void> {
  await db.run(sql`DELETE FROM job_leases WHERE name = ${name} AND holder = ${holder}`);
}
