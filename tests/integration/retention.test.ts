// The retention rules on a real SQLite file and the real encrypted blob store: ID copies after
// the identity check or 30 days, answers 60 days after closing, anonymisation 5 years after
// closing (or receipt), each with its audit event; idempotent, and safe when two runs overlap.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../api/audit/verify-audit-chain.ts';
import { anonymiseExpiredRequests } from '../../api/retention/anonymise-expired-requests.ts';
import { deleteExpiredAnswers } from '../../api/retention/delete-expired-answers.ts';
import { deleteExpiredIdCopies } from '../../api/retention/delete-expired-id-copies.ts';
import { isUnconfirmedFlagged } from '../../api/retention/is-unconfirmed-flagged.ts';
import { DEFAULT_RETENTION } from '../../api/retention/retention-settings.ts';
import { runRetention } from '../../api/retention/run-retention.ts';
import { deleteSpentRecords } from '../../api/retention/delete-spent-records.ts';
import { auditEvents, idempotencyKeys, outbox, rateLimits, requestEvents, requestFiles, requests, sessions, users } from '../../db/schema.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const NOW = Date.parse('2031-06-02T08:00:00Z');
const DAY = 86_400_000;

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({}, NOW);
});
afterEach(async () => {
  await t.close();
});

const deps = () => ({ db: t.db, blobs: t.services.blobs, now: t.clock.now });

let counter = 0;
async function addRequest(o: { controllerId?: string; receivedAt: number; identityCheckedAt?: number; closedAt?: number }) {
  const id = randomUUID();
  counter++;
  await t.db.insert(requests).values({
    id,
    reference: `PR-TEST-${String(counter).padStart(4, '0')}`,
    statusTokenHash: randomUUID(),
    statement: 'general',
    rights: ['access'],
    lang: 'nl',
    controllerId: o.controllerId ?? 'ingent',
    contactPointInformed: false,
    routing: {},
    receivedAt: new Date(o.receivedAt),
    receivedDate: new Date(o.receivedAt).toISOString().slice(0, 10),
    legalDeadline: '2026-01-01',
    state: o.closedAt === undefined ? 'received' : 'closed',
    identityCheckedAt: o.identityCheckedAt === undefined ? null : new Date(o.identityCheckedAt),
    closedAt: o.closedAt === undefined ? null : new Date(o.closedAt),
    personal: Buffer.from('encrypted personal data'),
    seal: {},
    createdAt: new Date(o.receivedAt),
  });
  await t.db.insert(requestEvents).values({ requestId: id, type: 'received', at: new Date(o.receivedAt), actor: 'requester', payload: { channel: 'web' } });
  return id;
}

async function addFile(requestId: string, role: 'id_copy' | 'signature' | 'answer' | 'receipt') {
  const stored = await t.services.blobs.put(Buffer.from(`${role} of ${requestId}`));
  const id = randomUUID();
  await t.db.insert(requestFiles).values({ id, requestId, role, blobId: stored.id, sha256: stored.sha256, size: stored.size, mime: 'application/pdf', createdAt: new Date(NOW - 400 * DAY) });
  return { id, blobId: stored.id };
}

async function fileRow(id: string) {
  return (await t.db.select().from(requestFiles).where(eq(requestFiles.id, id)))[0]!;
}
async function requestRow(id: string) {
  return (await t.db.select().from(requests).where(eq(requests.id, id)))[0]!;
}
const events = () => t.db.select().from(auditEvents).orderBy(auditEvents.seq);

