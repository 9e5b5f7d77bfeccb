// The audit trail on a real SQLite file with the real migrations: events chain, the chain
// verifies, the database refuses UPDATE and DELETE, and a row changed or removed behind the
// triggers' back is found at the right seq.
import { execFile } from 'node:child_process';
import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAuditEvent, AuditPayloadError } from '../../api/audit/append-audit-event.ts';
import type { AuditEventInput } from '../../api/audit/audit-event-types.ts';
import { GENESIS_HASH } from '../../api/audit/hash-audit-row.ts';
import { verifyAuditChain } from '../../api/audit/verify-audit-chain.ts';
import { auditEvents } from '../../db/schema.ts';
import { ROOT, TSX_CLI } from '../support/server.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

function eventFor(i: number): AuditEventInput {
  switch (i % 4) {
    case 0:
      return { type: 'sign_in', actorUserId: `u${i % 3}`, controllerId: 'atlas', requestId: null, payload: { method: 'password_totp' } };
    case 1:
      return { type: 'request_viewed', actorUserId: 'u1', controllerId: 'ingent', requestId: `r${i}`, payload: {} };
    case 2:
      return { type: 'deadline_extended', actorUserId: 'u2', controllerId: 'huis', requestId: `r${i}`, payload: { from: '2026-06-01', to: '2026-08-01', reason: 'complexity' } };
    default:
      return { type: 'retention_id_copy_deleted', actorUserId: null, controllerId: 'agii', requestId: `r${i}`, payload: { fileId: `f${i}`, rule: 'max_age' } };
  }
}

async function appendMany(n: number) {
  for (let i = 0; i < n; i++) {
    await t.db.transaction((tx) => appendAuditEvent(tx, eventFor(i), t.clock.now + i * 1000));
  }
}

/** The test connection drops the triggers, as someone with file access could. */
async function dropTriggers() {
  await t.db.run(sql`DROP TRIGGER audit_events_no_update`);
  await t.db.run(sql`DROP TRIGGER audit_events_no_delete`);
}

describe('audit trail', () => {
  it('an empty trail verifies', async () => {
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, rows: 0, head: GENESIS_HASH });
  });

  it('chains many events (more than one page) and verifies them', async () => {
    await appendMany(1205);
    const result = await verifyAuditChain(t.db);
    expect(result).toMatchObject({ ok: true, rows: 1205 });
    const [first] = await t.db.select().from(auditEvents).where(eq(auditEvents.seq, 1));
    expect(first!.prevHash).toBe(GENESIS_HASH);
    const [second] = await t.db.select().from(auditEvents).where(eq(auditEvents.seq, 2));
    expect(second!.prevHash).toBe(first!.hash);
    const [last] = await t.db.select().from(auditEvents).where(eq(auditEvents.seq, 1205));
    expect(result.ok && result.head).toBe(last!.hash);
  });

  it('appends concurrent events in one unbroken chain', async () => {
    await Promise.all(Array.from({ length: 40 }, (_, i) => t.db.transaction((tx) => appendAuditEvent(tx, eventFor(i), t.clock.now))));
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, rows: 40 });
  });

  it('rolls back with the transaction that carries it', async () => {
    await appendMany(2);
    await expect(
      t.db.transaction(async (tx) => {
        await appendAuditEvent(tx, eventFor(2), t.clock.now);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, rows: 2 });
  });

  it('refuses a payload with personal data and writes nothing', async () => {
    const bad = { type: 'sign_out', actorUserId: 'u1', controllerId: null, requestId: null, payload: { email: 'olena@example.org' } } as unknown as AuditEventInput;
    const err = await t.db.transaction((tx) => appendAuditEvent(tx, bad, t.clock.now)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuditPayloadError);
    expect((err as Error).message).toContain('email');
    expect((err as Error).message).not.toContain('olena@example.org');
    expect(await t.db.select().from(auditEvents)).toHaveLength(0);
  });

  it('the database refuses UPDATE and DELETE on audit rows', async () => {
    await appendMany(3);
    // The raw connection: the refusal comes from SQLite itself, not from anything in the portal.
    const raw = t.db.$client;
    await expect(raw.execute(`UPDATE audit_events SET type = 'sign_out' WHERE seq = 2`)).rejects.toThrow(/append-only: rows cannot be updated/);
    await expect(raw.execute(`DELETE FROM audit_events WHERE seq = 3`)).rejects.toThrow(/append-only: rows cannot be deleted/);
    await expect(raw.execute(`DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
    await expect(t.db.update(auditEvents).set({ payload: {} }).where(eq(auditEvents.seq, 1))).rejects.toThrow();
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, rows: 3 });
  });

  it('finds a changed payload at its seq', async () => {
    await appendMany(50);
    await dropTriggers();
    await t.db.run(sql`UPDATE audit_events SET payload = '{"fileId":"f999","rule":"identity_checked"}' WHERE seq = 32`);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, firstBrokenSeq: 32, reason: 'hash_mismatch' });
  });

  it('finds a row whose hash was recomputed by the tamperer: the next row no longer links', async () => {
    await appendMany(20);
    await dropTriggers();
    await t.db.run(sql`UPDATE audit_events SET at = at + 1, hash = 'f' || substr(hash, 2) WHERE seq = 7`);
    const result = await verifyAuditChain(t.db);
    expect(result).toMatchObject({ ok: false, firstBrokenSeq: 7, reason: 'hash_mismatch' });
  });

  it('finds a deleted row as a gap at the right seq', async () => {
    await appendMany(20);
    await dropTriggers();
    await t.db.run(sql`DELETE FROM audit_events WHERE seq = 11`);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, firstBrokenSeq: 12, reason: 'seq_gap' });
  });

  it('finds a renumbered chain: rows cut out and the rest moved up', async () => {
    await appendMany(10);
    await dropTriggers();
    await t.db.run(sql`DELETE FROM audit_events WHERE seq = 5`);
    await t.db.run(sql`UPDATE audit_events SET seq = seq - 1 WHERE seq > 5`);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, firstBrokenSeq: 5, reason: 'prev_hash_mismatch' });
  });

  it('finds the first rows deleted', async () => {
    await appendMany(5);
    await dropTriggers();
    await t.db.run(sql`DELETE FROM audit_events WHERE seq <= 2`);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, firstBrokenSeq: 3, reason: 'seq_gap' });
  });
});

describe('npm run audit:verify', () => {
  function runCli() {
    return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [TSX_CLI, 'db/audit-verify-cli.ts'], { cwd: ROOT, env: { ...process.env, NODE_ENV: 'test', DATA_DIR: t.dataDir, PUBLIC_URL: 'https://privacy.test' } }, (err, stdout, stderr) =>
        resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });
  }

  it('prints an intact trail and exits 0; names the first broken row and exits 1', async () => {
    await appendMany(12);
    const good = await runCli();
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/audit trail intact: 12 rows, head [0-9a-f]{64}/);
    await dropTriggers();
    await t.db.run(sql`UPDATE audit_events SET request_id = 'r-other' WHERE seq = 9`);
    const bad = await runCli();
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('audit trail BROKEN at row 9 (hash_mismatch)');
  });
});
