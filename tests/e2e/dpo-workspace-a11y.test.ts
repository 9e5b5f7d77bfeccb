// Every page of the DPO workspace in real Chromium, in Dutch and English, against a seeded real
// server: axe-core finds no WCAG 2.1 AA violation, and at 360 px (400 % zoom of 1440 px) the page
// does not scroll sideways (a wide table scrolls inside its own labelled region). The pages: the
// sign-in and enrolment steps with and without errors, home, the list (filtered, empty, a search
// miss), the overview, the request page in each state, every action page with and without errors,
// the conflict page, registering a request, the audit trails, the accounts (list, adding one with
// and without errors, its enrolment link), 404 and 403. With SCREENSHOT_DIR
// set, the list, a request, an action page and the overview are saved at 1280 and 360 px.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkspaceLang } from '../../api/dpo/dpo-env.ts';
import { checkIdentity } from '../../api/workspace/actions/check-identity.ts';
import { closeRequest, parseCloseInput } from '../../api/workspace/actions/close-request.ts';
import { parseInformationInput, requestInformation } from '../../api/workspace/actions/request-information.ts';
import { parseAnswerInput, sendAnswer } from '../../api/workspace/actions/send-answer.ts';
import { parseTransferInput, transferToController } from '../../api/workspace/actions/transfer-to-controller.ts';
import { findRequestFor, visibleTo, type RequestRow } from '../../api/workspace/request-scope.ts';
import { t } from '../../content/i18n.ts';
import { tw } from '../../content/workspace-i18n.ts';
import { axeViolations } from '../support/axe.ts';
import { launchBrowser } from '../support/browser.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { enrolInBrowser, fileOverHttp, newAccount, nextCode, openServerData, PASSWORD, signedInUser, type DataFolder } from '../support/workspace-browser.ts';

const LANGS: WorkspaceLang[] = ['nl', 'en'];
const SCREENSHOTS = process.env.SCREENSHOT_DIR;
const WIDE = { width: 1280, height: 900 };
const NARROW = { width: 360, height: 740 };

let server: RunningServer;
let browser: Browser;
let data: DataFolder;
type Cookie = Awaited<ReturnType<typeof signedInUser>>['cookie'];
const cookies: Record<'dpo' | 'auditor' | 'atlas', Cookie | null> = { dpo: null, auditor: null, atlas: null };
/** The seeded requests of IN-Gent by what happened to them; `transferred` went to Atlas. */
const refs = { open: '', checked: '', awaiting: '', answered: '', refused: '', transferred: '' };

