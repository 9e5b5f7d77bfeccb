/**
 * `npm run bench:dpo` — a report, not a test. A fresh SQLite file with the real migrations and
 * 100,000 requests across the four controllers (with their files and events rows, about 30 %
 * open, receipts over two years), one signed-in DPO of the biggest controller, then the server
 * time of the request list (mixed filters and pages) and of the overview page through the real
 * Hono app, beside two baselines in the same run: the stylesheet (no database) and the signed-in
 * start page (the session read every workspace page pays). Also the database size, per 10,000
 * requests. Target: list p95 under 50 ms.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { cpus } from 'node:os';
import { sql } from 'drizzle-orm';
import { formatIsoDay } from '../../api/deadlines/calendar-day.ts';
import { computeLegalDeadline } from '../../api/deadlines/compute-legal-deadline.ts';
import { computeInternalTarget } from '../../api/deadlines/compute-internal-target.ts';
import { getDeadlineRules } from '../../api/deadlines/get-deadline-rules.ts';
import { brusselsDayOf } from '../../api/deadlines/to-brussels-day.ts';
import { createSession } from '../../api/dpo/sessions.ts';
import { SESSION_COOKIE } from '../../api/dpo/session-policy.ts';
import type { ControllerId } from '../../content/schema.ts';
import { users } from '../../db/schema.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { percentile, prng } from './stats.ts';

export interface Timing {
  calls: number;
  p50: number;
  p95: number;
  p99: number;
}

export interface DpoBench {
  requests: number;
  controllerRequests: number;
  controllerOpen: number;
  seedSeconds: number;
  list: Timing;
  listDefault: Timing;
  overview: Timing;
  csv: Timing;
  baselineCss: Timing;
  baselineHome: Timing;
  baselineSelect: Timing;
  dbBytes: number;
}

const DAY = 86_400_000;
const CONTROLLERS: { id: ControllerId; share: number }[] = [
  { id: 'agii', share: 0.4 },
  { id: 'atlas', share: 0.25 },
  { id: 'ingent', share: 0.2 },
  { id: 'huis', share: 0.15 },
];
const RIGHTS = ['access', 'rectification', 'erasure', 'restriction', 'portability', 'objection', 'withdrawal'];
const STATEMENTS = ['crt', 'crt', 'crt', 'general', 'website'];
const CHANNELS = ['web', 'web', 'web', 'web', 'post', 'email', 'desk'];
const LANGS = ['nl', 'en', 'fr', 'uk', 'ru'];

function timing(ms: number[]): Timing {
  const s = [...ms].sort((a, b) => a - b);
  return { calls: s.length, p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99) };
}

const REF_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** A unique reference-shaped string (the check symbol does not matter to the list). */
function benchReference(i: number): string {
  let body = '';
  let n = i * 2654435761;
  for (let k = 0; k < 8; k++) {
    body += REF_ALPHABET[n % 32];
    n = Math.floor(n / 32);
  }
  return `PR-${body.slice(0, 4)}-${body.slice(4)}-${REF_ALPHABET[i % 32]}`;
}

