// The requester's status page in real Chromium against the real server, after the DPO acted:
// in Ukrainian at 360 px, it says what the organisation waits for (with its message, shown as
// text, never as markup), then after a refusal shows the answer with its reasons, where to
// complain and the answer document as a download link that gives the exact bytes (fresh links
// fetched first when the page stayed open past their expiry). axe finds no
// WCAG 2.1 AA violation, the page does not scroll sideways, and nothing breaks the CSP.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../content/i18n.ts';
import { loadConfig } from '../../api/config.ts';
import type { CreatedRequest } from '../../api/intake/create-request.ts';
import { createServices, type Services } from '../../api/services.ts';
import { openDatabase, type Db } from '../../db/client.ts';
import { requests } from '../../db/schema.ts';
import { brusselsToday } from '../../site/scripts/shared/dates.ts';
import { axeViolations } from '../support/axe.ts';
import { launchBrowser, watchedContext as watchedContextOf } from '../support/browser.ts';
import { addAnswerFile, addRequesterEvent } from '../support/dpo-writes.ts';
import { syntheticIdCard, toFormData, validFields } from '../support/request-form.ts';
import { startServer, type RunningServer } from '../support/server.ts';

// Markup in a message must reach the page as text.
const ASKED = 'Надішліть, будь ласка, лист від 3 березня. <img src=x alt="не картинка">';
const REFUSAL = 'Ці дані стосуються іншої особи, тому ми не можемо їх надати.';
const ANSWER = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7) % 256)), Buffer.from('\n%%EOF\n')]);
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

let server: RunningServer;
let browser: Browser;
let db: Db;
/** The server's own keys (from its DATA_DIR): the test encrypts what the workspace would store. */
let services: Services;
let created: CreatedRequest;
let requestId: string;
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  db = await openDatabase({ url: `file:${server.dataDir}/portal.db` });
  services = await createServices(loadConfig({ NODE_ENV: 'test', DATA_DIR: server.dataDir }));
  // File a request through the real intake, as the form does.
  const res = await fetch(`${server.url}/api/requests`, { method: 'POST', body: toFormData(validFields({ lang: 'uk' }, brusselsToday()), { idCopy: await syntheticIdCard() }) });
  created = (await res.json()) as CreatedRequest;
  expect(res.status).toBe(201);
  requestId = (await db.select().from(requests).where(eq(requests.reference, created.reference)).get())!.id;
});
afterAll(async () => {
  db?.$client.close();
  await browser?.close();
  await server?.stop();
});

const watchedContext = () => watchedContextOf(browser, { viewport: { width: 360, height: 780 }, acceptDownloads: true, locale: 'uk-UA' });

