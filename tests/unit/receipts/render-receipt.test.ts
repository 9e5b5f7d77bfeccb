// The request receipt end to end: real Noto Sans, real pdf-lib output, read back by pdf-lib and by
// poppler's pdftotext, in all five languages.
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFString } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { facts } from '../../../content/facts.ts';
import { formatDate, t } from '../../../content/i18n.ts';
import { LANGS } from '../../../content/schema.ts';
import { readLanguage } from '../../../api/pdf/read-language.ts';
import { renderReceiptPdf } from '../../../api/receipts/render-receipt.ts';
import { receiptFingerprint } from '../../../api/seal/receipt-fingerprint.ts';
import { pdftotext, renderDeps } from '../../support/pdf-tools.ts';
import { FILES, receiptInput, seal, signaturePng } from './fixtures.ts';

const deps = await renderDeps();
const png = await signaturePng();
const squeeze = (s: string) => s.replace(/\s+/g, '');
const flat = (s: string) => s.replace(/\s+/g, ' ');

/** The image XObjects in a PDF (a PNG with transparency is two: the picture and its soft mask). */
function imageXObjects(doc: PDFDocument): PDFRawStream[] {
  return doc.context
    .enumerateIndirectObjects()
    .map(([, obj]) => obj)
    .filter((obj): obj is PDFRawStream => obj instanceof PDFRawStream && obj.dict.get(PDFName.of('Subtype')) === PDFName.of('Image'));
}

/** The decoded content stream of a page. */
function pageContent(doc: PDFDocument, index: number): string {
  const page = doc.getPage(index);
  const contents = page.node.Contents();
  const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => doc.context.lookup(ref)) : [contents];
  return streams.map((st) => (st instanceof PDFRawStream ? Buffer.from(decodePDFRawStream(st).decode()).toString('latin1') : '')).join('\n');
}

function linkTargets(doc: PDFDocument): string[] {
  return doc.getPages().flatMap((page) =>
    (page.node.Annots()?.asArray() ?? []).map((ref) => {
      const annot = doc.context.lookup(ref, PDFDict);
      return annot.lookup(PDFName.of('A'), PDFDict).lookup(PDFName.of('URI'), PDFString).decodeText();
    }),
  );
}

describe('renderReceiptPdf', () => {
  const fingerprint = receiptFingerprint(seal);
  const complaintEmails = facts.controllers.ingent!.complaintBodies.map((id) => facts.complaintBodies[id]!.email).filter((e): e is string => e !== null);

  it.each(LANGS)('gives back the reference, times, deadline, hashes, seal and complaint bodies in %s', async (lang) => {
    const bytes = await renderReceiptPdf(receiptInput(lang, { signature: { kind: 'drawn', png } }), deps);
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(readLanguage(doc)).toBe(lang);
    expect(doc.getTitle()).toBe(t(lang, 'receipt.title'));
    expect(doc.getSubject()).toBe('PR-7K3M-9QXD-4');
    expect(doc.getCreationDate()?.toISOString()).toBe('2026-04-01T09:30:01.000Z');

    const text = pdftotext(bytes);
    const words = flat(text);
    expect(words).toContain('PR-7K3M-9QXD-4');
    expect(words).toContain(`${formatDate(lang, '2026-04-01')}, 11:30 (UTC+2)`);
    expect(words).toContain(formatDate(lang, '2026-05-04'));
    expect(squeeze(text)).toContain(squeeze(t(lang, 'receipt.extension', { extended: formatDate(lang, '2026-07-01') })));
    expect(squeeze(text)).toContain(squeeze(formatDate(lang, '2026-04-29')));
    expect(words).toContain(fingerprint);
    for (const file of FILES) expect(squeeze(text)).toContain(file.sha256);
    expect(squeeze(text)).toContain(seal.keyId);
    for (const email of complaintEmails) expect(words).toContain(email);
    expect(squeeze(text)).toContain(squeeze(t(lang, 'statement.crt.title')));
    for (const right of ['access', 'rectification', 'erasure'] as const) expect(words).toContain(t(lang, `right.${right}.name`));
    expect(squeeze(text)).toContain(squeeze(t(lang, 'receipt.noIdImage')));
    expect(squeeze(text)).toContain(squeeze(t(lang, 'receipt.verify', { url: `https://privacy.example.be/${lang}/verify/` })));
    expect(words).toContain('Integratie en Inburgering Gent');
    expect(linkTargets(doc)).toEqual(
      expect.arrayContaining([`https://privacy.example.be/${lang}/verify/`, 'mailto:contact@apd-gba.be', 'https://overheid.vlaanderen.be/klachtenprocedure']),
    );
  });

  it('embeds a drawn signature as an image and a typed one as text only', async () => {
    const drawn = await PDFDocument.load(await renderReceiptPdf(receiptInput('nl', { signature: { kind: 'drawn', png } }), deps));
    const images = imageXObjects(drawn);
    expect(images.length).toBeGreaterThanOrEqual(1);
    // The 600 x 200 pixel PNG scaled into the 60 x 25 mm box, 3:1 kept: 60 mm wide, 20 mm high.
    // pdf-lib places an image with three cm operators: translate, scale, skew; the scale is the size.
    const placed = /([\d.]+) 0 0 ([\d.]+) 0 0 cm\s+1 0 0 1 0 0 cm\s+\/Image-\d+ Do/.exec(pageContent(drawn, 0));
    expect(placed).not.toBeNull();
    const mm = (pt: string) => (Number(pt) * 25.4) / 72;
    expect(mm(placed![1]!)).toBeCloseTo(60, 1);
    expect(mm(placed![2]!)).toBeCloseTo(20, 1);
    const typedBytes = await renderReceiptPdf(receiptInput('nl', { signature: { kind: 'typed', name: 'Olena Kovalenko' } }), deps);
    expect(imageXObjects(await PDFDocument.load(typedBytes))).toHaveLength(0);
    expect(flat(pdftotext(typedBytes))).toContain(t('nl', 'receipt.typedSignature', { name: 'Olena Kovalenko' }));
  });

  it('leaves out the internal target sentence when the controller promises none', async () => {
    const bytes = await renderReceiptPdf(
      receiptInput('en', { controllerId: 'agii', routingReason: { code: 'noPostcode', controller: 'agii' }, contactPointInformed: false, internalTarget: null }),
      deps,
    );
    const text = flat(pdftotext(bytes));
    expect(text).not.toContain('Own promise');
    expect(text).toContain('You did not give a postcode: AgII, the contact point, handles your request.');
  });

  it('gives the same bytes for the same input', async () => {
    for (const signature of [{ kind: 'drawn', png } as const, { kind: 'typed', name: 'Olena Kovalenko' } as const]) {
      const a = await renderReceiptPdf(receiptInput('uk', { signature }), deps);
      const b = await renderReceiptPdf(receiptInput('uk', { signature: signature.kind === 'drawn' ? { kind: 'drawn', png: png.slice() } : signature }));
      expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    }
  });

  it('refuses dates that are not YYYY-MM-DD, unknown rights and a signature that is not a PNG', async () => {
    await expect(renderReceiptPdf(receiptInput('nl', { legalDeadline: '4 mei 2026' }), deps)).rejects.toThrow(/legalDeadline/);
    await expect(renderReceiptPdf(receiptInput('nl', { rights: ['forgetting' as 'access'] }), deps)).rejects.toThrow(/Unknown right/);
    await expect(renderReceiptPdf(receiptInput('nl', { signature: { kind: 'drawn', png: new Uint8Array([1, 2, 3]) } }), deps)).rejects.toThrow(/not a PNG/);
  });
});