/** Inserts `total` requests with two files and two to four events each, in batched transactions. */
export async function seed(t: TestApp, total: number, now: number): Promise<void> {
  const client = t.db.$client;
  const random = prng(0xd90);
  const sealJson = JSON.stringify({ version: 1, algorithm: 'Ed25519', keyId: 'a'.repeat(16), requestSha256: 'b'.repeat(64), files: [{ role: 'id_copy', sha256: 'c'.repeat(64) }, { role: 'receipt', sha256: 'd'.repeat(64) }], signedAt: new Date(now).toISOString(), signature: 'e'.repeat(86) });
  const BATCH = 400;
  const REQ_COLS = 'id, reference, status_token_hash, statement, rights, lang, channel, controller_id, contact_point_informed, routing, received_at, received_date, legal_deadline, extended_deadline, internal_target, state, outcome, email_confirmed_at, email_confirm_token_hash, answered_at, closed_at, personal, seal, created_at';
  const reqPlaceholders = `(${REQ_COLS.split(',').map(() => '?').join(', ')})`;
  for (let start = 0; start < total; start += BATCH * 10) {
    const tx = await client.transaction('write');
    for (let b = start; b < Math.min(total, start + BATCH * 10); b += BATCH) {
      const reqArgs: (string | number | null | Uint8Array)[] = [];
      const fileArgs: (string | number | null)[] = [];
      const eventArgs: (string | number | null)[] = [];
      let rows = 0;
      for (let i = b; i < Math.min(total, b + BATCH); i++) {
        rows++;
        const x = random();
        let acc = 0;
        const controller = CONTROLLERS.find((c) => (acc += c.share) > x)?.id ?? 'agii';
        const rules = getDeadlineRules(controller);
        const open = random() < 0.3;
        // Open requests arrived in the last four months (some are overdue); the others over two years.
        const receivedAt = now - Math.floor(random() * (open ? 120 : 730) * DAY);
        const receivedOn = brusselsDayOf(receivedAt);
        const extended = random() < 0.08;
        const legal = formatIsoDay(computeLegalDeadline(receivedOn, rules));
        const extendedDeadline = extended ? formatIsoDay(computeLegalDeadline(receivedOn, rules, { extended: true })) : null;
        const target = computeInternalTarget(receivedOn, rules);
        const y = random();
        const state = open ? (y < 0.5 ? 'received' : y < 0.7 ? 'awaiting_information' : 'in_progress') : y < 0.55 ? 'closed' : y < 0.9 ? 'answered' : 'withdrawn';
        const channel = CHANNELS[Math.floor(random() * CHANNELS.length)]!;
        const answeredAt = state === 'answered' || state === 'closed' ? Math.min(now, receivedAt + Math.floor((5 + random() * 40) * DAY)) : null;
        const closedAt = state === 'closed' ? Math.min(now, answeredAt! + 30 * DAY) : state === 'withdrawn' ? Math.min(now, receivedAt + 10 * DAY) : null;
        const outcome = answeredAt ? ['granted', 'partly_granted', 'refused'][Math.floor(random() * 3)]! : null;
        const rights = RIGHTS.filter(() => random() < 0.25);
        if (rights.length === 0) rights.push(RIGHTS[Math.floor(random() * RIGHTS.length)]!);
        const web = channel === 'web';
        const confirmed = web && random() < 0.85 ? receivedAt + 3_600_000 : null;
        const id = randomUUID();
        reqArgs.push(
          id,
          benchReference(i + 1),
          randomBytes(32).toString('hex'),
          STATEMENTS[Math.floor(random() * STATEMENTS.length)]!,
          JSON.stringify(rights),
          LANGS[Math.floor(random() * LANGS.length)]!,
          channel,
          controller,
          controller === 'agii' ? 0 : 1,
          JSON.stringify({ statement: 'crt', controller, informContactPoint: controller !== 'agii', receivedAt, reason: { code: 'postcode', postcode: '2000' }, transfers: [] }),
          receivedAt,
          formatIsoDay(receivedOn),
          legal,
          extendedDeadline,
          target === null ? null : formatIsoDay(target),
          state,
          outcome,
          confirmed,
          web ? randomBytes(32).toString('hex') : null,
          answeredAt,
          closedAt,
          // The encrypted personal data of a request filed through the intake is about 530 bytes
          // with a one-line explanation; longer explanations make it bigger.
          randomBytes(450 + Math.floor(random() * 350)),
          sealJson,
          receivedAt,
        );
        for (const role of ['id_copy', 'receipt']) {
          fileArgs.push(randomUUID(), id, role, randomBytes(16).toString('hex'), randomBytes(32).toString('hex'), 100_000 + Math.floor(random() * 200_000), role === 'receipt' ? 'application/pdf' : 'image/jpeg', receivedAt, role === 'id_copy' && !open ? receivedAt + 30 * DAY : null);
        }
        eventArgs.push(id, 'received', receivedAt, 'requester', JSON.stringify({ channel, controller, masked: 0 }));
        if (!open || state !== 'received') eventArgs.push(id, 'in_progress', receivedAt + DAY, 'user', JSON.stringify({}));
        if (answeredAt) eventArgs.push(id, 'answered', answeredAt, 'user', JSON.stringify({ outcome }));
        if (closedAt) eventArgs.push(id, state === 'withdrawn' ? 'withdrawn' : 'closed', closedAt, 'user', JSON.stringify({}));
      }
      await tx.execute({ sql: `INSERT INTO requests (${REQ_COLS}) VALUES ${Array(rows).fill(reqPlaceholders).join(', ')}`, args: reqArgs });
      await tx.execute({ sql: `INSERT INTO request_files (id, request_id, role, blob_id, sha256, size, mime, created_at, deleted_at) VALUES ${Array(rows * 2).fill('(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`, args: fileArgs });
      await tx.execute({ sql: `INSERT INTO request_events (request_id, type, at, actor, payload) VALUES ${Array(eventArgs.length / 5).fill('(?, ?, ?, ?, ?)').join(', ')}`, args: eventArgs });
    }
    await tx.commit();
  }
  await client.execute('ANALYZE');
}

