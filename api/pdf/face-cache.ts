/**
 * What every document set in one font file has in common, worked out once per process: the
 * font's PostScript name, its character set, and whether shaping a text changes any glyph. The
 * fonts that pdf-lib embeds stay parsed per document (see fontkit-fixes.ts for why a parsed font
 * must not be shared); this module only spares them the expensive part of fontkit's layout.
 *
 * pdf-lib calls `font.layout(text, features)` to measure and to encode text, and uses only the
 * glyphs. With our features (ligatures, kerning and mark positioning off) OpenType shaping of
 * Latin and Cyrillic text almost always gives the glyphs of the cmap, one per character, but a
 * fresh font parses GSUB and GPOS (~10 ms per face) before it can tell. So each document's fonts
 * get a layout that asks a process-wide "shaper" font, parsed once and never embedded, whether
 * shaping changes the text; when it does not, the glyphs come straight from the document's own
 * font through `glyphsForString`, which is the first thing fontkit's layout does as well. The
 * same glyph objects are created in the same order, so the PDF bytes are the same as with the
 * full layout; any text that shaping does change takes the full layout, as before.
 *
 * @example
 *   const face = faceCache(deps.fontkit, deps.fonts.regular);
 *   face.postscriptName; // 'NotoSans-Regular'
 *   doc.registerFontkit(withSharedShaping(deps.fontkit, FEATURES));
 */
import type { Fontkit } from './render-pdf.ts';

type Font = ReturnType<Fontkit['create']>;
type Glyph = ReturnType<Font['glyphForCodePoint']>;
type Layout = Font['layout'];
type Features = Parameters<Layout>[1];

/** fontkit's layout engine, for the one check that its layout makes on every text. */
interface LayoutEngineInternals {
  isDefaultIgnorable?: (codePoint: number) => boolean;
}

export interface FaceCache {
  /** The font parsed once: for shaping checks, and the tables below. Never embedded. */
  shaper: Font;
  postscriptName: string | null;
  characterSet: ReadonlySet<number>;
  /** True when shaping `text` gives exactly the cmap's glyphs and no default-ignorable one. */
  isPlain(text: string, features: Features): boolean;
  /**
   * The width of `text` at size 1, in PDF units, exactly as pdf-lib measures it with a document's
   * font of these bytes (CustomFontEmbedder#widthOfTextAtSize): the same glyphs (the cmap's for a
   * plain text, fontkit's layout otherwise), the same advances, the same arithmetic. Worked out
   * on the shared font and remembered, so a document measures a sentence that earlier documents
   * measured without any work, and without creating glyph objects in its own font (which would
   * make what it embeds depend on what was measured before).
   */
  unitWidth(text: string, features: Features): number;
  /**
   * Gives a document's glyph the metrics (advance, bearings) that an earlier document's glyph of
   * the same id worked out, or keeps its own for the next ones: the same numbers either way, from
   * the same hmtx and glyph header, which fontkit otherwise decodes again for every document.
   */
  shareMetrics(glyph: Glyph): void;
}

/** The per-glyph cache fontkit keeps its metrics in (Glyph#_getMetrics). */
interface GlyphMetricsInternals {
  id: number;
  _metrics?: object;
  _getMetrics?: () => object;
  _font?: { _variationProcessor?: unknown };
}

/** Texts remembered per face: enough for every label and sentence of the receipts and statements. */
const MAX_TEXTS = 20_000;

const caches = new WeakMap<Fontkit, WeakMap<Uint8Array, FaceCache>>();

function engineOf(font: Font): LayoutEngineInternals | undefined {
  return (font as unknown as { _layoutEngine?: LayoutEngineInternals })._layoutEngine;
}

