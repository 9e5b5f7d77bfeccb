/**
 * `npm run bench:intake` — a report, not a test. Against the running server (real process, real
 * SQLite file, real encrypted file store): submissions with a 2-megapixel JPEG ID copy at
 * concurrency 8 for 20 s: requests per second, latency p50/p95/p99, the server's peak memory, and
 * the server's CPU time per submission (all its threads, and its JavaScript thread alone: the one
 * figure that other work on a shared machine hardly changes, to compare two versions by).
 * In the same run, the floor: sharp decode + re-encode of the same image plus one SQLite insert,
 * in-process, in a loop. Reports the ratio.
 *
 * Twice: with a photo-like ID copy, what the portal's redactor sends for a phone photo (the
 * targets are about this one), and with the flat drawing of a card the tests use, which costs
 * the floor half as much to decode and encode as any photo does.
 */
import { readFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createClient } from '@libsql/client';
import sharp from 'sharp';
import { startServer } from '../support/server.ts';
import { syntheticIdCard, toFormData, validFields } from '../support/request-form.ts';
import { percentile, prng } from './stats.ts';

/** The ID copy sent: like the portal's redactor sends for a phone photo (default), or the flat drawing. */
export type BenchImage = 'photo' | 'flat';

export interface IntakeBench {
  image: BenchImage;
  imageBytes: number;
  bitsPerPixel: number;
  seconds: number;
  concurrency: number;
  completed: number;
  errors: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  peakRssMb: number;
  /** CPU time of the server's processes (all threads: JavaScript, libvips, libuv) per accepted submission. */
  cpuMsPerRequest: number;
  /** The same for the server's JavaScript thread alone (time it waits for the disk not counted). */
  mainThreadCpuMsPerRequest: number;
  floorRps: number;
  ratio: number;
}

/** A process and its descendants, from /proc (Linux). */
function processTree(pid: number): number[] {
  const all = [pid];
  for (let i = 0; i < all.length; i++) {
    try {
      for (const task of readdirSync(`/proc/${all[i]}/task`)) {
        const children = readFileSync(`/proc/${all[i]}/task/${task}/children`, 'utf8').trim();
        if (children) all.push(...children.split(/\s+/).map(Number));
      }
    } catch {
      // gone, or not Linux
    }
  }
  return all;
}

/** User + system CPU time of the processes, in ms, from /proc/<pid>/stat (Linux; 0 elsewhere). */
function cpuMs(pids: number[]): { all: number; mainThread: number } {
  const ms = (stat: string) => {
    // The fields after the command name (which may hold spaces) start at the state, field 3;
    // utime and stime are in USER_HZ ticks, 100 a second on every Linux the portal runs on.
    const fields = stat.replace(/^.*\) /s, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  };
  let all = 0;
  let mainThread = 0;
  for (const p of pids) {
    try {
      all += ms(readFileSync(`/proc/${p}/stat`, 'utf8'));
      // The JavaScript thread of the busiest process: the server's (the tsx wrapper's idles).
      mainThread = Math.max(mainThread, ms(readFileSync(`/proc/${p}/task/${p}/stat`, 'utf8')));
    } catch {
      // gone, or not Linux
    }
  }
  return { all, mainThread };
}

/**
 * What the portal's own redactor sends for a phone photo of a card: the synthetic card with the
 * texture of a photo (seeded sensor-like noise, slightly soft), at 2 megapixels and JPEG quality
 * 85 (site/scripts/redactor: at most 2,000,000 pixels, quality 0.85): ~1 bit per pixel, where the
 * flat drawing of syntheticIdCard is ~0.1. Decoding and encoding cost grows with the bits, so
 * this is the image a real upload costs like; the flat one is measured too, for comparison.
 */
export async function photoLikeIdCard(width: number, height: number): Promise<Buffer> {
  const random = prng(2026);
  const noise = Buffer.alloc(width * height * 3);
  // The sum of three uniforms: close enough to the normal distribution of sensor noise.
  for (let i = 0; i < noise.length; i++) noise[i] = Math.max(0, Math.min(255, Math.round(128 + 22 * (random() + random() + random() - 1.5) * 2)));
  const card = await syntheticIdCard({ width, height, gps: false });
  return sharp(card)
    .composite([{ input: noise, raw: { width, height, channels: 3 }, blend: 'overlay' }])
    .blur(0.6)
    .jpeg({ quality: 85 })
    .toBuffer();
}

async function floor(image: Buffer, seconds: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'floor-'));
  const db = createClient({ url: `file:${join(dir, 'f.db')}` });
  await db.execute('PRAGMA journal_mode = WAL');
  await db.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, data BLOB)');
  const until = performance.now() + seconds * 1000;
  let n = 0;
  while (performance.now() < until) {
    const out = await sharp(image).jpeg({ quality: 85 }).toBuffer();
    await db.execute({ sql: 'INSERT INTO t (data) VALUES (?)', args: [out.subarray(0, 64)] });
    n++;
  }
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return n / seconds;
}

