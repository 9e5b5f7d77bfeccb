// Session life: 30 minutes idle, 8 hours absolute, sign-out, sign-out everywhere, CSRF on every
// form, an old cookie replayed, and the role gate.
import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dpoRoutes } from '../../../api/dpo/routes.ts';
import { requireUser } from '../../../api/dpo/require-user.tsx';
import { sessions } from '../../../db/schema.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { csrfOf, DpoClient, enrolUser, type Enrolled } from './dpo-client.ts';

let t: TestApp;
let dpo: Enrolled;
beforeEach(async () => {
  t = await createTestApp();
  t.services.sleep = async () => undefined;
  dpo = await enrolUser(t, { email: 'dpo@atlas.test' });
});
afterEach(async () => {
  await t.close();
});

async function signedIn(e: Enrolled = dpo): Promise<DpoClient> {
  const c = new DpoClient(t);
  expect((await c.signIn(e.email, e.secret)).status).toBe(303);
  t.clock.now += 30_000; // the next sign-in needs the next TOTP step
  return c;
}

describe('sessions', () => {
  it('end after 30 minutes without a request, and a request restarts the idle timer', async () => {
    const c = await signedIn();
    t.clock.now += 29 * 60_000;
    expect((await c.request('/dpo/')).status).toBe(200);
    t.clock.now += 29 * 60_000;
    expect((await c.request('/dpo/')).status).toBe(200);
    t.clock.now += 30 * 60_000;
    const res = await c.request('/dpo/');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/dpo/sign-in?lang=nl&expired=1');
    expect(await t.db.select().from(sessions)).toHaveLength(0);
  });

  it('end 8 hours after sign-in however active, and the stolen cookie stays dead', async () => {
    const c = await signedIn();
    const stolen = c.cookieHeader;
    for (let i = 0; i < 19; i++) {
      t.clock.now += 25 * 60_000;
      expect((await c.request('/dpo/')).status).toBe(200);
    }
    t.clock.now += 25 * 60_000; // 8 h 20 min after sign-in
    expect((await c.request('/dpo/')).status).toBe(303);
    const replay = await t.app.request('http://localhost/dpo/', { headers: { cookie: stolen } });
    expect(replay.status).toBe(303);
    const post = await t.app.request('http://localhost/dpo/sign-out', { method: 'POST', headers: { cookie: stolen, origin: 'https://privacy.test', 'content-type': 'application/x-www-form-urlencoded' }, body: '_csrf=x' });
    expect(post.status).toBe(401);
  });

  it('sign-out ends this session only; sign-out everywhere ends them all', async () => {
    const a = await signedIn();
    const b = await signedIn();
    const c = await signedIn();
    const out = await a.submit('/dpo/', {}, '/dpo/sign-out');
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/dpo/sign-in?lang=nl&signedOut=1');
    expect((await a.request('/dpo/')).status).toBe(303);
    expect((await b.request('/dpo/')).status).toBe(200);
    expect((await b.submit('/dpo/', {}, '/dpo/sign-out-everywhere')).status).toBe(303);
    expect((await c.request('/dpo/')).status).toBe(303);
    expect(await t.db.select().from(sessions)).toHaveLength(0);
  });

  it('refuses a form post without the CSRF token, with a wrong one, or from another origin (403)', async () => {
    const c = await signedIn();
    expect((await c.request('/dpo/sign-out', { method: 'POST', form: {} })).status).toBe(403);
    expect((await c.request('/dpo/sign-out', { method: 'POST', form: { _csrf: 'guess' } })).status).toBe(403);
    const token = csrfOf(await (await c.request('/dpo/')).text());
    expect((await c.request('/dpo/sign-out', { method: 'POST', form: { _csrf: token }, origin: 'https://evil.test' })).status).toBe(403);
    expect((await c.request('/dpo/sign-out', { method: 'POST', form: { _csrf: token }, origin: null })).status).toBe(403);
    expect((await c.request('/dpo/')).status).toBe(200);
    // Under Referrer-Policy: no-referrer browsers send Origin: null; Sec-Fetch-Site decides then.
    const post = (headers: Record<string, string>) =>
      t.app.request('http://localhost/dpo/sign-out', { method: 'POST', headers: { cookie: c.cookieHeader, 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: `_csrf=${token}` });
    expect((await post({ origin: 'null', 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await post({ origin: 'null', 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect((await post({ origin: 'https://evil.test', 'sec-fetch-site': 'same-origin' })).status).toBe(403);
    expect((await c.request('/dpo/')).status).toBe(200);
    expect((await post({ origin: 'null', 'sec-fetch-site': 'same-origin' })).status).toBe(303);
    expect((await c.request('/dpo/')).status).toBe(303);
    // Another user's token does not work either.
    const other = await enrolUser(t, { email: 'handler@atlas.test', role: 'handler' });
    const o = await signedIn(other);
    expect((await o.request('/dpo/sign-out', { method: 'POST', form: { _csrf: token } })).status).toBe(403);
    // The sign-in form needs its token too.
    const anon = new DpoClient(t);
    expect((await anon.request('/dpo/sign-in', { method: 'POST', form: { email: 'dpo@atlas.test', password: 'correct horse battery staple' } })).status).toBe(403);
  });

  it('lets only dpo through a route that needs dpo: auditor, handler and admin get 403, nobody gets 401', async () => {
    const routes = dpoRoutes({ db: t.db, publicUrl: t.config.publicUrl, services: t.services });
    routes.get('/needs-dpo', requireUser(['dpo']), (c) => c.text(`hello ${c.var.user.role} of ${c.var.user.controllerId}`));
    routes.post('/needs-dpo', requireUser(['dpo']), (c) => c.text('posted'));
    const probe = new Hono().route('/dpo/', routes);
    const get = (cookie: string) => probe.request('http://localhost/dpo/needs-dpo', { headers: { cookie } });

    const dpoClient = await signedIn();
    const ok = await get(dpoClient.cookieHeader);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('hello dpo of atlas');
    for (const role of ['auditor', 'handler', 'admin'] as const) {
      const e = await enrolUser(t, { email: `${role}@atlas.test`, role });
      const c = await signedIn(e);
      const res = await get(c.cookieHeader);
      expect(res.status, role).toBe(403);
      expect(await res.text()).toContain('Uw rol geeft geen toegang tot deze pagina.');
      expect((await c.request('/dpo/')).status, `${role} home`).toBe(200);
    }
    expect((await get('')).status).toBe(303);
    expect((await probe.request('http://localhost/dpo/needs-dpo', { method: 'POST', headers: { origin: 'https://privacy.test' } })).status).toBe(401);
  });

  it('serves its stylesheet and sends the strict CSP, no-store and no inline style or script', async () => {
    const css = await t.app.request('http://localhost/dpo/assets/workspace.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await css.text()).toContain('.error-summary');
    const page = await t.app.request('http://localhost/dpo/sign-in', { headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("style-src 'self'");
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<a class="lang-switch" href="/dpo/sign-in?lang=nl" lang="nl" hreflang="nl">Nederlands</a>');
    expect(html).not.toMatch(/<script|<style|style=/);
  });

  it('shows an admin as across controllers', async () => {
    const admin = await enrolUser(t, { email: 'admin@portal.test', role: 'admin' });
    const html = await (await (await signedIn(admin)).request('/dpo/?lang=en')).text();
    expect(html).toContain('All controllers');
    expect(html).toContain('Administrator');
  });
});

describe('workspace entry', () => {
  it('sends /dpo to /dpo/, and a signed-out visitor on to sign-in', async () => {
    const r = await t.app.request('http://localhost/dpo');
    expect(r.status).toBe(301);
    expect(r.headers.get('location')).toBe('/dpo/');
    const home = await t.app.request('http://localhost/dpo/?lang=en');
    expect(home.status).toBe(303);
    expect(home.headers.get('location')).toBe('/dpo/sign-in?lang=en');
  });

  it('refuses an oversized form before parsing it', async () => {
    const c = new DpoClient(t);
    const res = await c.request('/dpo/sign-in', { method: 'POST', form: { email: 'x'.repeat(20_000) } });
    expect(res.status).toBe(413);
  });
});
