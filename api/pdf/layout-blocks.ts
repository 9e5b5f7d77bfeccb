/**
 * Turns blocks into one flat column of lines, each knowing its height, the space above it and
 * whether it must stay on the same page as the next line. Pagination is a separate step, so
 * this stays a pure function of blocks, theme and a text measurer.
 */
import { contentWidth, type Rgb, type TextStyle, type Theme } from './theme.ts';
import { readPngSize } from './read-png-size.ts';
import type { Block, FieldBlock, FontFace, ImageBlock, ListBlock, MeasureText, Run } from './types.ts';
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
  /** A picture that fills the line box (no segments then); x from the left margin, sizes in points. */
  image?: { png: Uint8Array; x: number; width: number; height: number };
}

// Bullets per nesting depth, as browsers draw disc, circle, square.
const BULLETS = ['•', '◦', '▪'];

/** The style of a field's value. */
export function fieldValueStyle(block: Pick<FieldBlock, 'variant'>, theme: Theme): TextStyle {
  return block.variant === 'large' ? theme.field.large : block.variant === 'small' ? theme.field.small : theme.body;
}

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

  /** Applies the keep-after-heading rule to a line's own keep flag. */
  function keep(own: boolean): boolean {
    if (keepAfterHeading > 0) {
      keepAfterHeading--;
      return true;
    }
    return own;
  }

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
      const own = mode === 'heading' ? true : mode === 'together' ? i < n - 1 : n >= 2 && (i === 0 || i === n - 2); // orphans and widows
      const keepWithNext = mode === 'heading' ? true : keep(own);
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

  function image(block: ImageBlock, column: Column): void {
    const px = readPngSize(block.png);
    const scale = Math.min(block.maxWidth / px.width, block.maxHeight / px.height, column.width / px.width);
    const width = px.width * scale;
    const height = px.height * scale;
    const { spaceBefore, spaceAfter } = theme.image;
    // A list marker belongs beside text: an image or a field row in a list item goes without one.
    marker = null;
    out.push({
      spaceBefore: Math.max(pending, spaceBefore),
      height,
      baseline: height,
      size: theme.body.size,
      color: theme.body.color,
      segments: [],
      keepWithNext: keep(false),
      image: { png: block.png, x: column.indent, width, height },
    });
    pending = spaceAfter;
  }

  function field(block: FieldBlock, column: Column): void {
    const { label: labelStyle, gap } = theme.field;
    const valueStyle = fieldValueStyle(block, theme);
    const labelWidth = Math.min(theme.field.labelWidth, column.width * 0.4);
    const valueX = labelWidth + gap;
    const labels = wrapRuns([{ text: block.label }], labelWidth, labelStyle.size, measure, labelStyle.face);
    const values = wrapRuns(block.runs, column.width - valueX, valueStyle.size, measure, valueStyle.face);
    // Where the baseline sits in a line box of a style, measured from its top.
    const baselineOf = (style: TextStyle) => (style.size * style.lineHeight - style.size * (theme.ascent + theme.descent)) / 2 + style.size * theme.ascent;
    const rows = Math.max(labels.length, values.length);
    marker = null;
    for (let i = 0; i < rows; i++) {
      const parts = [
        { line: labels[i], style: labelStyle, x: 0 },
        { line: values[i], style: valueStyle, x: valueX },
      ].filter((p) => p.line !== undefined);
      // Label and value share one baseline, so a small label reads level with a large value.
      const baseline = Math.max(...parts.map((p) => baselineOf(p.style)));
      const height = Math.max(...parts.map((p) => baseline - baselineOf(p.style) + p.style.size * p.style.lineHeight));
      const main = parts.at(-1)!.style;
      const segments = parts.flatMap((p) =>
        p.line!.segments.map((s) => ({ ...s, x: s.x + p.x + column.indent, ...(p.style === main ? {} : { size: p.style.size, color: p.style.color }) })),
      );
      out.push({ spaceBefore: i === 0 ? pending : 0, height, baseline, size: main.size, color: main.color, segments, keepWithNext: keep(i < rows - 1) });
      pending = 0;
    }
    if (rows > 0) pending = labelStyle.spaceAfter;
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
      case 'image':
        image(block, column);
        return;
      case 'field':
        field(block, column);
        return;
    }
  }

  const root: Column = { indent: 0, width: contentWidth(theme), depth: 0 };
  for (const block of blocks) layout(block, root);
  return out;
}
