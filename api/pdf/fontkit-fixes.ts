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
 * no text, and the letter vanishes from search and copy-paste. Parsing per document costs ~0.1 s
 * for all fifteen statements.
 */
import type { Fontkit } from './render-pdf.ts';

type Font = ReturnType<Fontkit['create']>;

/** The private parts of fontkit's TTFSubset that the fix touches. */
interface TtfSubsetInternals {
  _addGlyph?: (gid: number) => number;
  glyf?: Uint8Array[];
  offset?: number;
}

function padGlyphs(subset: TtfSubsetInternals): void {
  const addGlyph = subset._addGlyph;
  // CFF-flavoured fonts have no glyf table and no loca: nothing to fix.
  if (typeof addGlyph !== 'function') return;
  subset._addGlyph = function (this: TtfSubsetInternals, gid: number): number {
    const index = addGlyph.call(this, gid);
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

/**
 * Returns a fontkit whose TrueType subsets are valid.
 *
 * @example
 *   import fontkit from '@pdf-lib/fontkit';
 *   const deps = { fontkit: fixedFontkit(fontkit), fonts: await loadNotoSans() };
 */
export function fixedFontkit(fontkit: Fontkit): Fontkit {
  return {
    create(buffer: Uint8Array, postscriptName?: string): Font {
      const font = fontkit.create(buffer, postscriptName);
      const createSubset = font.createSubset.bind(font);
      font.createSubset = () => {
        const subset = createSubset();
        padGlyphs(subset as unknown as TtfSubsetInternals);
        return subset;
      };
      return font;
    },
  };
}
