/**
 * Page breaking: fills pages top to bottom and moves a group of kept-together lines (a heading
 * and the two lines after it, the first or last two lines of a paragraph, an address) to the next
 * page when the group does not fit, unless the group is taller than a page.
 */
import type { LaidLine } from './layout-blocks.ts';

export interface PlacedLine extends LaidLine {
  /** Distance from the top of the text area to the top of the line box. */
  top: number;
}

/**
 * Splits a column of lines into pages whose text area is `areaHeight` points tall.
 *
 * @example
 *   paginate(layoutBlocks(blocks, A4_THEME, measure), 700).length; // the page count
 */
export function paginate(lines: readonly LaidLine[], areaHeight: number): PlacedLine[][] {
  const pages: PlacedLine[][] = [];
  let page: PlacedLine[] = [];
  let cursor = 0;

  // The last index of the kept-together group already placed or committed to this page.
  let committedUntil = -1;

  const group = (from: number): { height: number; end: number } => {
    let height = lines[from]!.height;
    let end = from;
    while (end < lines.length - 1 && lines[end]!.keepWithNext) {
      end++;
      height += lines[end]!.spaceBefore + lines[end]!.height;
    }
    return { height, end };
  };

  lines.forEach((line, i) => {
    let needed = line.height;
    if (i > committedUntil) {
      const g = group(i);
      // A group taller than a page cannot be kept together: it is then broken line by line.
      if (g.height <= areaHeight) needed = g.height;
      committedUntil = g.end;
    }
    if (page.length > 0 && cursor + line.spaceBefore + needed > areaHeight) {
      pages.push(page);
      page = [];
      cursor = 0;
    }
    if (page.length > 0) cursor += line.spaceBefore;
    page.push({ ...line, top: cursor });
    cursor += line.height;
  });
  if (page.length > 0 || pages.length === 0) pages.push(page);
  return pages;
}
