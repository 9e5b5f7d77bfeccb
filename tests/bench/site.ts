/**
 * `npm run bench:site` — a report, not a test. For each statement page: bytes on first view in
 * real Chromium (compressed HTML + CSS + fonts), JavaScript bytes; the build time of the whole
 * site with PDFs; requests per second of the portal for a statement page against a bare
 * node:http server sending the same bytes from memory, in the same run.
 */
import { execSync, spawn } from 'node:child_process';
import { cpus } from 'node:os';
import autocannon from 'autocannon';
import { launchBrowser } from '../support/browser.ts';
import { ROOT, startServer, TSX_CLI } from '../support/server.ts';
import { allPages } from '../support/site-pages.ts';

export interface SiteBench {
  pages: { path: string; htmlCss: number; fonts: number; js: number; total: number }[];
  buildSeconds: number;
  portalRps: number;
  bareRps: number;
  ratio: number;
  latencyP99: { portal: number; bare: number };
}

async function measureLoad(url: string, seconds: number) {
  const r = await autocannon({ url, connections: 16, duration: seconds, headers: { 'accept-encoding': 'br, gzip' } });
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`load on ${url}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return { rps: r.requests.average, p99: r.latency.p99 };
}

export async function runSiteBench(opts: { build?: boolean; seconds?: number } = {}): Promise<SiteBench> {
  const seconds = opts.seconds ?? 10;
  let buildSeconds = Number.NaN;
  if (opts.build !== false) {
    const t0 = performance.now();
    execSync('npm run -s build', { cwd: ROOT, stdio: 'ignore' });
    buildSeconds = (performance.now() - t0) / 1000;
  }
  const server = await startServer({ LOG_LEVEL: 'silent' });
  try {
    const browser = await launchBrowser();
    const pages: SiteBench['pages'] = [];
    for (const p of allPages().filter((x) => x.kind === 'statement')) {
      const context = await browser.newContext(); // a first view: empty cache
      const page = await context.newPage();
      const sizes: Promise<{ type: string; bytes: number }>[] = [];
      page.on('requestfinished', (req) => {
        sizes.push(req.sizes().then((s) => ({ type: req.resourceType(), bytes: s.responseBodySize + s.responseHeadersSize })));
      });
      await page.goto(server.url + p.path, { waitUntil: 'networkidle' });
      const all = await Promise.all(sizes);
      const sum = (types: string[]) => all.filter((s) => types.includes(s.type)).reduce((a, s) => a + s.bytes, 0);
      const htmlCss = sum(['document', 'stylesheet']);
      pages.push({ path: p.path, htmlCss, fonts: sum(['font']), js: sum(['script']), total: all.reduce((a, s) => a + s.bytes, 0) });
      await context.close();
    }
    await browser.close();

    const target = `${server.url}/nl/central-registration-tool/`;
    const bare = spawn(process.execPath, [TSX_CLI, 'tests/bench/bare-server.ts', target], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const bareUrl = await new Promise<string>((resolve) => bare.stdout!.on('data', (d: Buffer) => {
      const m = /bare on (\S+)/.exec(d.toString());
      if (m) resolve(m[1]!);
    }));
    try {
      await measureLoad(target, 2); // warm-up
      await measureLoad(bareUrl, 2);
      const portal = await measureLoad(target, seconds);
      const baseline = await measureLoad(bareUrl, seconds);
      return { pages, buildSeconds, portalRps: portal.rps, bareRps: baseline.rps, ratio: portal.rps / baseline.rps, latencyP99: { portal: portal.p99, bare: baseline.p99 } };
    } finally {
      bare.kill();
    }
  } finally {
    await server.stop();
  }
}

export function siteBenchMarkdown(r: SiteBench): string {
  const kb = (n: number) => (n / 1024).toFixed(1);
  const lines = [
    '| statement page | HTML+CSS (kB, compressed) | fonts (kB) | JavaScript (bytes) | first view total (kB) |',
    '|---|---:|---:|---:|---:|',
    ...r.pages.map((p) => `| ${p.path} | ${kb(p.htmlCss)} | ${kb(p.fonts)} | ${p.js} | ${kb(p.total)} |`),
    '',
    `Largest HTML+CSS: ${kb(Math.max(...r.pages.map((p) => p.htmlCss)))} kB (target at most 30 kB); JavaScript on statement pages: ${Math.max(...r.pages.map((p) => p.js))} bytes (target 0).`,
    `Build of the whole site with PDFs, search index and precompression: ${r.buildSeconds.toFixed(1)} s.`,
    `Serving /nl/central-registration-tool/ (16 connections): portal ${r.portalRps.toFixed(0)} req/s (p99 ${r.latencyP99.portal} ms), bare node:http baseline ${r.bareRps.toFixed(0)} req/s (p99 ${r.latencyP99.bare} ms): ratio ${r.ratio.toFixed(2)} (target at least 0.7).`,
  ];
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await runSiteBench();
  console.log(`# Site benchmark\n\n${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}, ${new Date().toISOString()}\n`);
  console.log(siteBenchMarkdown(r));
}
