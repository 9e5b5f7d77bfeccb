/**
 * `npm run bench:two-instances` — a report, not a test. Two server processes on two ports
 * against one SQLite file and one file store (what a load balancer in front of two instances
 * sees), the same intake load as `bench:intake` (2-megapixel ID copy, concurrency 8 for 20 s)
 * spread over both; then, in the same run, the same load on one instance as the baseline. It
 * says what a second process buys on this machine and that the two share one database safely:
 * every submission answered, none refused as busy, every request stored once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { syntheticIdCard, toFormData, validFields } from '../support/request-form.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { percentile } from './stats.ts';

export interface InstanceLoad {
  instances: number;
  seconds: number;
  concurrency: number;
  completed: number;
  busy: number;
  otherErrors: number;
  rps: number;
  p50: number;
  p95: number;
  storedRequests: number;
}

export interface TwoInstanceBench {
  one: InstanceLoad;
  two: InstanceLoad;
}

async function load(instances: number, seconds: number, concurrency: number, image: Buffer): Promise<InstanceLoad> {
  const dataDir = mkdtempSync(join(tmpdir(), `bench-${instances}-`));
  const env = { LOG_LEVEL: 'silent', JOBS: 'false', SUBMISSIONS_PER_HOUR: '1000000' };
  const servers: RunningServer[] = [];
  try {
    for (let i = 0; i < instances; i++) servers.push(await startServer(env, { dataDir }));
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Brussels' });
    const latencies: number[] = [];
    let busy = 0;
    let otherErrors = 0;
    let n = 0;
    const until = performance.now() + seconds * 1000;
    // Worker k always talks to instance k mod N, as a round-robin balancer spreads connections.
    const worker = async (k: number) => {
      const url = servers[k % servers.length]!.url;
      while (performance.now() < until) {
        const form = toFormData(validFields({ email: `two${n++}@example.org` }, today), { idCopy: image });
        const t0 = performance.now();
        const res = await fetch(`${url}/api/requests`, { method: 'POST', body: form });
        await res.arrayBuffer();
        if (res.status === 201) latencies.push(performance.now() - t0);
        else if (res.status === 503) busy++;
        else otherErrors++;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, (_, k) => worker(k)));
    for (const s of servers.splice(0)) await s.stop();
    const db = createClient({ url: `file:${join(dataDir, 'portal.db')}` });
    const stored = Number((await db.execute('SELECT count(*) AS n FROM requests')).rows[0]!.n);
    db.close();
    latencies.sort((a, b) => a - b);
    return { instances, seconds, concurrency, completed: latencies.length, busy, otherErrors, rps: latencies.length / seconds, p50: percentile(latencies, 50), p95: percentile(latencies, 95), storedRequests: stored };
  } finally {
    for (const s of servers) await s.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function runTwoInstanceBench(opts: { seconds?: number; concurrency?: number } = {}): Promise<TwoInstanceBench> {
  const seconds = opts.seconds ?? 20;
  const concurrency = opts.concurrency ?? 8;
  const image = await syntheticIdCard({ width: 1780, height: 1124 });
  const two = await load(2, seconds, concurrency, image);
  const one = await load(1, seconds, concurrency, image);
  return { one, two };
}

export function twoInstanceBenchMarkdown(r: TwoInstanceBench): string {
  const row = (x: InstanceLoad) =>
    `| ${x.instances} | ${x.completed} | ${x.rps.toFixed(1)} req/s | ${x.p50.toFixed(0)} / ${x.p95.toFixed(0)} ms | ${x.busy} | ${x.otherErrors} | ${x.storedRequests} |`;
  return [
    `Intake load (2-megapixel ID copy, concurrency ${r.two.concurrency}, ${r.two.seconds} s) spread over two server processes on one SQLite file and one file store, and the same load on one process (baseline, same run).`,
    '',
    '| instances | accepted (201) | throughput | p50 / p95 | refused busy (503) | other errors | requests stored |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    row(r.two),
    row(r.one),
    '',
    `| ratio two / one instance | ${(r.two.rps / r.one.rps).toFixed(2)} |`,
    '|---|---:|',
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`# Two instances\n\n${twoInstanceBenchMarkdown(await runTwoInstanceBench())}`);
}
