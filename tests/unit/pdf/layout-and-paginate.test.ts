import { describe, expect, it } from 'vitest';
import { layoutBlocks, type LaidLine } from '../../../api/pdf/layout-blocks.ts';
import { paginate, type PlacedLine } from '../../../api/pdf/paginate.ts';
import { A4_THEME, contentWidth } from '../../../api/pdf/theme.ts';
import type { Block, MeasureText } from '../../../api/pdf/types.ts';

const measure: MeasureText = (text, _face, size) => Array.from(text).length * size * 0.5;
const text = (l: LaidLine) => l.segments.map((s) => s.text).join('');
const para = (t: string): Block => ({ type: 'paragraph', runs: [{ text: t }] });
const AREA = A4_THEME.page.height - A4_THEME.margin.top - A4_THEME.margin.bottom;
// 11 pt at 5.5 pt a character: about 82 characters a line.
const lineOf = (n: number) => `${'word '.repeat(16)}${n}`;

function pageOf(pages: PlacedLine[][], match: string): number {
  const i = pages.findIndex((p) => p.some((l) => text(l).includes(match)));
  if (i < 0) throw new Error(`no line contains "${match}"`);
  return i;
}

describe('layoutBlocks + paginate', () => {
  it('keeps a heading with the two lines after it, wherever the page break would fall', () => {
    // Shift the heading down line by line across the whole first page.
    for (let filler = 0; filler < 60; filler++) {
      const blocks: Block[] = [
        ...Array.from({ length: filler }, (_, i) => para(`filler ${i}`)),
        { type: 'heading', level: 2, text: 'HEADING' },
        para(`${lineOf(1)} ${lineOf(2)} ${lineOf(3)} ${lineOf(4)}`),
      ];
      const pages = paginate(layoutBlocks(blocks, A4_THEME, measure), AREA);
      const heading = pageOf(pages, 'HEADING');
      const lines = pages.flat();
      const at = lines.findIndex((l) => text(l) === 'HEADING');
      expect(pages.findIndex((p) => p.includes(lines[at + 1]!)), `filler ${filler}`).toBe(heading);
      expect(pages.findIndex((p) => p.includes(lines[at + 2]!)), `filler ${filler}`).toBe(heading);
      expect(pages[heading]!.at(-1)).not.toBe(lines[at]);
    }
  });

  it('keeps a run of headings together with the first lines of the text (h2 then h3)', () => {
    for (let filler = 40; filler < 60; filler++) {
      const blocks: Block[] = [
        ...Array.from({ length: filler }, (_, i) => para(`filler ${i}`)),
        { type: 'heading', level: 2, text: 'SECTION' },
        { type: 'heading', level: 3, text: 'SUBSECTION' },
        para(`${lineOf(1)} ${lineOf(2)} ${lineOf(3)}`),
      ];
      const pages = paginate(layoutBlocks(blocks, A4_THEME, measure), AREA);
      const lines = pages.flat();
      const at = lines.findIndex((l) => text(l) === 'SUBSECTION');
      const page = pageOf(pages, 'SECTION');
      for (const l of lines.slice(at, at + 3)) expect(pages.findIndex((p) => p.includes(l)), `filler ${filler}`).toBe(page);
    }
  });

  it('fills pages in order and starts each page without the space above its first line', () => {
    const blocks = Array.from({ length: 120 }, (_, i) => para(`Paragraph ${i + 1}: ${lineOf(i)}`));
    const pages = paginate(layoutBlocks(blocks, A4_THEME, measure), AREA);
    expect(pages.length).toBeGreaterThan(1);
    const order = pages.flat().map(text).join('\n').match(/Paragraph \d+/g)!.map((m) => Number(m.slice(10)));
    expect(order).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    for (const page of pages) {
      expect(page[0]!.top).toBe(0);
      const last = page.at(-1)!;
      expect(last.top + last.height).toBeLessThanOrEqual(AREA + 1e-6);
    }
  });

  it('never leaves the first line of a paragraph alone at the bottom of a page (orphan)', () => {
    for (let filler = 30; filler < 60; filler++) {
      const blocks = [...Array.from({ length: filler }, (_, i) => para(`filler ${i}`)), para(`START ${lineOf(1)} ${lineOf(2)} ${lineOf(3)} END`)];
      const pages = paginate(layoutBlocks(blocks, A4_THEME, measure), AREA);
      const start = pageOf(pages, 'START');
      expect(pages[start]!.filter((l) => !text(l).startsWith('filler')).length).not.toBe(1);
    }
  });

  it('hangs list items: the marker sits in the gutter, every line of the item starts at the same x', () => {
    const blocks: Block[] = [
      { type: 'list', ordered: true, start: 9, items: [{ blocks: [para(`${lineOf(1)} ${lineOf(2)}`)] }, { blocks: [para('tien')] }] },
    ];
    const lines = layoutBlocks(blocks, A4_THEME, measure);
    const [first, second, third] = lines;
    expect(first!.segments[0]!.text).toBe('9.');
    expect(third!.segments[0]!.text).toBe('10.');
    const textX = first!.segments[1]!.x;
    expect(second!.segments[0]!.x).toBe(textX);
    expect(third!.segments[1]!.x).toBe(textX);
    // The widest marker ("10.") still ends before the text and starts inside the page.
    expect(third!.segments[0]!.x).toBeGreaterThanOrEqual(0);
    expect(third!.segments[0]!.x + third!.segments[0]!.width).toBeLessThan(textX);
    for (const l of lines) expect(l.segments.at(-1)!.x + l.segments.at(-1)!.width).toBeLessThanOrEqual(contentWidth(A4_THEME) + 1e-6);
  });

  it('sets an address line by line and keeps it on one page', () => {
    const address: Block = { type: 'address', lines: [[{ text: 'IN-Gent', bold: true }], [{ text: 'Kongostraat 42' }], [{ text: '9000 Gent' }], [{ text: 'gdpr@in-gent.be' }]] };
    for (let filler = 45; filler < 60; filler++) {
      const pages = paginate(layoutBlocks([...Array.from({ length: filler }, (_, i) => para(`filler ${i}`)), address], A4_THEME, measure), AREA);
      expect(pageOf(pages, 'IN-Gent')).toBe(pageOf(pages, 'gdpr@in-gent.be'));
    }
    const lines = layoutBlocks([address], A4_THEME, measure);
    expect(lines.map(text)).toEqual(['IN-Gent', 'Kongostraat 42', '9000 Gent', 'gdpr@in-gent.be']);
    expect(lines[0]!.segments[0]!.face).toBe('bold');
  });

  it('breaks a kept group taller than a page line by line instead of looping or overflowing', () => {
    const tall: Block = { type: 'address', lines: Array.from({ length: 80 }, (_, i) => [{ text: `line ${i}` }]) };
    const pages = paginate(layoutBlocks([{ type: 'heading', level: 1, text: 'Title' }, tall], A4_THEME, measure), AREA);
    expect(pages.length).toBe(2);
    expect(pages.flat().length).toBe(81);
  });
});
