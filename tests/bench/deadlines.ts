/**
 * Deadline benchmark (a report, not a test): `npm run bench:deadlines`.
 *
 * In-process: deadlines per second over 1,000,000 random receipt timestamps (seeded, 1990-2090),
 * beside two baselines run in the same process on the same array: a loop that only reads the
 * timestamps, and a loop that only converts them to Brussels dates the naive way (one
 * Intl.DateTimeFormat call each). Then the `deadline` command's wall time for 100,000 dates on
 * standard input, beside its start-up time (`--help`). Target: >= 1,000,000 deadlines/s.
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatIsoDay, type DayNumber } from '../../api/deadlines/calendar-day.ts';
import { computeLegalDeadline } from '../../api/deadlines/compute-legal-deadline.ts';
import { getDeadlineRules } from '../../api/deadlines/get-deadline-rules.ts';
import { brusselsDayOf } from '../../api/deadlines/to-brussels-day.ts';
import { prng } from './stats.ts';

const N = 1_000_000;
const CLI_LINES = 100_000;
const SEED = 0x5eed_2025;
const FROM = Date.UTC(1990, 0, 1);
const TO = Date.UTC(2091, 0, 1);

function timestamps(n: number, seed: number): Float64Array {
  const random = prng(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(FROM + random() * (TO - FROM));
  return out;
}

export interface Rate {
  count: number;
  ms: number;
  perSecond: number;
}

function rate(count: number, ms: number): Rate {
  return { count, ms: Math.round(ms * 10) / 10, perSecond: Math.round((count / ms) * 1000) };
}

function time(fn: () => number): { ms: number; check: number } {
  const start = performance.now();
  const check = fn();
  return { ms: performance.now() - start, check };
}

const naiveFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit' });

async function runCli(args: string[], input: string): Promise<{ ms: number; stdout: string; code: number | null }> {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const tsx = fileURLToPath(new URL('../../node_modules/tsx/dist/cli.mjs', import.meta.url));
  const start = performance.now();
  const child = spawn(process.execPath, [tsx, 'api/deadlines/cli.ts', ...args], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => chunks.push(c));
  child.stdin.end(input);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { ms: performance.now() - start, stdout: Buffer.concat(chunks).toString('utf8'), code };
}

export interface DeadlineBenchFigures {
  node: string;
  seed: number;
  /** Legal deadlines (timestamp -> Brussels date -> +1 month -> roll) with IN-Gent's rules. */
  deadlines: Rate;
  /** Extended (three-month) deadlines, same loop. */
  extendedDeadlines: Rate;
  /** Baseline: the same loop only reading the timestamps. */
  baselineRead: Rate;
  /** Baseline: the same loop only converting to a Brussels date with one Intl call per timestamp. */
  baselineIntl: Rate;
  /** How many times faster a full deadline is than the naive Intl date conversion alone. */
  ratioToIntl: number;
  /** The first deadline cold: zone and calendar caches built on first use (ms). */
  coldStartMs: number;
  targetPerSecond: number;
  meetsTarget: boolean;
  cli: { lines: number; wallMs: number; startupMs: number; linesPerSecond: number; outputLines: number; exitCode: number | null };
}