/** The list addresses the benchmark cycles through: the default view most, then filters and deep pages. */
function listPaths(n: number, openPages: number, allPages: number): string[] {
  const random = prng(42);
  const pick = <T,>(a: T[]) => a[Math.floor(random() * a.length)]!;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const k = i % 10;
    if (k < 3) out.push('/dpo/requests?lang=nl');
    else if (k === 3) out.push(`/dpo/requests?lang=nl&page=${1 + Math.floor(random() * openPages)}`);
    else if (k === 4) out.push(`/dpo/requests?lang=en&state=all&page=${1 + Math.floor(random() * allPages)}`);
    else if (k === 5) out.push(`/dpo/requests?lang=en&state=${pick(['received', 'awaiting_information', 'in_progress', 'answered', 'closed'])}&page=${1 + Math.floor(random() * 20)}`);
    else if (k === 6) out.push(`/dpo/requests?lang=nl&right=${pick(RIGHTS)}`);
    else if (k === 7) out.push(`/dpo/requests?lang=nl&state=all&right=${pick(RIGHTS)}&page=${1 + Math.floor(random() * 30)}`);
    else if (k === 8) out.push(`/dpo/requests?lang=nl&statement=${pick(['crt', 'general', 'website'])}&confirmed=${pick(['yes', 'no', 'any'])}`);
    else out.push(`/dpo/requests?lang=en&state=all&confirmed=no&page=${1 + Math.floor(random() * 10)}`);
  }
  return out;
}

async function timeCalls(paths: string[], call: (path: string) => Promise<void>): Promise<Timing> {
  for (const p of paths.slice(0, 10)) await call(p);
  const ms: number[] = [];
  for (const p of paths) {
    const t0 = performance.now();
    await call(p);
    ms.push(performance.now() - t0);
  }
  return timing(ms);
}

