/**
 * One pass of the mail worker: claims due outbox rows (a claim expires, so a crashed worker's
 * rows are taken over), sends each, and records the outcome. A failure is retried with
 * exponential back-off (30 s, 1 min, 2 min … capped at 1 h), without limit: nothing accepted is
 * lost, and the SMTP server may be down for a long time.
 *
 * @example
 *   const r = await deliverDueMail({ db, transport, cipher, from, now: Date.now(), workerId });
 *   // { sent: 3, failed: 0 }
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Cipher, MailMessage, MailTransport } from './types.ts';

export interface DeliverDeps {
  db: Db;
  transport: MailTransport;
  cipher: Cipher;
  from: string;
  now: number;
  workerId: string;
  batch?: number;
  /** How long a claim holds before another worker may retry the row. */
  claimMs?: number;
}

export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

export async function deliverDueMail(d: DeliverDeps): Promise<{ sent: number; failed: number }> {
  const claimUntil = d.now + (d.claimMs ?? 120_000);
  const claimed = await d.db.all<{ id: string; message: ArrayBuffer | Uint8Array; message_id: string; attempts: number }>(sql`
    UPDATE outbox SET claimed_by = ${d.workerId}, claimed_until = ${claimUntil}
    WHERE id IN (
      SELECT id FROM outbox
      WHERE status = 'pending' AND next_attempt_at <= ${d.now} AND (claimed_until IS NULL OR claimed_until < ${d.now})
      ORDER BY next_attempt_at LIMIT ${d.batch ?? 20}
    )
    RETURNING id, message, message_id, attempts`);
  let sent = 0;
  let failed = 0;
  for (const row of claimed) {
    const bytes = row.message instanceof Uint8Array ? row.message : new Uint8Array(row.message);
    try {
      const m = JSON.parse(d.cipher.decrypt(bytes).toString('utf8')) as MailMessage;
      await d.transport.sendMail({ from: d.from, to: m.to, subject: m.subject, text: m.text, html: m.html, messageId: row.message_id });
      await d.db.run(sql`UPDATE outbox SET status = 'sent', sent_at = ${d.now}, attempts = attempts + 1, claimed_until = NULL, last_error = NULL WHERE id = ${row.id} AND claimed_by = ${d.workerId}`);
      sent++;
    } catch (err) {
      const attempts = row.attempts + 1;
      // Only the error's class and code go to the database: an SMTP error text can echo addresses.
      const code = (err as { code?: string; responseCode?: number }).code ?? String((err as { responseCode?: number }).responseCode ?? 'error');
      await d.db.run(sql`UPDATE outbox SET attempts = ${attempts}, next_attempt_at = ${d.now + backoffMs(attempts)}, claimed_until = NULL, last_error = ${`${(err as Error).name}: ${code}`} WHERE id = ${row.id} AND claimed_by = ${d.workerId}`);
      failed++;
    }
  }
  return { sent, failed };
}