/** Runs the benchmark and returns its figures (for a report writer); prints nothing. */
export async function runDeadlineBench(): Promise<DeadlineBenchFigures> {
  const rules = getDeadlineRules('ingent');
  const cold = time(() => computeLegalDeadline(brusselsDayOf(Date.UTC(2025, 0, 31, 10)), rules));
  const ts = timestamps(N, SEED);

  const readLoop = () => {
    let sum = 0;
    for (let i = 0; i < ts.length; i++) sum += ts[i]! % 7;
    return sum;
  };
  const legalLoop = () => {
    let sum = 0;
    for (let i = 0; i < ts.length; i++) sum += computeLegalDeadline(brusselsDayOf(ts[i]!), rules);
    return sum;
  };
  const extendedOptions = { extended: true };
  const extendedLoop = () => {
    let sum = 0;
    for (let i = 0; i < ts.length; i++) sum += computeLegalDeadline(brusselsDayOf(ts[i]!), rules, extendedOptions);
    return sum;
  };
  const intlLoop = () => {
    let sum = 0;
    for (let i = 0; i < ts.length; i++) sum += Date.parse(naiveFormat.format(ts[i]!)) / 86_400_000;
    return sum;
  };

  // Warm up (JIT, and the per-year zone cache for all 101 years) on a slice, then time.
  for (let i = 0; i < 200_000; i++) computeLegalDeadline(brusselsDayOf(ts[i]!), rules, i % 2 ? extendedOptions : {});
  readLoop();
  const read = time(readLoop);
  const legal = time(legalLoop);
  const extended = time(extendedLoop);
  const intl = time(intlLoop);

  // Cross-check: the fast path and Intl agree on every one of the million dates.
  for (let i = 0; i < ts.length; i += 1) {
    if (formatIsoDay(brusselsDayOf(ts[i]!)) !== naiveFormat.format(ts[i]!)) throw new Error(`Brussels date mismatch at ${ts[i]}`);
  }

  const random = prng(SEED + 1);
  const lines: string[] = [];
  for (let i = 0; i < CLI_LINES; i++) {
    lines.push(formatIsoDay((Math.floor(random() * 36_890) + 7305) as DayNumber)); // 1990-01-01 .. 2090-12-31
  }
  const startup = await runCli(['--help'], '');
  const cli = await runCli([], `${lines.join('\n')}\n`);

  const deadlines = rate(N, legal.ms);
  const baselineIntl = rate(N, intl.ms);
  return {
    node: process.version,
    seed: SEED,
    deadlines,
    extendedDeadlines: rate(N, extended.ms),
    baselineRead: rate(N, read.ms),
    baselineIntl,
    ratioToIntl: Math.round((deadlines.perSecond / baselineIntl.perSecond) * 10) / 10,
    coldStartMs: Math.round(cold.ms * 10) / 10,
    targetPerSecond: 1_000_000,
    meetsTarget: deadlines.perSecond >= 1_000_000,
    cli: {
      lines: CLI_LINES,
      wallMs: Math.round(cli.ms),
      startupMs: Math.round(startup.ms),
      linesPerSecond: Math.round((CLI_LINES / cli.ms) * 1000),
      outputLines: cli.stdout.split('\n').filter(Boolean).length,
      exitCode: cli.code,
    },
  };
}

const fmt = (n: number) => n.toLocaleString('en-GB');

/** The figures as a short Markdown table. */
export function formatDeadlineBench(f: DeadlineBenchFigures): string {
  return [
    `## Deadline benchmark (Node ${f.node}, seed ${f.seed})`,
    '',
    '| What | Count | Time (ms) | Per second |',
    '|---|---:|---:|---:|',
    `| Legal deadlines (timestamp -> Brussels date -> +1 month -> roll) | ${fmt(f.deadlines.count)} | ${fmt(f.deadlines.ms)} | ${fmt(f.deadlines.perSecond)} |`,
    `| Extended deadlines (+3 months) | ${fmt(f.extendedDeadlines.count)} | ${fmt(f.extendedDeadlines.ms)} | ${fmt(f.extendedDeadlines.perSecond)} |`,
    `| Baseline: read the timestamps only | ${fmt(f.baselineRead.count)} | ${fmt(f.baselineRead.ms)} | ${fmt(f.baselineRead.perSecond)} |`,
    `| Baseline: naive Intl Brussels date only | ${fmt(f.baselineIntl.count)} | ${fmt(f.baselineIntl.ms)} | ${fmt(f.baselineIntl.perSecond)} |`,
    `| \`deadline\` command, dates on stdin (wall) | ${fmt(f.cli.lines)} | ${fmt(f.cli.wallMs)} | ${fmt(f.cli.linesPerSecond)} |`,
    `| \`deadline --help\` (start-up only, wall) | 1 | ${fmt(f.cli.startupMs)} | |`,
    '',
    `Full deadlines are ${f.ratioToIntl}x the naive Intl conversion alone; target ${fmt(f.targetPerSecond)}/s ${f.meetsTarget ? 'met' : 'NOT met'}. ` +
      `First deadline cold (caches built): ${f.coldStartMs} ms. CLI answered ${fmt(f.cli.outputLines)} lines, exit code ${f.cli.exitCode}.`,
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(formatDeadlineBench(await runDeadlineBench()));
}