describe('retention: ID copies', () => {
  it('deletes a copy once identity is checked, and any copy 30 days after receipt', async () => {
    const checked = await addRequest({ receivedAt: NOW - 2 * DAY, identityCheckedAt: NOW - DAY });
    const checkedCopy = await addFile(checked, 'id_copy');
    const checkedSignature = await addFile(checked, 'signature');
    const old = await addRequest({ controllerId: 'atlas', receivedAt: NOW - 30 * DAY });
    const oldCopy = await addFile(old, 'id_copy');
    const young = await addRequest({ receivedAt: NOW - 29 * DAY });
    const youngCopy = await addFile(young, 'id_copy');

    expect(await deleteExpiredIdCopies(deps())).toEqual({ deleted: 2 });

    for (const f of [checkedCopy, oldCopy]) {
      expect(await t.services.blobs.has(f.blobId)).toBe(false);
      expect((await fileRow(f.id)).deletedAt?.getTime()).toBe(NOW);
    }
    for (const f of [youngCopy, checkedSignature]) {
      expect(await t.services.blobs.has(f.blobId)).toBe(true);
      expect((await fileRow(f.id)).deletedAt).toBeNull();
    }
    const written = await events();
    expect(written.map((e) => ({ type: e.type, actor: e.actorUserId, controllerId: e.controllerId, requestId: e.requestId, payload: e.payload }))).toEqual(
      expect.arrayContaining([
        { type: 'retention_id_copy_deleted', actor: null, controllerId: 'ingent', requestId: checked, payload: { fileId: checkedCopy.id, rule: 'identity_checked' } },
        { type: 'retention_id_copy_deleted', actor: null, controllerId: 'atlas', requestId: old, payload: { fileId: oldCopy.id, rule: 'max_age' } },
      ]),
    );
    expect(written).toHaveLength(2);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, rows: 2 });
  });

  it('follows the controller setting', async () => {
    const r = await addRequest({ controllerId: 'atlas', receivedAt: NOW - 8 * DAY });
    const copy = await addFile(r, 'id_copy');
    const other = await addRequest({ controllerId: 'huis', receivedAt: NOW - 8 * DAY });
    await addFile(other, 'id_copy');
    const settingsFor = (c: string) => (c === 'atlas' ? { ...DEFAULT_RETENTION, idCopyDays: 7 } : DEFAULT_RETENTION);
    expect(await deleteExpiredIdCopies({ ...deps(), settingsFor })).toEqual({ deleted: 1 });
    expect((await fileRow(copy.id)).deletedAt).not.toBeNull();
  });

  it('finishes a deletion whose blob was already removed (a crash between file and database)', async () => {
    const r = await addRequest({ receivedAt: NOW - 40 * DAY });
    const copy = await addFile(r, 'id_copy');
    await t.services.blobs.delete(copy.blobId);
    expect(await deleteExpiredIdCopies(deps())).toEqual({ deleted: 1 });
    expect((await fileRow(copy.id)).deletedAt).not.toBeNull();
  });
});

describe('retention: answers', () => {
  it('deletes the answers 60 days after closing, with one event per request', async () => {
    const closedLongAgo = await addRequest({ receivedAt: NOW - 120 * DAY, closedAt: NOW - 60 * DAY });
    const a1 = await addFile(closedLongAgo, 'answer');
    const a2 = await addFile(closedLongAgo, 'answer');
    const receipt = await addFile(closedLongAgo, 'receipt');
    const closedRecently = await addRequest({ receivedAt: NOW - 90 * DAY, closedAt: NOW - 59 * DAY });
    const recent = await addFile(closedRecently, 'answer');
    const open = await addRequest({ receivedAt: NOW - 200 * DAY });
    const openAnswer = await addFile(open, 'answer');

    expect(await deleteExpiredAnswers(deps())).toEqual({ requests: 1, files: 2 });
    for (const f of [a1, a2]) expect(await t.services.blobs.has(f.blobId)).toBe(false);
    for (const f of [receipt, recent, openAnswer]) expect(await t.services.blobs.has(f.blobId)).toBe(true);
    const [e] = await events();
    expect(e).toMatchObject({ type: 'retention_answers_deleted', requestId: closedLongAgo, controllerId: 'ingent', actorUserId: null });
    expect(e!.payload).toEqual({ fileIds: [a1.id, a2.id].sort(), closedDate: new Date(NOW - 60 * DAY).toISOString().slice(0, 10) });
  });
});

