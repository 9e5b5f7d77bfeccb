/**
 * Burns "viewed by <name>, <date time>" into an ID copy before it is shown in the workspace, so
 * that a screenshot or a saved copy says who looked at it and when. The text sits in dark bands
 * at the top, the middle and the bottom of the image, white on black: legible at any size, while
 * most of the card stays visible between the bands for the identity check. The bands are an SVG
 * of rectangles (no font needed); the text is rendered by Pango with the bundled Noto Sans, fitted
 * into each band, so the result does not depend on the fonts of the machine.
 *
 * @example
 *   const jpeg = await renderViewedOverlay(stored, 'Bekeken door An Peeters, 1 april 2026 10:15');
 */
import sharp, { type OverlayOptions } from 'sharp';
import { notoSansPaths } from '../pdf/fonts.ts';

/** Pango markup: only these three must be escaped in text. */
function escapeMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export async function renderViewedOverlay(image: Uint8Array, text: string): Promise<Buffer> {
  const source = sharp(image).rotate();
  const { data, info } = await source.raw().toBuffer({ resolveWithObject: true });
  const { width, height } = info;
  const band = Math.max(24, Math.min(Math.round(height / 8), Math.round(Math.min(width, height) * 0.1)));
  const pad = Math.max(3, Math.round(band * 0.15));
  const tops = [...new Set([0, Math.round((height - band) / 2), Math.max(0, height - band)])];
  const rects = tops.map((y) => `<rect x="0" y="${y}" width="${width}" height="${band}" fill="#000" fill-opacity="0.78"/>`).join('');
  const bands = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${rects}</svg>`);
  const label = await sharp({
    text: {
      text: `<span foreground="#ffffff">${escapeMarkup(text)}</span>`,
      fontfile: notoSansPaths().bold,
      font: 'Noto Sans Bold',
      width: Math.max(1, width - 2 * pad),
      height: Math.max(1, band - 2 * pad),
      rgba: true,
      wrap: 'word-char',
    },
  })
    .png()
    .toBuffer({ resolveWithObject: true });
  const left = Math.max(0, Math.round((width - label.info.width) / 2));
  const layers: OverlayOptions[] = [{ input: bands, top: 0, left: 0 }];
  for (const y of tops) layers.push({ input: label.data, top: y + Math.max(0, Math.round((band - label.info.height) / 2)), left });
  return sharp(data, { raw: { width, height, channels: info.channels } })
    .composite(layers)
    .jpeg({ quality: 85 })
    .toBuffer();
}