/** `serverEnv` adds to the server's environment (e.g. NODE_OPTIONS with --cpu-prof, to profile it). */
export async function runIntakeBench(opts: { image?: BenchImage; seconds?: number; concurrency?: number; floorSeconds?: number; serverEnv?: Record<string, string> } = {}): Promise<IntakeBench> {
  const seconds = opts.seconds ?? 20;
  const concurrency = opts.concurrency ?? 8;
  const kind = opts.image ?? 'photo';
  // 2 megapixels: 1780 x 1124 (the card's proportions).
  const [width, height] = [1780, 1124];
  const image = kind === 'photo' ? await photoLikeIdCard(width, height) : await syntheticIdCard({ width, height });
  const server = await startServer({ LOG_LEVEL: 'silent', JOBS: 'false', SUBMISSIONS_PER_HOUR: '1000000', ...opts.serverEnv });
  const pid = server.process.pid!;
  const latencies: number[] = [];
  let errors = 0;
  let peakKb = 0;
  // The largest peak of the server's process tree: the server itself (startServer runs it with
  // `node --import tsx`), and any process it starts.
  const sampler = setInterval(() => {
    for (const p of processTree(pid)) {
      try {
        const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
        if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
      } catch {
        // the process is gone
      }
    }
  }, 200);
  let cpuBefore = { all: 0, mainThread: 0 };
  let cpuAfter = { all: 0, mainThread: 0 };
  try {
    cpuBefore = cpuMs(processTree(pid));
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Brussels' });
    const until = performance.now() + seconds * 1000;
    let i = 0;
    const worker = async () => {
      while (performance.now() < until) {
        const form = toFormData(validFields({ email: `bench${i++}@example.org` }, today), { idCopy: image });
        const t0 = performance.now();
        const res = await fetch(`${server.url}/api/requests`, { method: 'POST', body: form });
        await res.arrayBuffer();
        if (res.status === 201) latencies.push(performance.now() - t0);
        else errors++;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    cpuAfter = cpuMs(processTree(pid));
  } finally {
    clearInterval(sampler);
    await server.stop();
  }
  const floorRps = await floor(image, opts.floorSeconds ?? 5);
  latencies.sort((a, b) => a - b);
  const rps = latencies.length / seconds;
  return {
    image: kind,
    imageBytes: image.length,
    bitsPerPixel: (image.length * 8) / (width * height),
    seconds,
    concurrency,
    completed: latencies.length,
    errors,
    rps,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    peakRssMb: peakKb / 1024,
    cpuMsPerRequest: latencies.length > 0 ? (cpuAfter.all - cpuBefore.all) / latencies.length : Number.NaN,
    mainThreadCpuMsPerRequest: latencies.length > 0 ? (cpuAfter.mainThread - cpuBefore.mainThread) / latencies.length : Number.NaN,
    floorRps,
    ratio: rps / floorRps,
  };
}

export function intakeBenchMarkdown(r: IntakeBench): string {
  return [
    `| measure | value | target |`,
    `|---|---:|---|`,
    `| ID copy: ${r.image === 'photo' ? 'photo-like, as the redactor sends it' : 'flat drawing'} (1780 x 1124, JPEG) | ${(r.imageBytes / 1024).toFixed(0)} kB, ${r.bitsPerPixel.toFixed(2)} bits per pixel | |`,
    `| submissions accepted (201) in ${r.seconds} s at concurrency ${r.concurrency} | ${r.completed} (errors ${r.errors}) | |`,
    `| throughput | ${r.rps.toFixed(1)} req/s | at least half the floor |`,
    `| latency p50 / p95 / p99 | ${r.p50.toFixed(0)} / ${r.p95.toFixed(0)} / ${r.p99.toFixed(0)} ms | p95 under 300 ms |`,
    `| server peak RSS | ${r.peakRssMb.toFixed(0)} MB | under 400 MB |`,
    `| server CPU per accepted submission: all threads / JavaScript thread | ${r.cpuMsPerRequest.toFixed(1)} / ${r.mainThreadCpuMsPerRequest.toFixed(1)} ms | |`,
    `| floor: sharp decode + re-encode + 1 SQLite insert, in-process | ${r.floorRps.toFixed(1)} /s | |`,
    `| ratio throughput / floor | ${r.ratio.toFixed(2)} | at least 0.5 |`,
  ].join('\n');
}

/** Both images, one after the other: the photo-like one (what the targets are about) and the flat drawing. */
export async function runIntakeBenches(): Promise<IntakeBench[]> {
  return [await runIntakeBench({ image: 'photo' }), await runIntakeBench({ image: 'flat' })];
}

export function intakeBenchesMarkdown(results: IntakeBench[]): string {
  return results
    .map((r) => `### ${r.image === 'photo' ? 'Photo-like ID copy (the targets)' : 'Flat drawing of a card (for comparison)'}\n\n${intakeBenchMarkdown(r)}`)
    .join('\n\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const results = await runIntakeBenches();
  console.log(`# Intake benchmark\n\n${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}, ${new Date().toISOString()}\n`);
  console.log(intakeBenchesMarkdown(results));
}
