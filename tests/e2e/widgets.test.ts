// The request form's two widgets in real Chromium, under the site's strict CSP: the signature pad
// (drawn with the mouse, trimmed PNG, undo, clear, resize) and the ID-copy redactor (eID template,
// masks really black in the exported JPEG, no photo left, watermark burned in, at most 2 MP, the
// preview showing the exported bytes, masks driven by the keyboard alone). Each widget is bundled
// with esbuild into a temporary folder with a small HTML page and served from 127.0.0.1.
// axe-core audits both at 360 and 1280 px. Set WIDGET_SCREENSHOTS=/some/dir to keep screenshots.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { build } from 'esbuild';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MASK_TEMPLATES } from '../../site/scripts/redactor/mask-templates.ts';
import { axeViolations } from '../support/axe.ts';
import { launchBrowser } from '../support/browser.ts';
import { ROOT } from '../support/server.ts';

const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:";
const SHOTS = process.env.WIDGET_SCREENSHOTS;

const SIGNATURE_STRINGS = { label: 'Your signature', clear: 'Clear', undo: 'Undo', empty: 'Sign here with your finger, pen or mouse' };
const REDACTOR_STRINGS = {
  choose: 'Choose a photo of your ID card',
  takePhoto: 'Take a photo',
  loadError: 'This file could not be opened as an image.',
  image: 'Photo of your ID card',
  rotate: 'Rotate 90°',
  rotated: 'Photo rotated',
  cropArea: 'Crop frame',
  cropHelp: 'Drag the frame or its corners to the edges of the card. Keys: arrows move the frame, Alt+arrows resize it.',
  cropDone: 'Done cropping',
  cropEdit: 'Change crop',
  cropMoved: 'Crop frame moved',
  cropResized: 'Crop frame resized: {w}% by {h}%',
  template: 'Type of document',
  templates: { eidFront: 'Belgian eID, front', eidBack: 'Belgian eID, back', residenceFront: 'Residence card, front', residenceBack: 'Residence card, back', passport: 'Passport, data page' },
  applyTemplate: 'Place masks',
  templateApplied: '{count} masks placed',
  addMask: 'Add a mask',
  removeMask: 'Remove selected mask',
  mask: 'Mask {n}',
  maskHelp: 'Cover the photo and the numbers. Keys: Tab to a mask, arrows move it (Shift: faster), Alt+arrows resize it, Delete removes it.',
  maskAdded: 'Mask {n} added',
  maskMoved: 'Mask {n} moved',
  maskResized: 'Mask {n} resized',
  maskRemoved: 'Mask {n} removed',
  result: 'This exact image will be sent:',
  resultAlt: 'Your ID card with masks and the watermark',
};
const WATERMARK = { copy: 'COPY', controller: 'IN-Gent', purpose: 'privacy request', date: '14 March 2026' };

// Where the synthetic card has its photo, number, name and validity date, as fractions.
const PHOTO = { x: 0.05, y: 0.24, w: 0.26, h: 0.66 };
const NAME = { x: 0.38, y: 0.28, w: 0.3, h: 0.08 };
const VALID = { x: 0.72, y: 0.76, w: 0.24, h: 0.08 };