async function seed(): Promise<void> {
  const dpo = await signedInUser(data.db, server.url, { role: 'dpo', controllerId: 'ingent', displayName: 'Ines Van den Broeck' });
  cookies.dpo = dpo.cookie;
  cookies.auditor = (await signedInUser(data.db, server.url, { role: 'auditor', controllerId: 'ingent', displayName: 'Aster Auditor' })).cookie;
  cookies.atlas = (await signedInUser(data.db, server.url, { role: 'dpo', controllerId: 'atlas', displayName: 'An Peeters' })).cookie;
  for (const key of Object.keys(refs) as (keyof typeof refs)[]) refs[key] = (await fileOverHttp(server.url, { email: `${key}@example.org`, lang: key === 'refused' ? 'nl' : 'uk' })).reference;

  const user = { controllerId: 'ingent', role: 'dpo' } as const;
  const scope = visibleTo(user);
  const deps = () => ({ db: data.db, cipher: data.services.cipher, blobs: data.services.blobs, now: Date.now(), publicUrl: server.url });
  const row = async (reference: string): Promise<RequestRow> => (await findRequestFor(data.db, user, reference))!;
  const must = <T extends { ok: boolean }>(r: T): T => {
    if (!r.ok) throw new Error(`seeding failed: ${JSON.stringify(r)}`);
    return r;
  };
  must(await checkIdentity(deps(), await row(refs.checked), dpo.userId, scope));
  const information = must(parseInformationInput({ kind: 'identity', message: 'Надішліть, будь ласка, копію посвідки на проживання.' }));
  if (information.ok) must(await requestInformation(deps(), await row(refs.awaiting), dpo.userId, information.value, scope));
  const pdf = new File([new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')], 'copy.pdf', { type: 'application/pdf' });
  const answer = must(await parseAnswerInput({ message: 'Ось копія ваших даних.', outcome: 'granted', documents: pdf }));
  if (answer.ok) must(await sendAnswer(deps(), await row(refs.answered), dpo.userId, answer.value, scope));
  const close = must(parseCloseInput({ outcome: 'refused', message: 'Wij bewaren geen andere gegevens over u.' }));
  if (close.ok) must(await closeRequest(deps(), await row(refs.refused), dpo.userId, close.value, scope));
  const transfer = must(parseTransferInput({ to: 'atlas', reason: 'residence', note: '' }, 'ingent'));
  if (transfer.ok) must(await transferToController(deps(), await row(refs.transferred), dpo.userId, transfer.value, scope));
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  data = await openServerData(server.dataDir);
  await seed();
  if (SCREENSHOTS) mkdirSync(SCREENSHOTS, { recursive: true });
});
afterAll(async () => {
  data?.close();
  await browser?.close();
  await server?.stop();
});

/** Every problem found on every page, as one list (so one run reports them all). */
class Checker {
  problems: string[] = [];
  checked: string[] = [];
  constructor(readonly page: Page) {
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) this.problems.push(`CSP on ${page.url()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => this.problems.push(`script error on ${page.url()}: ${e.message}`));
  }

  /** Opens a path and expects its status; then checks the page. */
  async visit(name: string, path: string, status = 200, shot?: string): Promise<void> {
    const res = await this.page.goto(`${server.url}${path}`);
    if (res?.status() !== status) this.problems.push(`${name}: HTTP ${res?.status()} (expected ${status}) at ${path}`);
    await this.check(name, shot);
  }

  /** axe at 1280 px, then the width at 360 px; screenshots at both when asked. */
  async check(name: string, shot?: string): Promise<void> {
    const page = this.page;
    this.checked.push(name);
    for (const v of await axeViolations(page)) this.problems.push(`${name}: ${v}`);
    if (shot && SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, `${shot}-1280.png`), fullPage: true });
    await page.setViewportSize(NARROW);
    const overflow = await page.evaluate(() => {
      const root = document.documentElement;
      if (root.scrollWidth <= window.innerWidth) return null;
      // The widest culprits, to say where the page breaks out (a labelled scroll region is fine).
      const wide = [...document.querySelectorAll('body *')].filter((el) => (el.getBoundingClientRect().right > window.innerWidth + 1 || el.scrollWidth > el.clientWidth + 1) && !el.closest('[role="region"][aria-labelledby], [role="region"][aria-label]'));
      return `${root.scrollWidth} px wide: ${wide.slice(0, 5).map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''}`).join(', ')}`;
    });
    if (overflow) this.problems.push(`${name}: scrolls sideways at 360 px, ${overflow}`);
    if (shot && SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, `${shot}-360.png`), fullPage: true });
    await page.setViewportSize(WIDE);
  }

  /** Sends the page's form as it is now (its last submit button in main), then checks the answer. */
  async submit(name: string, status: number | number[]): Promise<void> {
    const [res] = await Promise.all([this.page.waitForNavigation(), this.page.locator('main form[method="post"] button[type="submit"]').last().click()]);
    const expected = ([] as number[]).concat(status);
    if (!expected.includes(res?.status() ?? 0)) this.problems.push(`${name}: HTTP ${res?.status()} (expected ${expected.join(' or ')})`);
    if (expected.includes(422) && (await this.page.locator('.error-summary').count()) !== 1) this.problems.push(`${name}: no error summary`);
    await this.check(name);
  }
}

