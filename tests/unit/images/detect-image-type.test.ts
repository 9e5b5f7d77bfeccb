import { describe, expect, it } from 'vitest';
import { detectImageType } from '../../../api/images/detect-image-type.ts';
import { findImageEnd, MAX_JPEG_SCANS } from '../../../api/images/find-image-end.ts';
import { gif, heic, HTML_PAYLOAD, jpeg, pdf, png, svg, webp } from './fixtures.ts';

const ascii = (s: string) => Buffer.from(s, 'latin1');

describe('detectImageType', () => {
  it('accepts JPEG, PNG and WebP by their magic bytes', async () => {
    expect(detectImageType(await jpeg(40, 30))).toEqual({ ok: true, type: 'jpeg' });
    expect(detectImageType(await png(40, 30))).toEqual({ ok: true, type: 'png' });
    expect(detectImageType(await webp(40, 30))).toEqual({ ok: true, type: 'webp' });
  });

  it('refuses everything else as unsupported_type, naming what it looks like', async () => {
    const cases: [Uint8Array, string][] = [
      [svg, 'svg'],
      [Buffer.from('\uFEFF  <!-- logo --><svg xmlns="http://www.w3.org/2000/svg"/>'), 'svg'],
      [Buffer.from('<?xml version="1.0"?><root/>'), 'xml'],
      [Buffer.from('<!DOCTYPE html><html></html>'), 'html'],
      [heic, 'heif'],
      [Buffer.concat([Buffer.from([0, 0, 0, 0x1c]), ascii('ftypavif'), Buffer.alloc(16)]), 'avif'],
      [Buffer.concat([Buffer.from([0, 0, 0, 0x1c]), ascii('ftypisom'), Buffer.alloc(16)]), 'iso-bmff:isom'],
      [pdf, 'pdf'],
      [await gif(), 'gif'],
      [ascii('BM\x36\x00\x00\x00'), 'bmp'],
      [Buffer.from([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]), 'tiff'],
      [Buffer.from([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8]), 'tiff'],
      [ascii('RIFF\x10\x00\x00\x00WAVEfmt '), 'unknown'],
      [Buffer.from([0xff, 0xd8]), 'unknown'], // two bytes of JPEG are not a JPEG
      [Buffer.alloc(0), 'empty'],
      [Buffer.from('hello'), 'unknown'],
    ];
    for (const [bytes, detected] of cases) expect(detectImageType(bytes), detected).toEqual({ ok: false, code: 'unsupported_type', detected });
  });
});

describe('findImageEnd', () => {
  it('finds the end of clean files exactly', async () => {
    for (const [bytes, type] of [[await jpeg(), 'jpeg'], [await png(), 'png'], [await webp(), 'webp']] as const) {
      expect(findImageEnd(bytes, type), type).toBe(bytes.length);
    }
  });

  it('ends before appended bytes and returns null for truncated files', async () => {
    for (const [bytes, type] of [[await jpeg(), 'jpeg'], [await png(), 'png'], [await webp(), 'webp']] as const) {
      expect(findImageEnd(Buffer.concat([bytes, HTML_PAYLOAD]), type), type).toBe(bytes.length);
      expect(findImageEnd(bytes.subarray(0, Math.floor(bytes.length * 0.7)), type), type).toBeNull();
    }
  });

  it('skips segments by length: a progressive JPEG with EXIF is read to its real end', async () => {
    const sharp = (await import('sharp')).default;
    const progressive = await sharp(await jpeg()).withExif({ IFD0: { Copyright: 'FF D9 inside: \u00ff\u00d9' } }).jpeg({ progressive: true }).toBuffer();
    expect(findImageEnd(progressive, 'jpeg')).toBe(progressive.length);
  });

  it('counts a JPEG of more than MAX_JPEG_SCANS scans as corrupt (a decoding-time bomb)', () => {
    const scan = Buffer.from([0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00, 0x12, 0x34, 0xff, 0x00, 0x56]);
    const jpegOf = (scans: number) => Buffer.concat([Buffer.from([0xff, 0xd8]), ...Array.from({ length: scans }, () => scan), Buffer.from([0xff, 0xd9])]);
    expect(findImageEnd(jpegOf(MAX_JPEG_SCANS), 'jpeg')).toBe(jpegOf(MAX_JPEG_SCANS).length);
    expect(findImageEnd(jpegOf(MAX_JPEG_SCANS + 1), 'jpeg')).toBeNull();
  });
});
