// OpenID Connect sign-in against a real OpenID provider (tests/support/oidc-provider.ts, its
// development login and consent pages driven over real HTTP), with the app called
// through app.request(): the browser's redirects are followed by hand, with cookies for each side.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../api/config.ts';
import { disableUser } from '../../../api/dpo/disable-user.ts';
import { PENDING_COOKIE } from '../../../api/dpo/oidc/pending-sign-in-cookie.ts';
import { SignInPage } from '../../../api/dpo/pages/sign-in-page.tsx';
import { runDpoCli } from '../../../api/dpo/run-dpo-cli.ts';
import { SESSION_COOKIE } from '../../../api/dpo/session-policy.ts';
import { auditEvents, sessions, users } from '../../../db/schema.ts';
import { OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, startOidcProvider, type RunningOidcProvider } from '../../support/oidc-provider.ts';
import { ROOT } from '../../support/server.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { DpoClient } from './dpo-client.ts';

const PUBLIC_URL = 'https://privacy.test';
const CLIENT_ID = OIDC_CLIENT_ID;
const CLIENT_SECRET = OIDC_CLIENT_SECRET;

/** A cookie jar for the provider side (paths ignored: one provider, one flow at a time). */
class Jar {
  cookies = new Map<string, string>();
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const i = pair!.indexOf('=');
      const value = pair!.slice(i + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(pair!.slice(0, i));
      else this.cookies.set(pair!.slice(0, i), value);
    }
  }
}

let op: RunningOidcProvider;
let issuer: string;

beforeAll(async () => {
  op = await startOidcProvider({ redirectUris: [`${PUBLIC_URL}/dpo/oidc/callback`] });
  issuer = op.issuer;
});

afterAll(async () => {
  await op.close();
});

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ PUBLIC_URL, OIDC_ISSUER: issuer, OIDC_CLIENT_ID: CLIENT_ID, OIDC_CLIENT_SECRET: CLIENT_SECRET });
});
afterEach(async () => {
  await t.close();
});

async function addOidcUser(email: string, subject: string): Promise<void> {
  const r = await runDpoCli(['add-user', '--role', 'dpo', '--controller', 'atlas', '--email', email, '--name', 'Els Claes', '--oidc-subject', subject], { db: t.db, publicUrl: PUBLIC_URL, now: t.clock.now });
  expect(r).toMatchObject({ exitCode: 0, stderr: '' });
}

/**
 * From /dpo/oidc/start to the provider's redirect back: logs in at the provider as `subject` and
 * gives consent. Returns the callback URL (a path of the app) without calling it.
 */
async function throughProvider(app: DpoClient, subject: string, lang = 'nl'): Promise<string> {
  const start = await app.request(`/dpo/oidc/start?lang=${lang}`);
  expect(start.status).toBe(303);
  let url = start.headers.get('location')!;
  expect(url.startsWith(`${issuer}/`)).toBe(true);
  const jar = new Jar();
  for (let step = 0; step < 12; step++) {
    if (url.startsWith(PUBLIC_URL)) return url.slice(PUBLIC_URL.length);
    let res = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
    jar.take(res);
    if (res.status === 200) {
      const html = await res.text();
      const prompt = /name="prompt" value="(login|consent)"/.exec(html)?.[1];
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      if (!prompt || !action) throw new Error(`unexpected provider page:\n${html.slice(0, 800)}`);
      const form: Record<string, string> = prompt === 'login' ? { prompt, login: subject, password: 'anything' } : { prompt };
      res = await fetch(new URL(action.replaceAll('&amp;', '&'), url), {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
      });
      jar.take(res);
    }
    if (res.status !== 302 && res.status !== 303) throw new Error(`provider answered ${res.status}: ${await res.text()}`);
    url = new URL(res.headers.get('location')!, url).href;
  }
  throw new Error('the provider never redirected back');
}

const auditRows = (type: string) => t.db.select().from(auditEvents).where(eq(auditEvents.type, type)).orderBy(asc(auditEvents.seq));
const sessionCount = async () => (await t.db.select().from(sessions)).length;

