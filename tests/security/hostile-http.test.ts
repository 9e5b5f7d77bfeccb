/**
 * Hostile HTTP against the real server process over raw sockets: a 1 GB body announced and
 * trickled, header floods, 10,000 multipart parts, file names with path separators, NUL bytes
 * and 300 characters, and Content-Types that lie. Each is refused early with a 4xx (or, for
 * harmless lies, accepted on what the bytes are), never a 5xx, and the server stays up.
 */
import { connect } from 'node:net';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestFiles } from '../../db/schema.ts';
import { brusselsToday, openDataFolder } from '../faults/support.ts';
import { syntheticIdCard, validFields } from '../support/request-form.ts';
import { startServer, type RunningServer } from '../support/server.ts';

let server: RunningServer;
let host: string;
let port: number;
beforeAll(async () => {
  server = await startServer({ SUBMISSIONS_PER_HOUR: '100000', JOBS: 'false' });
  const u = new URL(server.url);
  host = u.hostname;
  port = Number(u.port);
});
afterAll(async () => {
  await server.stop();
});

/** Sends raw bytes, then calls `more` until the server answers; resolves with the answer's status line and the time taken. */
function raw(head: string, o: { body?: Buffer; trickle?: { every: number; bytes: number; chunked?: boolean }; maxMs?: number } = {}): Promise<{ status: number; ms: number; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(port, host);
    let answer = '';
    let timer: NodeJS.Timeout | undefined;
    const done = (closed: boolean) => {
      clearInterval(timer);
      const m = /^HTTP\/1\.1 (\d{3})/.exec(answer);
      socket.destroy();
      if (!m) reject(new Error(`no HTTP answer after ${Date.now() - started} ms: ${JSON.stringify(answer.slice(0, 200))}`));
      else resolve({ status: Number(m[1]), ms: Date.now() - started, closed });
    };
    socket.on('data', (d) => {
      answer += d.toString('latin1');
      if (/\r\n\r\n/.test(answer)) done(false);
    });
    socket.on('close', () => done(true));
    socket.on('error', () => undefined);
    socket.write(head);
    if (o.body) socket.write(o.body);
    if (o.trickle) {
      const data = Buffer.alloc(o.trickle.bytes, 0x61);
      const chunk = o.trickle.chunked ? Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from('\r\n')]) : data;
      timer = setInterval(() => socket.writable && socket.write(chunk), o.trickle.every);
    }
    setTimeout(() => done(true), o.maxMs ?? 15_000).unref();
  });
}

describe('bodies', () => {
  it('a 1 GB body announced and trickled: 413 at once, before the body, and the connection is not held', async () => {
    const r = await raw(`POST /api/requests HTTP/1.1\r\nHost: ${host}\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: 1073741824\r\n\r\n`, { trickle: { every: 100, bytes: 10 } });
    expect(r.status).toBe(413);
    expect(r.ms).toBeLessThan(3000);
  });

  it('a chunked body that keeps coming past the limit: 413 once 25 MB have arrived', { timeout: 60_000 }, async () => {
    const r = await raw(`POST /api/requests HTTP/1.1\r\nHost: ${host}\r\nContent-Type: multipart/form-data; boundary=x\r\nTransfer-Encoding: chunked\r\n\r\n`, {
      trickle: { every: 5, bytes: 1 << 20, chunked: true },
      maxMs: 45_000,
    });
    expect(r.status).toBe(413);
  });

  it('10,000 multipart parts: a 4xx, quickly', async () => {
    const parts = Array.from({ length: 10_000 }, (_, i) => `--x\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\nv\r\n`).join('') + '--x--\r\n';
    const body = Buffer.from(parts);
    const r = await raw(`POST /api/requests HTTP/1.1\r\nHost: ${host}\r\nAccept: application/json\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`, { body });
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    expect(r.ms).toBeLessThan(5000);
  });
});

describe('headers', () => {
  it('a 100 kB header: 431, the request never reaches the application', async () => {
    const r = await raw(`GET /api/health HTTP/1.1\r\nHost: ${host}\r\nX-Flood: ${'a'.repeat(100_000)}\r\n\r\n`);
    expect(r.status).toBe(431);
  });

  it('5,000 small headers: 431', async () => {
    const many = Array.from({ length: 5000 }, (_, i) => `X-H${i}: v`).join('\r\n');
    const r = await raw(`GET /api/health HTTP/1.1\r\nHost: ${host}\r\n${many}\r\n\r\n`);
    expect(r.status).toBe(431);
  });

  it('headers trickled one byte at a time are cut off by the headers timeout', { timeout: 90_000 }, async () => {
    const r = await raw(`GET /api/health HTTP/1.1\r\nHost: ${host}\r\n`, { trickle: { every: 500, bytes: 1 }, maxMs: 75_000 });
    // Node answers 408 or closes the socket once headersTimeout (10 s here) passes.
    expect(r.closed || r.status === 408).toBe(true);
    expect(r.ms).toBeLessThan(70_000);
  });
});

describe('file names and types', () => {
  async function submit(files: { field: string; name: string; type: string; bytes: Buffer }[]) {
    const form = new FormData();
    for (const [k, v] of Object.entries(validFields({}, brusselsToday()))) for (const one of Array.isArray(v) ? v : [v]) form.append(k, one);
    for (const f of files) form.append(f.field, new Blob([new Uint8Array(f.bytes)], { type: f.type }), f.name);
    return fetch(`${server.url}/api/requests`, { method: 'POST', body: form, headers: { accept: 'application/json' } });
  }

  it('names with path separators, NUL and 300 characters: accepted, and no name is stored or used as a path', async () => {
    const card = await syntheticIdCard();
    for (const name of ['../../../etc/passwd.jpg', '..\\..\\windows\\win.ini', 'id\u0000.jpg.exe', `${'x'.repeat(300)}.jpg`]) {
      const res = await submit([{ field: 'idCopy', name, type: 'image/jpeg', bytes: card }]);
      expect(res.status, name).toBe(201);
    }
    const f = await openDataFolder(server.dataDir);
    try {
      const rows = await f.db.select().from(requestFiles);
      expect(rows.length).toBeGreaterThanOrEqual(8);
      // Files are named by random ids only; nothing of the sent names anywhere in the store.
      const names = readdirSync(join(server.dataDir, 'blobs'));
      expect(names.every((n) => /^[0-9a-f]{32}\.enc$/.test(n))).toBe(true);
      expect(JSON.stringify(rows)).not.toMatch(/passwd|win\.ini|xxxxxxxx|\.exe/);
    } finally {
      f.close();
    }
  });

  it('Content-Type lies: a JPEG sent as image/png is judged by its bytes (201); an SVG sent as image/jpeg is refused (422)', async () => {
    const card = await syntheticIdCard();
    expect((await submit([{ field: 'idCopy', name: 'card.png', type: 'image/png', bytes: card }])).status).toBe(201);
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
    const refused = await submit([{ field: 'idCopy', name: 'card.jpg', type: 'image/jpeg', bytes: svg }]);
    expect(refused.status).toBe(422);
    const body = (await refused.json()) as { error: { issues: { path: string; code: string }[] } };
    expect(body.error.issues.map((i) => i.path)).toEqual(['idCopy']);
  });

  it('the server is still up and answering after all of this', async () => {
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});
