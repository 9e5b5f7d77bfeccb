// OpenID Connect sign-in in real Chromium against the real server and a real OpenID provider
// (oidc-provider, its development login and consent pages filled in like a person would).
//
// The portal runs on http://localhost:PORT and the provider on http://127.0.0.1:PORT: two
// different sites, as in production, so the SameSite=Strict session cookie set by the callback
// (reached through a redirect chain that began on the provider's site) is really held back on
// that chain, and the landing page's refresh has to bring it back. With both on 127.0.0.1 the
// ports would not matter (a site ignores the port) and the test would prove nothing about that.
// Both hosts are potentially trustworthy for Chromium, so the __Host-, Secure cookies are kept
// on plain http.
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../api/dpo/add-user.ts';
import { SESSION_COOKIE } from '../../api/dpo/session-policy.ts';
import { openDatabase } from '../../db/client.ts';
import { axeViolations } from '../support/axe.ts';
import { launchBrowser } from '../support/browser.ts';
import { OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, startOidcProvider, type RunningOidcProvider } from '../support/oidc-provider.ts';
import { startServer, type RunningServer } from '../support/server.ts';

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as { port: number };
  await new Promise((resolve) => s.close(resolve));
  return port;
}

let portal: string;
let op: RunningOidcProvider;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  const port = await freePort();
  portal = `http://localhost:${port}`;
  op = await startOidcProvider({ redirectUris: [`${portal}/dpo/oidc/callback`] });
  [server, browser] = await Promise.all([
    startServer({ PORT: String(port), PUBLIC_URL: portal, OIDC_ISSUER: op.issuer, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET }),
    launchBrowser(),
  ]);
  const db = await openDatabase({ url: `file:${join(server.dataDir, 'portal.db')}` });
  try {
    await addUser(db, { email: 'els.claes@atlas.test', displayName: 'Els Claes', role: 'dpo', controllerId: 'atlas', oidcSubject: 'subject-els', publicUrl: portal, now: Date.now() });
  } finally {
    db.$client.close();
  }
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await op?.close();
});

interface Visit {
  context: BrowserContext;
  page: Page;
  /** Console errors and page errors of the portal's own pages (CSP refusals among them). */
  errors: string[];
  /** Every page (document) the browser asked the portal for, with whether it sent the session cookie. */
  documents: { path: string; session: boolean }[];
}

async function visit(): Promise<Visit> {
  const context = await browser.newContext({ locale: 'nl-BE' });
  const page = await context.newPage();
  const v: Visit = { context, page, errors: [], documents: [] };
  page.on('console', (m) => {
    const url = m.location().url;
    // Chromium asks for /favicon.ico by itself; the workspace has none (404), which is no page's fault.
    if (!url.startsWith(portal) || url === `${portal}/favicon.ico`) return;
    if (m.type() === 'error' || /Content Security Policy|Refused to/i.test(m.text())) v.errors.push(`${url}: ${m.text()}`);
  });
  page.on('pageerror', (e) => {
    if (page.url().startsWith(portal)) v.errors.push(`${page.url()}: ${e.message}`);
  });
  page.on('request', async (r) => {
    if (r.resourceType() !== 'document' || !r.url().startsWith(portal)) return;
    const entry = { path: r.url().slice(portal.length), session: false };
    v.documents.push(entry);
    entry.session = ((await r.allHeaders()).cookie ?? '').includes(`${SESSION_COOKIE}=`);
  });
  return v;
}

/** From the sign-in page through the provider's login and consent pages, as `subject`. */
async function signInAtProvider(page: Page, subject: string): Promise<void> {
  await page.goto(`${portal}/dpo/sign-in?lang=nl`);
  await page.getByRole('link', { name: /^Aanmelden met 127\.0\.0\.1/ }).click();
  await page.waitForURL((u) => u.href.startsWith(op.issuer));
  await page.locator('input[name="login"]').fill(subject);
  await page.locator('input[name="password"]').fill('anything');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  const consent = page.getByRole('button', { name: 'Continue' });
  await Promise.race([consent.waitFor(), page.waitForURL((u) => u.href.startsWith(portal))]);
  if (page.url().startsWith(op.issuer)) await consent.click();
}

