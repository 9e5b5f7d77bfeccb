// Shared font programs: a document that meets a cached subset font writes exactly the bytes it
// would have written alone, its text still extracts, and receipts of one language whose text
// stays within their glyph base share one font program. Real pdf-lib, real Noto Sans, poppler.
import { PDFContext, PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderPdf, type RenderDeps, type RenderOptions } from '../../../api/pdf/render-pdf.ts';
import { renderReceiptPdf } from '../../../api/receipts/render-receipt.ts';
import type { Block } from '../../../api/pdf/types.ts';
import { pdftotext, renderDeps } from '../../support/pdf-tools.ts';
import { receiptInput } from '../receipts/fixtures.ts';

/**
 * The shared deps with fresh copies of the font files: the cache is kept per font file, so each
 * call starts with an empty one, as a new process would.
 */
async function coldDeps(): Promise<RenderDeps> {
  const deps = await renderDeps();
  const fonts = Object.fromEntries(Object.entries(deps.fonts).map(([face, bytes]) => [face, new Uint8Array(bytes)])) as RenderDeps['fonts'];
  return { ...deps, fonts };
}

const options = (base?: string): RenderOptions => ({
  metadata: { title: 'Test', language: 'uk', creationDate: new Date('2026-04-01T09:30:00Z') },
  ...(base === undefined ? {} : { glyphBase: base }),
});

const text = (s: string): Block[] => [
  { type: 'heading', level: 1, text: 'Квитанція' },
  { type: 'paragraph', runs: [{ text: s }] },
];

/** The embedded TrueType programs of a PDF (each font descriptor's FontFile2), as their stored bytes. */
async function fontPrograms(pdf: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  return doc.context
    .enumerateIndirectObjects()
    .map(([, obj]) => obj)
    .filter((obj): obj is PDFDict => obj instanceof PDFDict && obj.get(PDFName.of('Type')) === PDFName.of('FontDescriptor'))
    .map((descriptor) => {
      const program = descriptor.lookup(PDFName.of('FontFile2'));
      if (!(program instanceof PDFRawStream)) throw new Error('a font descriptor without an embedded TrueType program');
      return Buffer.from(program.contents).toString('base64');
    });
}

describe('shared font programs', () => {
  afterEach(() => vi.restoreAllMocks());

  it('writes the same bytes from the cache as without it, and skips encoding and compressing the fonts', async () => {
    const deps = await coldDeps();
    const flate = vi.spyOn(PDFContext.prototype, 'flateStream');
    const first = await renderPdf(text('Олена Коваленко, Гент, 1 квітня 2026 р. Й й Ё ё'), options(), deps);
    // Two faces (bold heading, regular text): a font program and a ToUnicode map each.
    expect(flate).toHaveBeenCalledTimes(4);
    flate.mockClear();
    const again = await renderPdf(text('Олена Коваленко, Гент, 1 квітня 2026 р. Й й Ё ё'), options(), deps);
    expect(flate).not.toHaveBeenCalled();
    expect(Buffer.from(again.bytes).equals(Buffer.from(first.bytes))).toBe(true);

    // Another document in between, and a cold cache, change nothing either.
    await renderPdf(text('Інший текст з іншими літерами: ґ, є, ї, щ'), options(), deps);
    const afterOther = await renderPdf(text('Олена Коваленко, Гент, 1 квітня 2026 р. Й й Ё ё'), options(), deps);
    const cold = await renderPdf(text('Олена Коваленко, Гент, 1 квітня 2026 р. Й й Ё ё'), options(), await coldDeps());
    expect(Buffer.from(afterOther.bytes).equals(Buffer.from(first.bytes))).toBe(true);
    expect(Buffer.from(cold.bytes).equals(Buffer.from(first.bytes))).toBe(true);
  });

  it('keeps the text of every document extractable, composite letters included', async () => {
    const deps = await coldDeps();
    // "Й" is drawn from "И" and a breve: the subset of the first document asks for "И" as a part.
    const a = await renderPdf(text('Й Ї'), options(), deps);
    const b = await renderPdf(text('И Й Ї І'), options(), deps);
    const c = await renderPdf(text('Й Ї'), options(), deps);
    // pdftotext may join short words: compare without spaces.
    const letters = (pdf: Uint8Array) => pdftotext(pdf).replace(/\s+/g, '');
    expect(letters(a.bytes)).toBe('КвитанціяЙЇ');
    expect(letters(b.bytes)).toBe('КвитанціяИЙЇІ');
    expect(letters(c.bytes)).toBe('КвитанціяЙЇ');
  });

  it('gives documents whose text stays within the glyph base the same font program', async () => {
    const deps = await coldDeps();
    const base = 'abcdefghijklmnopqrstuvwxyz АБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯабвгґдеєжзиіїйклмнопрстуфхцчшщьюя';
    const one = await renderPdf(text('Олена Коваленко'), options(base), deps);
    const two = await renderPdf(text('Ганна Шевченко'), options(base), deps);
    const outside = await renderPdf(text('Ганна Шевченко, Ørsted'), options(base), deps);
    const [p1, p2, p3] = await Promise.all([one, two, outside].map((d) => fontPrograms(d.bytes)));
    expect(p1!.length).toBe(2);
    expect(p2).toEqual(p1);
    // "Ø" is not in the base: that document has a subset of its own, and still says Ørsted.
    expect(p3).not.toEqual(p1);
    expect(pdftotext(outside.bytes)).toContain('Ørsted');
    expect(pdftotext(two.bytes)).toContain('Ганна Шевченко');
  });

  it('lets receipts of one language share their fonts whatever the reference, name, place and dates', async () => {
    const a = await renderReceiptPdf(receiptInput('nl'));
    const b = await renderReceiptPdf(
      receiptInput('nl', {
        reference: 'PR-ZZ9X-WV2T-Q',
        signature: { kind: 'typed', name: 'Geneviève Müller-Janssens' },
        signedPlace: 'Sint-Niklaas',
        legalDeadline: '2026-12-28',
        extendedDeadline: '2027-02-26',
        receivedAt: Date.parse('2026-11-27T16:02:00Z'),
      }),
    );
    expect(await fontPrograms(b)).toEqual(await fontPrograms(a));
    expect(pdftotext(b)).toContain('Geneviève Müller-Janssens');
  });
});
