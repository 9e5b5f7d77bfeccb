// The citizen's request form in real Chromium against the real server. Without JavaScript: the
// plain multipart form with a typed signature files a request and the API answers with an HTML
// page in the requester's language (reference, status link, receipt download), or with every
// problem listed. With JavaScript: problems in a focused summary with links, nothing typed lost;
// and the whole flow in every language with a drawn signature and the redacted ID copy.
import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate, t } from '../../content/i18n.ts';
import { LANGS, type Lang } from '../../content/schema.ts';
import { loadConfig } from '../../api/config.ts';
import { createServices, type Services } from '../../api/services.ts';
import { openDatabase, type Db } from '../../db/client.ts';
import { requestFiles, requests } from '../../db/schema.ts';
import { brusselsToday } from '../../site/scripts/shared/dates.ts';
import { axeViolations } from '../support/axe.ts';
import { bytesBehindSrc, containsImageBytes, keepObjectUrls, multipartParts, recordRequests, regionDifference, regionStats, sha256, tabTo, waitForMailTo } from '../support/browser-evidence.ts';
import { launchBrowser, watchedContext as watchedContextOf } from '../support/browser.ts';
import { syntheticIdCard } from '../support/request-form.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { startTestSmtp, type TestSmtp } from '../support/smtp.ts';


let server: RunningServer;
let browser: Browser;
let card: Buffer;
let db: Db;
let smtp: TestSmtp;
/** The server's own keys (from its DATA_DIR): the test decrypts what the server stored. */
let services: Services;
beforeAll(async () => {
  smtp = await startTestSmtp();
  [server, browser, card] = await Promise.all([startServer({ SMTP_URL: smtp.url }), launchBrowser(), syntheticIdCard()]);
  db = await openDatabase({ url: `file:${server.dataDir}/portal.db` });
  services = await createServices(loadConfig({ NODE_ENV: 'test', DATA_DIR: server.dataDir }));
});
afterAll(async () => {
  db?.$client.close();
  await browser?.close();
  await server?.stop();
  await smtp?.down();
});

/** Everything a person fills in by hand: the same without and with JavaScript. */
async function fillTypedFields(page: Page, lang: Lang): Promise<void> {
  await page.check('#f-statement-crt');
  await page.check('#f-rights');
  await page.fill('#f-explanation-access', 'Ik wil een kopie van alles wat u over mij bewaart.');
  await page.check('#f-rights-rectification');
  await page.fill('#f-rectification-wrong', 'Mijn geboortedatum staat er als 1985-03-07.');
  await page.fill('#f-rectification-right', 'Mijn geboortedatum is 1985-07-30.');
  await page.fill('#f-firstName', 'Olena');
  await page.fill('#f-lastName', 'Kovalenko');
  await page.fill('#f-dateOfBirth', '1985-07-30');
  await page.check('#f-actingAs');
  await page.fill('#f-email', `olena.${lang}@example.org`);
  await page.fill('#f-postcode', '9000');
  await page.fill('#f-city', 'Gent');
  await page.check('#f-signatureConsent');
  await page.fill('#f-signedPlace', 'Gent');
  await page.fill('#f-signedDate', brusselsToday());
  await page.check('#f-declaration');
}


/** Keeps a copy of the form the page sends with fetch (files as base64) in window.sentForm. */
async function recordSentForm(page: Page): Promise<void> {
  await page.evaluate(() => {
    const original = window.fetch;
    const base64 = (b: Blob) => new Promise<string>((resolve) => {
      const r = new FileReader();
      r.onload = () => resolve(String(r.result).split(',')[1] ?? '');
      r.readAsDataURL(b);
    });
    window.fetch = async (input, init) => {
      if (init?.body instanceof FormData) {
        const out: Record<string, unknown> = {};
        for (const [k, v] of init.body.entries()) out[k] = typeof v === 'string' ? v : { type: v.type, b64: await base64(v) };
        (window as unknown as { sentForm: unknown }).sentForm = out;
      }
      return original(input, init);
    };
  });
}

