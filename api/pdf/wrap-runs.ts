/**
 * Line breaking: styled runs in, lines of positioned segments out. Breaks at spaces only
 * (a no-break space keeps French "article 6 :" together); a word wider than the whole line,
 * such as a long URL or e-mail address, is cut where it fits, after a "/" "." "@" "-" when one is
 * near the end, and never before a combining mark.
 */
import type { Rgb } from './theme.ts';
import type { FontFace, MeasureText, Run } from './types.ts';

export interface Segment {
  text: string;
  face: FontFace;
  href?: string;
  /** Offset from the start of the line, in points. */
  x: number;
  width: number;
  /** Size and colour when they differ from the line's (the label beside a value). */
  size?: number;
  color?: Rgb;
}

export interface WrappedLine {
  segments: Segment[];
  width: number;
}

interface Piece {
  text: string;
  face: FontFace;
  href?: string;
}

type Token = { kind: 'word'; pieces: Piece[] } | { kind: 'space'; piece: Piece } | { kind: 'break' };

/** The face for a run inside text whose own face is `base` (a heading is bold throughout). */
export function faceOf(run: Pick<Run, 'bold' | 'italic'>, base: FontFace = 'regular'): FontFace {
  const bold = Boolean(run.bold) || base === 'bold' || base === 'boldItalic';
  const italic = Boolean(run.italic) || base === 'italic' || base === 'boldItalic';
  return bold ? (italic ? 'boldItalic' : 'bold') : italic ? 'italic' : 'regular';
}

// Breakable white space only: U+00A0 and U+202F are deliberately absent, they must not break.
const TOKEN = /(\n)|([ \t\r\f\v]+)|([^ \t\r\f\v\n]+)/g;
// Characters after which a URL or e-mail address reads naturally when it must be cut. Not "-":
// a line ending in "-" reads as a hyphenated word, and text extraction (pdftotext) removes that
// hyphen when it joins the lines; a cut goes before a "-" instead.
const SOFT_BREAK_AFTER = new Set(['/', '.', '@', '_', '?', '&', '=', '#', ':', ',', ';', '+', '~']);
const COMBINING = /\p{M}/u;
const DASH_START = /^[\u2013\u2014]/;

function withHref(piece: Omit<Piece, 'href'>, href: string | undefined): Piece {
  return href === undefined ? piece : { ...piece, href };
}

function tokenize(runs: readonly Run[], base: FontFace): Token[] {
  const tokens: Token[] = [];
  for (const run of runs) {
    const face = faceOf(run, base);
    for (const m of run.text.matchAll(TOKEN)) {
      const last = tokens.at(-1);
      if (m[1]) tokens.push({ kind: 'break' });
      else if (m[2]) {
        if (last?.kind !== 'space') tokens.push({ kind: 'space', piece: withHref({ text: ' ', face }, run.href) });
      } else if (m[3]) {
        const piece = withHref({ text: m[3], face }, run.href);
        // No space between two runs: "<strong>GDPR</strong>," is one word in two faces.
        if (last?.kind === 'word') last.pieces.push(piece);
        else tokens.push({ kind: 'word', pieces: [piece] });
      }
    }
  }
  return tokens;
}

/**
 * Cuts a word wider than `max` into chunks that each fit (a single glyph always fits); the first
 * chunk may be given less room, to finish the line the word starts on.
 */
function splitLongWord(pieces: readonly Piece[], firstMax: number, max: number, size: number, measure: MeasureText): Piece[][] {
  const atoms = pieces.flatMap((p) => Array.from(p.text, (ch) => withHref({ text: ch, face: p.face }, p.href)));
  const widths = atoms.map((a) => measure(a.text, a.face, size));
  const chunks: Piece[][] = [];
  let start = 0;
  while (start < atoms.length) {
    const room = chunks.length === 0 ? firstMax : max;
    let end = start;
    let width = 0;
    let lastSoft = -1;
    let widthAtSoft = 0;
    while (end < atoms.length && (end === start || width + widths[end]! <= room)) {
      width += widths[end]!;
      end++;
      if (end < atoms.length && (SOFT_BREAK_AFTER.has(atoms[end - 1]!.text) || atoms[end]!.text === '-')) {
        lastSoft = end;
        widthAtSoft = width;
      }
    }
    if (end < atoms.length) {
      // Prefer the last soft break point unless it leaves the line more than half empty.
      if (lastSoft > start && widthAtSoft >= room * 0.5) end = lastSoft;
      while (end > start + 1 && (COMBINING.test(atoms[end]!.text) || atoms[end - 1]!.text === '-')) end--;
    }
    chunks.push(mergePieces(atoms.slice(start, end)));
    start = end;
  }
  return chunks;
}

