/**
 * Font programs shared between documents. pdf-lib writes a subset font for every document: it
 * encodes the glyphs the text used as a new TrueType file (fontkit) and deflates it (pako), and
 * writes the ToUnicode map of those glyphs, deflated too. For a receipt that is ~40 % of the
 * work, and the result is the same whenever the glyphs are the same and in the same order: the
 * program depends on the glyph ids only, the map on the ids and their code points.
 *
 * shareFontPrograms() makes one embedded subset font look up both streams, by exactly that key,
 * in a small process-wide cache of their compressed bytes, and make them as before on a miss.
 * A hit writes the same bytes as a miss would, so a document does not depend on what was made
 * before it. Documents of one kind meet the same key when their subsets start with the same
 * glyphs in the same order (RenderOptions.glyphBase) and their own text adds none.
 *
 * Uses pdf-lib's embedder internals (pdf-lib 1.17.1, pinned): it checks they are there and
 * leaves the font alone when they are not.
 *
 * @example
 *   const font = await doc.embedFont(bytes, { subset: true });
 *   shareFontPrograms(font, bytes); // before doc.save()
 */
import { PDFRawStream, type PDFContext, type PDFFont, type PDFRef } from 'pdf-lib';

/** The private parts of pdf-lib's CustomFontSubsetEmbedder (and of fontkit's subset and glyphs) used here. */
interface SubsetEmbedderInternals {
  subset?: { glyphs?: number[] };
  glyphCache?: { access(): { id: number; codePoints: number[] }[] };
  isCFF?: () => boolean;
  embedFontStream?: (context: PDFContext) => Promise<PDFRef>;
  embedUnicodeCmap?: (context: PDFContext) => PDFRef;
}

/** Compressed stream bytes, most recently used last. Enough for every language and face at once. */
const MAX_ENTRIES = 256;
const programs = new WeakMap<object, Map<string, Uint8Array>>();

function cacheOf(font: object): Map<string, Uint8Array> {
  let cache = programs.get(font);
  if (!cache) programs.set(font, (cache = new Map()));
  return cache;
}

function remember(cache: Map<string, Uint8Array>, key: string, bytes: Uint8Array): void {
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(key, bytes);
}

function recall(cache: Map<string, Uint8Array>, key: string): Uint8Array | undefined {
  const bytes = cache.get(key);
  if (bytes) {
    cache.delete(key);
    cache.set(key, bytes);
  }
  return bytes;
}

/** The deflated contents of the stream `ref` points at, as pdf-lib made it. */
function contentsOf(context: PDFContext, ref: PDFRef): Uint8Array | null {
  const stream = context.lookup(ref);
  return stream instanceof PDFRawStream ? stream.contents : null;
}

/**
 * Lets `font` (an embedded subset font) share its font program and ToUnicode map with earlier
 * documents that used the same glyphs in the same order. `fontFile` identifies the font: the
 * bytes it was embedded from.
 */
export function shareFontPrograms(font: PDFFont, fontFile: Uint8Array): void {
  const embedder = (font as unknown as { embedder?: SubsetEmbedderInternals }).embedder;
  const subset = embedder?.subset;
  const glyphCache = embedder?.glyphCache;
  if (!embedder || !Array.isArray(subset?.glyphs) || !glyphCache || typeof embedder.isCFF !== 'function') return;
  const makeProgram = embedder.embedFontStream?.bind(embedder);
  const makeMap = embedder.embedUnicodeCmap?.bind(embedder);
  if (!makeProgram || !makeMap) return;
  const cache = cacheOf(fontFile);
  const isCFF = embedder.isCFF.bind(embedder);

  embedder.embedFontStream = async (context) => {
    // Before encoding: fontkit adds a composite's parts to the list while it encodes.
    const key = `program:${subset!.glyphs!.join(',')}`;
    const known = recall(cache, key);
    // The same dictionary as pdf-lib's own (context.flateStream), with the same compressed bytes.
    if (known) return context.register(context.stream(known, { Subtype: isCFF() ? 'CIDFontType0C' : undefined, Filter: 'FlateDecode' }));
    const ref = await makeProgram(context);
    const made = contentsOf(context, ref);
    if (made) remember(cache, key, made);
    return ref;
  };

  embedder.embedUnicodeCmap = (context) => {
    const key = `tounicode:${glyphCache
      .access()
      .map((g) => `${g.id}=${g.codePoints.join('.')}`)
      .join(',')}`;
    const known = recall(cache, key);
    if (known) return context.register(context.stream(known, { Filter: 'FlateDecode' }));
    const ref = makeMap(context);
    const made = contentsOf(context, ref);
    if (made) remember(cache, key, made);
    return ref;
  };
}
