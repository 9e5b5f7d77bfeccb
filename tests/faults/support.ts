/**
 * Helpers for the fault suite: submissions to a running server over real HTTP, and a check of
 * what a data folder holds after the fact, read with the portal's own keys (real database file,
 * real encrypted files).
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { loadConfig } from '../../api/config.ts';
import { createServices, type Services } from '../../api/services.ts';
import { openDatabase, type Db } from '../../db/client.ts';
import { outbox, requestEvents, requestFiles, requests } from '../../db/schema.ts';
import { syntheticIdCard, toFormData, validFields } from '../support/request-form.ts';

/** Today in Brussels (YYYY-MM-DD): the form's date of signing must be the server's today. */
export function brusselsToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date());
}

export interface SubmissionOutcome {
  key: string;
  status: number | 'network_error';
  reference?: string;
}

/** Sends `total` valid submissions at `concurrency`, each with its own idempotency key. */
export async function submitMany(
  url: string,
  o: { total: number; concurrency: number; onAnswer?: (done: SubmissionOutcome[]) => void; timeoutMs?: number },
): Promise<SubmissionOutcome[]> {
  const card = await syntheticIdCard();
  const outcomes: SubmissionOutcome[] = [];
  let next = 0;
  const worker = async () => {
    while (next < o.total) {
      const i = next++;
      const key = `fault-${randomUUID()}`;
      const form = toFormData(validFields({ email: `person${i}@example.org`, firstName: `Person${i}`, idempotencyKey: key }, brusselsToday()), { idCopy: card });
      try {
        const res = await fetch(`${url}/api/requests`, { method: 'POST', body: form, headers: { accept: 'application/json' }, signal: AbortSignal.timeout(o.timeoutMs ?? 30_000) });
        const body = (await res.json().catch(() => ({}))) as { reference?: string };
        outcomes.push({ key, status: res.status, reference: body.reference });
      } catch {
        outcomes.push({ key, status: 'network_error' });
      }
      o.onAnswer?.(outcomes);
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, worker));
  return outcomes;
}

export interface DataFolder {
  db: Db;
  services: Services;
  close(): void;
}

/** Opens a server's data folder with its own keys, as the server would. */
export async function openDataFolder(dataDir: string): Promise<DataFolder> {
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, PUBLIC_URL: 'https://privacy.test' });
  const db = await openDatabase({ url: config.databaseUrl });
  const services = await createServices(config);
  return { db, services, close: () => db.$client.close() };
}

export interface Completeness {
  requests: number;
  /** References of requests missing a part (file, event, mail) or with a file that does not decrypt to its hash. */
  incomplete: string[];
}

/** Checks every stored request: its files decrypt and match their hashes, its first event and its two mails exist. */
export async function checkEveryRequest(f: DataFolder): Promise<Completeness> {
  const rows = await f.db.select({ id: requests.id, reference: requests.reference }).from(requests);
  const incomplete: string[] = [];
  for (const r of rows) {
    const files = await f.db.select().from(requestFiles).where(eq(requestFiles.requestId, r.id));
    const events = await f.db.select().from(requestEvents).where(eq(requestEvents.requestId, r.id));
    const roles = new Set(files.map((x) => x.role));
    let ok = roles.has('id_copy') && roles.has('receipt') && events.some((e) => e.type === 'received');
    for (const file of files) {
      try {
        await f.services.blobs.get(file.blobId, file.sha256);
      } catch {
        ok = false;
      }
    }
    if (!ok) incomplete.push(r.reference);
  }
  // Two mails per request: the confirmation and the DPO notice (a CRT request also informs the contact point).
  const mails = (await f.db.select({ kind: outbox.kind }).from(outbox)).filter((m) => m.kind === 'confirmation').length;
  if (mails !== rows.length) incomplete.push(`confirmation mails: ${mails} for ${rows.length} requests`);
  return { requests: rows.length, incomplete };
}

/** Encrypted files in the blob folder that no request_files row names, and temporary files. */
export async function strayFiles(f: DataFolder, dataDir: string): Promise<string[]> {
  const known = new Set((await f.db.select({ id: requestFiles.blobId }).from(requestFiles)).map((r) => `${r.id}.enc`));
  return readdirSync(join(dataDir, 'blobs'), { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && (d.name.endsWith('.tmp') || (d.name.endsWith('.enc') && !known.has(d.name))))
    .map((d) => d.name);
}

/** Moves every file in the blob folder `ms` into the past: the time a restarted server would find them at. */
export function ageBlobFolder(dataDir: string, ms: number): void {
  const then = new Date(Date.now() - ms);
  for (const d of readdirSync(join(dataDir, 'blobs'), { recursive: true, withFileTypes: true })) {
    if (d.isFile()) utimesSync(join(d.parentPath, d.name), then, then);
  }
}
