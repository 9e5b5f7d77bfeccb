/**
 * Image fixtures for the ID-copy tests, all made here: valid images with sharp, hostile ones
 * byte by byte, so each test states exactly what it feeds the pipeline.
 */
import { crc32, deflateSync } from 'node:zlib';
import sharp, { type Sharp } from 'sharp';

/** A card-like picture: a pastel background, a dark photo area, a band and a black bar. */
export async function cardImage(width: number, height: number): Promise<Sharp> {
  const rect = (w: number, h: number, background: string) => sharp({ create: { width: Math.max(1, Math.round(w)), height: Math.max(1, Math.round(h)), channels: 3, background } }).png().toBuffer();
  const base = sharp({ create: { width, height, channels: 3, background: '#dfeef2' } });
  return sharp(
    await base
      .composite([
        { input: await rect(width, height * 0.14, '#2b5d8a'), left: 0, top: 0 },
        { input: await rect(width * 0.26, height * 0.52, '#1a1a1a'), left: Math.round(width * 0.04), top: Math.round(height * 0.22) },
        { input: await rect(width * 0.3, height * 0.06, '#000000'), left: Math.round(width * 0.63), top: Math.round(height * 0.88) },
      ])
      .png()
      .toBuffer(),
  );
}

export async function jpeg(width = 640, height = 400): Promise<Buffer> {
  return (await cardImage(width, height)).jpeg({ quality: 90 }).toBuffer();
}

export async function png(width = 640, height = 400): Promise<Buffer> {
  return (await cardImage(width, height)).png().toBuffer();
}

export async function webp(width = 640, height = 400): Promise<Buffer> {
  return (await cardImage(width, height)).webp({ quality: 90 }).toBuffer();
}

export const svg = Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>');

/** The start of an HEIC file: an ISO-BMFF 'ftyp' box with the 'heic' brand. */
export const heic = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic'), Buffer.from([0, 0, 0, 0]), Buffer.from('mif1heic'), Buffer.alloc(64)]);

export const pdf = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

export async function gif(): Promise<Buffer> {
  return sharp({ create: { width: 20, height: 20, channels: 3, background: '#808080' } }).gif().toBuffer();
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'latin1'), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * A well-formed PNG whose IHDR (with a correct CRC) claims width x height RGB pixels, with one
 * small IDAT and IEND: complete in structure, so only the pixel limit can stop it. Decoded, a
 * 50,000 x 50,000 one would need 7.5 GB.
 */
export function pngClaiming(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit, RGB, deflate, no filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.alloc(1 + width * 3))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

export const HTML_PAYLOAD = Buffer.from('<html><script>alert(1)</script></html>');

/** Mean absolute difference per pixel and the share of pixels that differ by more than `threshold`, on greyscale. */
export async function compareGrey(a: Buffer, b: Buffer, threshold = 24): Promise<{ mean: number; changed: number; changedPerCell: number[] }> {
  const ra = await sharp(a).greyscale().raw().toBuffer({ resolveWithObject: true });
  const rb = await sharp(b).greyscale().raw().toBuffer({ resolveWithObject: true });
  if (ra.info.width !== rb.info.width || ra.info.height !== rb.info.height) throw new Error('sizes differ');
  const { width, height } = ra.info;
  let sum = 0;
  let changed = 0;
  const cells = new Array<number>(9).fill(0);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const d = Math.abs(ra.data[y * width + x]! - rb.data[y * width + x]!);
      sum += d;
      if (d > threshold) {
        changed++;
        cells[Math.floor((3 * y) / height) * 3 + Math.floor((3 * x) / width)]!++;
      }
    }
  }
  const pixels = width * height;
  return { mean: sum / pixels, changed: changed / pixels, changedPerCell: cells.map((c) => (c * 9) / pixels) };
}
