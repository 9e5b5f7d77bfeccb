import sharp from 'sharp';
import { renderWatermarkStamp, stampWatermark, type WatermarkStyle } from './watermark-stamp.ts';

export type { WatermarkStyle } from './watermark-stamp.ts';

export interface WatermarkTile {
  /** RGBA PNG, periodic: laid edge to edge it forms continuous diagonal lines of text. */
  png: Buffer;
  width: number;
  height: number;
}

/**
 * A watermark tile for an image of the given size, to composite with `tile: true`: the lattice of
 * renderWatermarkStamp on a transparent canvas that spans whole cells around one copy, cropped to
 * the image when smaller. Copies that cross a tile edge are drawn from the neighbouring cells too,
 * so the tile is seamless. prepareIdCopy does not need it (it blends the stamp into the decoded
 * image directly); it shows the watermark on its own, e.g. to compare how letters are drawn.
 *
 * @example
 *   const tile = await renderWatermarkTile(['KOPIE · IN-Gent', 'privacyverzoek · PV-1 · 1 maart 2025'], 1011, 638, style);
 *   sharp(card).composite([{ input: tile.png, tile: true }])
 */
export async function renderWatermarkTile(lines: readonly string[], imageWidth: number, imageHeight: number, style: WatermarkStyle): Promise<WatermarkTile> {
  const stamp = await renderWatermarkStamp(lines, imageWidth, imageHeight, style);
  const tileW = stamp.cellW * Math.ceil(stamp.width / stamp.cellW);
  const tileH = stamp.cellH * Math.ceil(stamp.height / stamp.cellH);
  // Smaller than one tile: a crop of it covers the image just as well.
  const width = Math.min(tileW, imageWidth);
  const height = Math.min(tileH, imageHeight);
  const rgba = new Uint8Array(width * height * 4);
  stampWatermark(stamp, rgba, width, height, 4);
  // Premultiplied to straight alpha, as PNG stores it.
  for (let i = 0; i < rgba.length; i += 4) {
    const a = rgba[i + 3]!;
    if (a === 0 || a === 255) continue;
    rgba[i] = Math.min(255, Math.round((rgba[i]! * 255) / a));
    rgba[i + 1] = Math.min(255, Math.round((rgba[i + 1]! * 255) / a));
    rgba[i + 2] = Math.min(255, Math.round((rgba[i + 2]! * 255) / a));
  }
  const png = await sharp(rgba, { raw: { width, height, channels: 4 } }).png({ compressionLevel: 1 }).toBuffer();
  return { png, width, height };
}
