import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../../content/schema.ts';
import { buildWatermarkLines, defaultWatermarkStyle, JPEG_QUALITY, prepareIdCopy } from '../../../api/images/index.ts';
import { cardImage, compareGrey } from './fixtures.ts';

const base = { controllerName: 'Integratie en Inburgering Gent', reference: 'PV-2025-7K3Q', date: '2025-03-14' };

/** The pipeline without the watermark: what the output would be if nothing were burned in. */
async function unwatermarked(input: Buffer): Promise<Buffer> {
  return sharp(input, { autoOrient: true }).flatten({ background: '#ffffff' }).toColourspace('srgb').jpeg({ quality: JPEG_QUALITY }).toBuffer();
}

describe('watermark text', () => {
  it('says copy, recipient, purpose, reference and date in the requester language', () => {
    expect(buildWatermarkLines({ lang: 'nl', ...base })).toEqual(['KOPIE · Integratie en Inburgering Gent', 'privacyverzoek · PV-2025-7K3Q · 14 maart 2025']);
    expect(buildWatermarkLines({ lang: 'en', ...base })[0]).toMatch(/^COPY · /);
    expect(buildWatermarkLines({ lang: 'fr', ...base })[1]).toMatch(/^demande relative à la vie privée · PV-2025-7K3Q · 14 mars 2025$/);
    expect(buildWatermarkLines({ lang: 'uk', ...base })).toEqual(['КОПІЯ · Integratie en Inburgering Gent', 'запит щодо персональних даних · PV-2025-7K3Q · 14 березня 2025']);
    expect(buildWatermarkLines({ lang: 'ru', ...base })[0]).toMatch(/^КОПИЯ · /);
  });

  it('keeps markup characters as text', async () => {
    const r = await prepareIdCopy(await (await cardImage(400, 250)).jpeg().toBuffer(), { lang: 'en', ...base, controllerName: 'A & B <i>x</i>' });
    expect(r.ok).toBe(true);
  });
});

describe('watermark pixels', () => {
  for (const lang of ['nl', 'uk', 'ru'] as Lang[]) {
    it(`is burned in across the whole image without hiding it (${lang})`, async () => {
      const input = await (await cardImage(1011, 638)).jpeg({ quality: 92 }).toBuffer();
      const r = await prepareIdCopy(input, { lang, ...base });
      if (!r.ok) throw new Error(r.refusal.detail);
      const diff = await compareGrey(r.jpeg, await unwatermarked(input));
      // Marked: a clear share of pixels changed, in every ninth of the image (repeated, not one stamp).
      expect(diff.changed).toBeGreaterThan(0.05);
      for (const cell of diff.changedPerCell) expect(cell).toBeGreaterThan(0.015);
      // Not hidden: most pixels are untouched.
      expect(diff.changed).toBeLessThan(0.4);
    });
  }

  it('renders Cyrillic with the bundled font on a machine without any system font', async () => {
    // A child process with a fontconfig that knows no fonts, like a bare CI container: whatever it
    // draws comes from the bundled Noto Sans. In Noto Sans, Cyrillic А В С Е Н К М О Р Т Х reuse
    // the Latin outlines, so they come out (almost) the same; a missing glyph is drawn as a box.
    const dir = mkdtempSync(join(tmpdir(), 'bare-fontconfig-'));
    const config = join(dir, 'fonts.conf');
    writeFileSync(config, `<?xml version="1.0"?>\n<fontconfig><cachedir>${join(dir, 'cache')}</cachedir></fontconfig>\n`);
    const input = await (await cardImage(1011, 638)).jpeg({ quality: 92 }).toBuffer();
    writeFileSync(join(dir, 'in.jpg'), input);
    const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./render-without-system-fonts.ts', import.meta.url)), join(dir, 'in.jpg'), join(dir, 'out.jpg')], {
      env: { ...process.env, FONTCONFIG_FILE: config },
      encoding: 'utf8',
    });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    const distances = JSON.parse(child.stdout) as { cyrillic: number; boxes: number };
    expect(distances.cyrillic).toBeLessThan(3);
    expect(distances.boxes).toBeGreaterThan(4 * distances.cyrillic + 3);
    const diff = await compareGrey(readFileSync(join(dir, 'out.jpg')), await unwatermarked(input));
    expect(diff.changed).toBeGreaterThan(0.05);
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes a sample for a person to look at', async () => {
    const dir = join(tmpdir(), 'id-copy-samples');
    mkdirSync(dir, { recursive: true });
    const card = await sharp(await (await cardImage(1011, 638)).png().toBuffer())
      .composite([{ input: await sharp({ text: { text: 'JANSSENS\nOlena Maria\n01 JAN 1990', fontfile: defaultWatermarkStyle().fontFile, font: 'Noto Sans Bold 12', dpi: 150, rgba: true } }).png().toBuffer(), left: 340, top: 150 }])
      .jpeg()
      .toBuffer();
    for (const lang of ['nl', 'uk'] as Lang[]) {
      const r = await prepareIdCopy(card, { lang, ...base });
      if (!r.ok) throw new Error(r.refusal.detail);
      writeFileSync(join(dir, `watermarked-${lang}.png`), await sharp(r.jpeg).png().toBuffer());
    }
    console.log(`samples in ${dir}`);
  });
});
