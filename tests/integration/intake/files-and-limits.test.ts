// Every kind of file the portal refuses as the ID copy, each answered 422 with its own code and
// nothing stored; and the limits before parsing: 415 for another content type, 413 for a body
// over 25 MB (by its Content-Length, and by counting a streamed body), 400 for a broken body.
import { deflateSync, crc32 } from 'node:zlib';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { t as tr } from '../../../content/i18n.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { blobFiles, counts, EMPTY, fileRequest, filesOf, idCard, post, requestRow, validForm, type ErrorBody } from './support.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

async function expectNothingStored() {
  expect(await counts(t)).toEqual(EMPTY);
  expect(blobFiles(t)).toEqual([]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'ascii'), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** A well-formed PNG whose header claims width x height (8-bit RGB), with a tiny IDAT. */
function pngClaiming(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.alloc(1024))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

async function realPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([300, 200]);
  page.drawText('Identity card', { x: 20, y: 100, font: await doc.embedFont(StandardFonts.Helvetica) });
  return Buffer.from(await doc.save());
}

const HEIC = Buffer.concat([
  Buffer.from([0, 0, 0, 0x18]),
  Buffer.from('ftypheic', 'ascii'),
  Buffer.from([0, 0, 0, 0]),
  Buffer.from('mif1heic', 'ascii'),
  Buffer.from([0, 0, 0, 0x0c]),
  Buffer.from('meta', 'ascii'),
  Buffer.alloc(4),
]);

const SVG = Buffer.from(
  '\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<!-- an innocent card -->\n<svg xmlns="http://www.w3.org/2000/svg" width="1011" height="638" onload="alert(1)"><script>fetch("/api/requests/status")</script><rect width="100%" height="100%" fill="#dde8f0"/></svg>',
);

describe('refused ID copies: 422 with the file code, nothing stored', () => {
  const cases: { name: string; file: () => Promise<Buffer>; code: string }[] = [
    { name: 'a crafted SVG (BOM, XML prolog, comment, script)', file: async () => SVG, code: 'form.error.file.unsupported_type' },
    { name: 'a HEIC header (ftypheic)', file: async () => HEIC, code: 'form.error.file.unsupported_type' },
    { name: 'a PDF', file: realPdf, code: 'form.error.file.unsupported_type' },
    { name: 'a GIF', file: () => sharp({ create: { width: 20, height: 20, channels: 3, background: '#fff' } }).gif().toBuffer(), code: 'form.error.file.unsupported_type' },
    { name: 'a JPEG cut in half', file: async () => (await idCard()).subarray(0, Math.floor((await idCard()).length / 2)), code: 'form.error.file.truncated_or_corrupt' },
    { name: 'a JPEG cut short and given a new end marker', file: async () => Buffer.concat([(await idCard()).subarray(0, Math.floor((await idCard()).length * 0.6)), Buffer.from([0xff, 0xd9])]), code: 'form.error.file.truncated_or_corrupt' },
    { name: 'a PNG whose IHDR claims 50,000 x 50,000', file: async () => pngClaiming(50_000, 50_000), code: 'form.error.file.too_many_pixels' },
    { name: 'a JPEG with an HTML page appended', file: async () => Buffer.concat([await idCard(), Buffer.from('<html><script>alert(1)</script></html>')]), code: 'form.error.file.trailing_data' },
    { name: 'an 11 MB file', file: async () => Buffer.concat([await idCard(), Buffer.alloc(11 * 1024 * 1024)]), code: 'form.error.file.too_large' },
  ];

  it.each(cases)('$name -> $code', async (c) => {
    const file = await c.file();
    const res = await post(t, await validForm({ lang: 'en' }, { idCopy: file }));
    expect(res.status).toBe(422);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.issues).toEqual([{ path: 'idCopy', code: c.code, message: tr('en', c.code as never) }]);
    await expectNothingStored();
  });

  it('the PNG header check is real: the same PNG claiming 100 x 100 is read further (and found corrupt)', async () => {
    const res = await post(t, await validForm({ lang: 'en' }, { idCopy: pngClaiming(100, 100) }));
    expect(res.status).toBe(422);
    expect(((await res.json()) as ErrorBody).error.issues![0]!.code).toBe('form.error.file.truncated_or_corrupt');
    await expectNothingStored();
  });

  it('an empty file is no file: idCopy.required', async () => {
    const res = await post(t, await validForm({ lang: 'en' }, { idCopy: null }).then((f) => (f.set('idCopy', new Blob([]), 'empty.jpg'), f)));
    expect(res.status).toBe(422);
    expect(((await res.json()) as ErrorBody).error.issues).toEqual([{ path: 'idCopy', code: 'form.error.idCopy.required', message: tr('en', 'form.error.idCopy.required') }]);
    await expectNothingStored();
  });

  it('the ID copy sent as a text field: refused', async () => {
    const form = await validForm({ lang: 'en' });
    form.delete('idCopy');
    form.append('idCopy', 'data:image/jpeg;base64,/9j/4AAQ');
    const res = await post(t, form);
    expect(res.status).toBe(422);
    expect(((await res.json()) as ErrorBody).error.issues!.map((i) => i.path)).toEqual(['idCopy', 'idCopy']);
    await expectNothingStored();
  });

  it('a PNG and a WebP ID copy are accepted, and stored as JPEG', async () => {
    for (const format of ['png', 'webp'] as const) {
      const card = await sharp(await idCard())[format]().toBuffer();
      const created = await fileRequest(t, {}, { idCopy: card });
      const files = await filesOf(t, (await requestRow(t, created.reference)).id);
      const id = files.find((f) => f.role === 'id_copy')!;
      expect(id.mime).toBe('image/jpeg');
      expect((await sharp(await t.services.blobs.get(id.blobId, id.sha256)).metadata()).format).toBe('jpeg');
    }
  });
});

