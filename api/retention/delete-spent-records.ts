/**
 * Retention rule 4: records that served their purpose and point at people only indirectly. Sent
 * e-mails (their encrypted addresses and texts) 30 days after sending, e-mails given up on after
 * 90 days, idempotency answers after 7 days (a form is not resent after a week), rate-limit
 * counters of windows ended a day ago, and workspace sessions past their absolute end.
 *
 * Reminder dedupe keys go with their rows: a reminder is for a deadline within seven working
 * days, so 30 days later the same key can no longer come up.
 *
 * @example
 *   await deleteSpentRecords({ db, now: Date.now() }); // { mails: 12, idempotency: 3, rateLimits: 40, sessions: 2 }
 */
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { idempotencyKeys, outbox, rateLimits, sessions } from '../../db/schema.ts';
import { DAY_MS } from './retention-settings.ts';

export const SPENT = { sentMailDays: 30, failedMailDays: 90, idempotencyDays: 7, rateWindowGraceMs: DAY_MS };

/** Every rate limit counts per hour (api/intake, api/status); a shorter window needs its own rule here. */
const LONGEST_WINDOW_MS = 3_600_000;

export async function deleteSpentRecords(d: { db: Db; now: number }): Promise<{ mails: number; idempotency: number; rateLimits: number; sessions: number }> {
  const mails =
    (await d.db.delete(outbox).where(and(eq(outbox.status, 'sent'), lt(outbox.sentAt, new Date(d.now - SPENT.sentMailDays * DAY_MS)))).returning({ id: outbox.id })).length +
    (await d.db.delete(outbox).where(and(eq(outbox.status, 'failed'), lt(outbox.createdAt, new Date(d.now - SPENT.failedMailDays * DAY_MS)))).returning({ id: outbox.id })).length;
  const idempotency = (await d.db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, new Date(d.now - SPENT.idempotencyDays * DAY_MS))).returning({ key: idempotencyKeys.key })).length;
  // A window number is floor(time / window length); with windows of at most an hour, any window
  // whose end (as an instant) lies a day back is over for every scope.
  const cutoff = d.now - SPENT.rateWindowGraceMs;
  const rate = await d.db.delete(rateLimits).where(sql`(${rateLimits.window} + 1) * ${LONGEST_WINDOW_MS} < ${cutoff}`).returning({ key: rateLimits.key });
  const ended = await d.db.delete(sessions).where(lt(sessions.expiresAt, new Date(d.now))).returning({ tokenHash: sessions.tokenHash });
  return { mails, idempotency, rateLimits: rate.length, sessions: ended.length };
}
