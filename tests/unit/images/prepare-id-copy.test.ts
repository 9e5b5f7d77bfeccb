import exifr from 'exifr';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { MAX_BYTES, MAX_PIXELS, prepareIdCopy, type PrepareIdCopyOptions } from '../../../api/images/index.ts';
import { cardImage, gif, heic, HTML_PAYLOAD, jpeg, pdf, png, pngClaiming, svg, webp } from './fixtures.ts';

const options: PrepareIdCopyOptions = { lang: 'nl', controllerName: 'Integratie en Inburgering Gent', reference: 'PV-2025-7K3Q', date: '2025-03-14' };

async function refusalOf(bytes: Uint8Array): Promise<string> {
  const r = await prepareIdCopy(bytes, options);
  return r.ok ? 'accepted' : r.refusal.code;
}

describe('prepareIdCopy: what is accepted', () => {
  it('accepts JPEG, PNG and WebP and returns a JPEG of the same size', async () => {
    for (const bytes of [await jpeg(640, 400), await png(640, 400), await webp(640, 400)]) {
      const r = await prepareIdCopy(bytes, options);
      if (!r.ok) throw new Error(`refused: ${r.refusal.code} ${r.refusal.detail}`);
      expect([r.width, r.height]).toEqual([640, 400]);
      const meta = await sharp(r.jpeg).metadata();
      expect([meta.format, meta.width, meta.height, meta.space]).toEqual(['jpeg', 640, 400, 'srgb']);
    }
  });

  it('exports its limits', () => {
    expect(MAX_BYTES).toBe(10 * 1024 * 1024);
    expect(MAX_PIXELS).toBe(40_000_000);
  });
});

describe('prepareIdCopy: what is refused, and why', () => {
  it('refuses other formats as unsupported_type: SVG, HEIC, PDF, GIF', async () => {
    expect(await refusalOf(svg)).toBe('unsupported_type');
    expect(await refusalOf(heic)).toBe('unsupported_type');
    expect(await refusalOf(pdf)).toBe('unsupported_type');
    expect(await refusalOf(await gif())).toBe('unsupported_type');
    const r = await prepareIdCopy(heic, options);
    expect(r).toEqual({ ok: false, refusal: { code: 'unsupported_type', detail: 'heif' } });
  });

  it('refuses more than 10 MB before looking at the content', async () => {
    const big = Buffer.alloc(11 * 1024 * 1024);
    big.set(await jpeg(64, 64));
    expect(await refusalOf(big)).toBe('too_large');
    expect(await refusalOf(Buffer.concat([svg, Buffer.alloc(MAX_BYTES)]))).toBe('too_large');
  });

  it('refuses a PNG whose header claims 50,000 x 50,000 pixels, from the header', async () => {
    const bomb = pngClaiming(50_000, 50_000);
    const r = await prepareIdCopy(bomb, options);
    expect(r).toEqual({ ok: false, refusal: { code: 'too_many_pixels', detail: '50000 x 50000' } });
    expect(await refusalOf(pngClaiming(8000, 5001))).toBe('too_many_pixels'); // 40.008 MP
  });

  it('refuses truncated JPEG, PNG and WebP files', async () => {
    for (const bytes of [await jpeg(), await png(), await webp()]) {
      expect(await refusalOf(bytes.subarray(0, Math.floor(bytes.length * 0.6)))).toBe('truncated_or_corrupt');
    }
    const j = await jpeg();
    expect(await refusalOf(j.subarray(0, j.length - 2))).toBe('truncated_or_corrupt'); // only the EOI missing
    // Cut short and given a new end marker: the structure is complete, the decoder must refuse it.
    const patched = Buffer.concat([j.subarray(0, Math.floor(j.length * 0.6)), Buffer.from([0xff, 0xd9])]);
    const r = await prepareIdCopy(patched, options);
    expect(r.ok ? 'accepted' : r.refusal).toMatchObject({ code: 'truncated_or_corrupt', detail: expect.stringMatching(/^decoder: .*premature end/) });
  });

  it('refuses a polyglot: HTML after the end of a JPEG, PNG or WebP', async () => {
    for (const bytes of [await jpeg(), await png(), await webp()]) {
      const r = await prepareIdCopy(Buffer.concat([bytes, HTML_PAYLOAD]), options);
      expect(r.ok ? 'accepted' : r.refusal.code).toBe('trailing_data');
      if (!r.ok) expect(r.refusal.detail).toMatch(new RegExp(`^${HTML_PAYLOAD.length} bytes after`));
    }
  });

  it('refuses corrupt pixel data that has a valid structure', async () => {
    const bytes = Buffer.from(await png(200, 100));
    // Break the zlib stream inside IDAT (the structure walk only checks chunk framing).
    const idat = bytes.indexOf('IDAT', 0, 'latin1');
    bytes.fill(0xff, idat + 6, idat + 40);
    expect(await refusalOf(bytes)).toBe('truncated_or_corrupt');
  });

  it('throws (a caller bug, not a refusal) on an invalid date or an empty controller', async () => {
    const bytes = await jpeg(64, 64);
    await expect(prepareIdCopy(bytes, { ...options, date: '14/03/2025' })).rejects.toThrow(/YYYY-MM-DD/);
    await expect(prepareIdCopy(bytes, { ...options, controllerName: ' ' })).rejects.toThrow(/controllerName/);
  });
});