function mergePieces(pieces: readonly Piece[]): Piece[] {
  const out: Piece[] = [];
  for (const p of pieces) {
    const last = out.at(-1);
    if (last && last.face === p.face && last.href === p.href) last.text += p.text;
    else out.push({ ...p });
  }
  return out;
}

function toLine(pieces: readonly Piece[], size: number, measure: MeasureText): WrappedLine {
  let x = 0;
  const segments: Segment[] = mergePieces(pieces).map((p) => {
    const width = measure(p.text, p.face, size);
    const seg: Segment = { ...p, x, width };
    x += width;
    return seg;
  });
  return { segments, width: x };
}

/**
 * Breaks runs into lines no wider than `maxWidth` points.
 *
 * @example
 *   const lines = wrapRuns([{ text: 'Contact ' }, { text: 'gdpr@in-gent.be', bold: true }], 200, 11, measure);
 *   lines.map((l) => l.segments.map((s) => s.text).join('')); // ['Contact gdpr@in-gent.be']
 */
export function wrapRuns(runs: readonly Run[], maxWidth: number, size: number, measure: MeasureText, base: FontFace = 'regular'): WrappedLine[] {
  const lines: Piece[][] = [];
  let line: Piece[] = [];
  let lineWidth = 0;
  let space: Piece | null = null;
  // Index in `line` of the space before its last word, or -1: lets a dash pull that word down.
  let lastSpace = -1;
  const widthOf = (pieces: readonly Piece[]) => pieces.reduce((w, p) => w + measure(p.text, p.face, size), 0);

  for (const token of tokenize(runs, base)) {
    if (token.kind === 'break') {
      lines.push(line);
      line = [];
      lineWidth = 0;
      space = null;
      lastSpace = -1;
      continue;
    }
    if (token.kind === 'space') {
      if (line.length > 0) space = token.piece;
      continue;
    }
    const width = widthOf(token.pieces);
    const spaceWidth = space ? measure(' ', space.face, size) : 0;
    if (line.length > 0 && lineWidth + spaceWidth + width <= maxWidth) {
      if (space) lastSpace = line.length;
      line.push(...(space ? [space] : []), ...token.pieces);
      lineWidth += spaceWidth + width;
    } else if (width <= maxWidth) {
      // A line must not start with a dash ("дані — це", "data – that"): take the word before along.
      const carry = space && DASH_START.test(token.pieces[0]!.text) && lastSpace > 0 ? line.slice(lastSpace + 1) : [];
      const carried = carry.length > 0 ? [...carry, space!, ...token.pieces] : [];
      if (carried.length > 0 && widthOf(carried) <= maxWidth) {
        lines.push(line.slice(0, lastSpace));
        line = carried;
        lastSpace = carry.length;
      } else {
        if (line.length > 0) lines.push(line);
        line = [...token.pieces];
        lastSpace = -1;
      }
      lineWidth = widthOf(line);
    } else {
      // A word longer than a line must be cut anyway: start it on this line if a good part is free.
      const room = maxWidth - lineWidth - spaceWidth;
      const continueLine = line.length > 0 && room >= maxWidth * 0.25;
      const chunks = splitLongWord(token.pieces, continueLine ? room : maxWidth, maxWidth, size, measure);
      if (continueLine) line.push(...(space ? [space] : []), ...chunks.shift()!);
      if (line.length > 0) lines.push(line);
      lines.push(...chunks.slice(0, -1));
      line = chunks.at(-1) ?? [];
      lineWidth = widthOf(line);
      lastSpace = -1;
    }
    space = null;
  }
  if (line.length > 0) lines.push(line);
  return lines.map((pieces) => toLine(pieces, size, measure));
}
