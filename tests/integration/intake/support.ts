/**
 * Helpers shared by the intake suite: submitting a form to the real app, counting what the
 * database and the blob folder hold, reading rows back and sending the outbox to a real SMTP
 * server. No mocks: everything goes through createTestApp()'s real pieces.
 */
import type { CreatedRequest } from '../../../api/intake/create-request.ts';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import type { ParsedMail } from 'mailparser';
import { createMailTransport } from '../../../api/mail/create-transport.ts';
import { deliverDueMail } from '../../../api/mail/deliver-due-mail.ts';
import type { PersonalData } from '../../../api/intake/create-request.ts';
import { outbox, requestFiles, requests } from '../../../db/schema.ts';
import { syntheticIdCard, toFormData, validFields, type FormFields } from '../../support/request-form.ts';
import type { TestSmtp } from '../../support/smtp.ts';
import type { TestApp } from '../../support/test-app.ts';

/** The day the test clock starts on, in Brussels (2026-03-31T23:30Z = 1 April, 01:30 CEST). */
export const TODAY = '2026-04-01';

let card: Promise<Buffer> | undefined;
/** The synthetic ID card with EXIF GPS, made once per test file. */
export function idCard(): Promise<Buffer> {
  card ??= syntheticIdCard();
  return card;
}

export interface PostOptions {
  headers?: Record<string, string>;
  /**
   * The client's network address as the Node server would see it. app.request() has no socket,
   * so every call would share one rate-limit bucket; a test that sends many forms gives each its
   * own address.
   */
  client?: string;
}

function env(client: string | undefined) {
  return client ? { incoming: { socket: { remoteAddress: client, remotePort: 40000, remoteFamily: 'IPv4' } } } : undefined;
}

/** POST /api/requests with a FormData (the runtime sets the multipart boundary) or raw bytes. */
export function post(t: TestApp, body: FormData | Uint8Array | ReadableStream<Uint8Array>, o: PostOptions = {}): Promise<Response> {
  const init: RequestInit & { duplex?: 'half' } = { method: 'POST', body: body as BodyInit, headers: o.headers };
  if (body instanceof ReadableStream) init.duplex = 'half';
  return Promise.resolve(t.app.request('http://localhost/api/requests', init, env(o.client)));
}

/** A complete valid form (validFields + the ID card), with fields and files overridden. */
export async function validForm(over: FormFields = {}, files: Record<string, Buffer | null> = {}, omit: string[] = []): Promise<FormData> {
  const fields = validFields(over);
  for (const k of omit) delete fields[k];
  return toFormData(fields, { idCopy: await idCard(), ...files });
}

/** The 201 answer of POST /api/requests: the type the API itself returns. */
export type Created = CreatedRequest;

/** Files a valid request and insists on 201. */
export async function fileRequest(t: TestApp, over: FormFields = {}, files: Record<string, Buffer | null> = {}, o: PostOptions = {}): Promise<Created> {
  const res = await post(t, await validForm(over, files), o);
  const body = (await res.json()) as Created;
  if (res.status !== 201) throw new Error(`expected 201, got ${res.status}: ${JSON.stringify(body)}`);
  return body;
}

export interface ErrorBody {
  error: { code: string; message: string; issues?: { path: string; code: string; message: string }[] };
}

export interface Counts {
  requests: number;
  files: number;
  outbox: number;
  events: number;
  idempotency: number;
}

export async function counts(t: TestApp): Promise<Counts> {
  const one = async (table: string) => (await t.db.all<{ n: number }>(sql.raw(`SELECT count(*) AS n FROM ${table}`)))[0]!.n;
  return {
    requests: await one('requests'),
    files: await one('request_files'),
    outbox: await one('outbox'),
    events: await one('request_events'),
    idempotency: await one('idempotency_keys'),
  };
}

export const EMPTY: Counts = { requests: 0, files: 0, outbox: 0, events: 0, idempotency: 0 };

/** Every file in DATA_DIR/blobs (complete blobs and temporary files alike). */
export function blobFiles(t: TestApp): string[] {
  const dir = join(t.dataDir, 'blobs');
  return existsSync(dir) ? readdirSync(dir) : [];
}

export async function requestRow(t: TestApp, reference: string) {
  const row = await t.db.select().from(requests).where(eq(requests.reference, reference)).get();
  if (!row) throw new Error(`no request ${reference}`);
  return row;
}

export async function filesOf(t: TestApp, requestId: string) {
  return t.db.select().from(requestFiles).where(eq(requestFiles.requestId, requestId)).all();
}

/** The outbox's messages, decrypted as the mail worker would: kind, recipients, subject, text and HTML. */
export async function outboxMails(t: TestApp): Promise<{ kind: string; to: string[]; subject: string; text: string; html: string }[]> {
  const rows = await t.db.select().from(outbox).all();
  return rows.map((r) => ({ kind: r.kind, ...(JSON.parse(t.services.cipher.decrypt(r.message).toString('utf8')) as { to: string[]; subject: string; text: string; html: string }) }));
}

export function personalOf(t: TestApp, row: { personal: Buffer | null }): PersonalData {
  return JSON.parse(t.services.cipher.decrypt(row.personal!).toString('utf8')) as PersonalData;
}

/** One pass of the real mail worker against the test SMTP server, at the test clock. */
export function deliver(t: TestApp, smtp: TestSmtp, workerId = 'w1') {
  return deliverDueMail({
    db: t.db,
    transport: createMailTransport({ smtpUrl: smtp.url, mailDir: join(t.dataDir, 'mail') }),
    cipher: t.services.cipher,
    from: 'portal@test',
    now: t.clock.now,
    workerId,
  });
}

export function recipients(m: ParsedMail): string[] {
  const to = Array.isArray(m.to) ? m.to : m.to ? [m.to] : [];
  return to.flatMap((a) => a.value.map((v) => v.address ?? ''));
}

export function withStatusToken(token: string, more: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Bearer ${token}`, ...more };
}
