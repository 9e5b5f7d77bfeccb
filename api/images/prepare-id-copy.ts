import sharp, { type Metadata } from 'sharp';
import { buildWatermarkLines, type WatermarkInput } from './build-watermark-lines.ts';
import { defaultWatermarkStyle } from './default-watermark-style.ts';
import { detectImageType } from './detect-image-type.ts';
import { findImageEnd } from './find-image-end.ts';
import { JPEG_QUALITY, MAX_BYTES, MAX_PIXELS } from './limits.ts';
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
  if (bytes.length > MAX_BYTES) return refuse('too_large', `${bytes.length} bytes, limit ${MAX_BYTES}`);
  const detected = detectImageType(bytes);
  if (!detected.ok) return refuse('unsupported_type', detected.detected);

  let meta: Metadata;
  try {
    // Reads the header only; the pixel limit is ours to check, with a precise refusal.
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (err) {
    return refuse('truncated_or_corrupt', `header: ${(err as Error).message}`);
  }
  if (meta.format !== detected.type) return refuse('unsupported_type', `magic ${detected.type}, decoder ${meta.format}`);
  const pixels = meta.width * meta.height;
  if (pixels > MAX_PIXELS) return refuse('too_many_pixels', `${meta.width} x ${meta.height}`);

  const end = findImageEnd(bytes, detected.type);
  if (end === null) return refuse('truncated_or_corrupt', `${detected.type} structure incomplete`);
  if (end < bytes.length) return refuse('trailing_data', `${bytes.length - end} bytes after the end of the ${detected.type}`);

  // Rendered before decoding, so a failure below can only come from the upload.
  const { width, height } = meta.autoOrient;
  const tile = await renderWatermarkTile(lines, width, height, options.style ?? defaultWatermarkStyle());
  // For JPEG even warnings fail: a JPEG cut short and given a new end marker decodes "fine"
  // (libjpeg only warns, and paints the rest grey). PNG readers warn about harmless things
  // (an old sRGB profile), so for PNG and WebP errors fail, which includes truncation.
  const failOn = detected.type === 'jpeg' ? 'warning' : 'error';
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
