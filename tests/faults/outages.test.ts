/**
 * Outages around the real server process: the SMTP server down for the whole load, a second
 * writer holding the database for seconds, the file store unusable. Each time: no 500, nothing
 * half stored, and the server recovers on its own once the outage ends.
 */
import { createClient } from '@libsql/client';
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ne } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { outbox } from '../../db/schema.ts';
import { startServer } from '../support/server.ts';
import { startTestSmtp } from '../support/smtp.ts';
import { checkEveryRequest, openDataFolder, strayFiles, submitMany } from './support.ts';

const ENV = { SUBMISSIONS_PER_HOUR: '100000' };

it('SMTP down for the whole load, then up: every e-mail arrives exactly once', { timeout: 180_000 }, async () => {
  const smtp = await startTestSmtp({ startDown: true });
  const server = await startServer({ ...ENV, SMTP_URL: smtp.url, JOBS: 'true' });
  try {
    const outcomes = await submitMany(server.url, { total: 30, concurrency: 8 });
    expect(outcomes.map((o) => o.status)).toEqual(Array(30).fill(201));
    // Let the mail worker fail a few times against the closed port.
    await new Promise((r) => setTimeout(r, 5000));
    expect(smtp.messages).toEqual([]);
    await smtp.up();
    const f = await openDataFolder(server.dataDir);
    try {
      const deadline = Date.now() + 120_000;
      while ((await f.db.select({ id: outbox.id }).from(outbox).where(ne(outbox.status, 'sent'))).length > 0) {
        if (Date.now() > deadline) throw new Error('mail not delivered within 2 minutes of SMTP coming back');
        await new Promise((r) => setTimeout(r, 500));
      }
      const rows = await f.db.select({ messageId: outbox.messageId, attempts: outbox.attempts }).from(outbox);
      await new Promise((r) => setTimeout(r, 2000));
      const ids = smtp.messages.map((m) => m.messageId);
      expect(ids.length).toBe(rows.length);
      expect(new Set(ids)).toEqual(new Set(rows.map((r) => r.messageId)));
      // The outage was real: the worker tried and failed before SMTP came back.
      expect(rows.some((r) => r.attempts > 1)).toBe(true);
    } finally {
      f.close();
    }
  } finally {
    await server.stop();
    await smtp.down();
  }
});

it('a second writer holds the database for 4 seconds: submissions wait or get 503 to retry, never 500, never half stored', { timeout: 180_000 }, async () => {
  const server = await startServer({ ...ENV, JOBS: 'false' });
  const other = createClient({ url: `file:${join(server.dataDir, 'portal.db')}` });
  try {
    const tx = await other.transaction('write');
    await tx.execute("INSERT INTO job_leases (name, holder, expires_at) VALUES ('maintenance', 'other', 0)");
    const release = new Promise<void>((r) => setTimeout(() => void tx.rollback().then(() => r()), 4000));
    const outcomes = await submitMany(server.url, { total: 24, concurrency: 8, timeoutMs: 60_000 });
    await release;
    const statuses = new Set(outcomes.map((o) => o.status));
    expect([...statuses].every((s) => s === 201 || s === 503), `statuses: ${[...statuses].join(', ')}`).toBe(true);
    // The form sends a 503 again: after the lock is gone every one of those goes through.
    const retried = await submitMany(server.url, { total: outcomes.filter((o) => o.status === 503).length, concurrency: 4 });
    expect(retried.every((o) => o.status === 201)).toBe(true);
    const f = await openDataFolder(server.dataDir);
    try {
      const check = await checkEveryRequest(f);
      expect(check.incomplete).toEqual([]);
      expect(check.requests).toBe(outcomes.filter((o) => o.status === 201).length + retried.length);
      expect(await strayFiles(f, server.dataDir)).toEqual([]);
    } finally {
      f.close();
    }
  } finally {
    other.close();
    await server.stop();
  }
});

it('the file store cannot be written: 503 and nothing committed; writable again: 201', { timeout: 120_000 }, async () => {
  const server = await startServer({ ...ENV, JOBS: 'false' });
  const blobs = join(server.dataDir, 'blobs');
  try {
    // Tests run as root, for whom permissions are no obstacle: a file where the folder was is.
    // (The store makes its folder at the first file, so there may be none yet.)
    const had = existsSync(blobs);
    if (had) renameSync(blobs, `${blobs}.away`);
    writeFileSync(blobs, 'not a folder');
    const during = await submitMany(server.url, { total: 6, concurrency: 3 });
    expect(during.map((o) => o.status)).toEqual(Array(6).fill(503));
    rmSync(blobs);
    if (had) renameSync(`${blobs}.away`, blobs);
    const after = await submitMany(server.url, { total: 3, concurrency: 3 });
    expect(after.map((o) => o.status)).toEqual(Array(3).fill(201));
    const f = await openDataFolder(server.dataDir);
    try {
      const check = await checkEveryRequest(f);
      expect(check).toEqual({ requests: 3, incomplete: [] });
    } finally {
      f.close();
    }
  } finally {
    await server.stop();
  }
});
