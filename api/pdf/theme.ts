/**
 * The look of every generated document: A4, generous margins, 11 pt body text. One object so a
 * receipt and a statement cannot drift apart, and so tests can shrink the page to force breaks.
 */
import type { FontFace } from './types.ts';

export type Rgb = readonly [number, number, number];

export interface TextStyle {
  size: number;
  /** Line box height as a multiple of the size. */
  lineHeight: number;
  face: FontFace;
  color: Rgb;
  spaceBefore: number;
  spaceAfter: number;
}

export interface Theme {
  /** Width and height in points. */
  page: { width: number; height: number };
  margin: { top: number; right: number; bottom: number; left: number };
  body: TextStyle;
  note: TextStyle;
  headings: Record<1 | 2 | 3, TextStyle>;
  /** Space between two items of a list, and the indent of each list level. */
  list: { itemGap: number; indent: number; markerGap: number };
  /**
   * Label-value rows: the label column's width (it shrinks to 40% of a narrow column), the gap
   * before the value, the label's style, and the value's style for the 'large' and 'small'
   * variants (other values are set in `body`). The label's spaceAfter separates one row from the next.
   */
  field: { labelWidth: number; gap: number; label: TextStyle; large: TextStyle; small: TextStyle };
  /** Space above and below an image. */
  image: { spaceBefore: number; spaceAfter: number };
  footer: { size: number; color: Rgb; ruleColor: Rgb; /** Baseline height above the page bottom. */ baseline: number };
  /** Where the ascender sits in the em box (Noto Sans: 1069/1000); used to put text on its line. */
  ascent: number;
  descent: number;
}

const MM = 72 / 25.4;
const INK: Rgb = [0.11, 0.11, 0.13];
const HEADING: Rgb = [0.05, 0.16, 0.33];
const MUTED: Rgb = [0.33, 0.34, 0.37];

export const A4_THEME: Theme = {
  page: { width: 595.28, height: 841.89 },
  margin: { top: 22 * MM, right: 22 * MM, bottom: 24 * MM, left: 22 * MM },
  body: { size: 11, lineHeight: 1.45, face: 'regular', color: INK, spaceBefore: 0, spaceAfter: 7 },
  note: { size: 9.5, lineHeight: 1.4, face: 'regular', color: MUTED, spaceBefore: 0, spaceAfter: 6 },
  headings: {
    1: { size: 20, lineHeight: 1.25, face: 'bold', color: HEADING, spaceBefore: 0, spaceAfter: 10 },
    2: { size: 14.5, lineHeight: 1.3, face: 'bold', color: HEADING, spaceBefore: 18, spaceAfter: 6 },
    3: { size: 12, lineHeight: 1.35, face: 'bold', color: HEADING, spaceBefore: 12, spaceAfter: 4 },
  },
  list: { itemGap: 3, indent: 18, markerGap: 6 },
  field: {
    labelWidth: 44 * MM,
    gap: 4 * MM,
    label: { size: 9.5, lineHeight: 1.4, face: 'regular', color: MUTED, spaceBefore: 0, spaceAfter: 7 },
    large: { size: 16, lineHeight: 1.3, face: 'bold', color: HEADING, spaceBefore: 0, spaceAfter: 7 },
    small: { size: 9, lineHeight: 1.4, face: 'regular', color: INK, spaceBefore: 0, spaceAfter: 7 },
  },
  image: { spaceBefore: 4, spaceAfter: 6 },
  footer: { size: 8, color: MUTED, ruleColor: [0.8, 0.81, 0.83], baseline: 12 * MM },
  ascent: 1.069,
  descent: 0.293,
};

/** The width text may take on a page of this theme. */
export function contentWidth(theme: Theme): number {
  return theme.page.width - theme.margin.left - theme.margin.right;
}
