// Draws the turned, cropped photo; flattens it with masks and watermark into the JPEG to upload.
import type { Box } from './geometry.ts';
import { drawWatermark, watermarkFont } from './draw-watermark.ts';
import type { Watermark } from './types.ts';

export interface CardState {
  bitmap: ImageBitmap;
  /** Quarter turns clockwise, 0-3. */
  turns: number;
  /** In fractions of the turned photo. */
  crop: Box;
  /** In fractions of the cropped card. */
  masks: readonly Box[];
}

const JPEG_QUALITY = 0.85;

/**
 * The photo's size after `turns` quarter turns.
 *
 * @example
 *   turnedSize(bitmap, 1) // { w: bitmap.height, h: bitmap.width }
 */
export function turnedSize(bitmap: ImageBitmap, turns: number): { w: number; h: number } {
  return turns % 2 ? { w: bitmap.height, h: bitmap.width } : { w: bitmap.width, h: bitmap.height };
}

/**
 * Draws the `crop` of the turned photo so that it fills a w x h canvas.
 *
 * @example
 *   drawCard(canvas.getContext('2d')!, bitmap, 1, { x: 0, y: 0, w: 1, h: 1 }, canvas.width, canvas.height);
 */
export function drawCard(ctx: CanvasRenderingContext2D, bitmap: ImageBitmap, turns: number, crop: Box, w: number, h: number): void {
  const t = turnedSize(bitmap, turns);
  const sx = w / (crop.w * t.w);
  const sy = h / (crop.h * t.h);
  ctx.save();
  ctx.imageSmoothingQuality = 'high';
  ctx.setTransform(sx, 0, 0, sy, -crop.x * t.w * sx, -crop.y * t.h * sy);
  // Source (x, y) to turned: 1/4 turn (bh - y, x); 1/2 (bw - x, bh - y); 3/4 (y, bw - x).
  const [bw, bh] = [bitmap.width, bitmap.height];
  const q = ((turns % 4) + 4) % 4;
  if (q === 1) ctx.transform(0, 1, -1, 0, bh, 0);
  else if (q === 2) ctx.transform(-1, 0, 0, -1, bw, bh);
  else if (q === 3) ctx.transform(0, -1, 1, 0, 0, bw);
  ctx.drawImage(bitmap, 0, 0);
  ctx.restore();
}

/**
 * The output size: the crop's own pixels, scaled down (aspect kept) to at most `maxPixels`.
 *
 * @example
 *   outputSize(4000, 2520, 2_000_000) // { w: 1781, h: 1122 }
 */
export function outputSize(cropW: number, cropH: number, maxPixels: number): { w: number; h: number } {
  const scale = Math.min(1, Math.sqrt(maxPixels / (cropW * cropH)));
  // The small epsilon: a crop of 0.99 + 0.01 of the photo is all of it, not one pixel less.
  return { w: Math.max(1, Math.floor(cropW * scale + 1e-6)), h: Math.max(1, Math.floor(cropH * scale + 1e-6)) };
}

/**
 * The redacted copy: photo, then watermark, then masks (opaque black, drawn last so nothing shows
 * through them), as a new JPEG without metadata.
 *
 * @example
 *   const jpeg = await flattenCard(state, watermark, 2_000_000);
 */
export async function flattenCard(state: CardState, mark: Watermark, maxPixels: number): Promise<Blob> {
  const t = turnedSize(state.bitmap, state.turns);
  const { w, h } = outputSize(state.crop.w * t.w, state.crop.h * t.h, maxPixels);
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d')!;
  // JPEG has no transparency: a transparent PNG would otherwise turn black.
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, h);
  drawCard(ctx, state.bitmap, state.turns, state.crop, w, h);
  // The web font may not be loaded yet: without this the first export could use a fallback font.
  // The text decides which subsets (Latin, Cyrillic) are fetched.
  await document.fonts?.load(watermarkFont(20), Object.values(mark).join(' ')).catch(() => undefined);
  drawWatermark(ctx, w, h, mark);
  ctx.fillStyle = '#000';
  for (const m of state.masks) {
    // Outwards to whole pixels: no half-covered edge pixel lets the photo bleed through.
    const x0 = Math.floor(m.x * w);
    const y0 = Math.floor(m.y * h);
    ctx.fillRect(x0, y0, Math.ceil((m.x + m.w) * w) - x0, Math.ceil((m.y + m.h) * h) - y0);
  }
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', JPEG_QUALITY));
  // Free the pixels now rather than at the next garbage collection (phones are short of memory).
  canvas.width = canvas.height = 0;
  if (!blob) throw new Error('The browser could not encode the JPEG.');
  return blob;
}
