// The safe-copy watermark (DOMAIN.md, as the KopieID app does): one line with "copy", the
// recipient, the purpose and the date, repeated along rising diagonals over the whole card.
import type { Watermark } from './types.ts';

export const WATERMARK_FONT_FAMILY = '"Noto Sans", system-ui, sans-serif';
// Rising at 30 degrees, like the server's watermark.
const ANGLE = -Math.PI / 6;

/**
 * The font at a given pixel size: regular weight, the thinnest the site loads, hides the least.
 *
 * @example
 *   watermarkFont(26) // '400 26px "Noto Sans", system-ui, sans-serif'
 */
export const watermarkFont = (px: number): string => `400 ${px}px ${WATERMARK_FONT_FAMILY}`;

/**
 * Draws the watermark over a W x H canvas. Dark red at 40 % with a faint light edge: legible on
 * the pastel card and on the photo, while the printed name and dates stay readable beneath; rows
 * are three text heights apart and copies on a row leave gaps, so no field is hidden under a solid band.
 *
 * @example
 *   drawWatermark(ctx, 1011, 638, { copy: 'KOPIE', controller: 'IN-Gent', purpose: 'privacyverzoek', date: '14 maart 2026' });
 */
export function drawWatermark(ctx: CanvasRenderingContext2D, w: number, h: number, mark: Watermark): void {
  const text = [mark.copy, mark.controller, mark.purpose, mark.date].map((s) => s.replace(/\s+/g, ' ').trim()).filter(Boolean).join('  ·  ');
  if (!text) return;
  const px = Math.max(11, Math.round(Math.min(w, h) * 0.04));
  ctx.save();
  ctx.font = watermarkFont(px);
  ctx.letterSpacing = `${(px * 0.06).toFixed(1)}px`;
  ctx.textBaseline = 'middle';
  ctx.lineJoin = 'round';
  ctx.lineWidth = Math.max(1, px / 10);
  ctx.strokeStyle = 'rgba(255,255,255,0.3)';
  ctx.fillStyle = 'rgba(160,16,42,0.4)';
  ctx.translate(w / 2, h / 2);
  ctx.rotate(ANGLE);
  const period = ctx.measureText(text).width + px * 3;
  const rowGap = px * 3;
  const reach = Math.hypot(w, h) / 2;
  for (let row = 0, y = -reach; y <= reach + rowGap; row++, y += rowGap) {
    // Every other row shifted by half a period: the gaps do not line up into a clear stripe.
    for (let x = -reach - (row % 2 ? period / 2 : 0); x <= reach; x += period) {
      ctx.strokeText(text, x, y);
      ctx.fillText(text, x, y);
    }
  }
  ctx.restore();
}
