/**
 * Makes text safe to set in the embedded font: invisible formatting characters are dropped
 * (a soft hyphen would otherwise print as a hyphen, a zero-width space as a box) and a
 * character the font has no glyph for becomes a close stand-in, or "?" rather than a blank box.
 */
import type { Block, Run } from './types.ts';

// Soft hyphen, zero-width space/joiners, word joiner, byte order mark, bidi marks.
const INVISIBLE = /[\u00AD\u200B-\u200F\u2060\uFEFF]/g;
// Line breaks and spaces are handled by the line breaker, not drawn as glyphs.
const ASCII_SPACE = /^[ \t\n\r\f\v]$/;
const STAND_INS: Record<string, string> = {
  '\u202F': '\u00A0', // narrow no-break space (French typography)
  '\u2007': '\u00A0',
  '\u2011': '-',
  '\u2212': '-',
  '\u2018': "'",
  '\u2019': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u2026': '...',
};

/**
 * Cleans one string for a font that has a glyph for a code point when `hasGlyph` says so.
 *
 * @example sanitizeText('co\u00ADoperation', () => true) // 'cooperation'
 */
export function sanitizeText(text: string, hasGlyph: (codePoint: number) => boolean): string {
  let out = '';
  // NFC first: a decomposed "e" + U+0308 becomes one "ë" glyph, drawn and extracted as one letter.
  for (const ch of text.normalize('NFC').replace(INVISIBLE, '')) {
    if (ASCII_SPACE.test(ch) || hasGlyph(ch.codePointAt(0)!)) {
      out += ch;
      continue;
    }
    const standIn = STAND_INS[ch];
    out += standIn !== undefined && [...standIn].every((c) => hasGlyph(c.codePointAt(0)!)) ? standIn : '?';
  }
  return out;
}

function runs(list: readonly Run[], hasGlyph: (cp: number) => boolean): Run[] {
  return list.map((r) => ({ ...r, text: sanitizeText(r.text, hasGlyph) }));
}

/** Applies {@link sanitizeText} to every text in a block list. */
export function sanitizeBlocks(blocks: readonly Block[], hasGlyph: (codePoint: number) => boolean): Block[] {
  return blocks.map((b): Block => {
    switch (b.type) {
      case 'heading':
        return { ...b, text: sanitizeText(b.text, hasGlyph) };
      case 'paragraph':
        return { ...b, runs: runs(b.runs, hasGlyph) };
      case 'address':
        return { ...b, lines: b.lines.map((l) => runs(l, hasGlyph)) };
      case 'list':
        return { ...b, items: b.items.map((item) => ({ blocks: sanitizeBlocks(item.blocks, hasGlyph) })) };
      case 'field':
        return { ...b, label: sanitizeText(b.label, hasGlyph), runs: runs(b.runs, hasGlyph) };
      case 'image':
        return b;
    }
  });
}
