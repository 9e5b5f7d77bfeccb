// The request list: the user's own controller's requests by deadline in force, days left and
// marks in words, filters, search by reference, pagination, roles and the audit of each listing.
import { and, asc, eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents, requests } from '../../../db/schema.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { fileRequest } from '../intake/support.ts';
import { insertRequest, listedReferences, signedIn } from './list-support.ts';

let t: TestApp;
beforeEach(async () => {
  // 2026-03-31T23:30Z: Wednesday 1 April 2026 in Brussels.
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const page = async (c: Awaited<ReturnType<typeof signedIn>>, path: string) => {
  const res = await c.request(path);
  return { status: res.status, html: await res.text(), res };
};

describe('request list', () => {
  it('lists the open requests of the own controller by deadline in force, with days left and marks in words', async () => {
    const overdue = await insertRequest(t, { receivedDate: '2026-02-26', legalDeadline: '2026-03-29' });
    const later = await insertRequest(t, { receivedDate: '2026-04-01', legalDeadline: '2026-05-04', state: 'in_progress' });
    const soon = await insertRequest(t, { receivedDate: '2026-03-03', legalDeadline: '2026-04-03', state: 'awaiting_information' });
    const extended = await insertRequest(t, { receivedDate: '2026-03-20', legalDeadline: '2026-04-20', extendedDeadline: '2026-06-22' });
    const today = await insertRequest(t, { receivedDate: '2026-02-28', legalDeadline: '2026-04-01' });
    const answered = await insertRequest(t, { receivedDate: '2026-02-01', legalDeadline: '2026-03-02', state: 'answered', answeredAt: '2026-02-20T10:00:00Z', outcome: 'granted' });
    const otherController = await insertRequest(t, { controllerId: 'ingent', receivedDate: '2026-02-26', legalDeadline: '2026-03-27' });
    const c = await signedIn(t, 'dpo', 'atlas');

    const { status, html, res } = await page(c, '/dpo/requests?lang=en');
    expect(status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(listedReferences(html)).toEqual([overdue, today, soon, later, extended]);
    expect(html).not.toContain(answered);
    expect(html).not.toContain(otherController);
    expect(html).toContain('5 requests found');
    // Overdue since Sunday 29 March: 3 calendar days, and Monday to Wednesday are 3 working days.
    expect(html).toContain('<strong class="tag tag-red">Overdue by 3 days</strong>');
    expect(html).toContain('(3 working days)');
    expect(html).toContain('<strong class="tag tag-amber">Due today</strong>');
    // Friday 3 April: 2 calendar days, both working days.
    expect(html).toContain('<strong class="tag tag-amber">Due this week</strong> <span>2 calendar days, 2 working days</span>');
    // 4 May: 33 calendar days; Easter Monday (6 April) and 1 May are not working days.
    expect(html).toContain('33 calendar days, 21 working days');
    expect(html).toMatch(/2026-06-22<\/span> <span class="tag tag-grey">extended<\/span>/);
    expect(html).toContain(`href="/dpo/requests/${overdue}?lang=en"`);
    // The table is built for screen readers and small screens.
    expect(html).toMatch(/<h2 id="list-caption" class="table-caption">Requests of Atlas[^<]*<\/h2><div class="table-scroll" role="region" aria-labelledby="list-caption"[^>]*tabindex="0">/);
    expect(html).toMatch(/<table class="table"><caption class="visually-hidden">Requests of Atlas/);
    expect(html).toContain('<th scope="col">Deadline in force</th>');
    // No personal data: the list does not even read it.
    expect(html).not.toMatch(/Olena|Kovalenko|example\.org/);
  });

  it('shows the internal target of IN-Gent and marks it once passed, and flags a never confirmed e-mail address', async () => {
    // A real request through the intake: crt from Ghent (9000) goes to IN-Gent, four weeks target.
    const filed = await fileRequest(t);
    expect(filed.internalTarget).toBe('2026-04-29');
    const c = await signedIn(t, 'handler', 'ingent');
    let { html } = await page(c, '/dpo/requests?lang=en');
    expect(listedReferences(html)).toEqual([filed.reference]);
    expect(html).toContain('<span class="nowrap">2026-04-29</span>');
    expect(html).not.toContain('Target passed');
    expect(html).not.toContain('Not confirmed after');
    expect(html).toMatch(/<td>No<\/td>\s*<\/tr>|<td>No<\/td><\/tr>/);

    t.clock.now = Date.parse('2026-04-30T08:00:00Z');
    const later = await signedIn(t, 'handler', 'ingent');
    ({ html } = await page(later, '/dpo/requests?lang=nl'));
    expect(html).toContain('<strong class="tag tag-amber">Streefdatum verstreken</strong>');
    expect(html).toContain('Na 14 dagen nog niet bevestigd');
    // The legal deadline (4 May) still stands beside the passed target.
    expect(html).toContain('Deze week te beantwoorden');
    expect(html).toContain('2026-05-04');
  });

  it('filters by state, right, statement and e-mail confirmation', async () => {
    const a = await insertRequest(t, { receivedDate: '2026-03-01', legalDeadline: '2026-04-01', rights: ['access', 'erasure'], statement: 'crt', emailConfirmedAt: '2026-03-01T12:00:00Z' });
    const b = await insertRequest(t, { receivedDate: '2026-03-02', legalDeadline: '2026-04-02', rights: ['rectification'], statement: 'general', state: 'in_progress' });
    const cRef = await insertRequest(t, { receivedDate: '2026-01-02', legalDeadline: '2026-02-02', rights: ['erasure'], state: 'answered', answeredAt: '2026-01-20T10:00:00Z', outcome: 'granted' });
    const d = await insertRequest(t, { receivedDate: '2026-01-03', legalDeadline: '2026-02-03', rights: ['objection'], state: 'withdrawn', closedAt: '2026-01-10T10:00:00Z' });
    const user = await signedIn(t, 'dpo', 'atlas');
    const refs = async (q: string) => listedReferences((await page(user, `/dpo/requests?lang=en${q}`)).html);

    expect(await refs('')).toEqual([a, b]);
    expect(await refs('&state=all')).toEqual([cRef, d, a, b]);
    expect(await refs('&state=answered')).toEqual([cRef]);
    expect(await refs('&state=withdrawn')).toEqual([d]);
    expect(await refs('&state=in_progress')).toEqual([b]);
    expect(await refs('&right=erasure')).toEqual([a]);
    expect(await refs('&state=all&right=erasure')).toEqual([cRef, a]);
    expect(await refs('&statement=general')).toEqual([b]);
    expect(await refs('&confirmed=yes')).toEqual([a]);
    expect(await refs('&confirmed=no')).toEqual([b]);
    expect(await refs('&state=all&right=erasure&confirmed=no')).toEqual([cRef]);
    // An unknown value falls back to the default, and the form shows what is applied.
    const { html } = await page(user, '/dpo/requests?lang=en&state=bogus&right=%27%20OR%201=1');
    expect(listedReferences(html)).toEqual([a, b]);
    expect(html).toContain('<option value="open" selected="">');
    // The form works without script: a GET form with the filters as plain fields.
    expect(html).toMatch(/<form class="filters" method="get" action="\/dpo\/requests"/);
    expect(html).not.toContain('<script');
  });

  it('says so when no request matches', async () => {
    const user = await signedIn(t, 'dpo', 'huis');
    const { status, html } = await page(user, '/dpo/requests?lang=en');
    expect(status).toBe(200);
    expect(html).toContain('There are no requests that match these filters.');
    expect(html).toContain('0 requests found');
    expect(html).not.toContain('<table');
  });

  it('goes straight to a request found by its reference, and never reveals another controller’s', async () => {
    const own = await insertRequest(t, { receivedDate: '2026-03-01', legalDeadline: '2026-04-01', state: 'answered', answeredAt: '2026-03-10T10:00:00Z', outcome: 'granted' });
    const foreign = await insertRequest(t, { controllerId: 'agii', receivedDate: '2026-03-01', legalDeadline: '2026-04-01' });
    const open = await insertRequest(t, { receivedDate: '2026-03-05', legalDeadline: '2026-04-07' });
    const user = await signedIn(t, 'auditor', 'atlas');

    const typed = own.toLowerCase().replaceAll('-', ' ').replace(/^pr /, '');
    const hit = await user.request(`/dpo/requests?lang=en&q=${encodeURIComponent(typed)}`);
    expect(hit.status).toBe(303);
    expect(hit.headers.get('location')).toBe(`/dpo/requests/${own}?lang=en`);

    for (const q of [foreign, 'PR-0000-0000-1', 'hello']) {
      const { status, html } = await page(user, `/dpo/requests?lang=en&q=${encodeURIComponent(q)}`);
      expect(status).toBe(200);
      expect(html).toContain('There is no request with this reference.');
      expect(listedReferences(html)).toEqual([open]);
    }
    const { html } = await page(user, `/dpo/requests?lang=nl&q=${foreign}`);
    expect(html).toContain('Er is geen verzoek met deze referentie.');
    // The typed text is shown back in the search field, but nothing else of that request.
    expect(html.split(foreign).length - 1).toBe(1);
    expect(html).not.toContain('2026-03-01');
  });

  it('pages through 120 requests, 50 a page, in one order across pages (also with a filter)', async () => {
    // Many share a deadline: the reference breaks the tie, also across page boundaries.
    for (let i = 0; i < 120; i++) {
      await insertRequest(t, { receivedDate: '2026-03-01', legalDeadline: `2026-04-${String(1 + (i % 7)).padStart(2, '0')}`, rights: i % 2 === 0 ? ['access'] : ['erasure'] });
    }
    await insertRequest(t, { controllerId: 'huis', receivedDate: '2026-03-01', legalDeadline: '2026-04-01' });
    const expected = (await t.db.select({ r: requests.reference, rights: requests.rights }).from(requests).where(eq(requests.controllerId, 'atlas')).orderBy(asc(requests.dueDate), asc(requests.reference))).map((x) => x);
    const user = await signedIn(t, 'dpo', 'atlas');

    const seen: string[] = [];
    for (const n of [1, 2, 3]) {
      const { html } = await page(user, `/dpo/requests?lang=en&page=${n}`);
      expect(html).toContain('120 requests found');
      expect(html).toContain(`Page ${n} of 3`);
      seen.push(...listedReferences(html));
    }
    expect(seen).toEqual(expected.map((x) => x.r));
    const first = (await page(user, '/dpo/requests?lang=en')).html;
    expect(listedReferences(first)).toHaveLength(50);
    expect(first).toContain('href="/dpo/requests?lang=en&amp;page=2" rel="next"');
    expect(first).toContain('aria-current="page"');
    // Past the end: the last page.
    const past = (await page(user, '/dpo/requests?lang=en&page=99')).html;
    expect(listedReferences(past)).toEqual(expected.slice(100).map((x) => x.r));

    const filtered: string[] = [];
    for (const n of [1, 2]) filtered.push(...listedReferences((await page(user, `/dpo/requests?lang=en&right=erasure&page=${n}`)).html));
    expect(filtered).toEqual(expected.filter((x) => x.rights.includes('erasure')).map((x) => x.r));
    const filteredPage2 = (await page(user, '/dpo/requests?lang=en&right=erasure&page=2')).html;
    expect(filteredPage2).toContain('href="/dpo/requests?lang=en&amp;right=erasure" rel="prev"');
  });

  it('is open to DPOs, handlers and auditors; not to administrators or anyone signed out', async () => {
    await insertRequest(t, { receivedDate: '2026-03-01', legalDeadline: '2026-04-01' });
    for (const role of ['dpo', 'handler', 'auditor'] as const) {
      const { status, html } = await page(await signedIn(t, role, 'atlas'), '/dpo/requests?lang=en');
      expect(status).toBe(200);
      expect(listedReferences(html)).toHaveLength(1);
    }
    const admin = await page(await signedIn(t, 'admin', null), '/dpo/requests?lang=en');
    expect(admin.status).toBe(403);
    expect(listedReferences(admin.html)).toEqual([]);
    const anonymous = await t.app.request('http://localhost/dpo/requests?lang=en');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/dpo/sign-in?lang=en');
  });

  it('records every listing in the audit trail: state filter, page and how many requests were shown', async () => {
    for (let i = 0; i < 55; i++) await insertRequest(t, { receivedDate: '2026-03-01', legalDeadline: '2026-04-01' });
    await insertRequest(t, { receivedDate: '2026-01-01', legalDeadline: '2026-02-02', state: 'closed', closedAt: '2026-01-20T10:00:00Z', outcome: 'refused' });
    const user = await signedIn(t, 'handler', 'atlas');
    await user.request('/dpo/requests?lang=en');
    await user.request('/dpo/requests?lang=en&page=2');
    await user.request('/dpo/requests?lang=en&state=closed');
    await user.request('/dpo/requests?lang=en&state=answered');
    const rows = await t.db.select().from(auditEvents).where(and(eq(auditEvents.type, 'request_listed'), eq(auditEvents.actorUserId, user.userId))).orderBy(asc(auditEvents.seq));
    expect(rows.map((r) => r.payload)).toEqual([
      { state: null, page: 1, count: 50 },
      { state: null, page: 2, count: 5 },
      { state: 'closed', page: 1, count: 1 },
      { state: 'answered', page: 1, count: 0 },
    ]);
    expect(rows.every((r) => r.controllerId === 'atlas' && r.requestId === null)).toBe(true);
    const all = await t.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM audit_events`);
    expect(all[0]?.n).toBe(4);
  });
});

describe('list and overview in a real browser', () => {
  it('have no axe violation (WCAG 2.1 AA) and no page-wide sideways scroll at 360 px', async () => {
    const { launchBrowser } = await import('../../support/browser.ts');
    const { axeViolations } = await import('../../support/axe.ts');
    await insertRequest(t, { receivedDate: '2026-02-26', legalDeadline: '2026-03-29', rights: ['access', 'rectification', 'portability'] });
    await insertRequest(t, { receivedDate: '2026-03-03', legalDeadline: '2026-04-03', extendedDeadline: '2026-06-03', internalTarget: '2026-03-31', emailConfirmedAt: null });
    await insertRequest(t, { receivedDate: '2026-01-03', legalDeadline: '2026-02-03', state: 'answered', answeredAt: '2026-01-20T10:00:00Z', outcome: 'granted' });
    const user = await signedIn(t, 'dpo', 'atlas');
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
      await page.route('**/*', async (route) => {
        const url = new URL(route.request().url());
        const res = await user.request(url.pathname + url.search);
        await route.fulfill({ status: res.status, headers: Object.fromEntries(res.headers), body: Buffer.from(await res.arrayBuffer()) });
      });
      for (const path of ['/dpo/requests?lang=en', '/dpo/requests?lang=nl&state=all&q=PR-0000-0000-1', '/dpo/overview?lang=en', '/dpo/overview.csv?lang=en&from=nope']) {
        await page.goto(`https://privacy.test${path}`);
        expect(await axeViolations(page), path).toEqual([]);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        const widest = overflow > 0 ? await page.evaluate(() => [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth && !e.closest('.table-scroll')).map((e) => `${e.tagName}.${e.className}`).slice(0, 5).join(' ')) : '';
        expect(overflow, `${path} ${widest}`).toBeLessThanOrEqual(0);
      }
    } finally {
      await browser.close();
    }
  }, 60_000);
});
