// The DPO workspace in real Chromium against the real server: enrol through the one-time link,
// sign in with password and TOTP, sign out; axe-core finds no WCAG 2.1 AA violation on any page,
// and no page breaks the CSP.
import { join } from 'node:path';
import { TOTP } from 'otpauth';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../api/dpo/add-user.ts';
import { openDatabase } from '../../db/client.ts';
import { axeViolations } from '../support/axe.ts';
import { launchBrowser } from '../support/browser.ts';
import { startServer, type RunningServer } from '../support/server.ts';

const PASSWORD = 'a long pass phrase for the test';

let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});



const code = (secret: string, at: number) => new TOTP({ secret, algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: at });

describe('DPO workspace in real Chromium', () => {
  it('enrols, signs in with password and TOTP, and signs out, every page accessible', async () => {
    const db = await openDatabase({ url: `file:${join(server.dataDir, 'portal.db')}` });
    const { link } = await addUser(db, { email: 'dpo@atlas.test', displayName: 'An Peeters', role: 'dpo', controllerId: 'atlas', publicUrl: server.url, now: Date.now() });
    db.$client.close();

    const context = await browser.newContext({ locale: 'nl-BE' });
    const page = await context.newPage();
    const cspErrors: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) cspErrors.push(m.text());
    });
    const check = async (name: string) => {
      expect(await axeViolations(page), name).toEqual([]);
    };

    await page.goto(new URL(link).pathname.replace(/^/, server.url));
    await expect(page.locator('h1').textContent()).resolves.toBe('Uw account instellen');
    expect(await page.locator('img.qr').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await check('enrolment page');
    // A wrong attempt first: the GOV.UK-style error page must be accessible too.
    await page.getByLabel('Kies een wachtwoord').fill('short');
    await page.getByRole('button', { name: 'Account instellen' }).click();
    await page.locator('.error-summary').waitFor({ timeout: 5000 }).catch(async (e: unknown) => {
      throw new Error(`${String(e)}\n${await page.content()}`);
    });
    await check('enrolment page with errors');
    const secret = (await page.locator('#totp-secret').textContent())!;
    await page.getByLabel('Kies een wachtwoord').fill(PASSWORD);
    await page.getByLabel('Typ het wachtwoord opnieuw').fill(PASSWORD);
    await page.getByLabel('Code uit uw authenticator-app').fill(code(secret, Date.now()));
    await page.getByRole('button', { name: 'Account instellen' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Uw herstelcodes');
    expect(await page.locator('#recovery-codes li').count()).toBe(10);
    await check('recovery codes page');

    await page.getByRole('link', { name: 'Naar aanmelden' }).click();
    await check('sign-in page');
    await page.getByLabel('E-mailadres').fill('dpo@atlas.test');
    await page.getByLabel('Wachtwoord').fill(PASSWORD);
    await page.getByRole('button', { name: 'Doorgaan' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Bevestig met uw code');
    await check('code page');
    // The enrolment used this step's code; the next step's is inside the ±1 window.
    await page.getByLabel('Code uit uw authenticator-app of een herstelcode').fill(code(secret, Date.now() + 30_000));
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Werkruimte');
    await expect(page.locator('main').textContent()).resolves.toContain('U bent aangemeld als An Peeters.');
    await check('home page');
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === '__Host-dpo_session')).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict', path: '/' });

    await page.getByRole('link', { name: 'English' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Workspace');
    await check('home page in English');
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(page.locator('.notice').textContent()).resolves.toBe('You are signed out.');
    await page.goto(`${server.url}/dpo/`);
    expect(new URL(page.url()).pathname).toBe('/dpo/sign-in');
    expect(cspErrors).toEqual([]);
    await context.close();
  });
});
