/**
 * A signature, mandate or other document sent as an image: the same checks as the ID copy, then
 * decoded and re-encoded without any metadata, no watermark. A drawn signature stays a PNG (its
 * transparency is the paper); everything else becomes a JPEG.
 *
 * @example
 *   const r = await prepareDocumentImage(upload, { format: 'png', maxBytes: 1_000_000 });
 */
import sharp from 'sharp';
import { checkUpload } from './check-upload.ts';
import { JPEG_QUALITY, MAX_PIXELS } from './limits.ts';
import type { ImageRefusal } from './types.ts';

export type PreparedDocumentImage = { ok: true; bytes: Buffer; mime: 'image/png' | 'image/jpeg'; width: number; height: number } | { ok: false; refusal: ImageRefusal };

export async function prepareDocumentImage(bytes: Uint8Array, o: { format: 'png' | 'jpeg'; maxBytes?: number }): Promise<PreparedDocumentImage> {
  const checked = await checkUpload(bytes, o.maxBytes);
  if (!checked.ok) return checked;
  try {
    let img = sharp(bytes, { failOn: checked.failOn, limitInputPixels: MAX_PIXELS, autoOrient: true }).toColourspace('srgb');
    img = o.format === 'png' ? img.png({ compressionLevel: 9 }) : img.flatten({ background: '#ffffff' }).jpeg({ quality: JPEG_QUALITY });
    const { data, info } = await img.toBuffer({ resolveWithObject: true });
    return { ok: true, bytes: data, mime: o.format === 'png' ? 'image/png' : 'image/jpeg', width: info.width, height: info.height };
  } catch (err) {
    const message = (err as Error).message;
    return { ok: false, refusal: { code: /pixel limit/i.test(message) ? 'too_many_pixels' : 'truncated_or_corrupt', detail: `decoder: ${message}` } };
  }
}
