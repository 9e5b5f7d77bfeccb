/**
 * Evidence the browser tests gather beyond what the page shows: every request the page sends
 * (with its body), the bytes behind blob: URLs the page made (the redactor's preview), the e-mails
 * that reached the test SMTP server, keyboard-only navigation, and pixel checks on stored images.
 */
import { createHash } from 'node:crypto';
import type { ParsedMail } from 'mailparser';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import type { TestSmtp } from './smtp.ts';

export const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

export interface SentRequest {
  url: string;
  method: string;
  contentType: string | undefined;
  body: Buffer | null;
}

/**
 * Records every request the page sends (any resource type), with its body, through the DevTools
 * protocol: Playwright's request event has no body when a form carries Blob parts. Await
 * `settled()` before reading the log.
 */
export async function recordRequests(page: Page): Promise<{ log: SentRequest[]; settled(): Promise<void> }> {
  const log: SentRequest[] = [];
  const pending: Promise<unknown>[] = [];
  const cdp = await page.context().newCDPSession(page);
  cdp.on('Network.requestWillBeSent', (e) => {
    const headers = Object.fromEntries(Object.entries(e.request.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    const entry: SentRequest = { url: e.request.url, method: e.request.method, contentType: headers['content-type'], body: null };
    log.push(entry);
    if (!e.request.hasPostData) return;
    pending.push(
      cdp.send('Network.getRequestPostData', { requestId: e.requestId }).then(
        (r) => (entry.body = (r as { base64Encoded?: boolean }).base64Encoded ? Buffer.from(r.postData, 'base64') : Buffer.from(r.postData, 'latin1')),
        (err: unknown) => (entry.body = Buffer.from(`(body unreadable: ${String(err)})`)),
      ),
    );
  });
  await cdp.send('Network.enable', { maxPostDataSize: 0 });
  return { log, settled: async () => void (await Promise.all(pending)) };
}

/** True when the bytes hold a JPEG, PNG, GIF or WebP signature anywhere. */
export function containsImageBytes(b: Buffer): boolean {
  return (
    b.includes(Buffer.from([0xff, 0xd8, 0xff])) ||
    b.includes(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) ||
    b.includes(Buffer.from('GIF8')) ||
    (b.includes(Buffer.from('RIFF')) && b.includes(Buffer.from('WEBP')))
  );
}

/** The parts of a multipart body, parsed by the platform's own FormData parser. */
export async function multipartParts(req: SentRequest): Promise<Map<string, string | { type: string; bytes: Buffer }>> {
  const form = await new Response(new Uint8Array(req.body!), { headers: { 'content-type': req.contentType! } }).formData();
  const out = new Map<string, string | { type: string; bytes: Buffer }>();
  for (const [k, v] of form.entries()) out.set(k, typeof v === 'string' ? v : { type: v.type, bytes: Buffer.from(await v.arrayBuffer()) });
  return out;
}

/**
 * Keeps every Blob the page turns into an object URL, so a test can read the bytes behind a
 * blob: URL (the page's CSP allows no fetch of blob: URLs). Call before page.goto().
 */
export async function keepObjectUrls(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const kept = new Map<string, Blob>();
    (window as unknown as { keptBlobs: Map<string, Blob> }).keptBlobs = kept;
    const original = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (o: Blob | MediaSource) => {
      const url = original(o);
      if (o instanceof Blob) kept.set(url, o);
      return url;
    };
  });
}

/** The bytes behind the `src` (a blob: URL) of the element matching `selector`. */
export async function bytesBehindSrc(page: Page, selector: string): Promise<Buffer> {
  const b64 = await page.$eval(selector, async (img) => {
    const blob = (window as unknown as { keptBlobs: Map<string, Blob> }).keptBlobs.get((img as HTMLImageElement).src);
    if (!blob) throw new Error(`no kept blob for ${(img as HTMLImageElement).src}`);
    return new Promise<string>((resolve) => {
      const r = new FileReader();
      r.onload = () => resolve(String(r.result).split(',')[1] ?? '');
      r.readAsDataURL(blob);
    });
  });
  return Buffer.from(b64, 'base64');
}

