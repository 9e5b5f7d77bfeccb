/**
 * The checks every uploaded image passes before it is decoded, cheapest first: too_large (by
 * length), unsupported_type (magic bytes), too_many_pixels (header), truncated_or_corrupt and
 * trailing_data (file structure). Shared by the ID copy and the other documents.
 *
 * @example
 *   const c = await checkUpload(bytes);
 *   if (!c.ok) return c; // { ok: false, refusal: { code: 'trailing_data', detail } }
 */
import sharp, { type Metadata } from 'sharp';
import { detectImageType } from './detect-image-type.ts';
import { findImageEnd } from './find-image-end.ts';
import { MAX_BYTES, MAX_PIXELS } from './limits.ts';
import type { ImageRefusal, ImageRefusalCode, ImageType } from './types.ts';

export type CheckedUpload =
  | { ok: true; type: ImageType; meta: Metadata; failOn: 'warning' | 'error' }
  | { ok: false; refusal: ImageRefusal };

function refuse(code: ImageRefusalCode, detail: string): CheckedUpload {
  return { ok: false, refusal: { code, detail } };
}

export async function checkUpload(bytes: Uint8Array, maxBytes = MAX_BYTES): Promise<CheckedUpload> {
  if (bytes.length > maxBytes) return refuse('too_large', `${bytes.length} bytes, limit ${maxBytes}`);
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
  if (meta.width * meta.height > MAX_PIXELS) return refuse('too_many_pixels', `${meta.width} x ${meta.height}`);

  const end = findImageEnd(bytes, detected.type);
  if (end === null) return refuse('truncated_or_corrupt', `${detected.type} structure incomplete`);
  if (end < bytes.length) return refuse('trailing_data', `${bytes.length - end} bytes after the end of the ${detected.type}`);
  // For JPEG even warnings fail: a JPEG cut short and given a new end marker decodes "fine"
  // (libjpeg only warns, and paints the rest grey). PNG readers warn about harmless things
  // (an old sRGB profile), so for PNG and WebP errors fail, which includes truncation.
  return { ok: true, type: detected.type, meta, failOn: detected.type === 'jpeg' ? 'warning' : 'error' };
}
