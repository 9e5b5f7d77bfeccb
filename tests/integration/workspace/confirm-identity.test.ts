// "Confirm it is you" before an ID copy (ASVS 3.7.1), against the real app: a request filed
// through the real intake, a DPO enrolled and signed in through the real pages, the test clock
// moved past the 15 minutes a second factor counts as recent.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECENT_FACTOR_MS } from '../../../api/dpo/session-policy.ts';
import { auditEvents, users } from '../../../db/schema.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { vnuErrors } from '../../support/vnu.ts';
import { csrfOf, DpoClient, type Enrolled, enrolUser, page, signedInClient, totpCode } from '../dpo-auth/dpo-client.ts';
import { fileRequest, type Created } from '../intake/support.ts';

let t: TestApp;
let filed: Created;
let who: Enrolled;

const auditOf = (type: string) => t.db.select().from(auditEvents).where(eq(auditEvents.type, type)).all();
const failures = async () => (await t.db.select({ n: users.failedAttempts }).from(users).where(eq(users.email, who.email)))[0]!.n;

beforeAll(async () => {
  t = await createTestApp();
  t.services.sleep = async () => undefined;
  filed = await fileRequest(t);
  who = await enrolUser(t, { email: 'dpo@ingent.test', role: 'dpo', controllerId: 'ingent' });
});
afterAll(async () => {
  await t.close();
});

describe('an ID copy asks for the second factor again after 15 minutes', () => {
  let dpo: DpoClient;
  const requestPath = () => `/dpo/requests/${filed.reference}?lang=en`;

  it('shows the copy right after sign-in', async () => {
    t.clock.now += 31_000;
    dpo = await signedInClient(t, who);
    const { html } = await page(dpo, requestPath());
    expect(html).toContain(`src="/dpo/requests/${filed.reference}/id-copy?lang=en"`);
    expect((await dpo.request(`/dpo/requests/${filed.reference}/id-copy?lang=en`)).status).toBe(200);
  });

  it('later, the page links to the confirmation instead, and the copy itself sends there', async () => {
    // Kept alive (the idle limit is 30 minutes) while the second factor grows old.
    t.clock.now += RECENT_FACTOR_MS - 60_000;
    expect((await dpo.request('/dpo/?lang=en')).status).toBe(200);
    t.clock.now += 2 * 60_000;
    const viewed = (await auditOf('id_copy_viewed')).length;
    const { status, html } = await page(dpo, requestPath());
    expect(status).toBe(200);
    expect(html).not.toContain('/id-copy');
    const confirm = `/dpo/confirm?lang=en&amp;next=${encodeURIComponent(requestPath())}`;
    expect(html).toContain(`href="${confirm}"`);
    expect(html).toContain('first confirm it is you');
    const direct = await dpo.request(`/dpo/requests/${filed.reference}/id-copy?lang=en`);
    expect(direct.status).toBe(303);
    expect(direct.headers.get('location')).toBe(`/dpo/confirm?lang=en&next=${encodeURIComponent(requestPath())}`);
    expect(await auditOf('id_copy_viewed')).toHaveLength(viewed);
    expect(vnuErrors({ requestAskingToConfirm: html })).toEqual([]);
  });

  it('a wrong code is refused (422) and counts towards the lock-out; the right one renews the factor and goes back', async () => {
    const ask = await page(dpo, `/dpo/confirm?lang=en&next=${encodeURIComponent(requestPath())}`);
    expect(ask.status).toBe(200);
    expect(ask.html).toContain('Confirm it is you');
    expect(ask.html).toContain(`name="next" value="${requestPath()}"`);
    const wrong = await dpo.request('/dpo/confirm?lang=en', { method: 'POST', form: { _csrf: csrfOf(ask.html), next: requestPath(), code: '000000' } });
    expect(wrong.status).toBe(422);
    const wrongHtml = await wrong.text();
    expect(wrongHtml).toContain('The code is not right');
    expect(await failures()).toBe(1);

    t.clock.now += 31_000;
    const right = await dpo.request('/dpo/confirm?lang=en', { method: 'POST', form: { _csrf: csrfOf(ask.html), next: requestPath(), code: totpCode(who.secret, t.clock.now) } });
    expect(right.status).toBe(303);
    expect(right.headers.get('location')).toBe(requestPath());
    expect(await failures()).toBe(0);
    expect((await auditOf('second_factor_confirmed')).at(-1)).toMatchObject({ actorUserId: (await t.db.select().from(users).where(eq(users.email, who.email)))[0]!.id, payload: { method: 'totp' } });
    const { html } = await page(dpo, requestPath());
    expect(html).toContain(`src="/dpo/requests/${filed.reference}/id-copy?lang=en"`);
    expect((await dpo.request(`/dpo/requests/${filed.reference}/id-copy?lang=en`)).status).toBe(200);
    expect(vnuErrors({ ask: ask.html, wrong: wrongHtml })).toEqual([]);
  });

  it('goes back only inside the workspace', async () => {
    const ask = await page(dpo, '/dpo/confirm?lang=en');
    for (const next of ['https://evil.example/', '//evil.example/dpo/', '/dpo/../../x', 'javascript:alert(1)']) {
      t.clock.now += 31_000;
      const res = await dpo.request('/dpo/confirm?lang=en', { method: 'POST', form: { _csrf: csrfOf(ask.html), next, code: totpCode(who.secret, t.clock.now) } });
      expect(res.status, next).toBe(303);
      expect(res.headers.get('location'), next).toBe('/dpo/?lang=en');
    }
  });

  it('without the session\'s CSRF token nothing is checked, and an administrator has no such page', async () => {
    const before = await failures();
    const res = await dpo.request('/dpo/confirm?lang=en', { method: 'POST', form: { next: requestPath(), code: '000000' } });
    expect(res.status).toBe(403);
    expect(await failures()).toBe(before);
    t.clock.now += 31_000;
    const admin = await signedInClient(t, await enrolUser(t, { email: 'admin@portal.test', role: 'admin', controllerId: null }));
    expect((await admin.request('/dpo/confirm?lang=en')).status).toBe(403);
  });
});
