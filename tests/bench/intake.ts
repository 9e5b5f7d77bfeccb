/**
 * `npm run bench:intake` — a report, not a test. Against the running server (real process, real
 * SQLite file, real encrypted file store): submissions with a 2-megapixel JPEG ID copy at
 * concurrency 8 for 20 s: requests per second, latency p50/p95/p99, the server's peak memory.
 * In the same run, the floor: sharp decode + re-encode of the same image plus one SQLite insert,
 * in-process, in a loop. Reports the ratio.
 */
import { readFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createClient } from '@libsql/client';
import sharp from 'sharp';
import { startServer } from '../support/server.ts';
import { syntheticIdCard, toFormData, validFields } from '../support/request-form.ts';

export interface IntakeBench {
  seconds: number;
  concurrency: number;
  completed: number;
  errors: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  peakRssMb: number;
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

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
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

export async function runIntakeBench(opts: { seconds?: number; concurrency?: number } = {}): Promise<IntakeBench> {
  const seconds = opts.seconds ?? 20;
  const concurrency = opts.concurrency ?? 8;
  // 2 megapixels: 1780 x 1124 (the card's proportions).
  const image = await syntheticIdCard({ width: 1780, height: 1124 });
  const server = await startServer({ LOG_LEVEL: 'silent', JOBS: 'false', SUBMISSIONS_PER_HOUR: '1000000' });
  const pid = server.process.pid!;
  const latencies: number[] = [];
  let errors = 0;
  let peakKb = 0;
  // `tsx api/server.ts` runs the server in a child process of its own: the peak is the largest of
  // the tree's (the tsx wrapper alone stays near 55 MB whatever the server does).
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
  try {
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
  } finally {
    clearInterval(sampler);
    await server.stop();
  }
  const floorRps = await floor(image, 5);
  latencies.sort((a, b) => a - b);
  const rps = latencies.length / seconds;
  return {
    seconds,
    concurrency,
    completed: latencies.length,
    errors,
    rps,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    peakRssMb: peakKb / 1024,
    floorRps,
    ratio: rps / floorRps,
  };
}

export function intakeBenchMarkdown(r: IntakeBench): string {
  return [
    `| measure | value | target |`,
    `|---|---:|---|`,
    `| submissions accepted (201) in ${r.seconds} s at concurrency ${r.concurrency} | ${r.completed} (errors ${r.errors}) | |`,
    `| throughput | ${r.rps.toFixed(1)} req/s | at least half the floor |`,
    `| latency p50 / p95 / p99 | ${r.p50.toFixed(0)} / ${r.p95.toFixed(0)} / ${r.p99.toFixed(0)} ms | p95 under 300 ms |`,
    `| server peak RSS | ${r.peakRssMb.toFixed(0)} MB | under 400 MB |`,
    `| floor: sharp decode + re-encode + 1 SQLite insert, in-process | ${r.floorRps.toFixed(1)} /s | |`,
    `| ratio throughput / floor | ${r.ratio.toFixed(2)} | at least 0.5 |`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await runIntakeBench();
  console.log(`# Intake benchmark\n\n${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}, ${new Date().toISOString()}\n`);
  console.log(intakeBenchMarkdown(r));
}