/** Waits for an e-mail to `to` whose subject contains `subjectPart` at the test SMTP server. */
export async function waitForMailTo(smtp: TestSmtp, to: string, subjectPart: string, timeoutMs = 20_000): Promise<ParsedMail> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const m = smtp.messages.find((msg) => {
      const addrs = [msg.to].flat().flatMap((a) => a?.value ?? []);
      return addrs.some((a) => a.address?.toLowerCase() === to.toLowerCase()) && (msg.subject ?? '').includes(subjectPart);
    });
    if (m) return m;
    if (Date.now() > until) throw new Error(`no e-mail to ${to} about ${subjectPart} within ${timeoutMs} ms (${smtp.messages.length} messages arrived)`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Presses Tab (or Shift+Tab) until the focused element matches `selector` (CSS, tested with
 * Element.matches); fails after `max` presses. Only the keyboard moves the focus.
 */
export async function tabTo(page: Page, selector: string, o: { back?: boolean; max?: number } = {}): Promise<void> {
  const matches = () => page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector);
  for (let i = 0; i < (o.max ?? 60); i++) {
    if (await matches()) return;
    await page.keyboard.press(o.back ? 'Shift+Tab' : 'Tab');
  }
  if (await matches()) return;
  const at = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120));
  throw new Error(`Tab did not reach ${selector}; the focus is on ${at}`);
}

export interface RegionStats {
  mean: number;
  /** The share of pixels whose brightest channel is below the limit. */
  shareBelow: number;
  /** The share of pixels of the synthetic card's photo red (#d01010, give or take JPEG noise). */
  sharePhotoRed: number;
}

/** Statistics of the brightest channel over a region given in fractions of the image. */
export async function regionStats(jpeg: Buffer, region: { x0: number; y0: number; x1: number; y1: number }, below = 60): Promise<RegionStats> {
  const { data, info } = await sharp(jpeg).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const [xa, xb] = [Math.ceil(region.x0 * info.width), Math.floor(region.x1 * info.width)];
  const [ya, yb] = [Math.ceil(region.y0 * info.height), Math.floor(region.y1 * info.height)];
  let sum = 0;
  let dark = 0;
  let red = 0;
  let n = 0;
  for (let y = ya; y < yb; y++) {
    for (let x = xa; x < xb; x++) {
      const i = (y * info.width + x) * info.channels;
      const v = Math.max(data[i]!, data[i + 1]!, data[i + 2]!);
      sum += v;
      if (v < below) dark++;
      if (data[i]! > 160 && data[i + 1]! < 70 && data[i + 2]! < 70) red++;
      n++;
    }
  }
  return { mean: sum / n, shareBelow: dark / n, sharePhotoRed: red / n };
}

/**
 * How two images of the same size differ over a region: the mean absolute difference per channel
 * and the share of pixels where some channel differs by more than `clearly`.
 */
export async function regionDifference(a: Buffer, b: Buffer, region: { x0: number; y0: number; x1: number; y1: number }, clearly = 40): Promise<{ meanAbs: number; shareClearly: number }> {
  const [ra, rb] = await Promise.all([a, b].map((img) => sharp(img).removeAlpha().raw().toBuffer({ resolveWithObject: true })));
  if (ra!.info.width !== rb!.info.width || ra!.info.height !== rb!.info.height) throw new Error('images differ in size');
  const { width, height, channels } = ra!.info;
  let sum = 0;
  let clear = 0;
  let n = 0;
  for (let y = Math.ceil(region.y0 * height); y < Math.floor(region.y1 * height); y++) {
    for (let x = Math.ceil(region.x0 * width); x < Math.floor(region.x1 * width); x++) {
      const i = (y * width + x) * channels;
      let max = 0;
      for (let c = 0; c < 3; c++) {
        const d = Math.abs(ra!.data[i + c]! - rb!.data[i + c]!);
        sum += d;
        max = Math.max(max, d);
      }
      if (max > clearly) clear++;
      n++;
    }
  }
  return { meanAbs: sum / (n * 3), shareClearly: clear / n };
}