/** A context of this file's browser that records console errors (CSP violations among them). */
const watchedContext = (options: Parameters<Browser['newContext']>[0] = {}) => watchedContextOf(browser, options);

describe('the request form without JavaScript', () => {
  for (const lang of ['nl', 'uk'] as const) {
    it(`files a request in ${lang} and answers with a page in ${lang}`, async () => {
      const { context } = await watchedContext({ javaScriptEnabled: false, acceptDownloads: true });
      const page = await context.newPage();
      await page.goto(`${server.url}/${lang}/request/`);
      // Without the script: no choice of drawing, the typed name is the signature.
      expect(await page.isVisible('#f-signatureMethod')).toBe(false);
      await fillTypedFields(page, lang);
      await page.fill('#f-signatureName', 'Olena Kovalenko');
      await page.setInputFiles('#f-idCopy', { name: 'id-card.jpg', mimeType: 'image/jpeg', buffer: card });
      const [answer] = await Promise.all([page.waitForNavigation(), page.click('#submit-request')]);
      expect(answer?.status()).toBe(201);
      expect(answer?.headers()['content-type']).toMatch(/^text\/html/);
      expect(answer?.headers()['cache-control']).toBe('no-store');
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      expect(await page.textContent('h1')).toBe(t(lang, 'sent.title'));
      const reference = (await page.textContent('main p strong'))!;
      expect(reference).toMatch(/^PR-[0-9A-Z]{4}-[0-9A-Z]{4}-.$/);
      const body = (await page.textContent('main'))!;
      // Who handles it and why: postcode 9000 is Ghent.
      expect(body).toContain('Integratie en Inburgering Gent');
      expect(body).toContain(t(lang, 'routing.reason.postcodeInArea', { postcode: '9000', area: t(lang, 'routing.area.ghent'), controller: 'IN-Gent' }));
      // The status link carries the token in the fragment only; no URL on the page has it in a query.
      const status = (await page.getAttribute(`a[href^="/${lang}/status/"]`, 'href'))!;
      expect(status).toMatch(new RegExp(`^/${lang}/status/#[A-Za-z0-9_-]{43}$`));
      const token = status.split('#')[1]!;
      expect(await page.$$eval('[href], [action], [src]', (els) => els.map((e) => e.getAttribute('href') ?? e.getAttribute('action') ?? e.getAttribute('src')))).not.toEqual(
        expect.arrayContaining([expect.stringContaining(`?${token}`)]),
      );
      // The receipt, through the small form (the token in its body).
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('form[action^="/api/requests/status/receipt"] button')]);
      expect(download.suggestedFilename()).toBe(`receipt-${reference}.pdf`);
      expect(readFileSync((await download.path())!).subarray(0, 5).toString()).toBe('%PDF-');
      // Stored as sent: typed signature, the ID copy, in the requester's language.
      const row = (await db.select().from(requests).where(eq(requests.reference, reference)).get())!;
      expect(row).toMatchObject({ lang, statement: 'crt', controllerId: 'ingent', rights: ['access', 'rectification'] });
      const roles = (await db.select().from(requestFiles).where(eq(requestFiles.requestId, row.id))).map((f) => f.role).sort();
      expect(roles).toEqual(['id_copy', 'receipt']);
      await context.close();
    });
  }

  it('lists every problem in the requester\'s language, and Back returns to the answers', async () => {
    const { context } = await watchedContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/uk/request/`);
    await page.fill('#f-firstName', 'Olena');
    await page.fill('#f-email', 'not an address');
    const [answer] = await Promise.all([page.waitForNavigation(), page.click('#submit-request')]);
    expect(answer?.status()).toBe(422);
    expect(await page.getAttribute('html', 'lang')).toBe('uk');
    expect(await page.textContent('h1')).toBe(t('uk', 'form.errorSummary.title'));
    const items = await page.$$eval('main li', (lis) => lis.map((li) => li.textContent));
    expect(items).toEqual(
      expect.arrayContaining([
        `${t('uk', 'form.field.statement')}: ${t('uk', 'form.error.statement.required')}`,
        `${t('uk', 'form.field.lastName')}: ${t('uk', 'form.error.lastName.required')}`,
        `${t('uk', 'form.field.email')}: ${t('uk', 'form.error.email.invalid')}`,
      ]),
    );
    expect(items.join('\n')).not.toContain(t('uk', 'form.error.firstName.required'));
    expect(await page.textContent('main')).toContain(t('uk', 'answer.backHint'));
    await page.goBack();
    expect(await page.inputValue('#f-firstName')).toBe('Olena');
    expect(await page.inputValue('#f-email')).toBe('not an address');
    await context.close();
  });
});

describe('the request form with JavaScript', () => {
  it('shows a focused error summary with a link to each field, and keeps what was typed', async () => {
    const { context, problems } = await watchedContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/nl/request/`);
    await page.waitForSelector('#f-idempotencyKey:not([disabled])', { state: 'attached' });
    await page.fill('#f-firstName', 'Olena');
    await page.fill('#f-email', 'olena@example.org');
    await page.click('#submit-request');
    await page.waitForSelector('#error-summary:not([hidden])');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('error-summary');
    const links = await page.$$eval('#error-summary a', (as) => as.map((a) => [a.getAttribute('href'), a.textContent]));
    expect(links).toEqual(
      expect.arrayContaining([
        ['#f-statement', t('nl', 'form.error.statement.required')],
        ['#f-rights', t('nl', 'form.error.rights.required')],
        ['#f-lastName', t('nl', 'form.error.lastName.required')],
        ['#f-idCopy', t('nl', 'form.error.idCopy.required')],
        ['#f-signedPlace', t('nl', 'form.error.signedPlace.required')],
      ]),
    );
    expect(links.map((l) => l[0])).not.toContain('#f-firstName');
    expect(links.map((l) => l[0])).not.toContain('#f-email');
    // The message sits at the field too, tied to it.
    expect(await page.getAttribute('#f-lastName', 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('#f-lastName', 'aria-describedby')).toContain('f-lastName-error');
    expect(await page.textContent('#f-lastName-error')).toContain(t('nl', 'form.error.lastName.required'));
    expect(await axeViolations(page)).toEqual([]);
    // A summary link takes the person to the field.
    await page.click('#error-summary a[href="#f-lastName"]');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-lastName');
    await page.keyboard.type('Kovalenko');
    await page.click('#submit-request');
    await page.waitForFunction(() => !document.querySelector('#error-summary a[href="#f-lastName"]'));
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('error-summary');
    expect(await page.inputValue('#f-firstName')).toBe('Olena');
    expect(await page.inputValue('#f-lastName')).toBe('Kovalenko');
    expect(await page.inputValue('#f-email')).toBe('olena@example.org');
    expect(await page.getAttribute('#f-lastName', 'aria-invalid')).toBeNull();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows a problem only the API finds in the same summary', async () => {
    const { context } = await watchedContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/en/request/`);
    await page.waitForSelector('#f-idempotencyKey:not([disabled])', { state: 'attached' });
    await fillTypedFields(page, 'en');
    await page.fill('#f-signatureName', 'Olena Kovalenko');
    // The redactor opens the photo; a robot also fills the hidden field: only the API checks that.
    await page.setInputFiles('#f-idCopy', { name: 'id-card.jpg', mimeType: 'image/jpeg', buffer: card });
    await page.waitForSelector('#redactor canvas');
    await page.$eval('#f-website', (el) => ((el as HTMLInputElement).value = 'https://spam.example'));
    await page.click('#submit-request');
    await page.waitForSelector('#error-summary:not([hidden])');
    expect(await page.textContent('#error-summary li')).toBe(t('en', 'form.error.honeypot'));
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('error-summary');
    expect(await page.inputValue('#f-firstName')).toBe('Olena');
    await context.close();
  });

  for (const lang of LANGS) {
    it(`files a request in ${lang} with a drawn signature and the redacted ID copy`, async () => {
      const { context, problems } = await watchedContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await keepObjectUrls(page);
      const { log: network, settled } = await recordRequests(page);
      await page.goto(`${server.url}/${lang}/request/`);
      await page.waitForSelector('#f-signatureMethod', { state: 'visible' });
      await fillTypedFields(page, lang);
      await page.check('#f-signatureMethod');
      const canvas = page.locator('#signature-pad canvas');
      await canvas.scrollIntoViewIfNeeded();
      const box = (await canvas.boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.7);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.2, { steps: 10 });
      await page.mouse.move(box.x + box.width * 0.8, box.y + box.height * 0.6, { steps: 10 });
      await page.mouse.up();
      await page.setInputFiles('#f-idCopy', { name: 'id-card.jpg', mimeType: 'image/jpeg', buffer: card });
      await page.getByRole('button', { name: t(lang, 'form.redactor.cropDone') }).click();
      await page.selectOption('#redactor select', 'eidFront');
      await page.getByRole('button', { name: t(lang, 'form.redactor.applyTemplate') }).click();
      await page.waitForSelector('#redactor figure:not(.is-stale):not([aria-busy]) img[src^="blob:"]');
      // The very bytes the preview shows, read before sending.
      const preview = await bytesBehindSrc(page, '#redactor figure img');
      await recordSentForm(page);
      await page.click('#submit-request');
      await page.waitForSelector('#request-sent:not([hidden])', { timeout: 20_000 });
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('request-sent');
      await settled();
      // The network log: one multipart POST carries files, its ID image is the preview's bytes
      // (not the original card); no other request carries image bytes.
      const posts = network.filter((r) => r.contentType?.startsWith('multipart/form-data'));
      expect(posts.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual(['POST /api/requests']);
      const parts = await multipartParts(posts[0]!);
      const files = [...parts].filter(([, v]) => typeof v !== 'string');
      expect(files.map(([k]) => k).sort()).toEqual(['idCopy', 'signatureImage']);
      const wireId = (parts.get('idCopy') as { bytes: Buffer }).bytes;
      expect(sha256(wireId)).toBe(sha256(preview));
      expect(sha256(wireId)).not.toBe(sha256(card));
      expect(posts[0]!.body!.includes(card.subarray(0, 4096))).toBe(false);
      expect((parts.get('signatureImage') as { type: string; bytes: Buffer }).bytes.subarray(1, 4).toString()).toBe('PNG');
      // What went over the wire: the redactor's JPEG (not the original photo, its photo area
      // masked black), the drawn PNG, and no typed name.
      const sent = await page.evaluate(() => (window as unknown as { sentForm: Record<string, string | { type: string; b64: string }> }).sentForm);
      const bytes = (name: string) => Buffer.from((sent[name] as { b64: string }).b64, 'base64');
      const idCopy = bytes('idCopy');
      expect(idCopy.equals(card)).toBe(false);
      expect(idCopy.subarray(0, 3).toString('hex')).toBe('ffd8ff');
      const { data, info } = await sharp(idCopy).removeAlpha().raw().toBuffer({ resolveWithObject: true });
      const red = (fx: number, fy: number) => data[(Math.round(fy * (info.height - 1)) * info.width + Math.round(fx * (info.width - 1))) * 3]!;
      expect(red(0.18, 0.5), 'the red photo is masked').toBeLessThan(60);
      expect(bytes('signatureImage').subarray(1, 4).toString()).toBe('PNG');
      expect(sent.signatureMethod).toBe('drawn');
      expect(sent).not.toHaveProperty('signatureName');
      expect(await page.isVisible('#request-form')).toBe(false);
      const reference = (await page.textContent('#request-sent [data-slot="reference"]'))!;
      expect(reference).toMatch(/^PR-/);
      expect(await page.textContent('#request-sent [data-slot="reason"]')).toContain(t(lang, 'routing.reason.postcodeInArea', { postcode: '9000', area: t(lang, 'routing.area.ghent'), controller: 'IN-Gent' }));
      const status = (await page.getAttribute('#request-sent [data-slot="status-link"]', 'href'))!;
      expect(status).toMatch(new RegExp(`^/${lang}/status/#[A-Za-z0-9_-]{43}$`));
      expect(await axeViolations(page)).toEqual([]);
      // The receipt downloads with the token in a header.
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-receipt')]);
      expect(download.suggestedFilename()).toBe(`receipt-${reference}.pdf`);
      // Stored: the drawn signature and the redacted copy, not the typed name.
      const row = (await db.select().from(requests).where(eq(requests.reference, reference)).get())!;
      expect(row).toMatchObject({ lang, statement: 'crt', controllerId: 'ingent' });
      const roles = (await db.select().from(requestFiles).where(eq(requestFiles.requestId, row.id))).map((f) => f.role).sort();
      expect(roles).toEqual(['id_copy', 'receipt', 'signature']);
      // The stored ID copy, decrypted with the server's key: the eID-front masks are black over
      // the card's red photo and the number, and the watermark changed the unmasked areas.
      const idFile = (await db.select().from(requestFiles).where(eq(requestFiles.requestId, row.id))).find((f) => f.role === 'id_copy')!;
      const stored = await services.blobs.get(idFile.blobId, idFile.sha256);
      // The server stamps its own watermark over everything, masks included: its letters lighten
      // up to a quarter of a mask's pixels, so "most" pixels dark, and none of the photo's red.
      // The copy the browser sent has no watermark over the masks: black but for JPEG noise.
      for (const region of [
        { x0: 0.05, y0: 0.2, x1: 0.33, y1: 0.8 }, // the red photo, inside mask 1
        { x0: 0.03, y0: 0.19, x1: 0.33, y1: 0.95 }, // mask 1
        { x0: 0.35, y0: 0.73, x1: 0.65, y1: 0.87 }, // mask 2
      ]) {
        const where = JSON.stringify(region);
        const dark = await regionStats(stored, region);
        expect(dark.mean, where).toBeLessThan(40);
        expect(dark.shareBelow, where).toBeGreaterThan(0.7);
        expect(dark.sharePhotoRed, where).toBe(0);
        const sentDark = await regionStats(wireId, region);
        expect(sentDark.mean, where).toBeLessThan(10);
        expect(sentDark.shareBelow, where).toBeGreaterThan(0.99);
      }
      const plain = await sharp(card).jpeg({ quality: 85 }).toBuffer();
      const marked = await regionDifference(stored, plain, { x0: 0.36, y0: 0.02, x1: 0.98, y1: 0.68 });
      expect(marked.meanAbs).toBeGreaterThan(3);
      expect(marked.shareClearly).toBeGreaterThan(0.02);
      // The requester's e-mail reached the SMTP server, in the request's language.
      const mail = await waitForMailTo(smtp, `olena.${lang}@example.org`, reference);
      expect(mail.subject).toBe(t(lang, 'mail.confirm.subject', { reference }));
      expect(mail.text).toContain(formatDate(lang, row.legalDeadline));
      expect(mail.text).toContain(t(lang, 'mail.confirm.deadline', { deadline: formatDate(lang, row.legalDeadline) }));
      // The status page opens the request from the link's fragment.
      await page.goto(server.url + status);
      await page.waitForSelector('#status-view:not([hidden])');
      expect(await page.textContent('#status-view [data-slot="reference"]')).toBe(reference);
      expect(await page.textContent('#status-view [data-slot="state"]')).toBe(t(lang, 'status.state.received'));
      // Over the whole visit (form, receipt, status page): no request but the one above carried image bytes.
      await settled();
      expect(network.filter((r) => r.body && containsImageBytes(r.body)).map((r) => `${r.method} ${r.url}`)).toEqual([`POST ${posts[0]!.url}`]);
      expect(problems).toEqual([]);
      await context.close();
    });
  }

  it('is filled in and sent with the keyboard alone, the ID copy redacted with the keyboard too', async () => {
    const { context, problems } = await watchedContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/en/request/`);
    await page.waitForSelector('#f-signatureMethod', { state: 'visible' });
    const kb = page.keyboard;
    const focused = () => page.evaluate(() => document.activeElement?.id ?? '');
    // Statement: Tab into the radio group (none chosen: the first), arrows to "crt".
    await tabTo(page, 'input[name="statement"]');
    expect(await focused()).toBe('f-statement');
    for (let i = 0; i < 5 && (await focused()) !== 'f-statement-crt'; i++) await kb.press('ArrowDown');
    expect(await page.isChecked('#f-statement-crt')).toBe(true);
    // Rights: Space checks, the explanation field that appears is typed into.
    await tabTo(page, '#f-rights');
    await kb.press('Space');
    expect(await page.isChecked('#f-rights')).toBe(true);
    await tabTo(page, '#f-explanation-access');
    await kb.type('I want a copy of everything you keep about me.');
    for (const [id, text] of [['f-firstName', 'Olena'], ['f-lastName', 'Kovalenko'], ['f-dateOfBirth', '1985-07-30']] as const) {
      await tabTo(page, `#${id}`);
      await kb.type(text);
    }
    // Shift+Tab goes back: the first name is still there.
    await kb.press('Shift+Tab');
    await kb.press('Shift+Tab');
    expect(await focused()).toBe('f-firstName');
    expect(await page.inputValue('#f-firstName')).toBe('Olena');
    await tabTo(page, 'input[name="actingAs"]');
    await kb.press('Space');
    expect(await page.isChecked('#f-actingAs')).toBe(true);
    for (const [id, text] of [['f-email', 'olena.keyboard@example.org'], ['f-postcode', '9000'], ['f-city', 'Gent']] as const) {
      await tabTo(page, `#${id}`);
      await kb.type(text);
    }
    // The ID copy: the file input takes the focus; the OS dialog is replaced by setInputFiles.
    await tabTo(page, '#f-idCopy');
    await page.locator('#f-idCopy').setInputFiles({ name: 'id-card.jpg', mimeType: 'image/jpeg', buffer: card });
    await page.waitForSelector('#redactor canvas');
    // The focus is on the crop frame; the "Done cropping" button is before it.
    await page.waitForFunction(() => document.activeElement?.classList.contains('rd-crop'));
    for (let i = 0; i < 10 && (await page.evaluate(() => document.activeElement?.textContent)) !== t('en', 'form.redactor.cropDone'); i++) await kb.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(t('en', 'form.redactor.cropDone'));
    await kb.press('Enter');
    // Masking: the focus is on the type of document; arrows choose the eID front.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('SELECT');
    await kb.press('Home');
    for (let i = 0; i < 6 && (await page.$eval('#redactor select', (el) => (el as HTMLSelectElement).value)) !== 'eidFront'; i++) await kb.press('ArrowDown');
    expect(await page.$eval('#redactor select', (el) => (el as HTMLSelectElement).value)).toBe('eidFront');
    await kb.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(t('en', 'form.redactor.applyTemplate'));
    await kb.press('Enter');
    const mask1 = `button.rd-mask[aria-label="${t('en', 'form.redactor.mask', { n: 1 })}"]`;
    expect(await page.$$eval('button.rd-mask', (els) => els.length)).toBe(2);
    await tabTo(page, mask1);
    const left = () => page.$eval(mask1, (el) => parseFloat((el as HTMLElement).style.left));
    const before = await left();
    await kb.press('ArrowRight');
    expect(await left()).toBeCloseTo(before + 1, 5);
    await page.waitForSelector('#redactor figure:not(.is-stale):not([aria-busy]) img[src^="blob:"]');
    // The typed signature (chosen by default) with its consent, the place; the date is today's.
    await tabTo(page, 'input[name="signatureMethod"]');
    expect(await focused()).toBe('f-signatureMethod-typed');
    await tabTo(page, '#f-signatureName');
    await kb.type('Olena Kovalenko');
    await tabTo(page, '#f-signatureConsent');
    await kb.press('Space');
    expect(await page.isChecked('#f-signatureConsent')).toBe(true);
    await tabTo(page, '#f-signedPlace');
    await kb.type('Gent');
    expect(await page.inputValue('#f-signedDate')).toBe(brusselsToday());
    await tabTo(page, '#f-declaration');
    await kb.press('Space');
    expect(await page.isChecked('#f-declaration')).toBe(true);
    await tabTo(page, '#submit-request');
    await kb.press('Enter');
    await page.waitForSelector('#request-sent:not([hidden])', { timeout: 20_000 });
    expect(await focused()).toBe('request-sent');
    const reference = (await page.textContent('#request-sent [data-slot="reference"]'))!;
    expect(reference).toMatch(/^PR-[0-9A-Z]{4}-[0-9A-Z]{4}-.$/);
    const row = (await db.select().from(requests).where(eq(requests.reference, reference)).get())!;
    expect(row).toMatchObject({ lang: 'en', statement: 'crt', controllerId: 'ingent', rights: ['access'] });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('withdraws a request from the status page after a confirmation, and adds a document', async () => {
    const { context, problems } = await watchedContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/fr/request/`);
    await page.waitForSelector('#f-idempotencyKey:not([disabled])', { state: 'attached' });
    await fillTypedFields(page, 'fr');
    await page.fill('#f-signatureName', 'Olena Kovalenko');
    await page.setInputFiles('#f-idCopy', { name: 'id-card.jpg', mimeType: 'image/jpeg', buffer: card });
    await page.waitForSelector('#redactor canvas');
    await page.click('#submit-request');
    await page.waitForSelector('#request-sent:not([hidden])', { timeout: 20_000 });
    const status = (await page.getAttribute('#request-sent [data-slot="status-link"]', 'href'))!;
    await page.goto(server.url + status);
    await page.waitForSelector('#status-view:not([hidden])');
    await page.setInputFiles('#f-document', { name: 'extra.jpg', mimeType: 'image/jpeg', buffer: card });
    await page.click('#document-form button[type=submit]');
    await page.waitForFunction(() => document.querySelector('#document-done')?.textContent !== '');
    expect(await page.$$eval('[data-slot="timeline"] li', (lis) => lis.length)).toBe(2);
    await page.click('#withdraw-start');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('withdraw-confirm');
    expect(await page.textContent('#withdraw-confirm p')).toContain(await page.textContent('#status-view [data-slot="reference"]'));
    await page.click('#withdraw-yes');
    await page.waitForFunction(() => document.querySelector('#withdraw-done')?.textContent !== '');
    expect(await page.textContent('#status-view [data-slot="state"]')).toBe(t('fr', 'status.state.withdrawn'));
    expect(await page.isVisible('#withdraw-section')).toBe(false);
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('fits 320 px (400 % zoom) without horizontal scrolling: the form, its problems, the widgets, the status page', async () => {
    const { context, problems } = await watchedContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await page.goto(`${server.url}/uk/request/`);
    await page.waitForSelector('#f-signatureMethod', { state: 'visible' });
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.click('#submit-request');
    await page.waitForSelector('#error-summary:not([hidden])');
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.check('#f-signatureMethod');
    await page.setInputFiles('#f-idCopy', { name: 'id-card.jpg', mimeType: 'image/jpeg', buffer: card });
    await page.getByRole('button', { name: t('uk', 'form.redactor.cropDone') }).click();
    await page.getByRole('button', { name: t('uk', 'form.redactor.applyTemplate') }).click();
    await page.waitForSelector('#redactor figure img[src^="blob:"]');
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.goto(`${server.url}/uk/status/`);
    expect(await overflow()).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('says how to open the status page without a token', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/ru/status/`);
    await page.waitForFunction(() => document.querySelector('#status-message')?.textContent !== '');
    expect(await page.textContent('#status-message')).toBe(t('ru', 'status.noToken'));
    await page.close();
  });
});
