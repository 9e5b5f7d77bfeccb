// What is stored of the ID copy: no EXIF (the upload's GPS position is gone), encrypted on disk
// (the ciphertext holds none of the image), decrypting to exactly the bytes whose SHA-256 the
// database recorded, and a JPEG that carries the watermark (it differs from a plain re-encode).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import exifr from 'exifr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JPEG_QUALITY } from '../../../api/images/index.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { blobFiles, fileRequest, filesOf, idCard, requestRow } from './support.ts';

/** Mean absolute difference per channel of two images of the same size, decoded to RGB. */
async function meanDifference(a: Buffer, b: Buffer): Promise<{ mean: number; changed: number }> {
  const [ra, rb] = await Promise.all([a, b].map((x) => sharp(x).removeAlpha().raw().toBuffer({ resolveWithObject: true })));
  expect(ra!.info.width).toBe(rb!.info.width);
  expect(ra!.info.height).toBe(rb!.info.height);
  let sum = 0;
  let changed = 0;
  for (let i = 0; i < ra!.data.length; i += 3) {
    const d = Math.abs(ra!.data[i]! - rb!.data[i]!) + Math.abs(ra!.data[i + 1]! - rb!.data[i + 1]!) + Math.abs(ra!.data[i + 2]! - rb!.data[i + 2]!);
    sum += d;
    if (d > 60) changed++;
  }
  return { mean: sum / ra!.data.length, changed: changed / (ra!.data.length / 3) };
}

describe('the stored ID copy', () => {
  let t: TestApp;
  let upload: Buffer;
  let stored: Buffer;
  let file: Awaited<ReturnType<typeof filesOf>>[number];

  beforeAll(async () => {
    t = await createTestApp();
    upload = await idCard();
    const created = await fileRequest(t, { lang: 'nl' }, { idCopy: upload });
    file = (await filesOf(t, (await requestRow(t, created.reference)).id)).find((f) => f.role === 'id_copy')!;
    stored = await t.services.blobs.get(file.blobId, file.sha256);
  });
  afterAll(async () => {
    await t.close();
  });

  it('the upload had EXIF with a GPS position; the stored copy has no EXIF, XMP or ICC at all', async () => {
    const gps = await exifr.gps(upload);
    expect(gps.latitude).toBeCloseTo(51.05, 2);
    expect(gps.longitude).toBeCloseTo(3.7167, 2);
    expect((await exifr.parse(upload))?.Make).toBe('TestCam');

    expect(await exifr.gps(stored)).toBeUndefined();
    expect(await exifr.parse(stored, true)).toBeUndefined();
    const meta = await sharp(stored).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 1011, height: 638 });
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(stored.includes(Buffer.from('TestCam'))).toBe(false);
  });

  it('is recorded as a JPEG with its size and the SHA-256 of what get() returns', () => {
    expect(file.mime).toBe('image/jpeg');
    expect(file.size).toBe(stored.length);
    expect(createHash('sha256').update(stored).digest('hex')).toBe(file.sha256);
    expect(stored.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
  });

  it('the file on disk is ciphertext: it differs from the image and holds no piece of it', () => {
    expect(blobFiles(t)).toContain(`${file.blobId}.enc`);
    const onDisk = readFileSync(join(t.dataDir, 'blobs', `${file.blobId}.enc`));
    expect(onDisk.equals(stored)).toBe(false);
    expect(onDisk.length).toBeGreaterThan(stored.length); // envelope: header, nonce, tag
    expect(onDisk.includes(Buffer.from([0xff, 0xd8, 0xff]))).toBe(false);
    // No 32-byte window of the image (or of the upload) appears in the ciphertext.
    for (const plain of [stored, upload]) {
      for (let at = 0; at + 32 <= plain.length; at += Math.max(32, Math.floor(plain.length / 200))) {
        expect(onDisk.includes(plain.subarray(at, at + 32))).toBe(false);
      }
    }
    // Nor is the ciphertext the image under a trivial transform: it looks random.
    const counts = new Array<number>(256).fill(0);
    for (const b of onDisk) counts[b]!++;
    const max = Math.max(...counts) / onDisk.length;
    expect(max).toBeLessThan(0.01);
  });

  it('get() refuses the blob under another hash: the recorded SHA-256 is what is checked', async () => {
    await expect(t.services.blobs.get(file.blobId, '0'.repeat(64))).rejects.toThrow(/SHA-256/);
  });

  it('carries the watermark: it differs clearly from a plain re-encode of the upload', async () => {
    const plain = await sharp(upload).jpeg({ quality: JPEG_QUALITY }).toBuffer();
    const reencodeNoise = await meanDifference(plain, await sharp(upload).jpeg({ quality: 70 }).toBuffer());
    const watermark = await meanDifference(stored, plain);
    expect(watermark.mean).toBeGreaterThan(5 * reencodeNoise.mean);
    // The text covers a real part of the card, not a corner.
    expect(watermark.changed).toBeGreaterThan(0.05);
    expect(reencodeNoise.changed).toBeLessThan(0.001);
  });
});