let dir: string;
let server: Server;
let base: string;
let browser: Browser;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'widgets-'));
  const entries = {
    signature: `import { mountSignaturePad } from ${JSON.stringify(join(ROOT, 'site/scripts/signature-pad.ts'))};
      const w = window;
      w.changes = 0;
      w.pad = mountSignaturePad(document.querySelector('#mount'), { strings: ${JSON.stringify(SIGNATURE_STRINGS)}, onChange: () => w.changes++ });`,
    redactor: `import { mountRedactor } from ${JSON.stringify(join(ROOT, 'site/scripts/redactor/index.ts'))};
      const w = window;
      w.changes = 0;
      const max = Number(new URLSearchParams(location.search).get('max')) || undefined;
      w.redactor = mountRedactor(document.querySelector('#mount'), { strings: ${JSON.stringify(REDACTOR_STRINGS)}, watermark: ${JSON.stringify(WATERMARK)}, maxPixels: max, onChange: () => w.changes++ });`,
  };
  // Shared by both pages: CSP violations recorded by the page itself, blob bytes as base64, and
  // the blob behind each object URL (the CSP's connect-src keeps fetch() away from blob: URLs).
  const helpers = `window.csp = [];
    window.blobs = new Map();
    window.revoked = [];
    const create = URL.createObjectURL, revoke = URL.revokeObjectURL;
    URL.createObjectURL = (b) => { const u = create(b); window.blobs.set(u, b); return u; };
    URL.revokeObjectURL = (u) => { window.revoked.push(u); revoke(u); };
    document.addEventListener('securitypolicyviolation', (e) => window.csp.push(e.violatedDirective + ' ' + e.blockedURI));
    window.toBase64 = async (blob) => {
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let s = '';
      for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(s);
    };`;
  mkdirSync(join(dir, 'src'));
  for (const [name, code] of Object.entries(entries)) {
    writeFileSync(join(dir, 'src', `${name}.js`), `${helpers}\n${code}`);
    writeFileSync(
      join(dir, `${name}.html`),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${name}</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/global.css"></head>` +
        `<body><main class="wrap"><h1>${name}</h1><div id="mount"></div><p><a href="#top">After the widget</a></p></main><script type="module" src="/${name}.js"></script></body></html>`,
    );
  }
  await build({ entryPoints: Object.keys(entries).map((n) => join(dir, 'src', `${n}.js`)), bundle: true, minify: true, format: 'esm', outdir: dir, logLevel: 'silent' });
  copyFileSync(join(ROOT, 'site/styles/global.css'), join(dir, 'global.css'));

  const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };
  server = createServer((req, res) => {
    const name = new URL(req.url ?? '/', 'http://x').pathname.slice(1);
    const type = types[extname(name)];
    if (!/^[\w-]+\.(html|js|css)$/.test(name) || !type) {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = readFileSync(join(dir, name));
      res.writeHead(200, { 'content-type': type, 'content-security-policy': CSP, 'cache-control': 'no-store' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
  if (SHOTS) mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A page that fails the test on any console error, page error or CSP violation. */
async function open(context: BrowserContext, path: string): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.goto(base + path, { waitUntil: 'load' });
  return { page, problems };
}

async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { csp: string[] }).csp);
}


async function shot(page: Page, name: string): Promise<void> {
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

interface Decoded {
  data: Buffer;
  width: number;
  height: number;
  channels: number;
}

async function decode(bytes: Buffer): Promise<Decoded> {
  const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

/** The pixels of a region given in fractions, shrunk by `inset` pixels on each side. */
function* pixels(img: Decoded, r: { x: number; y: number; w: number; h: number }, inset = 0): Generator<number[]> {
  const x0 = Math.ceil(r.x * img.width) + inset;
  const y0 = Math.ceil(r.y * img.height) + inset;
  const x1 = Math.floor((r.x + r.w) * img.width) - inset;
  const y1 = Math.floor((r.y + r.h) * img.height) - inset;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * img.width + x) * img.channels;
      yield Array.from(img.data.subarray(i, i + img.channels));
    }
  }
}

