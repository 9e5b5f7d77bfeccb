// The SMTP server is down when requests are filed: the filing still succeeds, delivery fails and
// is recorded, nothing is lost; when the server is back and the back-off has passed, every mail
// arrives exactly once (counted by Message-ID at the server), and another pass sends nothing.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { backoffMs } from '../../../api/mail/deliver-due-mail.ts';
import { outbox } from '../../../db/schema.ts';
import { startTestSmtp, type TestSmtp } from '../../support/smtp.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { deliver, fileRequest, recipients } from './support.ts';

let t: TestApp;
let smtp: TestSmtp;
beforeEach(async () => {
  t = await createTestApp();
  smtp = await startTestSmtp();
});
afterEach(async () => {
  await smtp.down();
  await t.close();
});

it('SMTP down during filing: failures recorded, then every mail exactly once after the back-off', async () => {
  await smtp.down();
  const a = await fileRequest(t, { lang: 'nl', postcode: '9000' }); // 3 mails: requester, IN-Gent, AgII
  const b = await fileRequest(t, { lang: 'en', postcode: '3000', email: 'second@example.org' }, {}, { client: '192.0.2.7' }); // 2 mails: requester, AgII
  const expected = 5;
  expect((await t.db.select().from(outbox).all()).length).toBe(expected);

  // Down: every attempt fails, each is recorded with its back-off, nothing is marked sent.
  expect(await deliver(t, smtp)).toEqual({ sent: 0, failed: expected });
  let rows = await t.db.select().from(outbox).all();
  for (const r of rows) {
    expect(r.status).toBe('pending');
    expect(r.attempts).toBe(1);
    expect(r.lastError).toMatch(/^\w*Error: \w+/);
    expect(r.lastError).not.toContain('@');
    expect(r.nextAttemptAt.getTime()).toBe(t.clock.now + backoffMs(1));
    expect(r.claimedUntil).toBeNull();
  }

  // Before the back-off has passed, the worker does not even try.
  t.clock.now += backoffMs(1) - 1000;
  expect(await deliver(t, smtp)).toEqual({ sent: 0, failed: 0 });

  // Still down after the back-off: a second failure, a longer back-off.
  t.clock.now += 1000;
  expect(await deliver(t, smtp)).toEqual({ sent: 0, failed: expected });
  rows = await t.db.select().from(outbox).all();
  for (const r of rows) {
    expect(r.attempts).toBe(2);
    expect(r.nextAttemptAt.getTime()).toBe(t.clock.now + backoffMs(2));
  }
  expect(smtp.messages).toHaveLength(0);

  // Up again, past the back-off: everything arrives, once.
  await smtp.up();
  t.clock.now += backoffMs(2);
  expect(await deliver(t, smtp)).toEqual({ sent: expected, failed: 0 });
  await smtp.waitFor(expected);
  const ids = smtp.messages.map((m) => m.messageId);
  expect(new Set(ids).size).toBe(expected);
  rows = await t.db.select().from(outbox).all();
  expect(rows.map((r) => r.messageId).sort()).toEqual([...ids].sort());
  for (const r of rows) {
    expect(r.status).toBe('sent');
    expect(r.attempts).toBe(3);
    expect(r.lastError).toBeNull();
  }
  for (const ref of [a.reference, b.reference]) expect(smtp.messages.filter((m) => m.subject?.includes(ref)).length).toBeGreaterThanOrEqual(2);
  expect(smtp.messages.filter((m) => recipients(m).includes('olena@example.org'))).toHaveLength(1);
  expect(smtp.messages.filter((m) => recipients(m).includes('second@example.org'))).toHaveLength(1);

  // Again, later: nothing more.
  t.clock.now += 3_600_000;
  expect(await deliver(t, smtp)).toEqual({ sent: 0, failed: 0 });
  await new Promise((r) => setTimeout(r, 100));
  expect(smtp.messages).toHaveLength(expected);
});

it('two workers at once never send a mail twice', async () => {
  await fileRequest(t, { postcode: '9000' });
  await fileRequest(t, { postcode: '2000', email: 'b@example.org' }, {}, { client: '192.0.2.8' });
  const results = await Promise.all([deliver(t, smtp, 'w1'), deliver(t, smtp, 'w2')]);
  expect(results.reduce((n, r) => n + r.sent, 0)).toBe(6);
  expect(results.reduce((n, r) => n + r.failed, 0)).toBe(0);
  await smtp.waitFor(6);
  await new Promise((r) => setTimeout(r, 100));
  expect(new Set(smtp.messages.map((m) => m.messageId)).size).toBe(6);
  expect(smtp.messages).toHaveLength(6);
});
