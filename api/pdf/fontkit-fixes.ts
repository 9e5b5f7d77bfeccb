/**
 * A wrapper around @pdf-lib/fontkit that fixes its subsetting bug.
 *
 * The bug: fontkit 1.1.1 writes a subset with the short `loca` format (offsets stored halved)
 * whenever the subset is small, but copies glyph programs as they are, and Noto Sans has
 * glyphs of an odd byte length. Every glyph after the first odd one then points one byte off
 * and viewers draw nothing or rubbish, while pdftotext still reads the text (the ToUnicode map is
 * fine), so only a rendering check shows it. Upstream fixed it in foliojs/fontkit#191; pdf-lib's
 * fork never got it (Hopding/pdf-lib#494, #1232). Padding each glyph to an even length, as the
 * OpenType spec asks ("local offsets should be word aligned"), makes both loca formats valid.
 *
 * Deliberately no cache of parsed fonts between documents, although it looks like free speed:
 * fontkit caches glyph objects with the code points of their first use, and a subset asks for a
 * composite's parts (the "И" inside "Й") with none. The next document using "И" then maps it to
 * no text, and the letter vanishes from search and copy-paste. What can be shared without glyph
 * objects is shared in face-cache.ts.
 *
 * Three changes for speed, each giving the same bytes: the font file is handed to fontkit as an
 * ArrayBuffer, which it wraps, instead of a Uint8Array, which its bundled Buffer copies byte by
 * byte; a subset reads whether a glyph is a composite from its header instead of decoding its
 * outline; and a subset is encoded at once instead of on timer ticks.
 */
import type { Fontkit } from './render-pdf.ts';

type Font = ReturnType<Fontkit['create']>;

/** The private parts of fontkit's TTFSubset that the fix touches. */
interface TtfSubsetInternals {
  _addGlyph?: (gid: number) => number;
  glyf?: Uint8Array[];
  offset?: number;
  font?: TtfFontInternals;
}

/** The private parts of a TrueType font that reading a glyph's header needs. */
interface TtfFontInternals {
  loca?: { offsets?: ArrayLike<number> };
  _variationProcessor?: unknown;
  _getTableStream?: (tag: string) => { buffer: Uint8Array; pos: number } | null;
  getGlyph(gid: number): { _decode?: () => unknown };
}

/**
 * A glyph's number of contours, from the first two bytes of its glyf entry: null for a glyph
 * without outline, negative for a composite. Undefined when the font does not look as expected.
 */
function contoursOf(font: TtfFontInternals, gid: number): number | null | undefined {
  const offsets = font.loca?.offsets;
  const stream = font._getTableStream?.('glyf');
  if (!offsets || !stream || gid + 1 >= offsets.length) return undefined;
  const start = offsets[gid]!;
  if (start === offsets[gid + 1]) return null;
  const at = stream.pos + start;
  if (at + 2 > stream.buffer.length) return undefined;
  return ((stream.buffer[at]! << 24) | (stream.buffer[at + 1]! << 16)) >> 16;
}

/**
 * fontkit's _addGlyph decodes every glyph's whole outline (all its points) only to learn whether
 * it is a composite, whose parts it must add too; the bytes it copies are the file's. For a simple
 * or empty glyph of a font without variations, the header says as much: the decode is answered
 * from it, and everything else, the copied bytes, the metrics, stays fontkit's own.
 */
function addWithoutOutline(subset: TtfSubsetInternals, addGlyph: (gid: number) => number, gid: number): number {
  const font = subset.font;
  const contours = font && !font._variationProcessor ? contoursOf(font, gid) : undefined;
  if (font === undefined || contours === undefined || (contours !== null && contours < 0)) return addGlyph.call(subset, gid);
  const glyph = font.getGlyph(gid);
  const hadOwn = Object.hasOwn(glyph, '_decode');
  const own = glyph._decode;
  glyph._decode = () => (contours === null ? null : { numberOfContours: contours });
  try {
    return addGlyph.call(subset, gid);
  } finally {
    if (hadOwn) glyph._decode = own;
    else delete glyph._decode;
  }
}

function padGlyphs(subset: TtfSubsetInternals): void {
  const addGlyph = subset._addGlyph;
  // CFF-flavoured fonts have no glyf table and no loca: nothing to fix.
  if (typeof addGlyph !== 'function') return;
  subset._addGlyph = function (this: TtfSubsetInternals, gid: number): number {
    const index = addWithoutOutline(this, addGlyph, gid);
    const data = this.glyf?.[index];
    if (data && data.length % 2 === 1 && this.glyf && this.offset !== undefined) {
      // fontkit's bundled stream only takes its own bundled Buffer type: allocate through it.
      const BufferType = data.constructor as unknown as { alloc(size: number): Uint8Array };
      const padded = BufferType.alloc(data.length + 1);
      padded.set(data);
      this.glyf[index] = padded;
      this.offset += 1;
    }
    return index;
  };
}