async function openStatus(page: Page): Promise<void> {
  await page.goto(`${server.url}/uk/status/#${created.statusToken}`);
  await page.waitForSelector('#status-view:not([hidden])');
}

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('the status page after the DPO acted (uk, 360 px)', () => {
  it('says what is awaited with the message as text, and how to answer', async () => {
    const now = Date.now();
    await addRequesterEvent(db, services.cipher, requestId, 'identity_checked', { result: 'confirmed' }, now);
    await addRequesterEvent(db, services.cipher, requestId, 'information_requested', { kind: 'clarification', suspends: true }, now + 1, ASKED);
    await db.update(requests).set({ state: 'awaiting_information' }).where(eq(requests.id, requestId));

    const { context, problems } = await watchedContext();
    const page = await context.newPage();
    await openStatus(page);
    expect(await page.textContent('#status-view [data-slot="state"]')).toBe(t('uk', 'status.state.awaiting_information'));
    expect(await page.isVisible('#awaiting-section')).toBe(true);
    const awaiting = (await page.textContent('#awaiting-section'))!;
    expect(awaiting).toContain(ASKED);
    expect(awaiting).toContain(t('uk', 'status.awaiting.how'));
    expect(await page.locator('#status-view img').count()).toBe(0);
    expect(await page.textContent('.timeline')).toContain(t('uk', 'status.event.identity_checked'));
    // Adding a document stays possible: it is the answer.
    expect(await page.isVisible('#document-section')).toBe(true);
    expect(await page.isVisible('#answers-section')).toBe(false);
    expect(await page.isVisible('#complaint-section')).toBe(false);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/status-awaiting-uk-360.png`, fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('after a refusal: the reasons, where to complain, and the answer document downloads with its exact bytes', async () => {
    const now = Date.now();
    await addRequesterEvent(db, services.cipher, requestId, 'information_received', { suspendedDays: 0, legalDeadline: (await db.select().from(requests).where(eq(requests.id, requestId)).get())!.legalDeadline }, now);
    const fileId = await addAnswerFile(db, services.blobs, requestId, ANSWER, 'application/pdf', now + 1);
    await addRequesterEvent(db, services.cipher, requestId, 'answered', { outcome: 'refused', fileIds: [fileId] }, now + 2, REFUSAL);
    await addRequesterEvent(db, services.cipher, requestId, 'closed', { outcome: 'refused' }, now + 3);
    await db.update(requests).set({ state: 'closed', closedAt: new Date(now + 3) }).where(eq(requests.id, requestId));

    const { context, problems } = await watchedContext();
    const page = await context.newPage();
    await openStatus(page);
    expect(await page.textContent('#status-view [data-slot="state"]')).toBe(t('uk', 'status.state.closed'));
    expect(await page.isVisible('#awaiting-section')).toBe(false);
    expect(await page.isVisible('#document-section')).toBe(false);
    const timeline = (await page.textContent('.timeline'))!;
    expect(timeline).toContain(t('uk', 'status.event.answered.refused'));
    expect(timeline).toContain(REFUSAL);
    expect(timeline).toContain(t('uk', 'status.event.closed.refused'));

    // Where to complain, and the court.
    const complaint = (await page.textContent('#complaint-section'))!;
    expect(complaint).toContain('Gegevensbeschermingsautoriteit (GBA)');
    expect(complaint).toContain('Drukpersstraat 35, 1000 Brussel');
    expect(complaint).toContain('Vlaamse Toezichtcommissie (VTC)');
    expect(complaint).toContain(t('uk', 'status.complaint.court'));
    expect(await page.getAttribute('#complaint-section a[href^="mailto:"]', 'href')).toBe('mailto:contact@apd-gba.be');
    expect(await page.getAttribute('#complaint-section a[href^="https:"]', 'href')).toBe('https://overheid.vlaanderen.be/klachtenprocedure');

    // The answer document: a link that says when it stops working, without the token in it.
    const link = page.locator('#answers-section a');
    expect(await link.count()).toBe(1);
    const href = (await link.getAttribute('href'))!;
    expect(href).toMatch(new RegExp(`^/api/requests/answers/${fileId}\\?expires=\\d+&sig=`));
    expect(href).not.toContain(created.statusToken);
    expect(await page.textContent('#answers-section [data-slot="answers-expiry"]')).toMatch(/15 хвилин/);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(`answer-${created.reference}-1.pdf`);
    expect(sha256(readFileSync((await download.path())!))).toBe(sha256(ANSWER));

    // Left open past the expiry (the page's clock moved on): a click fetches fresh links first.
    await page.evaluate(() => {
      const real = Date.now;
      Date.now = () => real() + 16 * 60_000;
    });
    const statusLoads = [] as string[];
    page.on('request', (r) => {
      if (r.url().includes('/api/requests/status?')) statusLoads.push(r.url());
    });
    const [again] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(statusLoads).toHaveLength(1);
    expect(await link.getAttribute('href')).not.toBe(href);
    expect(sha256(readFileSync((await again.path())!))).toBe(sha256(ANSWER));

    expect(await overflow(page)).toBeLessThanOrEqual(0);
    // SCREENSHOT_DIR=/tmp keeps a picture of the page for a person to look at.
    if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/status-answers-uk-360.png`, fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
