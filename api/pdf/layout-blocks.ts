/**
 * Turns blocks into one flat column of lines, each knowing its height, the space above it and
 * whether it must stay on the same page as the next line. Pagination is a separate step, so
 * this stays a pure function of blocks, theme and a text measurer.
 */
import { contentWidth, type Rgb, type TextStyle, type Theme } from './theme.ts';
import type { Block, FontFace, ListBlock, MeasureText, Run } from './types.ts';
import { wrapRuns, type Segment, type WrappedLine } from './wrap-runs.ts';

export interface LaidLine {
  /** Collapsed margin above the line; dropped when the line starts a page. */
  spaceBefore: number;
  height: number;
  /** Baseline position measured down from the top of the line box. */
  baseline: number;
  size: number;
  color: Rgb;
  /** Segments with x measured from the left margin. */
  segments: Segment[];
  /** Must end up on the same page as the line after it (headings, orphans, widows, addresses). */
  keepWithNext: boolean;
}

// Bullets per nesting depth, as browsers draw disc, circle, square.
const BULLETS = ['•', '◦', '▪'];

interface Column {
  indent: number;
  width: number;
  depth: number;
}

/**
 * Lays out blocks in the text column of `theme`.
 *
 * @example
 *   const lines = layoutBlocks([{ type: 'heading', level: 2, text: 'Your rights' }], A4_THEME, measure);
 *   lines[0]!.keepWithNext; // true: a heading never ends a page
 */
export function layoutBlocks(blocks: readonly Block[], theme: Theme, measure: MeasureText): LaidLine[] {
  const out: LaidLine[] = [];
  let pending = 0;
  // Lines after a heading that must also keep with their successor: the heading stays with two lines.
  let keepAfterHeading = 0;
  let marker: { text: string; face: FontFace } | null = null;

  function emit(wrapped: WrappedLine[], style: TextStyle, column: Column, mode: 'heading' | 'text' | 'together'): void {
    const { size } = style;
    const height = size * style.lineHeight;
    const baseline = (height - size * (theme.ascent + theme.descent)) / 2 + size * theme.ascent;
    wrapped.forEach((line, i) => {
      const segments = line.segments.map((s) => ({ ...s, x: s.x + column.indent }));
      if (i === 0 && marker) {
        const width = measure(marker.text, marker.face, size);
        segments.unshift({ text: marker.text, face: marker.face, x: column.indent - theme.list.markerGap - width, width });
        marker = null;
      }
      const n = wrapped.length;
      let keepWithNext =
        mode === 'heading' ? true : mode === 'together' ? i < n - 1 : n >= 2 && (i === 0 || i === n - 2); // orphans and widows
      if (mode !== 'heading' && keepAfterHeading > 0) {
        keepWithNext = true;
        keepAfterHeading--;
      }
      out.push({ spaceBefore: i === 0 ? Math.max(pending, style.spaceBefore) : 0, height, baseline, size, color: style.color, segments, keepWithNext });
      pending = 0;
    });
    if (wrapped.length > 0) pending = style.spaceAfter;
  }

  function text(runs: readonly Run[], style: TextStyle, column: Column, mode: 'heading' | 'text' | 'together'): void {
    emit(wrapRuns(runs, column.width, style.size, measure, style.face), style, column, mode);
  }

  function list(block: ListBlock, column: Column): void {
    const size = theme.body.size;
    const start = block.start ?? 1;
    const labels = block.items.map((_, i) => (block.ordered ? `${start + i}.` : BULLETS[column.depth % BULLETS.length]!));
    // Wide numbers ("10.") get a wider gutter so the marker never runs into the left margin.
    const widest = Math.max(0, ...labels.map((l) => measure(l, 'regular', size)));
    const indent = Math.max(theme.list.indent, widest + theme.list.markerGap);
    const inner: Column = { indent: column.indent + indent, width: column.width - indent, depth: column.depth + 1 };
    block.items.forEach((item, i) => {
      if (i > 0) pending = theme.list.itemGap;
      marker = { text: labels[i]!, face: 'regular' };
      for (const child of item.blocks) layout(child, inner);
      marker = null;
    });
    pending = theme.body.spaceAfter;
  }

  function layout(block: Block, column: Column): void {
    switch (block.type) {
      case 'heading':
        text([{ text: block.text }], theme.headings[block.level], column, 'heading');
        keepAfterHeading = 1;
        return;
      case 'paragraph':
        text(block.runs, block.variant === 'note' ? theme.note : theme.body, column, 'text');
        return;
      case 'address':
        emit(block.lines.flatMap((l) => {
          const wrapped = wrapRuns(l, column.width, theme.body.size, measure);
          // An empty address line still takes a line, as <br><br> does in a browser.
          return wrapped.length > 0 ? wrapped : [{ segments: [], width: 0 }];
        }), theme.body, column, 'together');
        return;
      case 'list':
        list(block, column);
        return;
    }
  }

  const root: Column = { indent: 0, width: contentWidth(theme), depth: 0 };
  for (const block of blocks) layout(block, root);
  return out;
}