export async function runDpoBench(opts: { requests?: number; calls?: number } = {}): Promise<DpoBench> {
  const total = opts.requests ?? 100_000;
  const calls = opts.calls ?? 300;
  const now = Date.now();
  const t = await createTestApp({ LOG_LEVEL: 'silent', JOBS: 'false' }, now);
  try {
    const t0 = performance.now();
    await seed(t, total, now);
    const seedSeconds = (performance.now() - t0) / 1000;
    const [biggest] = await t.db.all<{ controller_id: string; n: number; open: number }>(
      sql`SELECT controller_id, count(*) AS n, sum(state IN ('received', 'awaiting_information', 'in_progress')) AS open FROM requests GROUP BY controller_id ORDER BY n DESC LIMIT 1`,
    );
    const userId = randomUUID();
    await t.db.insert(users).values({ id: userId, email: 'bench-dpo@example.org', displayName: 'Bench DPO', controllerId: biggest!.controller_id, role: 'dpo', createdAt: new Date(now) });
    const token = await createSession(t.db, { userId, now, mfa: true });
    const headers = { cookie: `${SESSION_COOKIE}=${token}` };
    const get = async (path: string, status = 200) => {
      const res = await t.app.request(`http://localhost${path}`, { headers });
      await res.arrayBuffer();
      if (res.status !== status) throw new Error(`${path}: ${res.status}`);
    };
    const openPages = Math.ceil(Number(biggest!.open) / 50);
    const allPages = Math.ceil(Number(biggest!.n) / 50);
    const paths = listPaths(calls, openPages, allPages);
    const list = await timeCalls(paths, (p) => get(p));
    const listDefault = await timeCalls(Array(calls).fill('/dpo/requests?lang=nl'), (p) => get(p));
    const overviewCalls = Math.max(20, Math.floor(calls / 5));
    const overview = await timeCalls(Array(overviewCalls).fill('/dpo/overview?lang=nl'), (p) => get(p));
    const csv = await timeCalls(Array(Math.max(5, Math.floor(calls / 30))).fill('/dpo/overview.csv?lang=nl'), (p) => get(p));
    const baselineCss = await timeCalls(Array(calls).fill('/dpo/assets/workspace.css'), (p) => get(p));
    const baselineHome = await timeCalls(Array(calls).fill('/dpo/?lang=nl'), (p) => get(p));
    const baselineSelect = await timeCalls(Array(calls).fill(''), async () => {
      await t.db.$client.execute('SELECT 1');
    });
    await t.db.$client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
    const file = t.config.databaseUrl.slice('file:'.length);
    const dbBytes = statSync(file).size;
    return { requests: total, controllerRequests: Number(biggest!.n), controllerOpen: Number(biggest!.open), seedSeconds, list, listDefault, overview, csv, baselineCss, baselineHome, baselineSelect, dbBytes };
  } finally {
    await t.close();
  }
}

const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1));
const row = (name: string, r: Timing, target = '') => `| ${name} | ${r.calls} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${target} |`;

export function dpoBenchMarkdown(r: DpoBench): string {
  const perTenThousand = (r.dbBytes / r.requests) * 10_000;
  return [
    `${r.requests.toLocaleString('en')} requests (seeded in ${r.seedSeconds.toFixed(0)} s); the signed-in DPO's controller has ${r.controllerRequests.toLocaleString('en')}, ${r.controllerOpen.toLocaleString('en')} open. Server time in-process through the real Hono app (app.request, session cookie, audit row per listing), one call at a time.`,
    '',
    `| measure | calls | p50 ms | p95 ms | p99 ms | target |`,
    `|---|---:|---:|---:|---:|---|`,
    row('request list, mixed filters and pages', r.list, 'p95 under 50 ms'),
    row('request list, default view (open, page 1)', r.listDefault, 'p95 under 50 ms'),
    row('overview page', r.overview),
    row('overview CSV, last 12 months', r.csv),
    row('baseline: signed-in start page (session read)', r.baselineHome),
    row('baseline: stylesheet (no database)', r.baselineCss),
    row('baseline: `SELECT 1` on the same database', r.baselineSelect),
    '',
    `| measure | value |`,
    `|---|---:|`,
    `| ratio list p50 / start page p50 | ${(r.list.p50 / r.baselineHome.p50).toFixed(1)} |`,
    `| database file (requests, files and events rows; blobs are on disk) | ${(r.dbBytes / 2 ** 20).toFixed(1)} MiB |`,
    `| database size per 10,000 requests | ${(perTenThousand / 2 ** 20).toFixed(1)} MiB |`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = process.argv.find((a) => a.startsWith('--requests='));
  const requests = arg ? Number(arg.slice('--requests='.length)) : 100_000;
  const r = await runDpoBench({ requests });
  console.log(`# DPO workspace benchmark\n\n${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}, ${new Date().toISOString()}\n`);
  console.log(dpoBenchMarkdown(r));
}