describe('retention: anonymisation', () => {
  it('anonymises 5 years after closing, or after receipt if never closed, and keeps the timeline', async () => {
    const closed = await addRequest({ receivedAt: Date.parse('2026-04-01T08:00:00Z'), closedAt: Date.parse('2026-06-01T08:00:00Z') });
    const files = [await addFile(closed, 'signature'), await addFile(closed, 'receipt')];
    const neverClosed = await addRequest({ controllerId: 'huis', receivedAt: Date.parse('2026-06-01T07:00:00Z') });
    const closedLater = await addRequest({ receivedAt: Date.parse('2026-04-01T08:00:00Z'), closedAt: Date.parse('2026-06-03T08:00:00Z') });
    const kept = await addFile(closedLater, 'receipt');

    expect(await anonymiseExpiredRequests(deps())).toEqual({ anonymised: 2, files: 2 });

    for (const id of [closed, neverClosed]) {
      const r = await requestRow(id);
      expect(r.personal).toBeNull();
      expect(r.anonymisedAt?.getTime()).toBe(NOW);
      // The timeline stays: it holds codes and dates only.
      expect(await t.db.select().from(requestEvents).where(eq(requestEvents.requestId, id))).toHaveLength(1);
    }
    for (const f of files) {
      expect(await t.services.blobs.has(f.blobId)).toBe(false);
      expect((await fileRow(f.id)).deletedAt).not.toBeNull();
    }
    expect((await requestRow(closedLater)).personal).not.toBeNull();
    expect(await t.services.blobs.has(kept.blobId)).toBe(true);
    const written = (await events()).map((e) => [e.requestId, e.type, e.payload]);
    expect(written).toEqual(
      expect.arrayContaining([
        [closed, 'retention_request_anonymised', { rule: 'after_close', filesDeleted: 2 }],
        [neverClosed, 'retention_request_anonymised', { rule: 'after_receipt', filesDeleted: 0 }],
      ]),
    );
    expect(written).toHaveLength(2);
  });
});

describe('retention job', () => {
  async function seed() {
    const a = await addRequest({ receivedAt: NOW - 31 * DAY });
    const b = await addRequest({ receivedAt: NOW - 3 * DAY, identityCheckedAt: NOW - DAY });
    const c = await addRequest({ receivedAt: NOW - 100 * DAY, closedAt: NOW - 61 * DAY });
    const d = await addRequest({ receivedAt: NOW - 6 * 365 * DAY, closedAt: NOW - 5 * 366 * DAY });
    return [await addFile(a, 'id_copy'), await addFile(b, 'id_copy'), await addFile(c, 'answer'), await addFile(c, 'answer'), await addFile(d, 'answer'), await addFile(d, 'id_copy')];
  }

  it('is idempotent: a second run deletes nothing and writes no event', async () => {
    const files = await seed();
    const first = await runRetention(deps());
    // d's files go by the older rules first (answers 60 days, ID copy 30 days), then d is anonymised.
    expect(first).toEqual({ idCopies: { deleted: 3 }, answers: { requests: 2, files: 3 }, anonymised: { anonymised: 1, files: 0 }, spent: NOTHING_SPENT });
    const count = (await events()).length;
    expect(count).toBe(6);
    t.clock.now += 1000;
    expect(await runRetention({ ...deps(), now: t.clock.now })).toEqual({ idCopies: { deleted: 0 }, answers: { requests: 0, files: 0 }, anonymised: { anonymised: 0, files: 0 }, spent: NOTHING_SPENT });
    expect(await events()).toHaveLength(count);
    for (const f of files) expect(await t.services.blobs.has(f.blobId)).toBe(false);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, rows: count });
  });

  it('two runs at once delete each file once, with one event each', async () => {
    const files = await seed();
    const [x, y] = await Promise.all([runRetention(deps()), runRetention(deps())]);
    expect(x.idCopies.deleted + y.idCopies.deleted).toBe(3);
    expect(x.answers.files + y.answers.files).toBe(3);
    expect(x.anonymised.anonymised + y.anonymised.anonymised).toBe(1);
    const written = await events();
    expect(written).toHaveLength(6);
    const fileIds = written.flatMap((e) => {
      const p = e.payload as { fileId?: string; fileIds?: string[] };
      return p.fileId ? [p.fileId] : (p.fileIds ?? []);
    });
    expect(fileIds.sort()).toEqual(files.map((f) => f.id).sort());
    for (const f of files) expect(await t.services.blobs.has(f.blobId)).toBe(false);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, rows: 6 });
  });
});

const NOTHING_SPENT = { mails: 0, idempotency: 0, rateLimits: 0, sessions: 0 };

