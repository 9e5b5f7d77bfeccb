// The image and field (label-value) blocks: layout as pure functions with a fake measurer, then
// the real thing through renderPdf, pdf-lib and pdftotext.
import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { layoutBlocks, type LaidLine } from '../../../api/pdf/layout-blocks.ts';
import { paginate } from '../../../api/pdf/paginate.ts';
import { readPngSize } from '../../../api/pdf/read-png-size.ts';
import { renderPdf, type RenderOptions } from '../../../api/pdf/render-pdf.ts';
import { A4_THEME, contentWidth } from '../../../api/pdf/theme.ts';
import type { Block, MeasureText } from '../../../api/pdf/types.ts';
import { pdftotext, renderDeps } from '../../support/pdf-tools.ts';

const measure: MeasureText = (text, _face, size) => Array.from(text).length * size * 0.5;
const text = (l: LaidLine) => l.segments.map((s) => s.text).join('');
const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 4, background: { r: 20, g: 30, b: 120, alpha: 0.5 } } }).png().toBuffer().then((b) => new Uint8Array(b));
const options: RenderOptions = { metadata: { title: 'Test', language: 'nl', creationDate: new Date('2026-04-01T09:30:00Z') } };

function imageCount(doc: PDFDocument): number {
  return doc.context.enumerateIndirectObjects().filter(([, o]) => o instanceof PDFRawStream && o.dict.get(PDFName.of('Subtype')) === PDFName.of('Image')).length;
}

describe('readPngSize', () => {
  it('reads width and height from the header and refuses what is not a PNG', async () => {
    expect(readPngSize(await png(600, 200))).toEqual({ width: 600, height: 200 });
    expect(() => readPngSize(new TextEncoder().encode('GIF89a....................'))).toThrow(/not a PNG/);
    expect(() => readPngSize(new Uint8Array(0))).toThrow(/not a PNG/);
  });
});

describe('image block', () => {
  it('scales to fit the box and the column, keeping the aspect ratio, up or down', async () => {
    const [wide, tall, tiny] = await Promise.all([png(600, 200), png(100, 400), png(30, 10)]);
    const box = { maxWidth: 170, maxHeight: 71 };
    const at = (block: Block) => layoutBlocks([block], A4_THEME, measure)[0]!.image!;
    const near = (width: number, height: number) => ({ width: expect.closeTo(width, 6), height: expect.closeTo(height, 6), x: 0 });
    expect(at({ type: 'image', png: wide, ...box })).toMatchObject(near(170, 170 / 3));
    expect(at({ type: 'image', png: tall, ...box })).toMatchObject(near(71 / 4, 71));
    expect(at({ type: 'image', png: tiny, ...box })).toMatchObject(near(170, 170 / 3));
    expect(at({ type: 'image', png: wide, maxWidth: 5000, maxHeight: 5000 }).width).toBeCloseTo(contentWidth(A4_THEME));
  });

  it('stays with the heading before it and the line after it', async () => {
    const image = await png(600, 200);
    const lines = layoutBlocks([{ type: 'heading', level: 2, text: 'Handtekening' }, { type: 'image', png: image, maxWidth: 170, maxHeight: 71 }, { type: 'paragraph', runs: [{ text: 'Ondertekend in Gent' }] }], A4_THEME, measure);
    expect(lines.map((l) => l.keepWithNext)).toEqual([true, true, false]);
  });

  it('is embedded once per PNG, drawn where it was laid out, and deterministic', async () => {
    const deps = await renderDeps();
    const image = await png(600, 200);
    const blocks: Block[] = [
      { type: 'paragraph', runs: [{ text: 'Boven' }] },
      { type: 'image', png: image, maxWidth: 170, maxHeight: 71 },
      { type: 'image', png: image, maxWidth: 85, maxHeight: 71 },
      { type: 'paragraph', runs: [{ text: 'Onder' }] },
    ];
    const a = await renderPdf(blocks, options, deps);
    const b = await renderPdf(blocks, options, deps);
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
    // One picture and its soft mask (the PNG has an alpha channel), used twice.
    expect(imageCount(await PDFDocument.load(a.bytes))).toBe(2);
    expect(pdftotext(a.bytes)).toMatch(/Boven\s+Onder/);
  });
});

describe('field block', () => {
  const field = (label: string, value: string, variant?: 'large' | 'small'): Block => ({ type: 'field', label, runs: [{ text: value }], ...(variant ? { variant } : {}) });

  it('puts the label left and the value beside it, on one baseline, in their own sizes', () => {
    const [line] = layoutBlocks([field('Referentie', 'PR-7K3M-9QXD-4', 'large')], A4_THEME, measure);
    const [label, value] = line!.segments;
    expect(label).toMatchObject({ text: 'Referentie', x: 0, size: A4_THEME.field.label.size, color: A4_THEME.field.label.color });
    expect(value).toMatchObject({ text: 'PR-7K3M-9QXD-4', x: A4_THEME.field.labelWidth + A4_THEME.field.gap });
    expect(value!.size).toBeUndefined();
    expect(line!.size).toBe(A4_THEME.field.large.size);
  });

  it('wraps label and value in their columns and keeps all rows of a field together', () => {
    const long = 'woord '.repeat(60).trim();
    const lines = layoutBlocks([field('Een label dat over meer regels loopt', long)], A4_THEME, measure);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.slice(0, -1).every((l) => l.keepWithNext)).toBe(true);
    expect(lines.at(-1)!.keepWithNext).toBe(false);
    const valueX = A4_THEME.field.labelWidth + A4_THEME.field.gap;
    for (const l of lines) {
      for (const s of l.segments) {
        if (s.x < valueX) expect(s.x + s.width).toBeLessThanOrEqual(A4_THEME.field.labelWidth + 1e-6);
        else expect(s.x + s.width).toBeLessThanOrEqual(contentWidth(A4_THEME) + 1e-6);
      }
    }
    const labelText = lines.flatMap((l) => l.segments.filter((s) => s.x < valueX).map((s) => s.text)).join(' ');
    expect(labelText).toBe('Een label dat over meer regels loopt');
  });

  it('moves a field whole to the next page rather than splitting it', () => {
    const filler = Array.from({ length: 200 }, (_, i): Block => ({ type: 'paragraph', runs: [{ text: `regel ${i}` }] }));
    for (let n = 30; n < 45; n++) {
      const pages = paginate(layoutBlocks([...filler.slice(0, n), field('Label', 'een\ntwee\ndrie\nvier')], A4_THEME, measure), 700);
      const onPage = pages.map((p) => p.filter((l) => /een|twee|drie|vier/.test(text(l))).length);
      expect(onPage.filter((c) => c > 0)).toEqual([4]);
    }
  });

  it('gives label and value back through pdftotext, with a small value on one line', async () => {
    const hash = 'fdf4bf8532cab0b511d0454b7c645522af4cc7f37c5de979e7506a11b26d2c7e';
    const { bytes } = await renderPdf([field('Referentie', 'PR-7K3M-9QXD-4', 'large'), field('Kopie van de identiteitskaart', hash, 'small'), field('Bestand', hash)], options, await renderDeps());
    const out = pdftotext(bytes);
    expect(out).toContain('PR-7K3M-9QXD-4');
    expect(out).toContain(hash);
    expect(out.replace(/\s+/g, '').split(hash)).toHaveLength(3);
  });
});