describe('OpenID Connect sign-in in real Chromium', () => {
  it('signs a linked account in: landing page, refresh to the workspace with the session, requests open', async () => {
    const v = await visit();
    const { page } = v;
    await signInAtProvider(page, 'subject-els');
    await page.waitForURL(`${portal}/dpo/?lang=nl`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Werkruimte');
    await expect(page.locator('main').textContent()).resolves.toContain('U bent aangemeld als Els Claes.');

    // The chain as the browser walked it: the callback and the landing page came on the
    // provider's redirect chain, so the new Strict cookie was held back from the landing page;
    // the landing page's refresh is same-site and carries it.
    const paths = v.documents.map((d) => d.path.replace(/\?code=.*$/, '?code=…'));
    expect(paths).toEqual(['/dpo/sign-in?lang=nl', '/dpo/oidc/start?lang=nl', '/dpo/oidc/callback?code=…', '/dpo/oidc/signed-in?lang=nl', '/dpo/?lang=nl']);
    expect(v.documents.find((d) => d.path.startsWith('/dpo/oidc/signed-in'))!.session).toBe(false);
    expect(v.documents.at(-1)!.session).toBe(true);
    expect((await v.context.cookies(portal)).find((c) => c.name === SESSION_COOKIE)).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict', path: '/' });

    await page.getByRole('link', { name: 'Verzoeken' }).first().click();
    await page.waitForURL((u) => u.pathname === '/dpo/requests');
    await expect(page.locator('h1').textContent()).resolves.toBe('Verzoeken');
    expect(v.errors).toEqual([]);
    await v.context.close();
  });

  it('shows the landing page with a working link, accessible, when the refresh does not happen', async () => {
    const v = await visit();
    const { page } = v;
    // The same landing page without its Refresh header: what a browser that ignores it shows.
    // Through the DevTools protocol: page.route does not see a request reached by a redirect.
    const cdp = await v.context.newCDPSession(page);
    let refresh: string | undefined;
    cdp.on('Fetch.requestPaused', async (e: { requestId: string; responseStatusCode?: number; responseHeaders?: { name: string; value: string }[] }) => {
      const headers = e.responseHeaders ?? [];
      refresh = headers.find((h) => h.name.toLowerCase() === 'refresh')?.value;
      const { body, base64Encoded } = await cdp.send('Fetch.getResponseBody', { requestId: e.requestId });
      await cdp.send('Fetch.fulfillRequest', {
        requestId: e.requestId,
        responseCode: e.responseStatusCode ?? 200,
        responseHeaders: headers.filter((h) => h.name.toLowerCase() !== 'refresh'),
        body: base64Encoded ? body : Buffer.from(body).toString('base64'),
      });
    });
    await cdp.send('Fetch.enable', { patterns: [{ urlPattern: '*/dpo/oidc/signed-in*', requestStage: 'Response' }] });
    await signInAtProvider(page, 'subject-els');
    await page.waitForURL(`${portal}/dpo/oidc/signed-in?lang=nl`);
    await expect(page.locator('h1').textContent()).resolves.toBe('U bent aangemeld');
    expect(refresh).toBe('0; url=/dpo/?lang=nl');
    expect(await axeViolations(page), 'landing page').toEqual([]);
    await cdp.send('Fetch.disable');
    await page.getByRole('link', { name: 'Verder naar de werkruimte' }).click();
    await page.waitForURL(`${portal}/dpo/?lang=nl`);
    await expect(page.locator('main').textContent()).resolves.toContain('U bent aangemeld als Els Claes.');
    expect(v.documents.slice(-2)).toEqual([
      { path: '/dpo/oidc/signed-in?lang=nl', session: false },
      { path: '/dpo/?lang=nl', session: true },
    ]);
    expect(v.errors).toEqual([]);
    await v.context.close();
  });

  it('ends an unlinked subject on the 403 page, accessible, without a session', async () => {
    const v = await visit();
    const { page } = v;
    let status = 0;
    page.on('response', (r) => {
      if (r.url().startsWith(`${portal}/dpo/oidc/callback`)) status = r.status();
    });
    await signInAtProvider(page, 'subject-stranger');
    await page.waitForURL((u) => u.href.startsWith(`${portal}/dpo/oidc/callback`));
    await expect(page.locator('h1').textContent()).resolves.toBe('Geen werkruimte-account');
    expect(status).toBe(403);
    expect(await axeViolations(page), '403 page').toEqual([]);
    expect((await v.context.cookies(portal)).map((c) => c.name)).not.toContain(SESSION_COOKIE);
    await page.getByRole('link', { name: 'Opnieuw aanmelden' }).click();
    await page.waitForURL(`${portal}/dpo/sign-in?lang=nl`);
    await page.goto(`${portal}/dpo/`);
    expect(new URL(page.url()).pathname).toBe('/dpo/sign-in');
    // Chromium logs a page answered with 4xx as a console error: that one is expected here.
    expect(v.errors.filter((e) => !/\/dpo\/oidc\/callback\?.*status of 403 \(Forbidden\)$/.test(e))).toEqual([]);
    expect(v.errors).toHaveLength(1);
    await v.context.close();
  });
});