describe('retention: spent records', () => {
  it('deletes sent mail after 30 days, given-up mail after 90, idempotency answers after 7, past rate windows and ended sessions', async () => {
    const cipher = t.services.cipher;
    const mail = (id: string, status: 'sent' | 'failed' | 'pending', ageDays: number) =>
      t.db.insert(outbox).values({ id, kind: 'confirmation', message: cipher.encrypt(Buffer.from('{}')), status, nextAttemptAt: new Date(NOW), messageId: `<${id}@test>`, createdAt: new Date(NOW - ageDays * DAY), sentAt: status === 'sent' ? new Date(NOW - ageDays * DAY) : null });
    await mail('sent-old', 'sent', 31);
    await mail('sent-new', 'sent', 29);
    await mail('failed-old', 'failed', 91);
    await mail('failed-new', 'failed', 60);
    await mail('pending-old', 'pending', 200);
    const r = await addRequest({ receivedAt: NOW - 10 * DAY });
    await t.db.insert(idempotencyKeys).values([
      { key: 'old-key-0123456789abcdef', requestId: r, response: 'x', createdAt: new Date(NOW - 8 * DAY) },
      { key: 'new-key-0123456789abcdef', requestId: r, response: 'x', createdAt: new Date(NOW - 6 * DAY) },
    ]);
    const hour = Math.floor(NOW / 3_600_000);
    await t.db.insert(rateLimits).values([
      { key: 'submit:old', window: hour - 30, count: 3 },
      { key: 'submit:now', window: hour, count: 1 },
      { key: 'submit:hours-ago', window: hour - 5, count: 1 },
    ]);
    const user = randomUUID();
    await t.db.insert(users).values({ id: user, email: 'u@test', displayName: 'U', controllerId: 'ingent', role: 'dpo', createdAt: new Date(NOW) });
    const session = (tokenHash: string, expiresAt: number) => ({ tokenHash, userId: user, csrfSecret: 'c', createdAt: new Date(NOW - DAY), lastSeenAt: new Date(NOW - DAY), expiresAt: new Date(expiresAt) });
    await t.db.insert(sessions).values([session('ended', NOW - 1), session('live', NOW + 1000)]);

    expect(await deleteSpentRecords({ db: t.db, now: NOW })).toEqual({ mails: 2, idempotency: 1, rateLimits: 1, sessions: 1 });
    expect((await t.db.select({ id: outbox.id }).from(outbox)).map((x) => x.id).sort()).toEqual(['failed-new', 'pending-old', 'sent-new']);
    expect((await t.db.select({ key: idempotencyKeys.key }).from(idempotencyKeys)).map((x) => x.key)).toEqual(['new-key-0123456789abcdef']);
    expect((await t.db.select({ key: rateLimits.key }).from(rateLimits)).map((x) => x.key).sort()).toEqual(['submit:hours-ago', 'submit:now']);
    expect((await t.db.select({ h: sessions.tokenHash }).from(sessions)).map((x) => x.h)).toEqual(['live']);
    expect(await deleteSpentRecords({ db: t.db, now: NOW })).toEqual(NOTHING_SPENT);
  });
});

describe('isUnconfirmedFlagged', () => {
  const base = { controllerId: 'atlas', receivedAt: new Date(NOW - 14 * DAY), emailConfirmTokenHash: 'ab'.repeat(32), emailConfirmedAt: null };
  it('flags a web request whose e-mail address was not confirmed after 14 days', () => {
    expect(isUnconfirmedFlagged(base, NOW)).toBe(true);
    expect(isUnconfirmedFlagged(base, NOW - 1)).toBe(false);
    expect(isUnconfirmedFlagged({ ...base, emailConfirmedAt: new Date(NOW - DAY) }, NOW)).toBe(false);
    // No confirmation was asked (a request by post): nothing to flag.
    expect(isUnconfirmedFlagged({ ...base, emailConfirmTokenHash: null }, NOW)).toBe(false);
    expect(isUnconfirmedFlagged(base, NOW, () => ({ ...DEFAULT_RETENTION, unconfirmedFlagDays: 20 }))).toBe(false);
  });
});
