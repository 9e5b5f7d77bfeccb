/**
 * Helpers for the workspace's browser tests against the real server: a request filed through the
 * real intake API, accounts made with addUser and enrolled or signed in through the real pages in
 * Chromium (TOTP codes computed here, never reusing a time step), a signed-in session made
 * directly (a cookie for a browser context) for pages where signing in is not the point, and the
 * server's data folder opened with its own keys.
 *
 * @example
 *   const { reference } = await fileOverHttp(server.url, { email: 'olena@example.org' });
 *   const link = await newAccount(folder.db, server.url, { email: 'dpo@in-gent.test', role: 'dpo', controllerId: 'ingent' });
 *   const secret = await enrolInBrowser(page, server.url, link);
 *   await signInInBrowser(page, server.url, 'dpo@in-gent.test', secret);
 */
import { randomUUID } from 'node:crypto';
import { TOTP } from 'otpauth';
import type { BrowserContext, Page } from 'playwright-core';
import { loadConfig } from '../../api/config.ts';
import type { WorkspaceLang } from '../../api/dpo/dpo-env.ts';
import { addUser } from '../../api/dpo/add-user.ts';
import type { Role } from '../../api/dpo/roles.ts';
import { SESSION_COOKIE } from '../../api/dpo/session-policy.ts';
import { createSession } from '../../api/dpo/sessions.ts';
import { createServices, type Services } from '../../api/services.ts';
import { t } from '../../content/i18n.ts';
import { openDatabase, type Db } from '../../db/client.ts';
import { users } from '../../db/schema.ts';
import { syntheticIdCard, toFormData, validFields, type FormFields } from './request-form.ts';

type Cookie = Parameters<BrowserContext['addCookies']>[0][number];

export const PASSWORD = 'a long pass phrase for the browser test';

type ControllerId = 'agii' | 'atlas' | 'huis' | 'ingent';

export interface DataFolder {
  db: Db;
  services: Services;
  close(): void;
}

/** The running server's database and keys, as the server itself opens them. */
export async function openServerData(dataDir: string): Promise<DataFolder> {
  const db = await openDatabase({ url: `file:${dataDir}/portal.db` });
  const services = await createServices(loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir }));
  return { db, services, close: () => db.$client.close() };
}

/** Today in Brussels: the intake wants the date of signing to be the server's today. */
export function brusselsToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date());
}

/** Files a valid request (CRT, postcode 9000: IN-Gent, in Ukrainian) with the ID copy through POST /api/requests. */
export async function fileOverHttp(url: string, over: FormFields = {}): Promise<{ reference: string; statusToken: string }> {
  const form = toFormData(validFields({ idempotencyKey: `e2e-${randomUUID()}`, ...over }, brusselsToday()), { idCopy: await syntheticIdCard() });
  const res = await fetch(`${url}/api/requests`, { method: 'POST', body: form, headers: { accept: 'application/json' } });
  const body = (await res.json()) as { reference?: string; statusToken?: string; statusUrl?: string };
  if (res.status !== 201 || !body.reference) throw new Error(`intake answered ${res.status}: ${JSON.stringify(body)}`);
  return { reference: body.reference, statusToken: body.statusToken ?? '' };
}

/** A new account's one-time enrolment link (the same call as the admin CLI's add-user). */
export async function newAccount(db: Db, publicUrl: string, o: { email: string; role: Role; controllerId: ControllerId; displayName?: string }): Promise<string> {
  const { link } = await addUser(db, { email: o.email, displayName: o.displayName ?? `Test ${o.role} ${o.controllerId}`, role: o.role, controllerId: o.controllerId, publicUrl, now: Date.now() });
  return link;
}

/** The last TOTP step each secret used: the server refuses a step twice. */
const usedSteps = new Map<string, number>();

/** A fresh code for this secret: the current step, or the next (the server accepts ±1 step). */
export function nextCode(secret: string): string {
  const now = Math.floor(Date.now() / 30_000);
  const step = Math.max(now, (usedSteps.get(secret) ?? -1) + 1);
  if (step > now + 1) throw new Error('two sign-ins with the same secret within one TOTP step');
  usedSteps.set(secret, step);
  return new TOTP({ secret, algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: step * 30_000 });
}

/** Enrols through the link's page in `lang`; returns the TOTP secret, leaves the recovery codes page open. */
export async function enrolInBrowser(page: Page, serverUrl: string, link: string, lang: WorkspaceLang = 'en'): Promise<string> {
  await page.goto(`${serverUrl}${new URL(link).pathname}?lang=${lang}`);
  const secret = (await page.locator('#totp-secret').textContent())!.trim();
  await page.getByLabel(t(lang, 'dpo.enrol.password')).fill(PASSWORD);
  await page.getByLabel(t(lang, 'dpo.enrol.passwordAgain')).fill(PASSWORD);
  await page.getByLabel(t(lang, 'dpo.enrol.code'), { exact: true }).fill(nextCode(secret));
  await page.getByRole('button', { name: t(lang, 'dpo.enrol.submit') }).click();
  await page.getByRole('heading', { level: 1, name: t(lang, 'dpo.recovery.title') }).waitFor();
  return secret;
}

/** Signs in with password and TOTP through the real pages in `lang`; ends on the workspace home. */
export async function signInInBrowser(page: Page, serverUrl: string, email: string, secret: string, lang: WorkspaceLang = 'en'): Promise<void> {
  await page.goto(`${serverUrl}/dpo/sign-in?lang=${lang}`);
  await page.getByLabel(t(lang, 'dpo.signIn.email')).fill(email);
  await page.getByLabel(t(lang, 'dpo.signIn.password'), { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: t(lang, 'dpo.signIn.submit') }).click();
  await page.getByRole('heading', { level: 1, name: t(lang, 'dpo.code.title') }).waitFor();
  await page.getByLabel(t(lang, 'dpo.code.label')).fill(nextCode(secret));
  await page.getByRole('button', { name: t(lang, 'dpo.code.submit') }).click();
  await page.getByRole('heading', { level: 1, name: t(lang, 'dpo.home.title') }).waitFor();
}

/** An account with a session that passed the second factor: its id, and the cookie to give a browser context. */
export async function signedInUser(db: Db, serverUrl: string, o: { role: Role; controllerId: ControllerId; displayName?: string }): Promise<{ userId: string; cookie: Cookie }> {
  const userId = randomUUID();
  await db.insert(users).values({ id: userId, email: `${userId}@example.org`, displayName: o.displayName ?? `Test ${o.role}`, controllerId: o.controllerId, role: o.role, createdAt: new Date() });
  const token = await createSession(db, { userId, now: Date.now(), mfa: true });
  // Domain and path rather than url: Chromium refuses a __Host- cookie given with an http:// url
  // over the DevTools protocol, but takes it for 127.0.0.1 (a secure context) this way.
  return { userId, cookie: { name: SESSION_COOKIE, value: token, domain: new URL(serverUrl).hostname, path: '/', httpOnly: true, secure: true, sameSite: 'Strict' } };
}
