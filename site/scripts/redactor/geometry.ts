// Rectangles in fractions (0-1) of what they lie on: the turned photo for the crop frame, the
// cropped card for masks. Fractions survive resizing the view and exporting at any size.

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The smallest side: 2 %, so a box can never shrink out of reach. */
export const MIN_SIDE = 0.02;

export const FULL: Box = { x: 0, y: 0, w: 1, h: 1 };

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/**
 * The box moved by (dx, dy), kept inside.
 *
 * @example
 *   moveBox({ x: 0.9, y: 0, w: 0.2, h: 0.2 }, 0.05, 0) // { x: 0.8, y: 0, w: 0.2, h: 0.2 }
 */
export function moveBox(b: Box, dx: number, dy: number): Box {
  return { ...b, x: clamp(b.x + dx, 0, 1 - b.w), y: clamp(b.y + dy, 0, 1 - b.h) };
}

/**
 * The box with the named edges ('n', 'e', 's', 'w', or corners such as 'se') dragged by (dx, dy);
 * the other edges stay put.
 *
 * @example
 *   dragEdges({ x: 0.1, y: 0.1, w: 0.2, h: 0.2 }, 's', 0, 0.05) // h: 0.25
 */
export function dragEdges(b: Box, edges: string, dx: number, dy: number): Box {
  let [l, t, r, btm] = [b.x, b.y, b.x + b.w, b.y + b.h];
  if (edges.includes('w')) l = clamp(l + dx, 0, r - MIN_SIDE);
  if (edges.includes('e')) r = clamp(r + dx, l + MIN_SIDE, 1);
  if (edges.includes('n')) t = clamp(t + dy, 0, btm - MIN_SIDE);
  if (edges.includes('s')) btm = clamp(btm + dy, t + MIN_SIDE, 1);
  return { x: l, y: t, w: r - l, h: btm - t };
}

/**
 * The same area after the picture turns 90 degrees clockwise: (x, y) goes to (1 - y, x).
 *
 * @example
 *   rotateBox({ x: 0, y: 0, w: 0.5, h: 0.25 }) // { x: 0.75, y: 0, w: 0.25, h: 0.5 }
 */
export function rotateBox(b: Box): Box {
  return { x: 1 - b.y - b.h, y: b.x, w: b.h, h: b.w };
}
