/**
 * Renders a block list to a PDF: sanitize, measure, lay out, paginate, draw, footer, metadata.
 * Dependencies (fontkit and the font files) are passed in, and so is every date, so the output
 * depends on the arguments only.
 */
import { PDFDocument, type PDFImage } from 'pdf-lib';
import { drawFooter, drawLines, type EmbeddedFonts } from './draw-pages.ts';
import { faceCache, withSharedShaping, type FaceCache } from './face-cache.ts';
import type { FontFiles } from './fonts.ts';
import { fieldValueStyle, layoutBlocks } from './layout-blocks.ts';
import { paginate } from './paginate.ts';
import { shareFontPrograms } from './share-font-programs.ts';
import { installNativeDeflate } from './native-deflate.ts';
import { sanitizeBlocks, sanitizeText } from './sanitize-text.ts';
import { setMetadata } from './set-metadata.ts';
import { A4_THEME, type Theme } from './theme.ts';
import type { Block, DocumentMetadata, FontFace, FooterOptions, MeasureText } from './types.ts';
import { faceOf } from './wrap-runs.ts';

// pdf-lib's deflate through Node's native zlib (native-deflate.ts says why, and what changes).
installNativeDeflate();

export type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];

export interface RenderDeps {
  fontkit: Fontkit;
  fonts: FontFiles;
}

export interface RenderOptions {
  metadata: DocumentMetadata;
  footer?: FooterOptions;
  theme?: Theme;
  /** Embed only the glyphs used (default). Off embeds whole fonts: for forms that get filled in later. */
  subsetFonts?: boolean;
  /**
   * Characters whose glyphs every subset font starts with, in this order, whether the text uses
   * them or not. Documents of one kind made many times (receipts) pass the characters they are
   * mostly written in: their subsets then come out the same, and share one font program
   * (share-font-programs.ts) instead of each encoding and compressing its own. Characters a
   * face does not have, controls, line breaks and combining marks are skipped.
   */
  glyphBase?: string;
}

export interface RenderedPdf {
  bytes: Uint8Array;
  pages: number;
}

// Ligatures off: one glyph per character keeps text extraction exact (with whole fonts pdf-lib
// maps a ligature glyph back to U+FB03 "ﬃ", not "ffi", and search for "office" fails in readers
// that do not normalise it). Positioning features (kerning, mark placement) off too: pdf-lib
// draws with advance widths only and never uses the positions, and computing them was most of
// the build time.
export const FEATURES = { liga: false, clig: false, dlig: false, hlig: false, calt: false, kern: false, mark: false, mkmk: false };

// One fixed tag per face keeps the output deterministic and the four subsets apart.
const SUBSET_TAGS: Record<FontFace, string> = { regular: 'PPSREG', bold: 'PPSBLD', italic: 'PPSITA', boldItalic: 'PPSBDI' };

function facesUsed(blocks: readonly Block[], theme: Theme, into = new Set<FontFace>(['regular'])): Set<FontFace> {
  for (const b of blocks) {
    if (b.type === 'heading') into.add('bold');
    else if (b.type === 'paragraph') b.runs.forEach((r) => into.add(faceOf(r)));
    else if (b.type === 'address') b.lines.flat().forEach((r) => into.add(faceOf(r)));
    else if (b.type === 'list') b.items.forEach((item) => facesUsed(item.blocks, theme, into));
    else if (b.type === 'field') {
      const base = fieldValueStyle(b, theme).face;
      into.add(theme.field.label.face);
      b.runs.forEach((r) => into.add(faceOf(r, base)));
    }
  }
  return into;
}

/** The PNG bytes of every image block, each once, in order of appearance. */
function imagesUsed(blocks: readonly Block[], into = new Set<Uint8Array>()): Set<Uint8Array> {
  for (const b of blocks) {
    if (b.type === 'image') into.add(b.png);
    else if (b.type === 'list') b.items.forEach((item) => imagesUsed(item.blocks, into));
  }
  return into;
}

/**
 * Text widths for layout, from each face's shared font (face-cache.ts: the numbers pdf-lib's own
 * measuring gives, remembered across documents). Widths scale linearly with size, so one entry
 * per face and text serves every size.
 */
function measurer(faces: Partial<Record<FontFace, FaceCache>>): MeasureText {
  return (text, face, size) => (faces[face] ?? faces.regular!).unitWidth(text, FEATURES) * size;
}