describe('signature pad', () => {
  async function png(page: Page): Promise<Decoded | null> {
    const b64 = await page.evaluate(async () => {
      const w = window as unknown as { pad: { toPng(): Promise<Blob | null> }; toBase64(b: Blob): Promise<string> };
      const blob = await w.pad.toPng();
      return blob ? w.toBase64(blob) : null;
    });
    return b64 === null ? null : decode(Buffer.from(b64, 'base64'));
  }

  /** The columns and rows that have ink (alpha > 0). */
  function inkBox(img: Decoded): { left: number; top: number; right: number; bottom: number } {
    let [left, top, right, bottom] = [img.width, img.height, -1, -1];
    for (let y = 0; y < img.height; y++) {
      for (let x = 0; x < img.width; x++) {
        if (img.data[(y * img.width + x) * 4 + 3]! > 0) {
          left = Math.min(left, x);
          right = Math.max(right, x);
          top = Math.min(top, y);
          bottom = Math.max(bottom, y);
        }
      }
    }
    return { left, top, right, bottom };
  }

  it('draws with the mouse, exports the trimmed ink as PNG, undoes and clears, under the CSP', async () => {
    const context = await browser.newContext({ viewport: { width: 800, height: 700 }, deviceScaleFactor: 1 });
    const { page, problems } = await open(context, '/signature.html');
    const canvas = page.getByRole('img', { name: /Your signature/ });
    await expect(canvas.getAttribute('aria-label')).resolves.toBe('Your signature: Sign here with your finger, pen or mouse');
    const box = (await canvas.boundingBox())!;
    const isEmpty = () => page.evaluate(() => (window as unknown as { pad: { isEmpty(): boolean } }).pad.isEmpty());
    expect(await isEmpty()).toBe(true);
    expect(await png(page)).toBeNull();

    const stroke = async (x0: number, y0: number, x1: number, y1: number) => {
      await page.mouse.move(box.x + x0, box.y + y0);
      await page.mouse.down();
      await page.mouse.move(box.x + (x0 + x1) / 2, box.y + y1, { steps: 8 });
      await page.mouse.move(box.x + x1, box.y + y0, { steps: 8 });
      await page.mouse.up();
    };
    await stroke(60, 40, 220, 110);
    expect(await isEmpty()).toBe(false);
    expect(await canvas.getAttribute('aria-label')).toBe('Your signature');

    // 2 output pixels per CSS pixel at DPR 1; ink width 0.5 % of the pad's width; 8 px margins.
    const ink = 0.005 * box.width;
    const expectSize = (img: Decoded | null, w: number, h: number) => {
      expect(img).not.toBeNull();
      expect(Math.abs(img!.width - (w + ink + 16) * 2), `width ${img!.width}`).toBeLessThanOrEqual(3);
      expect(Math.abs(img!.height - (h + ink + 16) * 2), `height ${img!.height}`).toBeLessThanOrEqual(3);
    };
    const one = await png(page);
    expectSize(one, 160, 70);
    expect(one!.channels).toBe(4);
    // Transparent background, ink starting right after the margin.
    expect(one!.data[3]).toBe(0);
    const inked = inkBox(one!);
    expect(inked.left).toBeGreaterThanOrEqual(14);
    expect(inked.left).toBeLessThanOrEqual(18);
    expect(one!.width - 1 - inked.right).toBeGreaterThanOrEqual(14);
    expect(one!.width - 1 - inked.right).toBeLessThanOrEqual(18);

    await stroke(300, 50, 420, 150);
    expectSize(await png(page), 360, 110);
    expect(await page.evaluate(() => (window as unknown as { changes: number }).changes)).toBe(2);

    // Narrower window: the pad shrinks and redraws the same signature, smaller.
    await page.setViewportSize({ width: 400, height: 700 });
    await page.waitForFunction((w) => document.querySelector('canvas')!.getBoundingClientRect().width < w, box.width);
    const narrow = (await canvas.boundingBox())!.width;
    const small = (await png(page))!;
    const ratio = narrow / box.width;
    expect(Math.abs(small.width - ((360 + ink) * ratio * 2 + 32))).toBeLessThanOrEqual(3);
    await shot(page, 'signature-400');
    await page.setViewportSize({ width: 800, height: 700 });
    await page.waitForFunction((w) => document.querySelector('canvas')!.getBoundingClientRect().width === w, box.width);

    await page.evaluate(() => (window as unknown as { pad: { undo(): void } }).pad.undo());
    expectSize(await png(page), 160, 70);
    await page.getByRole('button', { name: 'Clear' }).click();
    expect(await isEmpty()).toBe(true);
    expect(await png(page)).toBeNull();
    // Undo on an empty pad does nothing and keeps the focus on the button.
    await page.getByRole('button', { name: 'Undo' }).focus();
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Undo');
    expect(await page.evaluate(() => (window as unknown as { changes: number }).changes)).toBe(4);

    // Nothing in the tab order but the two buttons (and the page's own link).
    await page.locator('h1').click();
    const order: string[] = [];
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Tab');
      order.push(await page.evaluate(() => document.activeElement?.textContent ?? ''));
    }
    expect(order).toEqual(['Undo', 'Clear', 'After the widget']);

    expect(problems).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
    await context.close();
  });

  it('is legible at 360 and 1280 px wide', async () => {
    for (const width of [360, 1280]) {
      const context = await browser.newContext({ viewport: { width, height: 640 }, deviceScaleFactor: 1 });
      const { page, problems } = await open(context, '/signature.html');
      const box = (await page.locator('canvas').boundingBox())!;
      expect(box.width).toBeLessThanOrEqual(width);
      await shot(page, `signature-${width}-empty`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
      await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.7);
      await page.mouse.down();
      for (let i = 1; i <= 30; i++) await page.mouse.move(box.x + box.width * (0.1 + i * 0.025), box.y + box.height * (0.55 + 0.2 * Math.sin(i / 2.5)));
      await page.mouse.up();
      await page.getByRole('button', { name: 'Undo' }).focus();
      await shot(page, `signature-${width}`);
      expect(await axeViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
      await context.close();
    }
  });
});

