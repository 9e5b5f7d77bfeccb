/**
 * Two server instances on two ports against one database file and one file store (what a load
 * balancer in front of two processes would see). Submissions to both succeed, and every
 * scheduled job does its work once per due item: each e-mail reaches the real SMTP server once
 * (counted by Message-ID), each overdue list is queued once per controller and day, each expired
 * ID copy is deleted once with one audit event — also when the jobs run again after a restart.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, ne } from 'drizzle-orm';
import { afterAll, expect, it } from 'vitest';
import { auditEvents, outbox, requestFiles, requests } from '../../db/schema.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { startTestSmtp } from '../support/smtp.ts';
import { openDataFolder, submitMany } from './support.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'portal-two-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const DAY = 86_400_000;

/** Old requests the jobs must act on: overdue (reminders) with ID copies past 30 days (retention). */
async function seedDueWork(): Promise<{ oldIdCopies: number; controllers: number }> {
  const f = await openDataFolder(dataDir);
  try {
    const received = Date.now() - 40 * DAY;
    const controllers = ['agii', 'atlas', 'huis', 'ingent'];
    for (let i = 0; i < 8; i++) {
      const id = randomUUID();
      await f.db.insert(requests).values({
        id,
        reference: `PR-OLD${i}-TEST-${i}`,
        statusTokenHash: randomUUID(),
        statement: 'crt',
        rights: ['access'],
        lang: 'nl',
        controllerId: controllers[i % 4]!,
        contactPointInformed: false,
        routing: {},
        receivedAt: new Date(received),
        receivedDate: new Date(received).toISOString().slice(0, 10),
        legalDeadline: new Date(received + 31 * DAY).toISOString().slice(0, 10),
        personal: f.services.cipher.encrypt(Buffer.from('{}')),
        seal: {},
        createdAt: new Date(received),
      });
      const blob = await f.services.blobs.put(Buffer.from(`id copy ${i}`));
      await f.db.insert(requestFiles).values({ id: randomUUID(), requestId: id, role: 'id_copy', blobId: blob.id, sha256: blob.sha256, size: blob.size, mime: 'image/jpeg', createdAt: new Date(received) });
    }
    return { oldIdCopies: 8, controllers: 4 };
  } finally {
    f.close();
  }
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

it('two instances, one database: both take submissions, every job item is done once', { timeout: 240_000 }, async () => {
  const seeded = await seedDueWork();
  const smtp = await startTestSmtp();
  const env = { SUBMISSIONS_PER_HOUR: '100000', SMTP_URL: smtp.url, JOBS: 'true' };
  let a: RunningServer | undefined = await startServer(env, { dataDir });
  let b: RunningServer | undefined = await startServer(env, { dataDir });
  try {
    const [toA, toB] = await Promise.all([submitMany(a.url, { total: 30, concurrency: 4 }), submitMany(b.url, { total: 30, concurrency: 4 })]);
    expect(toA.map((o) => o.status)).toEqual(Array(30).fill(201));
    expect(toB.map((o) => o.status)).toEqual(Array(30).fill(201));

    // Restart A: its jobs start again with fresh leases and find the same items; nothing may repeat.
    await a.stop();
    a = await startServer(env, { dataDir });

    const f = await openDataFolder(dataDir);
    try {
      await until('every e-mail sent', async () => (await f.db.select({ id: outbox.id }).from(outbox).where(ne(outbox.status, 'sent'))).length === 0);
      const rows = await f.db.select({ kind: outbox.kind, messageId: outbox.messageId }).from(outbox);
      await smtp.waitFor(rows.length);
      // Let any duplicate arrive before counting.
      await new Promise((r) => setTimeout(r, 3000));
      const received = smtp.messages.map((m) => m.messageId);
      expect(received.length).toBe(rows.length);
      expect(new Set(received).size).toBe(received.length);
      expect(new Set(received)).toEqual(new Set(rows.map((r) => r.messageId)));
      // 60 requests: a confirmation each; one overdue list per controller with overdue requests.
      expect(rows.filter((r) => r.kind === 'confirmation').length).toBe(60);
      expect(rows.filter((r) => r.kind === 'overdue-digest').length).toBe(seeded.controllers);

      await until('expired ID copies deleted', async () => (await f.db.select().from(auditEvents).where(eq(auditEvents.type, 'retention_id_copy_deleted'))).length >= seeded.oldIdCopies);
      const deletions = await f.db.select({ requestId: auditEvents.requestId }).from(auditEvents).where(eq(auditEvents.type, 'retention_id_copy_deleted'));
      expect(deletions.length).toBe(seeded.oldIdCopies);
      expect(new Set(deletions.map((d) => d.requestId)).size).toBe(seeded.oldIdCopies);
    } finally {
      f.close();
    }
  } finally {
    await a?.stop();
    await b?.stop();
    await smtp.down();
  }
});
