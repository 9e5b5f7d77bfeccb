/**
 * Puts laid-out pages on PDF pages: every segment is one text-showing operation in an embedded
 * font with a ToUnicode map, so text extraction and copy-paste give back the words. Segments with
 * a link get a URI link annotation over them.
 */
import { PDFString, rgb, type PDFDocument, type PDFFont, type PDFImage, type PDFPage } from 'pdf-lib';
import type { PlacedLine } from './paginate.ts';
import { contentWidth, type Rgb, type Theme } from './theme.ts';
import type { FontFace, FooterOptions } from './types.ts';

export type EmbeddedFonts = Partial<Record<FontFace, PDFFont>>;
/** Embedded images by the PNG bytes of their image block. */
export type EmbeddedImages = ReadonlyMap<Uint8Array, PDFImage>;

const color = (c: Rgb) => rgb(c[0], c[1], c[2]);

function fontFor(fonts: EmbeddedFonts, face: FontFace): PDFFont {
  const font = fonts[face] ?? fonts.regular;
  if (!font) throw new Error(`No embedded font for ${face}`);
  return font;
}

function addLink(doc: PDFDocument, page: PDFPage, href: string, rect: [number, number, number, number]): void {
  // URIs in a PDF are 7-bit ASCII: URL parsing percent-encodes anything else.
  let uri: string;
  try {
    uri = new URL(href).href;
  } catch {
    return;
  }
  const annot = doc.context.obj({
    Type: 'Annot',
    Subtype: 'Link',
    Rect: rect,
    Border: [0, 0, 0],
    A: { Type: 'Action', S: 'URI', URI: PDFString.of(uri) },
  });
  page.node.addAnnot(doc.context.register(annot));
}

/** Draws the lines of one page; `images` holds the embedded picture of every image line. */
export function drawLines(doc: PDFDocument, page: PDFPage, lines: readonly PlacedLine[], fonts: EmbeddedFonts, theme: Theme, images: EmbeddedImages = new Map()): void {
  for (const line of lines) {
    const top = theme.page.height - theme.margin.top - line.top;
    if (line.image) {
      const { png, x, width, height } = line.image;
      const image = images.get(png);
      if (!image) throw new Error('An image line has no embedded image');
      page.drawImage(image, { x: theme.margin.left + x, y: top - height, width, height });
    }
    const y = top - line.baseline;
    for (const seg of line.segments) {
      const x = theme.margin.left + seg.x;
      const size = seg.size ?? line.size;
      page.drawText(seg.text, { x, y, size, font: fontFor(fonts, seg.face), color: color(seg.color ?? line.color) });
      if (seg.href) addLink(doc, page, seg.href, [x, y - theme.descent * size, x + seg.width, y + theme.ascent * size]);
    }
  }
}

/** Shortens `text` with a trailing "…" until it fits `max` points. */
function fit(text: string, max: number, width: (s: string) => number): string {
  if (width(text) <= max) return text;
  const chars = Array.from(text);
  while (chars.length > 0 && width(chars.join('') + '…') > max) chars.pop();
  return chars.join('') + '…';
}

/** Draws the rule, the optional footer line (left) and the page label (right) at the page bottom. */
export function drawFooter(page: PDFPage, n: number, m: number, footer: FooterOptions, fonts: EmbeddedFonts, theme: Theme): void {
  const font = fontFor(fonts, 'regular');
  const { size, baseline } = theme.footer;
  const left = theme.margin.left;
  const right = theme.page.width - theme.margin.right;
  const width = (s: string) => font.widthOfTextAtSize(s, size);
  page.drawLine({ start: { x: left, y: baseline + size * 1.6 }, end: { x: right, y: baseline + size * 1.6 }, thickness: 0.5, color: color(theme.footer.ruleColor) });
  const label = footer.pageLabel(n, m);
  const labelWidth = width(label);
  page.drawText(label, { x: right - labelWidth, y: baseline, size, font, color: color(theme.footer.color) });
  if (footer.line) {
    const text = fit(footer.line, contentWidth(theme) - labelWidth - 2 * size, width);
    page.drawText(text, { x: left, y: baseline, size, font, color: color(theme.footer.color) });
  }
}
