// The reminder job and the job leases on a real SQLite file, with the outbox delivered to a real
// SMTP server: reminders 7 and 2 working days ahead, a daily overdue list, each once however
// often the job runs and however many instances run it.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireLease } from '../../api/jobs/acquire-lease.ts';
import { queueDeadlineReminders } from '../../api/jobs/queue-deadline-reminders.ts';
import { createMailTransport } from '../../api/mail/create-transport.ts';
import { deliverDueMail } from '../../api/mail/deliver-due-mail.ts';
import { outbox, requests } from '../../db/schema.ts';
import { startTestSmtp, type TestSmtp } from '../support/smtp.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let smtp: TestSmtp;
beforeEach(async () => {
  t = await createTestApp({}, Date.parse('2026-06-01T08:00:00Z')); // Monday 1 June 2026
  smtp = await startTestSmtp();
});
afterEach(async () => {
  await smtp.down();
  await t.close();
});

async function addRequest(reference: string, controllerId: string, legalDeadline: string, state: 'received' | 'closed' = 'received') {
  await t.db.insert(requests).values({
    id: randomUUID(),
    reference,
    statusTokenHash: randomUUID(),
    statement: 'crt',
    rights: ['access'],
    lang: 'nl',
    controllerId,
    contactPointInformed: false,
    routing: {},
    receivedAt: new Date('2026-05-01T08:00:00Z'),
    receivedDate: '2026-05-01',
    legalDeadline,
    state,
    personal: Buffer.from('not used here'),
    seal: {},
    createdAt: new Date('2026-05-01T08:00:00Z'),
  });
}

const deliver = () =>
  deliverDueMail({ db: t.db, transport: createMailTransport({ smtpUrl: smtp.url, mailDir: '' }), cipher: t.services.cipher, from: 'portal@test', now: t.clock.now, workerId: 'w1' });

describe('deadline reminders', () => {
  it('mails the DPO mailbox 7 and 2 working days ahead and a daily overdue list, each once', async () => {
    // Monday 1 June 2026: Tuesday 9 June is 6 working days away, Wednesday 3 June 2, 29 May overdue.
    await addRequest('PR-AAAA-AAAA-1', 'atlas', '2026-06-09');
    await addRequest('PR-BBBB-BBBB-2', 'ingent', '2026-06-03');
    await addRequest('PR-CCCC-CCCC-3', 'ingent', '2026-05-29');
    await addRequest('PR-DDDD-DDDD-4', 'ingent', '2026-05-28');
    await addRequest('PR-EEEE-EEEE-5', 'huis', '2026-07-30'); // far away: nothing
    await addRequest('PR-FFFF-FFFF-6', 'huis', '2026-05-20', 'closed'); // closed: nothing

    const first = await queueDeadlineReminders({ db: t.db, cipher: t.services.cipher, now: t.clock.now, workspaceUrl: 'https://privacy.test' });
    expect(first).toEqual({ reminders: 2, digests: 1 });
    // Run again, as a second instance would: nothing new is queued.
    const again = await Promise.all([1, 2].map(() => queueDeadlineReminders({ db: t.db, cipher: t.services.cipher, now: t.clock.now + 1000, workspaceUrl: 'https://privacy.test' })));
    expect(again).toEqual([{ reminders: 0, digests: 0 }, { reminders: 0, digests: 0 }]);

    expect(await deliver()).toEqual({ sent: 3, failed: 0 });
    const mails = await smtp.waitFor(3);
    const to = (m: (typeof mails)[number]) => (Array.isArray(m.to) ? m.to[0]!.text : m.to!.text);
    const atlas = mails.find((m) => to(m) === 'atlas.dpo@antwerpen.be')!;
    expect(atlas.subject).toContain('PR-AAAA-AAAA-1');
    expect(atlas.text).toContain('2026-06-09');
    const digest = mails.find((m) => /Te late verzoeken/.test(m.subject ?? ''))!;
    expect(to(digest)).toBe('gdpr@in-gent.be');
    expect(digest.text).toContain('PR-CCCC-CCCC-3');
    expect(digest.text).toContain('PR-DDDD-DDDD-4');
    expect(digest.text!.indexOf('PR-DDDD')).toBeLessThan(digest.text!.indexOf('PR-CCCC')); // oldest deadline first
    // References and dates only: nothing about the person.
    for (const m of mails) expect(m.text).not.toMatch(/@example|Kovalenko/);

    // The next day brings a new overdue list (the list of 2 June), not a repeat of today's.
    t.clock.now += 86_400_000;
    const nextDay = await queueDeadlineReminders({ db: t.db, cipher: t.services.cipher, now: t.clock.now, workspaceUrl: 'https://privacy.test' });
    expect(nextDay.digests).toBe(1);
  });

  it('survives an SMTP outage: nothing lost, nothing sent twice', async () => {
    await addRequest('PR-GGGG-GGGG-7', 'agii', '2026-06-03');
    await queueDeadlineReminders({ db: t.db, cipher: t.services.cipher, now: t.clock.now, workspaceUrl: 'https://privacy.test' });
    await smtp.down();
    expect(await deliver()).toEqual({ sent: 0, failed: 1 });
    const row = (await t.db.select().from(outbox).get())!;
    expect(row.status).toBe('pending');
    expect(row.attempts).toBe(1);
    expect(row.lastError).not.toMatch(/@/); // no address in the stored error
    // Before the back-off is over nothing is tried.
    await smtp.up();
    expect(await deliver()).toEqual({ sent: 0, failed: 0 });
    t.clock.now += 31_000;
    expect(await deliver()).toEqual({ sent: 1, failed: 0 });
    expect(await deliver()).toEqual({ sent: 0, failed: 0 });
    await smtp.waitFor(1);
    expect(new Set(smtp.messages.map((m) => m.messageId)).size).toBe(smtp.messages.length);
    expect((await t.db.select().from(outbox).where(eq(outbox.status, 'sent'))).length).toBe(1);
  });
});

describe('job leases', () => {
  it('let one holder run a job at a time and pass on when the lease expires', async () => {
    const now = t.clock.now;
    const results = await Promise.all(['a', 'b', 'c'].map((h) => acquireLease(t.db, 'reminders', h, 30_000, now)));
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = ['a', 'b', 'c'][results.indexOf(true)]!;
    const loser = ['a', 'b', 'c'].find((h) => h !== winner)!;
    expect(await acquireLease(t.db, 'reminders', winner, 30_000, now + 10_000)).toBe(true); // renew
    expect(await acquireLease(t.db, 'reminders', loser, 30_000, now + 20_000)).toBe(false);
    expect(await acquireLease(t.db, 'reminders', loser, 30_000, now + 40_001)).toBe(true); // expired
    expect(await acquireLease(t.db, 'mail', loser, 30_000, now)).toBe(true); // another job
  });
});
