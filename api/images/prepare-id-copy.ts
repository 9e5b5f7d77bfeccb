import { availableParallelism } from 'node:os';
import sharp from 'sharp';
import { limitConcurrency } from '../limit-concurrency.ts';
import { buildWatermarkLines, type WatermarkInput } from './build-watermark-lines.ts';
import { defaultWatermarkStyle } from './default-watermark-style.ts';
import { checkUpload } from './check-upload.ts';
import { JPEG_OPTIMISE_CODING, JPEG_QUALITY, MAX_PIXELS } from './limits.ts';
import { releaseBuffer } from './release-buffer.ts';
import { renderWatermarkStamp, stampWatermark, type WatermarkStamp, type WatermarkStyle } from './watermark-stamp.ts';
import type { ImageRefusal, ImageRefusalCode } from './types.ts';

export interface PrepareIdCopyOptions extends WatermarkInput {
  /** The watermark's look; the default (bundled Noto Sans) is what production uses. */
  style?: WatermarkStyle;
}

export type PreparedIdCopy = { ok: true; jpeg: Buffer; width: number; height: number } | { ok: false; refusal: ImageRefusal };

/**
 * Watermarking is CPU work (libvips threads and this thread): more at once than there are cores
 * only holds more decoded images (6 MB for 2 megapixels) in memory and makes every one late.
 * An image of more than LARGE_PIXELS is watermarked alone.
 */
const SLOTS = Math.max(2, availableParallelism());
const LARGE_PIXELS = 12_000_000;
const pipelines = limitConcurrency(SLOTS);

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

  const { width, height } = meta.autoOrient;
  const slots = width * height > LARGE_PIXELS ? SLOTS : 1;
  return pipelines(() => watermark(bytes, lines, meta.autoOrient, failOn, options.style ?? defaultWatermarkStyle()), slots);
}

async function watermark(bytes: Uint8Array, lines: readonly string[], size: { width: number; height: number }, failOn: 'warning' | 'error', style: WatermarkStyle): Promise<PreparedIdCopy> {
  // The text block and the decoded image at the same time (libvips threads and this one); apart,
  // so a failure of the text block is a bug that throws, and one of the decoder is the upload's.
  const decoding = sharp(bytes, { failOn, limitInputPixels: MAX_PIXELS, autoOrient: true })
    .flatten({ background: '#ffffff' })
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true })
    .then(
      (decoded) => ({ decoded }),
      (error: unknown) => ({ error }),
    );
  const stamp = await renderWatermarkStamp(lines, size.width, size.height, style);
  const result = await decoding;
  if ('error' in result) {
    const message = (result.error as Error).message;
    return refuse(/pixel limit/i.test(message) ? 'too_many_pixels' : 'truncated_or_corrupt', `decoder: ${message}`);
  }
  // Raw sRGB pixels, the watermark blended in place, encoded once: no PNG in between.
  let { data, info } = result.decoded;
  if (info.channels !== 3) {
    // Not seen (flatten drops alpha, sRGB has three bands), but the blend below needs exactly three.
    const other = data;
    ({ data, info } = await sharp(other, { raw: { width: info.width, height: info.height, channels: info.channels } })
      .toColourspace('srgb')
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true }));
    releaseBuffer(other);
  }
  stampWatermark(stamp, data, info.width, info.height, 3);
  releaseStamp(stamp);
  try {
    const jpeg = await sharp(data, { raw: { width: info.width, height: info.height, channels: 3 } })
      .jpeg({ quality: JPEG_QUALITY, optimiseCoding: JPEG_OPTIMISE_CODING })
      .toBuffer();
    return { ok: true, jpeg, width: info.width, height: info.height };
  } finally {
    // The decoded pixels (6 MB for 2 megapixels): freed now, not at the next full collection.
    releaseBuffer(data);
  }
}

/** The stamp's pixels and runs, freed once blended (~1 MB, another upload's is made next). */
function releaseStamp(stamp: WatermarkStamp): void {
  for (const part of [stamp.data, stamp.runs, stamp.runRow, stamp.runPixel]) releaseBuffer(part);
}

function refuse(code: ImageRefusalCode, detail: string): PreparedIdCopy {
  return { ok: false, refusal: { code, detail } };
}