async function contextWith(cookie: Cookie | null): Promise<{ context: BrowserContext; checker: Checker }> {
  const context = await browser.newContext({ viewport: WIDE });
  if (cookie) await context.addCookies([cookie]);
  return { context, checker: new Checker(await context.newPage()) };
}

describe('every workspace page is accessible and fits 360 px', () => {
  for (const lang of LANGS) {
    it(`enrolment, recovery codes, sign-in and the code step, with their errors (${lang})`, { timeout: 60_000 }, async () => {
      const email = `enrol-${lang}@in-gent.test`;
      const link = await newAccount(data.db, server.url, { email, role: 'dpo', controllerId: 'ingent' });
      const { context, checker: c } = await contextWith(null);
      const page = c.page;
      await c.visit('enrolment', `${new URL(link).pathname}?lang=${lang}`);
      await page.getByLabel(t(lang, 'dpo.enrol.password')).fill('short');
      await c.submit('enrolment with errors', [422]);
      const secret = await enrolInBrowser(page, server.url, link, lang);
      await c.check('recovery codes');

      await c.visit('sign-in', `/dpo/sign-in?lang=${lang}`);
      await page.getByLabel(t(lang, 'dpo.signIn.email')).fill(email);
      await page.getByLabel(t(lang, 'dpo.signIn.password'), { exact: true }).fill('not the password at all');
      await c.submit('sign-in with errors', 401);
      await page.getByLabel(t(lang, 'dpo.signIn.email')).fill(email);
      await page.getByLabel(t(lang, 'dpo.signIn.password'), { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: t(lang, 'dpo.signIn.submit') }).click();
      await page.getByRole('heading', { level: 1, name: t(lang, 'dpo.code.title') }).waitFor();
      await c.check('code step');
      await page.getByLabel(t(lang, 'dpo.code.label')).fill('000000');
      await c.submit('code step with errors', 401);
      await page.getByLabel(t(lang, 'dpo.code.label')).fill(nextCode(secret));
      await page.getByRole('button', { name: t(lang, 'dpo.code.submit') }).click();
      await page.getByRole('heading', { level: 1, name: t(lang, 'dpo.home.title') }).waitFor();
      await c.check('home after sign-in');
      await context.close();
      expect(c.problems).toEqual([]);
    });

    it(`every signed-in page (${lang})`, { timeout: 120_000 }, async () => {
      const { context, checker: c } = await contextWith(cookies.dpo);
      const page = c.page;
      const q = `lang=${lang}`;
      await c.visit('home', `/dpo/?${q}`);
      await c.visit('list', `/dpo/requests?${q}`, 200, `${lang}-list`);
      await c.visit('list, all states, filtered', `/dpo/requests?${q}&state=all&right=access&statement=crt&confirmed=no`);
      await c.visit('list, empty', `/dpo/requests?${q}&state=withdrawn`);
      await c.visit('list, search miss', `/dpo/requests?${q}&q=PR-0000-0000-0`);
      await c.visit('overview', `/dpo/overview?${q}`, 200, `${lang}-overview`);
      await c.visit('overview, export with errors', `/dpo/overview.csv?${q}&from=2026-02-31&to=yesterday`, 422);

      await c.visit('request, open, with ID copy', `/dpo/requests/${refs.open}?${q}`, 200, `${lang}-request`);
      await c.visit('request, identity checked', `/dpo/requests/${refs.checked}?${q}`);
      await c.visit('request, awaiting information', `/dpo/requests/${refs.awaiting}?${q}`);
      await c.visit('request, answered', `/dpo/requests/${refs.answered}?${q}`);
      await c.visit('request, closed as refused', `/dpo/requests/${refs.refused}?${q}`);

      for (const action of ['identity', 'information', 'extend', 'transfer', 'answer', 'close'] as const) {
        await c.visit(`action ${action}`, `/dpo/requests/${refs.open}/${action}?${q}`, 200, action === 'extend' ? `${lang}-action-extend` : undefined);
        if (action !== 'identity') await c.submit(`action ${action} with errors`, 422);
      }
      await c.visit('action information-received', `/dpo/requests/${refs.awaiting}/information-received?${q}`);
      await c.visit('action not possible now (409)', `/dpo/requests/${refs.checked}/identity?${q}`, 409);

      await c.visit('register', `/dpo/register?${q}`);
      await c.submit('register with errors', 422);
      await page.getByLabel(tw(lang, 'actions.register.channel.post')).check();
      await page.getByLabel(tw(lang, 'actions.register.receivedDate')).fill(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date()));
      await page.getByLabel(t(lang, 'statement.crt.title')).check();
      await page.getByLabel(t(lang, 'right.access.name')).check();
      await page.getByLabel(tw(lang, 'actions.register.firstName')).fill('Mariam');
      await page.getByLabel(tw(lang, 'actions.register.lastName')).fill('Haddad');
      await page.getByLabel(tw(lang, 'actions.register.lang')).selectOption('nl');
      await c.submit('request registered', 201);

      await c.visit('confirm it is you (asked before an ID copy after 15 minutes)', `/dpo/confirm?${q}&next=${encodeURIComponent(`/dpo/requests/${refs.open}?${q}`)}`, 200, `confirm-${lang}`);
      await c.visit('users', `/dpo/users?${q}`);
      await c.visit('add a user', `/dpo/users/new?${q}`);
      await c.submit('add a user with errors', 422);
      await page.getByLabel(tw(lang, 'users.new.email'), { exact: true }).fill(`new-${lang}@in-gent.test`);
      await page.getByLabel(tw(lang, 'users.new.name'), { exact: true }).fill(`Nora Nieuwenhuys (${lang})`);
      await page.getByLabel(t(lang, 'dpo.role.handler'), { exact: true }).check();
      await c.submit('enrolment link of a new user', 200);
      // Disabling asks first; a disabled account can be enabled again, with a new link.
      await c.visit('users, with the new one', `/dpo/users?${q}`);
      const disable = await page.getByRole('link', { name: `${tw(lang, 'users.disable')} Nora Nieuwenhuys (${lang})` }).getAttribute('href');
      await c.visit('disable: asked first', disable!, 200, `disable-ask-${lang}`);
      await c.submit('disabled', 200);
      await c.visit('disable a disabled account (409)', disable!, 409);
      await c.visit('users, the new one disabled', `/dpo/users?${q}`, 200, `users-disabled-${lang}`);
      const [enabled] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: `${tw(lang, 'users.enable')} Nora Nieuwenhuys (${lang})` }).click()]);
      expect(enabled?.status()).toBe(200);
      await c.check('enabled again, with a new link');

      await c.visit('audit of a request', `/dpo/requests/${refs.answered}/audit?${q}`);
      await c.visit('audit of the controller', `/dpo/audit?${q}`);
      await c.visit('audit of the controller, filtered', `/dpo/audit?${q}&type=identity_checked`);
      await c.visit('audit with errors', `/dpo/audit?${q}&type=nonsense`, 422);
      await c.visit('404, another controller\'s request', `/dpo/requests/${refs.transferred}?${q}`, 404);
      await context.close();

      const atlas = await contextWith(cookies.atlas);
      await atlas.checker.visit('request, transferred in', `/dpo/requests/${refs.transferred}?${q}`);
      await context.close();
      await atlas.context.close();

      const auditor = await contextWith(cookies.auditor);
      await auditor.checker.visit('request, as auditor', `/dpo/requests/${refs.open}?${q}`);
      await auditor.checker.visit('403, auditor on an action', `/dpo/requests/${refs.open}/identity?${q}`, 403);
      await auditor.context.close();

      expect([...c.problems, ...atlas.checker.problems, ...auditor.checker.problems]).toEqual([]);
      expect(c.checked.length + atlas.checker.checked.length + auditor.checker.checked.length).toBe(47);
    });
  }
});
