// The overview and its CSV export: figures of the own controller only, answers on time measured
// on the Brussels date, the CSV's content and quoting, bad periods, roles and the audit rows.
import { asc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { csvField, csvLine } from '../../../api/workspace/overview-csv.ts';
import { weightedMedian } from '../../../api/workspace/overview-figures.ts';
import { auditEvents } from '../../../db/schema.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { fileRequest } from '../intake/support.ts';
import { insertRequest, signedIn } from './list-support.ts';

let t: TestApp;
beforeEach(async () => {
  // Wednesday 1 April 2026 in Brussels.
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

/** Atlas: 3 open (1 overdue), 3 answers in the last 12 months (2 on time), and what must not count. */
async function seedAtlas() {
  const refs = {
    overdue: await insertRequest(t, { receivedDate: '2026-02-26', legalDeadline: '2026-03-27', rights: ['access', 'erasure'] }),
    open1: await insertRequest(t, { receivedDate: '2026-03-20', legalDeadline: '2026-04-20', state: 'in_progress', channel: 'post', confirmationAsked: false }),
    open2: await insertRequest(t, { receivedDate: '2026-03-30', legalDeadline: '2026-04-30', state: 'awaiting_information', extendedDeadline: '2026-06-30' }),
    // Answered 10 days after receipt, on time.
    onTime: await insertRequest(t, { receivedDate: '2026-01-05', legalDeadline: '2026-02-05', state: 'answered', answeredAt: '2026-01-15T09:00:00Z', outcome: 'granted', rights: ['rectification'] }),
    // Closed with an outcome on its deadline day: that is an answer, 31 days, on time.
    closedOnDeadline: await insertRequest(t, { receivedDate: '2025-12-01', legalDeadline: '2026-01-01', extendedDeadline: null, state: 'closed', closedAt: '2026-01-01T12:00:00Z', outcome: 'refused', channel: 'email' }),
    // 23:30 UTC on 4 March is 5 March in Brussels: one day late. 32 days after receipt.
    late: await insertRequest(t, { receivedDate: '2026-02-01', legalDeadline: '2026-03-04', state: 'answered', answeredAt: '2026-03-04T23:30:00Z', outcome: 'partly_granted', rights: ['access'] }),
    // Not answers: withdrawn, and closed without an outcome.
    withdrawn: await insertRequest(t, { receivedDate: '2026-02-10', legalDeadline: '2026-03-10', state: 'withdrawn', closedAt: '2026-02-12T10:00:00Z' }),
    closedNoAnswer: await insertRequest(t, { receivedDate: '2026-02-11', legalDeadline: '2026-03-11', state: 'closed', closedAt: '2026-03-20T10:00:00Z' }),
    // Answered more than 12 months ago.
    old: await insertRequest(t, { receivedDate: '2025-02-01', legalDeadline: '2025-03-03', state: 'answered', answeredAt: '2025-03-20T10:00:00Z', outcome: 'granted' }),
  };
  const foreign = await insertRequest(t, { controllerId: 'huis', receivedDate: '2026-02-26', legalDeadline: '2026-03-27', state: 'answered', answeredAt: '2026-04-20T10:00:00Z', outcome: 'granted' });
  return { refs, foreign };
}

describe('overview', () => {
  it('shows open, overdue, answered on time and the median of the own controller only', async () => {
    await seedAtlas();
    const user = await signedIn(t, 'dpo', 'atlas');
    const res = await user.request('/dpo/overview?lang=en');
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const figure = (label: string) => new RegExp(`<dt>${label}</dt><dd>([^<]+)</dd>`).exec(html)?.[1];
    expect(figure('Open requests')).toBe('3');
    expect(figure('Overdue')).toBe('1');
    expect(figure('Answered on time')).toBe('2 of 3 (66.7 %)');
    // Days to answer 10, 31, 32: the median is 31.
    expect(figure('Median from receipt to answer')).toBe('31 calendar days');
    expect(html).toContain('Last 12 months (2025-04-02 to 2026-04-01 inclusive)');
    // Received in the period (all but the old one): 8; by right (one asks two rights) and channel.
    expect(figure('Requests received')).toBe('8');
    expect(html).toMatch(/<th scope="row">Access<\/th><td class="num">7<\/td>/);
    expect(html).toMatch(/<th scope="row">Erasure<\/th><td class="num">1<\/td>/);
    expect(html).toMatch(/<th scope="row">Rectification<\/th><td class="num">1<\/td>/);
    expect(html).toMatch(/<th scope="row">Web form<\/th><td class="num">6<\/td>/);
    expect(html).toMatch(/<th scope="row">Post<\/th><td class="num">1<\/td>/);
    expect(html).toContain('href="/dpo/overview.csv?lang=en&amp;from=2025-04-02&amp;to=2026-04-01"');

    const nl = await (await user.request('/dpo/overview?lang=nl')).text();
    expect(nl).toContain('<dt>Op tijd beantwoord</dt><dd>2 van 3 (66,7 %)</dd>');
    // Each look at the overview is on record.
    const viewed = await t.db.select().from(auditEvents).where(eq(auditEvents.type, 'overview_viewed'));
    expect(viewed).toHaveLength(2);
    expect(viewed[0]).toMatchObject({ controllerId: 'atlas', payload: {} });
  });

  it('counts a request filed through the intake, and says when nothing was answered', async () => {
    await fileRequest(t);
    const user = await signedIn(t, 'auditor', 'ingent');
    const html = await (await user.request('/dpo/overview?lang=en')).text();
    expect(html).toContain('<dt>Open requests</dt><dd>1</dd>');
    expect(html).toContain('<dt>Answered on time</dt><dd>No answers in this period</dd>');
    expect(html).toContain('<dt>Median from receipt to answer</dt><dd>No answers in this period</dd>');
  });

  it('exports the period as CSV: one row per request received, codes and dates only, own controller only', async () => {
    const { refs, foreign } = await seedAtlas();
    const user = await signedIn(t, 'handler', 'atlas');
    const res = await user.request('/dpo/overview.csv?lang=en&from=2026-01-01&to=2026-03-31');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="requests-atlas-2026-01-01-2026-03-31.csv"');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const text = new TextDecoder('utf-8', { fatal: true }).decode(await res.arrayBuffer());
    expect(text.endsWith('\r\n')).toBe(true);
    const lines = text.slice(0, -2).split('\r\n');
    expect(lines[0]).toBe('reference,statement,rights,channel,received_date,legal_deadline,extended,extended_deadline,state,outcome,answered_date,days_to_answer,on_time');
    expect(lines.slice(1)).toEqual([
      `${refs.onTime},crt,rectification,web,2026-01-05,2026-02-05,no,,answered,granted,2026-01-15,10,yes`,
      `${refs.late},crt,access,web,2026-02-01,2026-03-04,no,,answered,partly_granted,2026-03-05,32,no`,
      `${refs.withdrawn},crt,access,web,2026-02-10,2026-03-10,no,,withdrawn,,,,`,
      `${refs.closedNoAnswer},crt,access,web,2026-02-11,2026-03-11,no,,closed,,,,`,
      `${refs.overdue},crt,access+erasure,web,2026-02-26,2026-03-27,no,,received,,,,`,
      `${refs.open1},crt,access,post,2026-03-20,2026-04-20,no,,in_progress,,,,`,
      `${refs.open2},crt,access,web,2026-03-30,2026-04-30,yes,2026-06-30,awaiting_information,,,,`,
    ]);
    expect(text).not.toContain(foreign);
    expect(text).not.toContain(refs.closedOnDeadline);

    const audit = await t.db.select().from(auditEvents).where(eq(auditEvents.type, 'overview_exported')).orderBy(asc(auditEvents.seq));
    expect(audit.map((a) => [a.actorUserId, a.controllerId, a.payload])).toEqual([[user.userId, 'atlas', { format: 'csv', from: '2026-01-01', to: '2026-03-31', count: 7 }]]);

    // Without a period: the last 12 months.
    const standard = await user.request('/dpo/overview.csv?lang=nl');
    expect(standard.headers.get('content-disposition')).toContain('requests-atlas-2025-04-02-2026-04-01.csv');
    const all = await standard.text();
    expect(all.trim().split('\r\n')).toHaveLength(1 + 8);
    expect(all).toContain(`${refs.closedOnDeadline},crt,access,email,2025-12-01,2026-01-01,no,,closed,refused,2026-01-01,31,yes`);
  });

  it('quotes CSV fields as RFC 4180 asks and never starts one with a formula', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(null)).toBe('');
    expect(csvField(12)).toBe('12');
    expect(csvLine(['a', null, 'b,c'])).toBe('a,,"b,c"\r\n');
    expect(weightedMedian([{ days: 10, n: 1 }, { days: 20, n: 2 }, { days: 40, n: 1 }])).toBe(20);
    expect(weightedMedian([{ days: 10, n: 1 }, { days: 21, n: 1 }])).toBe(15.5);
    expect(weightedMedian([])).toBeNull();
  });

  it('answers a bad period with 422 and the reason, in the user’s language, and exports nothing', async () => {
    const user = await signedIn(t, 'dpo', 'atlas');
    const cases: [string, string][] = [
      ['lang=en&from=2026-02-30&to=2026-03-31', 'Enter a start date that exists, as YYYY-MM-DD'],
      ['lang=en&from=2026-01-01&to=31-03-2026', 'Enter an end date that exists, as YYYY-MM-DD'],
      ['lang=en&from=2026-03-01&to=2026-01-01', 'Choose a start date that is not after the end date'],
      ['lang=nl&from=gisteren', 'Vul een bestaande begindatum in als JJJJ-MM-DD'],
    ];
    for (const [q, message] of cases) {
      const res = await user.request(`/dpo/overview.csv?${q}`);
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toContain('text/html');
      const html = await res.text();
      expect(html).toContain('class="error-summary"');
      expect(html).toContain(message);
    }
    const exported = await t.db.select().from(auditEvents).where(eq(auditEvents.type, 'overview_exported'));
    expect(exported).toEqual([]);
  });

  it('is closed to administrators and to anyone signed out', async () => {
    const admin = await signedIn(t, 'admin', null);
    expect((await admin.request('/dpo/overview?lang=en')).status).toBe(403);
    expect((await admin.request('/dpo/overview.csv?lang=en')).status).toBe(403);
    const anonymous = await t.app.request('http://localhost/dpo/overview.csv');
    expect(anonymous.status).toBe(303);
  });
});
