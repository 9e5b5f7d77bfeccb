// The layout engine end to end: real Noto Sans, real pdf-lib output, read back by pdf-lib and
// by poppler (pdftotext, pdfinfo, pdftoppm) as a reader's viewer would.
import fontkit from '@pdf-lib/fontkit';
import { decodePDFRawStream, PDFArray, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { fixedFontkit } from '../../../api/pdf/fontkit-fixes.ts';
import { readLanguage } from '../../../api/pdf/read-language.ts';
import { renderPdf, type RenderOptions } from '../../../api/pdf/render-pdf.ts';
import type { Block } from '../../../api/pdf/types.ts';
import { pdfinfoPages, pdftotext, renderFirstPage, renderDeps } from '../../support/pdf-tools.ts';

const deps = await renderDeps();
const para = (text: string): Block => ({ type: 'paragraph', runs: [{ text }] });
const NOW = new Date('2026-11-29T10:00:00Z');
const options: RenderOptions = {
  metadata: { title: 'Test', language: 'nl', creationDate: NOW },
  footer: { pageLabel: (n, m) => `Pagina ${n} van ${m}`, line: 'Bron: https://privacy.example.be/nl/in-gent/' },
};
const LOREM = 'De gezamenlijke verwerkingsverantwoordelijken verwerken uw persoonsgegevens binnen de Europese Economische Ruimte.';
/** pdftotext output with line breaks and hyphen-free joins undone, for substring checks. */
const flat = (s: string) => s.replace(/\s+/g, ' ');

const SAMPLES = {
  nl: 'Wij zijn een coöperatie: financiële, officiële en reële één café geïnteresseerd ruïne België',
  fr: 'Vos données à caractère personnel, le règlement général, l’élève, le nœud, « guillemets », ça, Où',
  uk: 'Українська: інформація, їжа, європейський, ґанок, персональні дані, Її, Ґ, Є, І',
  ru: 'Русский: обработка персональных данных, ёлка, объём, съёмка, Ё, Ъ, Ы, Э',
};

describe('renderPdf', () => {
  it('gives back every word in Dutch, French, Ukrainian and Russian through pdftotext, ligatures included', async () => {
    const blocks: Block[] = [
      { type: 'heading', level: 1, text: 'Privacyverklaring — Заява' },
      ...Object.values(SAMPLES).map(para),
      { type: 'paragraph', runs: [{ text: 'office, fluffy, affiche, ' }, { text: 'vetgedrukte ëï', bold: true }, { text: ' ' }, { text: 'cursieve їє', italic: true }, { text: ' ' }, { text: 'beide ґё', bold: true, italic: true }] },
    ];
    const { bytes } = await renderPdf(blocks, options, deps);
    const text = flat(pdftotext(bytes));
    for (const sample of Object.values(SAMPLES)) expect(text).toContain(sample);
    expect(text).toContain('office, fluffy, affiche, vetgedrukte ëï cursieve їє beide ґё');
    expect(text).toContain('Privacyverklaring — Заява');
  });

  it('breaks long text over pages, in order, with a footer on every page', async () => {
    const blocks: Block[] = [{ type: 'heading', level: 1, text: 'Lang document' }, ...Array.from({ length: 80 }, (_, i) => para(`Alinea ${i + 1}. ${LOREM} ${LOREM}`))];
    const { bytes, pages } = await renderPdf(blocks, options, deps);
    expect(pages).toBeGreaterThan(1);
    expect(pdfinfoPages(bytes)).toBe(pages);
    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(pages);
    const text = pdftotext(bytes);
    const order = [...text.matchAll(/Alinea (\d+)\./g)].map((m) => Number(m[1]));
    expect(order).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
    for (let n = 1; n <= pages; n++) {
      const page = pdftotext(bytes, { first: n, last: n });
      expect(page).toContain(`Pagina ${n} van ${pages}`);
      expect(page).toContain('Bron: https://privacy.example.be/nl/in-gent/');
    }
  });

  it('never ends a page with a heading: each heading shares its page with the start of its text', async () => {
    const blocks: Block[] = [];
    for (let i = 1; i <= 40; i++) {
      blocks.push({ type: 'heading', level: 2, text: `Kop ${i}` });
      blocks.push(para(`Tekst${i} ${LOREM.repeat((i % 4) + 1)}`));
    }
    const { bytes, pages } = await renderPdf(blocks, options, deps);
    expect(pages).toBeGreaterThan(3);
    for (let n = 1; n <= pages; n++) {
      const page = pdftotext(bytes, { first: n, last: n });
      for (const m of page.matchAll(/^Kop (\d+)$/gm)) expect(page, `page ${n}`).toContain(`Tekst${m[1]} `);
    }
  });

  it('wraps an e-mail address and a URL longer than a line without losing a character', async () => {
    const url = `https://www.example.be/${'zeer-lange-padnaam/'.repeat(8)}index.html?vraag=antwoord&taal=nl`;
    const email = `functionaris.gegevensbescherming.${'heel-lang.'.repeat(6)}adres@integratie-inburgering.be`;
    const { bytes } = await renderPdf([para(`Zie ${url} of schrijf naar ${email} vandaag.`)], options, deps);
    // Lines are joined without a space: a cut inside a word adds none.
    const joined = pdftotext(bytes).split('\n').join('');
    expect(joined).toContain(url);
    expect(joined).toContain(email);
  });

  it('draws one glyph per character, so no reader sees a ligature "ﬃ" where the text says "ffi"', async () => {
    // pdftotext undoes ligatures itself, other readers do not; with whole fonts pdf-lib would map
    // a ligature glyph to U+FB03. "office" must be six glyphs, in both embedding modes.
    for (const subsetFonts of [true, false]) {
      const { bytes } = await renderPdf([para('office')], { ...options, footer: undefined, subsetFonts }, deps);
      const page = (await PDFDocument.load(bytes)).getPage(0);
      const contents = page.node.Contents();
      const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => page.doc.context.lookup(ref)) : [contents];
      const content = streams.map((st) => (st instanceof PDFRawStream ? Buffer.from(decodePDFRawStream(st).decode()).toString('latin1') : '')).join('\n');
      const shown = [...content.matchAll(/<([0-9A-Fa-f]+)> Tj/g)].map((m) => m[1]!.length / 4);
      expect(shown, `subsetFonts: ${subsetFonts}`).toEqual([6]);
    }
  });

  it('writes the metadata: title, language, subject, author, keywords, creator, producer, dates', async () => {
    const { bytes } = await renderPdf([para('x')], {
      metadata: {
        title: 'Заява про конфіденційність',
        language: 'uk',
        subject: 'Privacyverklaring Centrale Registratietool',
        author: 'Agentschap Integratie en Inburgering, Integratie en Inburgering Gent',
        keywords: ['crt', 'uk'],
        creator: 'test',
        producer: 'pdf-lib',
        creationDate: NOW,
        modificationDate: new Date('2022-10-13T00:00:00Z'),
      },
    }, deps);
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(doc.getTitle()).toBe('Заява про конфіденційність');
    expect(readLanguage(doc)).toBe('uk');
    expect(doc.getSubject()).toBe('Privacyverklaring Centrale Registratietool');
    expect(doc.getAuthor()).toBe('Agentschap Integratie en Inburgering, Integratie en Inburgering Gent');
    expect(doc.getKeywords()).toBe('crt uk');
    expect(doc.getCreator()).toBe('test');
    expect(doc.getProducer()).toBe('pdf-lib');
    expect(doc.getCreationDate()?.toISOString()).toBe(NOW.toISOString());
    expect(doc.getModificationDate()?.toISOString()).toBe('2022-10-13T00:00:00.000Z');
    // Viewers show the title, not the file name, in their title bar.
    expect(doc.catalog.lookup(PDFName.of('ViewerPreferences'))?.toString()).toContain('/DisplayDocTitle true');
  });

  it('is deterministic: the same blocks and dates give the same bytes', async () => {
    const blocks = [...Object.values(SAMPLES).map(para), { type: 'heading', level: 2, text: 'Kop' } as Block];
    const a = await renderPdf(blocks, options, deps);
    const b = await renderPdf(blocks, options, deps);
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
  });

  it('refuses a language that is not a BCP 47 tag', async () => {
    await expect(renderPdf([para('x')], { metadata: { title: 'x', language: 'Nederlands', creationDate: NOW } }, deps)).rejects.toThrow(/BCP 47/);
  });

  it('draws subset fonts exactly as the whole fonts (fontkit subset bug stays fixed)', async () => {
    const blocks: Block[] = [{ type: 'heading', level: 1, text: 'Kop' }, ...Object.values(SAMPLES).map(para), { type: 'paragraph', runs: [{ text: 'cursief', italic: true }] }];
    const subset = await renderPdf(blocks, options, deps);
    const whole = await renderPdf(blocks, { ...options, subsetFonts: false }, deps);
    expect(subset.bytes.length).toBeLessThan(whole.bytes.length / 10);
    expect(renderFirstPage(subset.bytes).equals(renderFirstPage(whole.bytes))).toBe(true);
  });

  it('keeps every letter extractable across documents built with the same dependencies', async () => {
    // "Й" is a composite of "И" and a breve: a document with only "Й" must not spoil "И" for the
    // next. A fresh fontkit, so that no earlier test has already met "И".
    const fresh = { fontkit: fixedFontkit(fontkit), fonts: deps.fonts };
    await renderPdf([para('Йод')], options, fresh);
    const { bytes } = await renderPdf([para('Источник Иван')], options, fresh);
    expect(flat(pdftotext(bytes))).toContain('Источник Иван');
  });

  it('makes links clickable and replaces characters the font lacks', async () => {
    const { bytes } = await renderPdf([{ type: 'paragraph', runs: [{ text: 'Mail ' }, { text: 'gdpr@in-gent.be', href: 'mailto:gdpr@in-gent.be' }, { text: ' \u{1F600} co\u00ADoperatie' }] }], options, deps);
    const doc = await PDFDocument.load(bytes);
    const annots = doc.getPage(0).node.Annots();
    expect(annots?.size()).toBe(1);
    expect(annots?.lookup(0)?.toString()).toContain('mailto:gdpr@in-gent.be');
    expect(flat(pdftotext(bytes))).toContain('Mail gdpr@in-gent.be ? cooperatie');
  });
});