describe('limits before parsing', () => {
  it('415 for a JSON body, a text body, and multipart without a boundary', async () => {
    for (const type of ['application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data', 'multipart/mixed; boundary=x']) {
      const res = await post(t, new TextEncoder().encode('{"firstName":"Olena"}'), { headers: { 'content-type': type, 'accept-language': 'fr' } });
      expect(res.status, type).toBe(415);
      expect(await res.json()).toEqual({ error: { code: 'form.error.contentType', message: tr('fr', 'form.error.contentType') } });
    }
    const none = await t.app.request('/api/requests', { method: 'POST' });
    expect(none.status).toBe(415);
    await expectNothingStored();
  });

  it('multipart/form-data with the boundary after other parameters, quoted, or in capitals: accepted', async () => {
    const encoded = new Response(await validForm());
    const boundary = encoded.headers.get('content-type')!.split('boundary=')[1]!;
    const bytes = new Uint8Array(await encoded.arrayBuffer());
    const types = [`multipart/form-data; charset=utf-8; boundary=${boundary}`, `multipart/form-data;boundary="${boundary}"`, `Multipart/Form-Data; Boundary=${boundary}`];
    for (const [i, type] of types.entries()) {
      const res = await post(t, bytes, { headers: { 'content-type': type }, client: `192.0.2.${i + 1}` });
      expect(res.status, type).toBe(201);
    }
    expect((await counts(t)).requests).toBe(3);
  });

  it('413 for a Content-Length over 25 MB, before the body is read', async () => {
    let pulled = 0;
    const total = 26 * 1024 * 1024;
    const chunk = new Uint8Array(64 * 1024);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= total) return controller.close();
        pulled += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const res = await post(t, stream, { headers: { 'content-type': 'multipart/form-data; boundary=----x', 'content-length': String(total), 'accept-language': 'uk' } });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: { code: 'form.error.bodyTooLarge', message: tr('uk', 'form.error.bodyTooLarge', { max: 25 }) } });
    // Refused on the header: at most what the stream buffers ahead was ever produced.
    expect(pulled).toBeLessThan(1024 * 1024);
    await stream.cancel().catch(() => undefined);
    await expectNothingStored();
  });

  it('413 for a real 26 MB multipart body streamed without a Content-Length', async () => {
    const form = await validForm({ lang: 'en' });
    // Two ID copies of 13 MB each: every part is valid multipart, only the size is wrong.
    const big = Buffer.concat([await idCard(), Buffer.alloc(13 * 1024 * 1024 - (await idCard()).length)]);
    form.set('idCopy', new Blob([new Uint8Array(big)]), 'a.jpg');
    form.append('mandate', new Blob([new Uint8Array(big)]), 'b.jpg');
    const encoded = new Response(form);
    const type = encoded.headers.get('content-type')!;
    const bytes = new Uint8Array(await encoded.arrayBuffer());
    expect(bytes.length).toBeGreaterThan(26 * 1024 * 1024);
    let at = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (at >= bytes.length) return controller.close();
        controller.enqueue(bytes.subarray(at, at + 256 * 1024));
        at += 256 * 1024;
      },
    });
    const res = await post(t, stream, { headers: { 'content-type': type } });
    expect(res.status).toBe(413);
    expect(((await res.json()) as ErrorBody).error.code).toBe('form.error.bodyTooLarge');
    await expectNothingStored();
  });

  it('a body just under the limit is parsed: an 11 MB ID copy is refused as too_large, not 413', async () => {
    const res = await post(t, await validForm({ lang: 'en' }, { idCopy: Buffer.concat([await idCard(), Buffer.alloc(11 * 1024 * 1024)]), mandate: Buffer.alloc(11 * 1024 * 1024) }));
    expect(res.status).toBe(422);
    expect(((await res.json()) as ErrorBody).error.issues!.map((i) => i.code)).toEqual(['form.error.file.too_large']);
    await expectNothingStored();
  });

  it('400 for a malformed multipart body', async () => {
    const headers = { 'content-type': 'multipart/form-data; boundary=XYZ', 'accept-language': 'en' };
    for (const body of [
      '--XYZ\r\nContent-Disposition: form-data; name="firstName"\r\n\r\nOlena', // no closing boundary
      'this is not multipart at all',
      '--XYZ\r\nContent-Disposition: form-data\r\n\r\nno name\r\n--XYZ--\r\n',
      '--XYZ\r\nX-Garbage\r\n\r\nvalue\r\n--XYZ--\r\n',
      '',
    ]) {
      const res = await post(t, new TextEncoder().encode(body), { headers });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(await res.json()).toEqual({ error: { code: 'form.error.malformed', message: tr('en', 'form.error.malformed') } });
    }
    await expectNothingStored();
  });
});