function createFaceCache(fontkit: Fontkit, bytes: Uint8Array): FaceCache {
  const shaper = fontkit.create(bytes);
  const plain = new Map<string, boolean>();
  const plainFeatures = new WeakMap<object, Map<string, boolean>>();
  const ignorable = engineOf(shaper)?.isDefaultIgnorable?.bind(engineOf(shaper));
  const metrics = new Map<number, object>();
  const widths = new WeakMap<object, Map<string, number>>();
  const scale = 1000 / shaper.unitsPerEm;
  return {
    shaper,
    postscriptName: shaper.postscriptName,
    characterSet: new Set(shaper.characterSet),
    isPlain(text, features) {
      // One answer per features object: renderPdf passes the same constant every time.
      const memo = typeof features === 'object' && features !== null ? (plainFeatures.get(features) ?? new Map<string, boolean>()) : plain;
      if (typeof features === 'object' && features !== null && !plainFeatures.has(features)) plainFeatures.set(features, memo);
      let answer = memo.get(text);
      if (answer === undefined) {
        const cmap = shaper.glyphsForString(text);
        const shaped = shaper.layout(text, features).glyphs;
        answer = ignorable !== undefined && shaped.length === cmap.length && shaped.every((g, i) => g.id === cmap[i]!.id && !ignorable(g.codePoints[0]!));
        if (memo.size >= MAX_TEXTS) memo.clear();
        memo.set(text, answer);
      }
      return answer;
    },
    unitWidth(text, features) {
      const key = typeof features === 'object' && features !== null ? features : widths;
      let memo = widths.get(key);
      if (!memo) widths.set(key, (memo = new Map()));
      let width = memo.get(text);
      if (width === undefined) {
        const glyphs = this.isPlain(text, features) ? shaper.glyphsForString(text) : shaper.layout(text, features).glyphs;
        let total = 0;
        for (const glyph of glyphs) total += glyph.advanceWidth * scale;
        width = total * (1 / 1000);
        if (memo.size >= MAX_TEXTS) memo.clear();
        memo.set(text, width);
      }
      return width;
    },
    shareMetrics(glyph) {
      const own = glyph as unknown as GlyphMetricsInternals;
      // Variable fonts compute metrics per instance; not shared.
      if (own._metrics !== undefined || typeof own._getMetrics !== 'function' || own._font?._variationProcessor) return;
      const known = metrics.get(own.id);
      if (known) own._metrics = known;
      else metrics.set(own.id, own._getMetrics());
    },
  };
}

/** The shared facts of a font file (by identity of its bytes), parsed on first use. */
export function faceCache(fontkit: Fontkit, bytes: Uint8Array): FaceCache {
  let byBytes = caches.get(fontkit);
  if (!byBytes) caches.set(fontkit, (byBytes = new WeakMap()));
  let cache = byBytes.get(bytes);
  if (!cache) byBytes.set(bytes, (cache = createFaceCache(fontkit, bytes)));
  return cache;
}

/**
 * Tables whose decoded form is plain data that nothing changes, decoded eagerly in full (no lazy
 * parts that read the font file later): a document's font can take the shared font's copy. `post`
 * alone costs ~3 ms per face to decode, for its list of glyph names, and pdf-lib reads two numbers
 * from it (isFixedPitch, italicAngle); `loca` is read when subsetting, `name` for the font's name.
 */
const SHARED_TABLES = ['post', 'name', 'loca'] as const;

interface TtfFontInternals {
  _tables?: Record<string, unknown>;
  directory?: { tables?: Record<string, unknown> };
}

/**
 * A fontkit for one PDFDocument: its fonts are parsed per document as before, but take the shared
 * font's decoded plain-data tables, and lay out text without parsing GSUB and GPOS when shaping
 * is known (from the shared font of the same bytes) to change nothing. Every other call goes to
 * fontkit's own layout, so the glyphs, and the bytes, are the same.
 */
export function withSharedShaping(fontkit: Fontkit): Fontkit {
  return {
    create(buffer: Uint8Array, postscriptName?: string): Font {
      const font = fontkit.create(buffer, postscriptName);
      if (postscriptName !== undefined) return font;
      const face = faceCache(fontkit, buffer);
      // isDefaultIgnorable is a pure function of the code point; the shared font's engine has it
      // ready, where asking the document's font for its engine would parse GSUB and GPOS.
      const engine = engineOf(face.shaper);
      if (typeof engine?.isDefaultIgnorable !== 'function') return font;
      const ignorable = engine.isDefaultIgnorable.bind(engine);

      const own = font as unknown as TtfFontInternals;
      const shared = face.shaper as unknown as Record<string, unknown>;
      if (own._tables && own.directory?.tables) {
        for (const tag of SHARED_TABLES) {
          if (tag in own.directory.tables && !(tag in own._tables) && shared[tag] !== undefined) own._tables[tag] = shared[tag];
        }
      }

      const layout: Layout = font.layout.bind(font);
      font.layout = ((text: string, features?: Features, ...rest: unknown[]) => {
        if (typeof text !== 'string' || rest.length > 0) return (layout as (...a: unknown[]) => ReturnType<Layout>)(text, features, ...rest);
        // fontkit's layout starts the same way: these glyph objects are the ones it would return.
        const glyphs: Glyph[] = font.glyphsForString(text);
        if (glyphs.length === 0 || !face.isPlain(text, features) || glyphs.some((g) => ignorable(g.codePoints[0]!))) return layout(text, features);
        // And it always ends by looking up the space (to stand in for default-ignorables).
        font.glyphForCodePoint(0x20);
        for (const glyph of glyphs) face.shareMetrics(glyph);
        return { glyphs } as unknown as ReturnType<Layout>;
      }) as Layout;
      return font;
    },
  };
}
