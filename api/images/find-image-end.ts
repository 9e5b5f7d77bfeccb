import type { ImageType } from './types.ts';

/**
 * Where an image really ends, by walking its own structure; `null` when the structure is broken,
 * stops before the end marker (a truncated upload) or is a JPEG of more than MAX_JPEG_SCANS scans. Bytes after the end are how polyglots are
 * made (an image that is also an HTML page, a ZIP, a script), so the caller refuses them.
 *
 * @example
 *   findImageEnd(jpeg, 'jpeg') === jpeg.length // true for a clean file
 */
export function findImageEnd(bytes: Uint8Array, type: ImageType): number | null {
  if (type === 'jpeg') return findJpegEnd(bytes);
  if (type === 'png') return findPngEnd(bytes);
  return findWebpEnd(bytes);
}

/**
 * Encoders write one scan (baseline) or about ten (progressive); thousands of tiny scans are a
 * known way to make a small JPEG take minutes to decode, so more than this counts as corrupt.
 */
export const MAX_JPEG_SCANS = 100;

/**
 * Segments are skipped by their length (so an EXIF thumbnail, itself a JPEG with its own EOI,
 * is not mistaken for the end); after each start-of-scan the entropy-coded data runs until a
 * 0xFF that is not stuffing (FF 00), a restart marker (FF D0-D7) or fill (FF FF).
 */
function findJpegEnd(b: Uint8Array): number | null {
  let i = 2; // after SOI
  let scans = 0;
  for (;;) {
    if (b[i] !== 0xff) return null;
    while (b[i] === 0xff) i++;
    const marker = b[i];
    if (marker === undefined) return null;
    i++;
    if (marker === 0xd9) return i; // EOI
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) continue; // no length
    if (marker === 0xd8 || marker === 0x00) return null;
    if (i + 2 > b.length) return null;
    const length = (b[i]! << 8) | b[i + 1]!;
    if (length < 2) return null;
    i += length;
    if (i > b.length) return null;
    if (marker === 0xda) {
      if (++scans > MAX_JPEG_SCANS) return null;
      const end = skipEntropyData(b, i);
      if (end === null) return null;
      i = end;
    }
  }
}

function skipEntropyData(b: Uint8Array, from: number): number | null {
  let i = from;
  for (;;) {
    i = b.indexOf(0xff, i);
    if (i < 0 || i + 1 >= b.length) return null;
    const next = b[i + 1]!;
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) i += 2;
    else if (next === 0xff) i += 1;
    else return i;
  }
}

/** Chunks are length (4), type (4), data, CRC (4); the file ends with the IEND chunk. */
function findPngEnd(b: Uint8Array): number | null {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let i = 8;
  for (;;) {
    if (i + 8 > b.length) return null;
    const length = view.getUint32(i);
    if (length > 0x7fffffff) return null;
    const type = String.fromCharCode(b[i + 4]!, b[i + 5]!, b[i + 6]!, b[i + 7]!);
    i += 12 + length;
    if (i > b.length) return null;
    if (type === 'IEND') return i;
  }
}

/** A RIFF file states its own size after the 'RIFF' tag; the chunk is padded to an even length. */
function findWebpEnd(b: Uint8Array): number | null {
  if (b.length < 12) return null;
  const size = new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(4, true);
  const end = 8 + size + (size & 1);
  return end > b.length ? null : end;
}