describe('OpenID Connect sign-in', () => {
  it('signs a linked account in: session with second factor, audit sign_in oidc, last sign-in noted', async () => {
    await addOidcUser('els.claes@atlas.test', 'subject-els');
    const browser = new DpoClient(t);
    const callback = await throughProvider(browser, 'subject-els', 'en');
    expect(callback).toMatch(/^\/dpo\/oidc\/callback\?code=[^&]+&state=/);
    const res = await browser.request(callback);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/dpo/oidc/signed-in?lang=en');
    expect(res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))).toMatch(/HttpOnly.*Secure.*SameSite=Strict|SameSite=Strict.*Secure/);
    expect(browser.cookies.has(PENDING_COOKIE)).toBe(false);

    const landing = await browser.request('/dpo/oidc/signed-in?lang=en');
    expect(landing.status).toBe(200);
    expect(landing.headers.get('refresh')).toBe('0; url=/dpo/?lang=en');
    const home = await browser.request('/dpo/?lang=en');
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('You are signed in as Els Claes.');

    const [u] = await t.db.select().from(users).where(eq(users.email, 'els.claes@atlas.test'));
    expect(u!.lastSignInAt?.getTime()).toBe(t.clock.now);
    expect(u!.passwordHash).toBeNull();
    const [s] = await t.db.select().from(sessions).where(eq(sessions.userId, u!.id));
    expect(s!.mfaAt?.getTime()).toBe(t.clock.now);
    const signIns = await auditRows('sign_in');
    expect(signIns).toHaveLength(1);
    expect(signIns[0]).toMatchObject({ actorUserId: u!.id, controllerId: 'atlas', payload: { method: 'oidc' } });
  });

  it('refuses a subject without account with 403 and no session, auditing no personal data', async () => {
    await addOidcUser('els.claes@atlas.test', 'subject-els');
    const browser = new DpoClient(t);
    const res = await browser.request(await throughProvider(browser, 'subject-stranger'));
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain('Geen werkruimte-account');
    expect(html).toContain('Vraag uw DPO');
    expect(browser.cookies.has(SESSION_COOKIE)).toBe(false);
    expect(await sessionCount()).toBe(0);
    const failed = await auditRows('sign_in_failed');
    expect(failed.map((e) => [e.actorUserId, e.controllerId, e.payload])).toEqual([[null, null, { reason: 'oidc_error' }]]);
    expect(JSON.stringify(failed)).not.toContain('subject-stranger');
    expect((await browser.request('/dpo/')).status).toBe(303);
  });

  it('refuses a disabled account', async () => {
    await addOidcUser('els.claes@atlas.test', 'subject-els');
    await disableUser(t.db, { email: 'els.claes@atlas.test', now: t.clock.now });
    const browser = new DpoClient(t);
    const res = await browser.request(await throughProvider(browser, 'subject-els'));
    expect(res.status).toBe(403);
    expect(await sessionCount()).toBe(0);
    expect((await auditRows('sign_in_failed')).map((e) => e.payload)).toEqual([{ reason: 'disabled' }]);
    expect(await auditRows('sign_in')).toHaveLength(0);
  });

  it('refuses a tampered state, in the language the sign-in started in', async () => {
    await addOidcUser('els.claes@atlas.test', 'subject-els');
    const browser = new DpoClient(t);
    const callback = new URL(await throughProvider(browser, 'subject-els', 'en'), PUBLIC_URL);
    callback.searchParams.set('state', `${callback.searchParams.get('state')}x`);
    const res = await browser.request(`${callback.pathname}${callback.search}`);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Sign-in did not work');
    expect(await sessionCount()).toBe(0);
    expect((await auditRows('sign_in_failed')).map((e) => e.payload)).toEqual([{ reason: 'oidc_error' }]);
  });

  it('refuses a callback without the pending sign-in cookie, or with a forged one', async () => {
    await addOidcUser('els.claes@atlas.test', 'subject-els');
    const browser = new DpoClient(t);
    const callback = await throughProvider(browser, 'subject-els');
    const pending = browser.cookies.get(PENDING_COOKIE)!;
    const [body, sig] = pending.split('.');
    const forged = JSON.parse(Buffer.from(body!, 'base64url').toString());
    forged.lang = 'en';
    browser.cookies.set(PENDING_COOKIE, `${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${sig}`);
    expect((await browser.request(callback)).status).toBe(400);
    const other = new DpoClient(t);
    expect((await other.request(callback)).status).toBe(400);
    expect(await sessionCount()).toBe(0);
  });

  it('refuses the same callback a second time, even with the old pending cookie put back', async () => {
    await addOidcUser('els.claes@atlas.test', 'subject-els');
    const browser = new DpoClient(t);
    const callback = await throughProvider(browser, 'subject-els');
    const pending = browser.cookies.get(PENDING_COOKIE)!;
    expect((await browser.request(callback)).status).toBe(303);
    expect(await sessionCount()).toBe(1);

    const replay = new DpoClient(t);
    expect((await replay.request(callback)).status).toBe(400);
    replay.cookies.set(PENDING_COOKIE, pending);
    const res = await replay.request(callback);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Aanmelden is niet gelukt');
    expect(replay.cookies.has(SESSION_COOKIE)).toBe(false);
    expect(await sessionCount()).toBe(1);
    expect(await auditRows('sign_in')).toHaveLength(1);
  });

  it('answers a provider error (the person cancelled) with a 400 page, not a 500', async () => {
    const browser = new DpoClient(t);
    const start = await browser.request('/dpo/oidc/start?lang=en');
    const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
    const res = await browser.request(`/dpo/oidc/callback?error=access_denied&state=${state}&iss=${encodeURIComponent(issuer)}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Sign-in did not work');
  });

  it('sends the authorization request with PKCE S256, state, nonce and a 10-minute Lax __Host- cookie', async () => {
    const res = await new DpoClient(t).request('/dpo/oidc/start');
    const url = new URL(res.headers.get('location')!);
    expect(url.origin + url.pathname).toBe(`${issuer}/auth`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: CLIENT_ID,
      redirect_uri: `${PUBLIC_URL}/dpo/oidc/callback`,
      response_type: 'code',
      scope: 'openid',
      code_challenge_method: 'S256',
    });
    for (const p of ['state', 'nonce', 'code_challenge']) expect(url.searchParams.get(p)).toMatch(/^[A-Za-z0-9_-]{43,}$/);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${PENDING_COOKIE}=`))!;
    expect(cookie).toMatch(/Max-Age=600/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toContain(url.searchParams.get('code_challenge')!);
  });
});

