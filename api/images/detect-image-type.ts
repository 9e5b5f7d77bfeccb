import type { ImageType } from './types.ts';

export type DetectedType = { ok: true; type: ImageType } | { ok: false; code: 'unsupported_type'; detected: string };

/** [kind, offset, magic bytes] for formats we refuse but want to name in the log. */
const KNOWN_REFUSED: [string, number, number[]][] = [
  ['gif', 0, [...'GIF8'].map((c) => c.charCodeAt(0))],
  ['pdf', 0, [...'%PDF'].map((c) => c.charCodeAt(0))],
  ['bmp', 0, [0x42, 0x4d]],
  ['tiff', 0, [0x49, 0x49, 0x2a, 0x00]],
  ['tiff', 0, [0x4d, 0x4d, 0x00, 0x2a]],
  ['jpeg-xl', 0, [0xff, 0x0a]],
  ['jpeg-xl', 4, [...'JXL '].map((c) => c.charCodeAt(0))],
  ['ico', 0, [0x00, 0x00, 0x01, 0x00]],
  ['zip', 0, [0x50, 0x4b, 0x03, 0x04]],
];

const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']);
const AVIF_BRANDS = new Set(['avif', 'avis']);

function startsWith(bytes: Uint8Array, offset: number, magic: readonly number[]): boolean {
  return bytes.length >= offset + magic.length && magic.every((b, i) => bytes[offset + i] === b);
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, to));
}

/**
 * The image type, from the magic bytes only (never the file name or the declared content type,
 * which the sender chooses). JPEG, PNG and WebP are accepted; anything else is refused with the
 * kind it looks like, for the log: svg, xml, html, heif, avif, iso-bmff, pdf, gif, bmp, tiff, ...
 *
 * @example
 *   detectImageType(jpegBytes) // { ok: true, type: 'jpeg' }
 *   detectImageType(new TextEncoder().encode('<svg xmlns=...')) // { ok: false, code: 'unsupported_type', detected: 'svg' }
 */
export function detectImageType(bytes: Uint8Array): DetectedType {
  if (startsWith(bytes, 0, [0xff, 0xd8, 0xff])) return { ok: true, type: 'jpeg' };
  if (startsWith(bytes, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { ok: true, type: 'png' };
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return { ok: true, type: 'webp' };
  return { ok: false, code: 'unsupported_type', detected: nameRefusedKind(bytes) };
}

function nameRefusedKind(bytes: Uint8Array): string {
  if (bytes.length === 0) return 'empty';
  if (bytes.length >= 12 && ascii(bytes, 4, 8) === 'ftyp') {
    const brand = ascii(bytes, 8, 12);
    if (HEIF_BRANDS.has(brand)) return 'heif';
    if (AVIF_BRANDS.has(brand)) return 'avif';
    return `iso-bmff:${brand.replace(/[^\x20-\x7e]/g, '?')}`;
  }
  for (const [kind, offset, magic] of KNOWN_REFUSED) if (startsWith(bytes, offset, magic)) return kind;
  // Markup may start with a byte order mark, white space, a comment or a doctype.
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 4096)).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (head.startsWith('<')) {
    if (head.includes('<svg')) return 'svg';
    if (head.includes('<html') || head.startsWith('<!doctype html')) return 'html';
    return 'xml';
  }
  return 'unknown';
}
