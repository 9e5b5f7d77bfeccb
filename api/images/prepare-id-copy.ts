import sharp from 'sharp';
import { buildWatermarkLines, type WatermarkInput } from './build-watermark-lines.ts';
import { defaultWatermarkStyle } from './default-watermark-style.ts';
import { checkUpload } from './check-upload.ts';
import { JPEG_QUALITY, MAX_PIXELS } from './limits.ts';
import { renderWatermarkTile, type WatermarkStyle } from './render-watermark-tile.ts';
import type { ImageRefusal, ImageRefusalCode } from './types.ts';

export interface PrepareIdCopyOptions extends WatermarkInput {
  /** The watermark's look; the default (bundled Noto Sans) is what production uses. */
  style?: WatermarkStyle;
}

export type PreparedIdCopy = { ok: true; jpeg: Buffer; width: number; height: number } | { ok: false; refusal: ImageRefusal };

/**
 * Turns an uploaded ID copy into the copy that is stored: checked, decoded, turned upright by its
 * EXIF orientation, converted to sRGB, transparent areas made white, watermarked, and re-encoded
 * as a JPEG without any metadata (no EXIF, GPS, XMP or ICC profile) at the size it was sent.
 * Refusals come before any decoding, cheapest first: too_large (by length), unsupported_type
 * (magic bytes), too_many_pixels (header), truncated_or_corrupt / trailing_data (file structure),
 * then the decoder itself, strict about errors and limited to MAX_PIXELS again.
 *
 * @example
 *   const r = await prepareIdCopy(upload, { lang: 'uk', controllerName: 'Atlas', reference: 'PV-7K3Q', date: '2025-03-14' });
 *   if (!r.ok) throw new AppError(`idCopy.${r.refusal.code}`, r.refusal.code === 'too_large' ? 413 : 422);
 *   await blobs.put(r.jpeg);
 */
export async function prepareIdCopy(bytes: Uint8Array, options: PrepareIdCopyOptions): Promise<PreparedIdCopy> {
  // Bad watermark fields are the caller's bug: throw before looking at the upload.
  const lines = buildWatermarkLines(options);
  const checked = await checkUpload(bytes);
  if (!checked.ok) return checked;
  const { meta, failOn } = checked;

  // Rendered before decoding, so a failure below can only come from the upload.
  const { width, height } = meta.autoOrient;
  const tile = await renderWatermarkTile(lines, width, height, options.style ?? defaultWatermarkStyle());
  try {
    const { data, info } = await sharp(bytes, { failOn, limitInputPixels: MAX_PIXELS, autoOrient: true })
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .composite([{ input: tile.png, tile: true, gravity: 'northwest' }])
      .jpeg({ quality: JPEG_QUALITY })
      .toBuffer({ resolveWithObject: true });
    return { ok: true, jpeg: data, width: info.width, height: info.height };
  } catch (err) {
    const message = (err as Error).message;
    return refuse(/pixel limit/i.test(message) ? 'too_many_pixels' : 'truncated_or_corrupt', `decoder: ${message}`);
  }
}

function refuse(code: ImageRefusalCode, detail: string): PreparedIdCopy {
  return { ok: false, refusal: { code, detail } };
}
