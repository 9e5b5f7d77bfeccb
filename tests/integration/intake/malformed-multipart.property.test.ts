// A property: whatever malformed multipart body arrives (random boundaries, truncated parts,
// garbage headers, random field names and values, random bytes as files, wrong content types),
// the answer is a 4xx, never a 5xx, and nothing is stored: the row counts stay zero and no blob
// file appears. Half the bodies are "almost valid" forms (every field right, the ID copy random
// or cut short), so the property reaches past the parser into the file checks.
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import sharp from 'sharp';
import { FILE_FIELDS, TEXT_FIELDS } from '../../../api/intake/submission-schema.ts';
import { validFields } from '../../support/request-form.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { blobFiles, counts, EMPTY, post } from './support.ts';

let t: TestApp;
let smallJpeg: Uint8Array;
let smallPng: Uint8Array;
beforeAll(async () => {
  t = await createTestApp();
  const base = sharp({ create: { width: 64, height: 40, channels: 3, background: '#dde8f0' } });
  smallJpeg = new Uint8Array(await base.clone().jpeg().toBuffer());
  smallPng = new Uint8Array(await base.clone().png().toBuffer());
});
afterAll(async () => {
  await t.close();
});

const enc = new TextEncoder();
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

const MAGIC = [
  [],
  [0xff, 0xd8, 0xff],
  [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00],
  [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  [...enc.encode('RIFF\x00\x01\x00\x00WEBPVP8 ')],
  [...enc.encode('GIF89a')],
  [...enc.encode('<svg xmlns="http://www.w3.org/2000/svg">')],
  [...enc.encode('%PDF-1.7\n')],
  [0, 0, 0, 0x18, ...enc.encode('ftypheic')],
].map((m) => new Uint8Array(m));

/** Undefined three times in four: damage that is always there would stop every body at the parser. */
const rarely = <T,>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });

const printable = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789\'()+_,-./:=? '.split('')), minLength: 1, maxLength: 70 });
const fieldName = fc.oneof(fc.constantFrom(...TEXT_FIELDS, ...FILE_FIELDS, 'rights'), fc.string({ maxLength: 24 }), fc.string({ unit: 'binary', maxLength: 24 }));
const randomBytes = fc.uint8Array({ maxLength: 1500 });
const fileBytes = fc.oneof(
  fc.tuple(fc.constantFrom(...MAGIC), randomBytes).map(([m, b]) => concat(m, b)),
  // A real small image cut short (never whole: a whole one would be a valid upload).
  fc.tuple(fc.constantFrom('jpeg', 'png'), fc.double({ min: 0, max: 0.98, noNaN: true })).map(([kind, f]) => {
    const img = kind === 'jpeg' ? smallJpeg : smallPng;
    return img.subarray(0, Math.floor(img.length * f));
  }),
);
const textValue = fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: 'grapheme', maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 30 }));
const contentTypeOfPart = fc.option(fc.constantFrom('image/jpeg', 'image/svg+xml', 'text/plain; charset=utf-8', 'application/octet-stream', 'text/html', ';;;', 'multipart/mixed; boundary=inner'), { nil: undefined });

const part = fc.record({
  name: fieldName,
  filename: fc.option(fc.oneof(fc.constant('card.jpg'), fc.string({ maxLength: 20 })), { nil: undefined, freq: 2 }),
  contentType: contentTypeOfPart,
  disposition: fc.constantFrom('normal', 'normal', 'normal', 'missing', 'noName', 'garbled', 'unquoted'),
  garbageHeaders: fc.array(fc.string({ maxLength: 40 }), { maxLength: 2 }),
  body: fc.oneof(textValue.map((s) => enc.encode(s)), fileBytes),
});