/** fontkit's EncodeStream (restructure's, a Readable of its bundled stream shim), as used here. */
interface EncodeStreamLike {
  push(chunk: Uint8Array | null): boolean;
  end(): void;
}

interface SubsetEncoding {
  encode?: (stream: EncodeStreamLike) => void;
  encodeStream?: () => EncodeStreamLike;
}

type Listener = (value?: unknown) => void;

/** The chunks of an encoding, given to pdf-lib's listeners ('data', then 'end', or 'error') as a stream would. */
function replay(chunks: readonly Uint8Array[], failure: { error: unknown } | undefined) {
  const listeners = new Map<string, Listener[]>();
  let scheduled = false;
  const emitter = {
    on(event: string, listener: Listener) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      if (!scheduled) {
        scheduled = true;
        // After the caller has attached all its listeners, as a stream's events come.
        queueMicrotask(() => {
          const emit = (event: string, value?: unknown) => listeners.get(event)?.forEach((l) => l(value));
          if (failure) emit('error', failure.error);
          else {
            for (const chunk of chunks) emit('data', chunk);
            emit('end');
          }
        });
      }
      return emitter;
    },
  };
  return emitter;
}

let EncodeStream: (new () => EncodeStreamLike) | undefined;

/**
 * fontkit's encodeStream encodes the subset on a later tick of its bundled `process` shim, which
 * is a setTimeout: at least 1 ms of waiting per font, and the stream's events wait for more of
 * them (6 timers, ~6 ms, per receipt). The same encoding into the same kind of stream, done at
 * once, with the chunks handed on as the stream would hand them on, gives the same bytes.
 */
function encodeAtOnce(subset: SubsetEncoding): void {
  const encodeStream = subset.encodeStream;
  if (typeof encodeStream !== 'function' || typeof subset.encode !== 'function') return;
  // The class, from a stream made for an object with nothing to encode (fontkit ends it later).
  EncodeStream ??= encodeStream.call({ encode() {} }).constructor as new () => EncodeStreamLike;
  const Stream = EncodeStream;
  subset.encodeStream = function (this: SubsetEncoding): EncodeStreamLike {
    const stream = new Stream();
    const chunks: Uint8Array[] = [];
    stream.push = (chunk) => {
      if (chunk !== null) chunks.push(chunk);
      return true;
    };
    let failure: { error: unknown } | undefined;
    try {
      this.encode!(stream);
      stream.end();
    } catch (error) {
      failure = { error };
    }
    return replay(chunks, failure) as unknown as EncodeStreamLike;
  };
}

const copies = new WeakMap<Uint8Array, ArrayBuffer>();

/**
 * The font bytes as an ArrayBuffer of their own. Given a Uint8Array, fontkit's bundled Buffer
 * copies it byte by byte in JavaScript (~2 ms for a 0.5 MB face, for every document); given an
 * ArrayBuffer it only wraps it. fontkit never writes to the bytes, so sharing them is safe. A view
 * on part of a larger buffer (Node's pooled Buffers) is copied once and the copy kept.
 */
function wholeBuffer(bytes: Uint8Array): ArrayBuffer | Uint8Array {
  if (!(bytes instanceof Uint8Array)) return bytes;
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer) return bytes.buffer;
  let copy = copies.get(bytes);
  if (!copy) copies.set(bytes, (copy = bytes.slice().buffer));
  return copy;
}

/**
 * Returns a fontkit whose TrueType subsets are valid (and made faster, as above).
 *
 * @example
 *   import fontkit from '@pdf-lib/fontkit';
 *   const deps = { fontkit: fixedFontkit(fontkit), fonts: await loadNotoSans() };
 */
export function fixedFontkit(fontkit: Fontkit): Fontkit {
  return {
    create(buffer: Uint8Array, postscriptName?: string): Font {
      const font = fontkit.create(wholeBuffer(buffer) as unknown as Uint8Array, postscriptName);
      const createSubset = font.createSubset.bind(font);
      font.createSubset = () => {
        const subset = createSubset();
        padGlyphs(subset as unknown as TtfSubsetInternals);
        encodeAtOnce(subset as unknown as SubsetEncoding);
        return subset;
      };
      return font;
    },
  };
}