/** The base's characters that the face can draw alone, once each, in their first order (memoised per face). */
const bases = new WeakMap<ReadonlySet<number>, Map<string, string>>();
function baseFor(base: string, charSet: ReadonlySet<number>): string {
  let known = bases.get(charSet);
  if (!known) bases.set(charSet, (known = new Map()));
  let kept = known.get(base);
  if (kept === undefined) {
    kept = [...new Set(base)].filter((ch) => charSet.has(ch.codePointAt(0)!) && !/[\p{C}\p{M}\p{Zl}\p{Zp}]/u.test(ch)).join('');
    if (known.size > 64) known.clear();
    known.set(base, kept);
  }
  return kept;
}

/**
 * Renders blocks to PDF bytes.
 *
 * @example
 *   const { bytes, pages } = await renderPdf(
 *     [{ type: 'heading', level: 1, text: 'Privacyverklaring' }, { type: 'paragraph', runs: [{ text: 'Wij verwerken…' }] }],
 *     { metadata: { title: 'Privacyverklaring', language: 'nl', creationDate: new Date() },
 *       footer: { pageLabel: (n, m) => `Pagina ${n} van ${m}` } },
 *     { fontkit, fonts: await loadNotoSans() },
 *   );
 */
export async function renderPdf(blocks: readonly Block[], options: RenderOptions, deps: RenderDeps): Promise<RenderedPdf> {
  const theme = options.theme ?? A4_THEME;
  // No metadata of pdf-lib's own (its clock, its name): every field comes from the options.
  const doc = await PDFDocument.create({ updateMetadata: false });
  // Each document parses its own fonts (fontkit-fixes.ts says why); what is the same for every
  // document, the PostScript name, the character set and how shaping treats a text, is shared.
  doc.registerFontkit(withSharedShaping(deps.fontkit));

  const fonts: EmbeddedFonts = {};
  const faces: Partial<Record<FontFace, FaceCache>> = {};
  const charSets: ReadonlySet<number>[] = [];
  for (const face of facesUsed(blocks, theme)) {
    const subset = options.subsetFonts ?? true;
    const shared = faceCache(deps.fontkit, deps.fonts[face]);
    // "ABCDEF+Name" is how PDF marks a subset font (ISO 32000-1, 9.6.4); viewers and checkers read it.
    const customName = subset ? `${SUBSET_TAGS[face]}+${shared.postscriptName}` : undefined;
    const font = await doc.embedFont(deps.fonts[face], { subset, features: FEATURES, ...(customName ? { customName } : {}) });
    if (subset) {
      const base = options.glyphBase && baseFor(options.glyphBase, shared.characterSet);
      if (base) font.encodeText(base);
      shareFontPrograms(font, deps.fonts[face]);
    }
    fonts[face] = font;
    faces[face] = shared;
    charSets.push(shared.characterSet);
  }
  const images = new Map<Uint8Array, PDFImage>();
  for (const png of imagesUsed(blocks)) images.set(png, await doc.embedPng(png));

  const hasGlyph = (cp: number) => charSets.every((set) => set.has(cp));

  const given = options.footer;
  const footer: FooterOptions | undefined = given && {
    pageLabel: (n, m) => sanitizeText(given.pageLabel(n, m), hasGlyph),
    ...(given.line === undefined ? {} : { line: sanitizeText(given.line, hasGlyph) }),
  };
  const lines = layoutBlocks(sanitizeBlocks(blocks, hasGlyph), theme, measurer(faces));
  const pages = paginate(lines, theme.page.height - theme.margin.top - theme.margin.bottom);
  pages.forEach((pageLines, i) => {
    const page = doc.addPage([theme.page.width, theme.page.height]);
    drawLines(doc, page, pageLines, fonts, theme, images);
    if (footer) drawFooter(page, i + 1, pages.length, footer, fonts, theme);
  });

  setMetadata(doc, options.metadata);
  // No yielding to the event loop every 50 objects (pdf-lib's default): a receipt is ~3 ms of work,
  // and each yield is a timer of at least 1 ms. The bytes are the same.
  const bytes = await doc.save({ useObjectStreams: true, objectsPerTick: Infinity });
  return { bytes, pages: pages.length };
}