/** A hand-built multipart body with random parts and random damage. */
const rawMultipart = fc
  .record({
    boundary: printable,
    headerBoundary: fc.constantFrom('same', 'same', 'same', 'same', 'quoted', 'other', 'none', 'upper'),
    otherBoundary: printable,
    mediaType: fc.oneof({ weight: 5, arbitrary: fc.constantFrom('multipart/form-data', 'MULTIPART/Form-Data') }, { weight: 1, arbitrary: fc.constantFrom('multipart/mixed', 'application/json', 'text/plain', 'application/x-www-form-urlencoded', '') }),
    parts: fc.array(part, { maxLength: 8 }),
    lfOnly: fc.boolean(),
    closing: fc.constantFrom('proper', 'proper', 'proper', 'proper', 'missing', 'noDashes', 'garbage'),
    preamble: rarely(fc.string({ maxLength: 30 })),
    truncateAt: rarely(fc.double({ min: 0, max: 1, noNaN: true })),
    insertGarbageAt: rarely(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.uint8Array({ minLength: 1, maxLength: 40 }))),
  })
  .map((r) => {
    const nl = r.lfOnly ? '\n' : '\r\n';
    const chunks: Uint8Array[] = [];
    if (r.preamble !== undefined) chunks.push(enc.encode(r.preamble + nl));
    for (const p of r.parts) {
      const headers: string[] = [];
      const file = p.filename !== undefined ? `; filename="${p.filename}"` : '';
      if (p.disposition === 'normal') headers.push(`Content-Disposition: form-data; name="${p.name}"${file}`);
      else if (p.disposition === 'noName') headers.push(`Content-Disposition: form-data${file}`);
      else if (p.disposition === 'garbled') headers.push(`Content-Disposition ${p.name} ${file}`);
      else if (p.disposition === 'unquoted') headers.push(`Content-Disposition: form-data; name=${p.name}`);
      if (p.contentType) headers.push(`Content-Type: ${p.contentType}`);
      headers.push(...p.garbageHeaders);
      chunks.push(enc.encode(`--${r.boundary}${nl}${headers.join(nl)}${nl}${nl}`), p.body, enc.encode(nl));
    }
    if (r.closing === 'proper') chunks.push(enc.encode(`--${r.boundary}--${nl}`));
    else if (r.closing === 'noDashes') chunks.push(enc.encode(`--${r.boundary}${nl}`));
    else if (r.closing === 'garbage') chunks.push(enc.encode(`--${r.boundary}-x-${nl}`));
    let body = concat(...chunks);
    if (r.insertGarbageAt) {
      const at = Math.floor(body.length * r.insertGarbageAt[0]);
      body = concat(body.subarray(0, at), r.insertGarbageAt[1], body.subarray(at));
    }
    if (r.truncateAt !== undefined) body = body.subarray(0, Math.floor(body.length * r.truncateAt));
    const b = r.headerBoundary === 'other' ? r.otherBoundary : r.boundary;
    const param = { same: `; boundary=${b}`, quoted: `; boundary="${b}"`, other: `; boundary=${b}`, none: '', upper: `; BOUNDARY=${b}` }[r.headerBoundary]!;
    return { kind: 'raw' as const, body, contentType: r.mediaType ? `${r.mediaType}${param}` : undefined };
  });

/** A complete, valid form in every field, whose ID copy is random or cut short, maybe with more damage. */
const almostValid = fc
  .record({
    idCopy: fileBytes,
    extraParts: rarely(fc.array(fc.tuple(fieldName, fc.oneof(textValue, fileBytes)), { minLength: 1, maxLength: 3 })),
    replace: rarely(fc.tuple(fc.constantFrom(...TEXT_FIELDS), textValue)),
    otherFiles: rarely(fc.tuple(fc.constantFrom('signatureImage', 'mandate'), fileBytes)),
    truncateAt: rarely(fc.double({ min: 0, max: 0.999, noNaN: true })),
    contentType: fc.constantFrom('keep', 'keep', 'keep', 'keep', 'keep', 'keep', 'dropBoundary', 'wrongBoundary', 'json'),
  })
  .map(async (r) => {
    const fields = validFields();
    if (r.replace) fields[r.replace[0]] = r.replace[1];
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) form.append(k, one);
    form.append('idCopy', new Blob([new Uint8Array(r.idCopy)]), 'card.jpg');
    if (r.otherFiles) form.append(r.otherFiles[0], new Blob([new Uint8Array(r.otherFiles[1])]), 'more.png');
    for (const [k, v] of r.extraParts ?? []) {
      if (typeof v === 'string') form.append(k, v);
      else form.append(k, new Blob([new Uint8Array(v)]), 'x.bin');
    }
    const encoded = new Response(form);
    let contentType = encoded.headers.get('content-type')!;
    let body = new Uint8Array(await encoded.arrayBuffer());
    if (r.truncateAt !== undefined) body = body.subarray(0, Math.floor(body.length * r.truncateAt));
    if (r.contentType === 'dropBoundary') contentType = 'multipart/form-data';
    if (r.contentType === 'wrongBoundary') contentType = 'multipart/form-data; boundary=not-the-boundary';
    if (r.contentType === 'json') contentType = 'application/json';
    return { kind: 'almost' as const, body, contentType };
  });

let run = 0;
it('300 malformed multipart bodies: always a 4xx, never a 5xx; nothing stored', { timeout: 60_000 }, async () => {
  const started = Date.now();
  const statuses = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(fc.oneof(rawMultipart.map(async (x) => x), almostValid), async (pending) => {
      const c = await pending;
      run++;
      const headers: Record<string, string> = c.contentType === undefined ? {} : { 'content-type': c.contentType };
      // Each body from its own address, so the per-client rate limit does not hide the parser.
      const res = await post(t, c.body, { headers, client: `10.${(run >> 16) & 255}.${(run >> 8) & 255}.${run & 255}` });
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const text = await res.text();
      expect(res.status, `${c.kind} body answered ${res.status}: ${text.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${c.kind} body answered ${res.status}: ${text.slice(0, 300)}`).toBeLessThan(500);
      expect((JSON.parse(text) as { error: { code: string } }).error.code).toMatch(/^form\.error\./);
      expect(await counts(t)).toEqual(EMPTY);
      expect(blobFiles(t)).toEqual([]);
    }),
    { numRuns: 300 },
  );
  // The property reached every layer: the content-type check, the parser and the validation.
  expect(statuses.get(415) ?? 0).toBeGreaterThan(0);
  expect(statuses.get(400) ?? 0).toBeGreaterThan(0);
  expect(statuses.get(422) ?? 0).toBeGreaterThan(0);
  expect(Date.now() - started).toBeLessThan(30_000);
});
