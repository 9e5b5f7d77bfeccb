/**
 * The receipt PDF a requester downloads after filing a rights request: the receipt blocks set by
 * the statements' layout engine (same font, same look), with the reference and check code in
 * every page footer. Deterministic: the same input gives the same bytes, so the SHA-256 of the
 * receipt can be stored at intake and compared when someone brings the file back.
 */
import fontkit from '@pdf-lib/fontkit';
import { formatDate, strings, t } from '../../content/i18n.ts';
import type { Lang } from '../../content/schema.ts';
import { limitConcurrency } from '../limit-concurrency.ts';
import { fixedFontkit } from '../pdf/fontkit-fixes.ts';
import { loadNotoSans } from '../pdf/fonts.ts';
import { renderPdf, type RenderDeps, type RenderOptions } from '../pdf/render-pdf.ts';
import { receiptFingerprint } from '../seal/receipt-fingerprint.ts';
import { buildReceiptBlocks } from './build-receipt-blocks.ts';
import type { ReceiptInput } from './types.ts';

let defaultDeps: Promise<RenderDeps> | undefined;

/**
 * One receipt at a time: rendering is JavaScript on this thread, so two at once take as long as
 * one after the other, but pdf-lib yields while saving and would keep both documents (their
 * parsed fonts, objects and deflate buffers) in memory, and finish both late.
 */
const oneAtATime = limitConcurrency(1);

/** fontkit with the subset fix and the Noto Sans files, read once per process. */
function loadDefaultDeps(): Promise<RenderDeps> {
  defaultDeps ??= loadNotoSans().then((fonts) => ({ fontkit: fixedFontkit(fontkit), fonts }));
  return defaultDeps;
}

const bases = new Map<Lang, string>();

/**
 * The characters receipts in `lang` are mostly written in, in a fixed order: printable ASCII
 * (references, hashes, e-mail and web addresses, most names and places), the letters of Latin-1
 * (names such as Geneviève or Müller), and every other character of the language's strings and
 * month names. A receipt whose own text stays within them has the same subset fonts as every
 * other such receipt of its language, so they share one font program (render-pdf.ts, glyphBase).
 */
function glyphBase(lang: Lang): string {
  let base = bases.get(lang);
  if (base === undefined) {
    const range = (from: number, to: number) => String.fromCodePoint(...Array.from({ length: to - from + 1 }, (_, i) => from + i));
    const months = Array.from({ length: 12 }, (_, m) => formatDate(lang, `2026-${String(m + 1).padStart(2, '0')}-01`)).join('');
    const own = [...new Set(Object.values(strings[lang]).join('') + months)].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!).join('');
    base = [...new Set(range(0x20, 0x7e) + range(0xc0, 0xff) + own)].join('');
    bases.set(lang, base);
  }
  return base;
}

/**
 * Renders the receipt of a request. `deps` defaults to the embedded Noto Sans; tests and batch
 * jobs may pass their own. Throws on an unknown controller, right or complaint body, a date that
 * is not YYYY-MM-DD, or a drawn signature that is not a PNG.
 *
 * @example
 *   const pdf = await renderReceiptPdf({
 *     lang: 'nl', reference: 'PR-7K3M-9QXD-4', receivedAt: Date.parse('2026-04-01T09:30:00Z'), statement: 'crt',
 *     rights: ['access', 'erasure'], controllerId: 'ingent',
 *     routingReason: { code: 'postcodeInArea', postcode: '9000', region: 'ghent', controller: 'ingent' },
 *     contactPointInformed: true, legalDeadline: '2026-05-01', extendedDeadline: '2026-07-01', internalTarget: '2026-04-29',
 *     signature: { kind: 'typed', name: 'Olena Kovalenko' }, signedPlace: 'Gent', signedDate: '2026-04-01',
 *     files: [{ role: 'id_copy', sha256: seal.files[0].sha256 }], seal,
 *     verifyUrl: 'https://privacy.example.be/nl/verify/', builtAt: clock.now(),
 *   });
 *   // pdf: Uint8Array, "%PDF-1.7 ..."
 */
export async function renderReceiptPdf(input: ReceiptInput, deps?: RenderDeps): Promise<Uint8Array> {
  const { lang, reference } = input;
  const fingerprint = receiptFingerprint(input.seal);
  const options: RenderOptions = {
    metadata: {
      title: t(lang, 'receipt.title'),
      language: lang,
      subject: reference,
      keywords: [reference, fingerprint, input.statement],
      creator: 'Privacy portal of the Flemish integration sector (api/receipts)',
      producer: 'pdf-lib',
      creationDate: input.builtAt,
    },
    footer: {
      pageLabel: (n, m) => t(lang, 'pdf.page', { page: n, pages: m }),
      line: `${t(lang, 'receipt.reference')}: ${reference} · ${t(lang, 'receipt.fingerprint')}: ${fingerprint}`,
    },
    glyphBase: glyphBase(lang),
  };
  const blocks = buildReceiptBlocks(input);
  const resolved = deps ?? (await loadDefaultDeps());
  const { bytes } = await oneAtATime(() => renderPdf(blocks, options, resolved));
  return bytes;
}