describe('OpenID Connect pages', () => {
  it('have no Nu Html Checker error', async () => {
    await addOidcUser('els.claes@atlas.test', 'subject-els');
    const pages: Record<string, string> = {};
    pages['sign-in-with-oidc'] = String(await SignInPage({ lang: 'nl', csrf: 'x', oidc: { issuer } }));
    const b = new DpoClient(t);
    pages['no-account'] = await (await b.request(await throughProvider(b, 'subject-stranger', 'en'))).text();
    pages['failed'] = await (await b.request('/dpo/oidc/callback?code=x&state=y')).text();
    pages['signed-in'] = await (await b.request('/dpo/oidc/signed-in?lang=nl')).text();
    const out = mkdtempSync(join(tmpdir(), 'dpo-oidc-html-'));
    let report = '';
    try {
      const files = Object.entries(pages).map(([name, html]) => {
        const file = join(out, `${name}.html`);
        writeFileSync(file, html.startsWith('<!DOCTYPE') ? html : `<!DOCTYPE html>${html}`);
        return file;
      });
      execFileSync('java', ['-Xss2m', '-jar', join(ROOT, 'node_modules/vnu-jar/build/dist/vnu.jar'), '--errors-only', '--format', 'json', ...files], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (err) {
      report = (err as { stderr: string }).stderr;
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
    const messages = report ? (JSON.parse(report) as { messages: { type: string; url: string; message: string; lastLine?: number }[] }).messages : [];
    const errors = messages.filter((m) => m.type === 'error').map((m) => `${m.url.replace(/^.*\//, '')}:${m.lastLine ?? ''} ${m.message}`);
    expect(errors, errors.join('\n')).toEqual([]);
    expect(Object.keys(pages)).toHaveLength(4);
  });
});

describe('OpenID Connect sign-in, not configured or unreachable', () => {
  it('is a 404 without OIDC configuration, and the sign-in page offers no provider', async () => {
    const plain = await createTestApp({ PUBLIC_URL });
    try {
      for (const path of ['/dpo/oidc/start', '/dpo/oidc/callback?code=x&state=y', '/dpo/oidc/signed-in']) {
        expect((await plain.app.request(`http://localhost${path}`)).status).toBe(404);
      }
      expect(await (await plain.app.request('http://localhost/dpo/sign-in')).text()).not.toContain('/dpo/oidc/start');
    } finally {
      await plain.close();
    }
  });

  it('answers 503 when the provider is down, and tries discovery again on the next sign-in', async () => {
    const spare = createServer();
    await new Promise<void>((resolve) => spare.listen(0, '127.0.0.1', resolve));
    const port = (spare.address() as AddressInfo).port;
    await new Promise((resolve) => spare.close(resolve));
    const down = await createTestApp({ PUBLIC_URL, OIDC_ISSUER: `http://127.0.0.1:${port}`, OIDC_CLIENT_ID: CLIENT_ID, OIDC_CLIENT_SECRET: CLIENT_SECRET });
    try {
      for (let i = 0; i < 2; i++) {
        const res = await down.app.request('http://localhost/dpo/oidc/start?lang=en');
        expect(res.status).toBe(503);
        expect(await res.text()).toContain('127.0.0.1 does not answer right now');
      }
    } finally {
      await down.close();
    }
  });

  it('shows "Sign in with <provider>" on the sign-in page when configured', async () => {
    const configured = await createTestApp({ PUBLIC_URL, OIDC_ISSUER: 'https://login.vlaanderen.be', OIDC_CLIENT_ID: CLIENT_ID, OIDC_CLIENT_SECRET: CLIENT_SECRET });
    try {
      const html = await (await configured.app.request('http://localhost/dpo/sign-in?lang=en')).text();
      expect(html).toContain('href="/dpo/oidc/start?lang=en"');
      expect(html).toContain('Sign in with login.vlaanderen.be');
    } finally {
      await configured.close();
    }
  });
});

describe('OIDC configuration and accounts', () => {
  const base = { NODE_ENV: 'test', DATA_DIR: '/tmp/unused' };

  it('refuses a partial OIDC configuration, naming the missing variables', () => {
    expect(() => loadConfig({ ...base, OIDC_ISSUER: 'https://login.example.be' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, OIDC_ISSUER: 'https://login.example.be' })).toThrow(/OIDC_CLIENT_ID=""[^\n]*\n\s+OIDC_CLIENT_SECRET=""/);
    expect(() => loadConfig({ ...base, OIDC_CLIENT_ID: 'x', OIDC_CLIENT_SECRET: 'y' })).toThrow(/OIDC_ISSUER=""/);
  });

  it('refuses a plain-http issuer that is not on this machine', () => {
    expect(() => loadConfig({ ...base, OIDC_ISSUER: 'http://login.example.be', OIDC_CLIENT_ID: 'x', OIDC_CLIENT_SECRET: 'y' })).toThrow(/OIDC_ISSUER=.*https:\/\//);
  });

  it('reads a complete OIDC configuration, and none at all', () => {
    expect(loadConfig({ ...base, OIDC_ISSUER: 'https://login.example.be', OIDC_CLIENT_ID: 'x', OIDC_CLIENT_SECRET: 'y' }).oidc).toEqual({ issuer: 'https://login.example.be', clientId: 'x', clientSecret: 'y' });
    expect(loadConfig(base).oidc).toBeUndefined();
  });

  it('add-user --oidc-subject links the account without enrolment link; a subject links one account only', async () => {
    await addOidcUser('els.claes@atlas.test', 'subject-els');
    const [u] = await t.db.select().from(users).where(and(eq(users.email, 'els.claes@atlas.test'), eq(users.oidcSubject, 'subject-els')));
    expect(u).toMatchObject({ passwordHash: null, enrolmentTokenHash: null, totpSecret: null });
    const again = await runDpoCli(['add-user', '--role', 'dpo', '--controller', 'atlas', '--email', 'other@atlas.test', '--name', 'Other', '--oidc-subject', 'subject-els'], { db: t.db, publicUrl: PUBLIC_URL, now: t.clock.now });
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toContain('another account is linked to this OpenID subject');
    const bad = await runDpoCli(['add-user', '--role', 'dpo', '--controller', 'atlas', '--email', 'x@atlas.test', '--name', 'X', '--oidc-subject', 'has space'], { db: t.db, publicUrl: PUBLIC_URL, now: t.clock.now });
    expect(bad.exitCode).toBe(1);
  });
});
