/**
 * The pixel size of a PNG from its header, so the layout can fit an image without decoding it
 * (decoding and embedding happen once, when the page is drawn).
 */

// The eight-byte PNG signature, then the IHDR chunk: length (4), type (4), width (4), height (4).
const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const IHDR = [0x49, 0x48, 0x44, 0x52];

/**
 * Width and height in pixels. Throws when the bytes do not start like a PNG.
 *
 * @example readPngSize(signaturePng) // { width: 600, height: 200 }
 */
export function readPngSize(png: Uint8Array): { width: number; height: number } {
  const ok = png.length >= 24 && SIGNATURE.every((b, i) => png[i] === b) && IHDR.every((b, i) => png[12 + i] === b);
  if (!ok) throw new Error('the image is not a PNG file (no PNG signature and IHDR header)');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  if (width === 0 || height === 0) throw new Error('the PNG image has no pixels (width or height 0)');
  return { width, height };
}