describe('ID-copy redactor', () => {
  /** A light card with a pure red "photo", dark card number, name and validity date. */
  function syntheticCard(width = 1011, height = 638): Promise<Buffer> {
    const px = (f: number, of: number) => (f * of).toFixed(1);
    const text = (x: number, y: number, size: number, s: string) =>
      `<text x="${px(x, width)}" y="${px(y, height)}" font-family="DejaVu Sans Mono" font-size="${(size * height).toFixed(1)}" fill="#111">${s}</text>`;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
      <rect width="100%" height="100%" fill="#e4ecf2"/>
      <rect x="${px(PHOTO.x, width)}" y="${px(PHOTO.y, height)}" width="${px(PHOTO.w, width)}" height="${px(PHOTO.h, height)}" fill="#ff0000"/>
      ${text(NAME.x, NAME.y + 0.065, 0.06, 'JANSSENS')}
      ${text(0.37, 0.83, 0.05, '592-1234567-89')}
      ${text(VALID.x, VALID.y + 0.065, 0.06, '01.01.2031')}
    </svg>`;
    return sharp(Buffer.from(svg)).png().toBuffer();
  }

  async function exportJpeg(page: Page): Promise<Buffer> {
    const b64 = await page.evaluate(async () => {
      const w = window as unknown as { redactor: { exportJpeg(): Promise<Blob> }; toBase64(b: Blob): Promise<string> };
      return w.toBase64(await w.redactor.exportJpeg());
    });
    return Buffer.from(b64, 'base64');
  }

  async function load(page: Page, png: Buffer): Promise<void> {
    await page.locator('input[type=file]').setInputFiles({ name: 'card.png', mimeType: 'image/png', buffer: png });
    await page.getByRole('button', { name: 'Crop frame' }).waitFor();
  }

  const live = (page: Page) => page.locator('[aria-live]').textContent();

  it('masks the eID front, burns in the watermark and exports the previewed bytes, under the CSP', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
    const { page, problems } = await open(context, '/redactor.html');
    const card = await syntheticCard();
    await load(page, card);
    expect(await page.evaluate(() => (window as unknown as { redactor: { hasImage(): boolean } }).redactor.hasImage())).toBe(true);
    // The original is not left in the file input, so a form could not submit it.
    expect(await page.locator('input[type=file]').evaluate((i: HTMLInputElement) => i.files?.length ?? 0)).toBe(0);

    await page.getByRole('button', { name: 'Done cropping' }).click();
    await page.getByLabel('Type of document').selectOption('eidFront');
    await page.getByRole('button', { name: 'Place masks' }).click();
    expect(await live(page)).toBe('2 masks placed');
    expect(await page.getByRole('button', { name: /^Mask \d$/ }).count()).toBe(2);

    const jpeg = await exportJpeg(page);
    const meta = await sharp(jpeg).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.exif).toBeUndefined();
    const out = await decode(jpeg);
    expect([out.width, out.height]).toEqual([1011, 638]);
    expect(out.width * out.height).toBeLessThanOrEqual(2_000_000);

    // The masks are black (JPEG noise aside), inside by 3 px for the block edges.
    for (const m of MASK_TEMPLATES.eidFront) {
      const values = [...pixels(out, m, 3)].flat();
      expect(values.reduce((a, b) => Math.max(a, b), 0), JSON.stringify(m)).toBeLessThanOrEqual(40);
      expect(values.reduce((a, b) => a + b, 0) / values.length).toBeLessThan(6);
    }
    // No red left where the photo was, nor anywhere else.
    const reddish = (p: number[]) => p[0]! > 120 && p[0]! - Math.max(p[1]!, p[2]!) > 80;
    expect([...pixels(out, PHOTO)].filter(reddish).length).toBe(0);
    expect([...pixels(out, { x: 0, y: 0, w: 1, h: 1 })].filter(reddish).length).toBe(0);
    // The name and validity date are neither masked nor hidden: dark text on a light card.
    for (const field of [NAME, VALID]) {
      const values = [...pixels(out, field)].map((p) => Math.min(...p));
      expect(values.filter((v) => v < 90).length / values.length, 'text').toBeGreaterThan(0.05);
      expect(values.filter((v) => v > 150).length / values.length, 'background').toBeGreaterThan(0.3);
    }
    // The watermark: outside the masks, the export differs from the plain card along diagonal
    // lines of text, over a fair part of the card but far from all of it.
    const plain = await decode(await sharp(card).removeAlpha().toBuffer());
    const masked = (x: number, y: number) => MASK_TEMPLATES.eidFront.some((m) => x >= m.x * out.width - 2 && x <= (m.x + m.w) * out.width + 2 && y >= m.y * out.height - 2 && y <= (m.y + m.h) * out.height + 2);
    let changed = 0;
    let counted = 0;
    for (let y = 0; y < out.height; y++) {
      for (let x = 0; x < out.width; x++) {
        if (masked(x, y)) continue;
        const i = (y * out.width + x) * 3;
        counted++;
        if (Math.max(Math.abs(out.data[i]! - plain.data[i]!), Math.abs(out.data[i + 1]! - plain.data[i + 1]!), Math.abs(out.data[i + 2]! - plain.data[i + 2]!)) > 40) changed++;
      }
    }
    expect(changed / counted, 'watermarked share').toBeGreaterThan(0.03);
    expect(changed / counted, 'watermarked share').toBeLessThan(0.35);

    // The preview shows exactly the exported bytes.
    await page.locator('.rd-result img').waitFor();
    const shownB64 = await page.evaluate(async () => {
      const img = document.querySelector<HTMLImageElement>('.rd-result img')!;
      const w = window as unknown as { toBase64(b: Blob): Promise<string>; blobs: Map<string, Blob> };
      return w.toBase64(w.blobs.get(img.src)!);
    });
    expect(Buffer.from(shownB64, 'base64').equals(jpeg)).toBe(true);
    const firstUrl = await page.locator('.rd-result img').getAttribute('src');
    expect(firstUrl).toMatch(/^blob:/);

    // A change replaces the preview and revokes the old URL; destroy() revokes the last one.
    await page.getByRole('button', { name: 'Mask 2' }).focus();
    await page.keyboard.press('ArrowLeft');
    await exportJpeg(page);
    const secondUrl = await page.locator('.rd-result img').getAttribute('src');
    expect(secondUrl).not.toBe(firstUrl);
    const urls = () => page.evaluate(() => {
      const w = window as unknown as { revoked: string[]; blobs: Map<string, Blob> };
      return { created: [...w.blobs.keys()], revoked: w.revoked };
    });
    // Every URL but the one on screen is revoked (earlier previews too, however many there were).
    const before = await urls();
    expect(before.revoked).toContain(firstUrl);
    expect(before.revoked.sort()).toEqual(before.created.filter((u) => u !== secondUrl).sort());
    await page.evaluate(() => (window as unknown as { redactor: { destroy(): void } }).redactor.destroy());
    const after = await urls();
    expect(after.revoked.sort()).toEqual(after.created.sort());
    expect(await page.locator('.rd').count()).toBe(0);

    expect(problems).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
    await context.close();
  });

  it('moves, resizes and removes masks with the keyboard alone, and announces it', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
    const { page, problems } = await open(context, '/redactor.html');
    await load(page, await syntheticCard());
    // Keyboard from here on: the crop frame has the focus after opening.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Crop frame');
    await page.keyboard.press('Alt+ArrowLeft');
    expect(await live(page)).toBe('Crop frame resized: 99% by 100%');
    await page.keyboard.press('Alt+ArrowRight');
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Done cropping');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('SELECT');
    await page.keyboard.press('Tab'); // Place masks
    await page.keyboard.press('Enter');
    expect(await live(page)).toBe('2 masks placed');

    let tabs = 0;
    while (!(await page.evaluate(() => document.activeElement?.classList.contains('rd-mask'))) && tabs++ < 12) await page.keyboard.press('Tab');
    const focused = page.locator('.rd-mask:focus');
    expect(await focused.getAttribute('aria-label')).toBe('Mask 1');
    // The focus ring is visible: a 3 px outline.
    expect(await focused.evaluate((e) => getComputedStyle(e).outlineWidth)).toBe('3px');
    const style = () => focused.evaluate((e: HTMLElement) => ({ left: parseFloat(e.style.left), top: parseFloat(e.style.top), width: parseFloat(e.style.width), height: parseFloat(e.style.height) }));
    const before = await style();
    await page.keyboard.press('ArrowRight');
    const moved = await style();
    expect(moved.left).toBeCloseTo(before.left + 1, 5);
    expect(await live(page)).toBe('Mask 1 moved');
    await page.keyboard.press('Shift+ArrowRight');
    expect((await style()).left).toBeCloseTo(before.left + 6, 5);
    expect(await live(page)).toBe('Mask 1 moved\u00a0'); // changed, so read out again
    await page.keyboard.press('Alt+ArrowDown');
    const resized = await style();
    expect(resized.height).toBeGreaterThan(moved.height);
    expect(resized.top).toBeCloseTo(moved.top, 5);
    expect(await live(page)).toBe('Mask 1 resized');
    // The JPEG follows: it is re-encoded for the new position.
    const out = await decode(await exportJpeg(page));
    const m = { x: resized.left / 100, y: resized.top / 100, w: resized.width / 100, h: resized.height / 100 };
    expect([...pixels(out, m, 3)].flat().reduce((a, b) => Math.max(a, b), 0)).toBeLessThanOrEqual(40);
    if (SHOTS) await shot(page, 'redactor-1280-focus');

    await page.keyboard.press('Delete');
    expect(await page.locator('.rd-mask').count()).toBe(1);
    expect(await live(page)).toBe('Mask 1 removed');
    // The focus moved to the remaining mask, not to <body>.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Mask 2');
    await page.keyboard.press('Backspace');
    expect(await page.locator('.rd-mask').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Add a mask');
    await page.keyboard.press('Enter');
    expect(await live(page)).toBe('Mask 1 added');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Mask 1');

    expect(problems).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
    await context.close();
  });

  it('moves a mask with the pointer, rotates, and keeps a large photo within 2 megapixels', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
    const { page, problems } = await open(context, '/redactor.html');
    await load(page, await syntheticCard(2400, 1515));
    await page.getByRole('button', { name: 'Done cropping' }).click();
    await page.getByRole('button', { name: 'Add a mask' }).click();
    const mask = page.getByRole('button', { name: 'Mask 1' });
    const a = (await mask.boundingBox())!;
    await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await page.mouse.down();
    await page.mouse.move(a.x + a.width / 2 + 80, a.y + a.height / 2 + 30, { steps: 5 });
    await page.mouse.up();
    const b = (await mask.boundingBox())!;
    expect(Math.abs(b.x - a.x - 80)).toBeLessThan(1);
    expect(Math.abs(b.y - a.y - 30)).toBeLessThan(1);
    expect(await live(page)).toBe('Mask 1 moved');

    const big = await sharp(await exportJpeg(page)).metadata();
    expect(big.width! * big.height!).toBeLessThanOrEqual(2_000_000);
    expect(big.width! * big.height!).toBeGreaterThan(1_990_000);
    expect(Math.abs(big.width! / big.height! - 2400 / 1515)).toBeLessThan(0.005);

    await page.getByRole('button', { name: 'Rotate 90°' }).click();
    expect(await live(page)).toBe('Photo rotated');
    const turned = await sharp(await exportJpeg(page)).metadata();
    expect([turned.width, turned.height]).toEqual([big.height, big.width]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('reports a file it cannot open', async () => {
    const context = await browser.newContext();
    const { page } = await open(context, '/redactor.html');
    await page.locator('input[type=file]').setInputFiles({ name: 'x.png', mimeType: 'image/png', buffer: Buffer.from('not an image') });
    await expect(page.getByRole('alert').textContent()).resolves.toBe('This file could not be opened as an image.');
    expect(await page.evaluate(() => (window as unknown as { redactor: { hasImage(): boolean } }).redactor.hasImage())).toBe(false);
    await context.close();
  });

  it('is legible at 360 and 1280 px wide', async () => {
    const card = await syntheticCard();
    for (const width of [360, 1280]) {
      const context = await browser.newContext({ viewport: { width, height: 800 }, deviceScaleFactor: 1, hasTouch: width === 360 });
      const { page, problems } = await open(context, '/redactor.html');
      await load(page, card);
      await shot(page, `redactor-${width}-crop`);
      await page.getByRole('button', { name: 'Done cropping' }).click();
      await page.getByRole('button', { name: 'Place masks' }).click();
      await page.getByRole('button', { name: 'Mask 2' }).focus();
      await page.locator('.rd-result:not(.is-stale) img').waitFor();
      // Until the new JPEG is encoded, the old preview is marked out of date (checked at once,
      // in the page, so a slow test machine cannot let the new preview arrive first).
      const busy = await page.evaluate(() => {
        document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true }));
        return document.querySelector('.rd-result')!.getAttribute('aria-busy');
      });
      expect(busy).toBe('true');
      await page.locator('.rd-result:not(.is-stale) img').waitFor();
      await page.waitForFunction(() => document.querySelector<HTMLImageElement>('.rd-result img')!.complete);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
      await shot(page, `redactor-${width}-masks`);
      expect(await axeViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
      await context.close();
    }
  });
});