describe('prepareIdCopy: what is removed', () => {
  it('removes EXIF with GPS, XMP and a non-sRGB ICC profile', async () => {
    const input = await (await cardImage(800, 500))
      .withIccProfile('p3')
      .withExif({
        IFD0: { Make: 'PhoneCo', Model: 'Snapper 12', Copyright: 'Olena' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 3/1 1234/100', GPSLongitudeRef: 'E', GPSLongitude: '3/1 43/1 2345/100' },
      })
      .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:creator="Olena"/></rdf:RDF></x:xmpmeta>')
      .jpeg()
      .toBuffer();
    const before = await sharp(input).metadata();
    const gpsBefore = await exifr.gps(input);
    expect(gpsBefore.latitude).toBeCloseTo(51.0534, 3);
    expect(gpsBefore.longitude).toBeCloseTo(3.7232, 3);
    expect(before.xmp).toBeDefined();
    expect(before.icc).toBeDefined();

    const r = await prepareIdCopy(input, options);
    if (!r.ok) throw new Error(r.refusal.detail);
    const after = await sharp(r.jpeg).metadata();
    expect(await exifr.gps(r.jpeg)).toBeUndefined();
    expect(await exifr.parse(r.jpeg, true)).toBeUndefined();
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.icc).toBeUndefined(); // no profile: a JPEG without one is sRGB
    expect(after.iptc).toBeUndefined();
    expect(r.jpeg.includes(Buffer.from('PhoneCo'))).toBe(false);
    expect(r.jpeg.includes(Buffer.from('Olena'))).toBe(false);
  });

  it('turns the image upright by its EXIF orientation', async () => {
    // Stored 600 x 300 with orientation 6 (rotate 90 degrees clockwise to view): shown 300 x 600.
    const input = await (await cardImage(600, 300)).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    const r = await prepareIdCopy(input, options);
    expect(r.ok && [r.width, r.height]).toEqual([300, 600]);
  });

  it('makes transparent areas white, so colour hidden under transparency is not kept', async () => {
    // Black pixels with alpha 0: invisible in a viewer, but still in the file.
    const hidden = await sharp({ create: { width: 300, height: 200, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    const r = await prepareIdCopy(hidden, options);
    if (!r.ok) throw new Error(r.refusal.detail);
    const grey = await sharp(r.jpeg).greyscale().raw().toBuffer();
    const share = (test: (v: number) => boolean) => grey.filter(test).length / grey.length;
    expect(share((v) => v >= 245)).toBeGreaterThan(0.6); // white, apart from the watermark
    expect(share((v) => v < 40)).toBe(0); // nothing of the hidden black
  });
});

describe('prepareIdCopy: speed', () => {
  it('processes a 2 MP photo-like image (prints the time; not a timed test)', async () => {
    // Noise costs the encoder the most, like a real photo.
    const width = 1732;
    const height = 1155;
    const noise = await sharp(Buffer.from(Array.from({ length: width * height * 3 }, (_, i) => (i * 2654435761) >>> 24)), { raw: { width, height, channels: 3 } }).jpeg({ quality: 92 }).toBuffer();
    await prepareIdCopy(await jpeg(64, 64), options); // warm up fontconfig and the font cache
    const start = performance.now();
    const r = await prepareIdCopy(noise, options);
    const ms = performance.now() - start;
    console.log(`prepareIdCopy: ${width} x ${height} (${((width * height) / 1e6).toFixed(2)} MP, ${(noise.length / 1e6).toFixed(2)} MB) in ${ms.toFixed(0)} ms`);
    expect(r.ok).toBe(true);
  });
});
