/**
 * Files a rights request: checks and stores its files encrypted, routes it, computes its
 * deadlines, seals it, renders its receipt, and commits the request, its files, its first event
 * and its e-mails in one transaction. Either all of it is there afterwards or none of it: files
 * written before a failed commit are deleted here, and the start-up sweep removes those of a
 * crash. A repeated idempotency key returns the first answer and creates nothing.
 *
 * @example
 *   const r = await createRequest(parsed.data, parsed.files, deps);
 *   if (r.ok) return c.json(r.response, 201);
 */
import { createHash, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { facts } from '../../content/facts.ts';
import type { ControllerId } from '../../content/schema.ts';
import type { Db } from '../../db/client.ts';
import { idempotencyKeys, requestEvents, requestFiles, requests } from '../../db/schema.ts';
import type { BlobStore } from '../blobs/index.ts';
import { formatIsoDay } from '../deadlines/calendar-day.ts';
import { computeLegalDeadline } from '../deadlines/compute-legal-deadline.ts';
import { computeRequestDeadlines } from '../deadlines/compute-request-deadlines.ts';
import { getDeadlineRules } from '../deadlines/get-deadline-rules.ts';
import { prepareDocumentImage, prepareIdCopy } from '../images/index.ts';
import { enqueueMail } from '../mail/enqueue-mail.ts';
import type { Cipher } from '../mail/types.ts';
import { renderReceiptOffThread } from '../receipts/render-receipt-off-thread.ts';
import { maskNationalRegisterNumbers } from '../requests/national-register-number.ts';
import { freshReference } from '../requests/fresh-reference.ts';
import { createStatusToken, hashStatusToken } from '../requests/status-token.ts';
import { routeRequest } from '../routing/route-request.ts';
import { receiptFingerprint } from '../seal/receipt-fingerprint.ts';
import { sealRequest } from '../seal/seal-request.ts';
import { sealedRequestDocument } from '../seal/sealed-request-document.ts';
import type { SealKey } from '../seal/types.ts';
import type { Issue } from './parse-submission.ts';
import { confirmationMail, dpoNoticeMail } from './request-mails.ts';
import type { FileField, Submission } from './submission-schema.ts';

export interface IntakeDeps {
  db: Db;
  blobs: BlobStore;
  cipher: Cipher;
  sealKey: SealKey;
  now: () => number;
  publicUrl: string;
}

export interface CreatedRequest {
  reference: string;
  statusToken: string;
  statusUrl: string;
  controller: { id: ControllerId; name: string };
  routingReason: RoutingReasonJson;
  /** The reason in the requester's language, with the contact point's line where it applies. */
  routingReasonText: string;
  contactPointInformed: boolean;
  receivedAt: string;
  legalDeadline: string;
  extendedDeadlineIfExtended: string;
  internalTarget: string | null;
  fingerprint: string;
  nationalRegisterNumbersMasked: number;
}
type RoutingReasonJson = ReturnType<typeof routeRequest>['reason'];

export type CreateResult = { ok: true; response: CreatedRequest; replayed: boolean } | { ok: false; issues: Issue[] };

/** The personal data of a request: stored only encrypted (requests.personal). */
export interface PersonalData {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  email: string;
  phone: string | null;
  address: { street: string | null; postcode: string | null; city: string | null };
  actingAs: Submission['actingAs'];
  representativeName: string | null;
  explanations: Record<string, string>;
  rectification: { wrong: string; right: string } | null;
  signature: { method: 'drawn' } | { method: 'typed'; name: string };
  signedPlace: string;
  signedDate: string;
}

/** What makes two submissions "the same form": every field and the hash of every file. */
function submissionSha256(s: Submission, uploads: Partial<Record<FileField, Uint8Array>>): string {
  const h = createHash('sha256').update(JSON.stringify({ ...s, idempotencyKey: undefined }));
  for (const field of Object.keys(uploads).sort()) {
    h.update(`\0${field}\0`).update(createHash('sha256').update(uploads[field as FileField]!).digest());
  }
  return h.digest('hex');
}

/**
 * The first answer to this key, if there is one; 'other_form' when the key was used for a
 * different submission: its answer (with the secret status token) is only for the same form.
 */
async function replay(db: Db, cipher: Cipher, key: string, submission: string): Promise<CreatedRequest | 'other_form' | null> {
  const row = await db.select({ response: idempotencyKeys.response }).from(idempotencyKeys).where(eq(idempotencyKeys.key, key)).get();
  if (!row) return null;
  const { submissionSha256: earlier, ...response } = JSON.parse(cipher.decrypt(Buffer.from(row.response as string, 'base64')).toString('utf8')) as CreatedRequest & { submissionSha256?: string };
  return earlier === submission ? response : 'other_form';
}

const OTHER_FORM: CreateResult = { ok: false, issues: [{ path: 'idempotencyKey', code: 'form.error.malformed' }] };

export async function createRequest(s: Submission, uploads: Partial<Record<FileField, Uint8Array>>, d: IntakeDeps): Promise<CreateResult> {
  const submission = submissionSha256(s, uploads);
  if (s.idempotencyKey) {
    const earlier = await replay(d.db, d.cipher, s.idempotencyKey, submission);
    if (earlier === 'other_form') return OTHER_FORM;
    if (earlier) return { ok: true, response: earlier, replayed: true };
  }
  const now = d.now();
  const routing = routeRequest({ statement: s.statement, postcode: s.postcode || null, chosen: s.controller || null });
  const controller = facts.controllers[routing.controller]!;
  const rules = getDeadlineRules(routing.controller);
  const deadlines = computeRequestDeadlines({ receivedAt: now }, rules);
  const receivedDate = formatIsoDay(deadlines.receivedOn);
  const reference = await freshReference(d.db);

  // Free text never keeps a national register number: the portal does not ask for it.
  let masked = 0;
  const clean = (v: string | undefined): string | null => {
    if (!v) return null;
    const m = maskNationalRegisterNumbers(v);
    masked += m.masked;
    return m.text;
  };
  const explanations: Record<string, string> = {};
  for (const right of s.rights) {
    const e = clean(s[`explanation.${right}` as keyof Submission] as string | undefined);
    if (e) explanations[right] = e;
  }

  const issues: Issue[] = [];
  const idCopy = await prepareIdCopy(uploads.idCopy!, { lang: s.lang, controllerName: controller.name, reference, date: receivedDate });
  if (!idCopy.ok) issues.push({ path: 'idCopy', code: `form.error.file.${idCopy.refusal.code}` });
  const signature = uploads.signatureImage && s.signatureMethod === 'drawn' ? await prepareDocumentImage(uploads.signatureImage, { format: 'png', maxBytes: 1024 * 1024 }) : null;
  if (signature && !signature.ok) issues.push({ path: 'signatureImage', code: 'form.error.signatureImage.invalid' });
  const mandate = uploads.mandate && s.actingAs === 'authorised' ? await prepareDocumentImage(uploads.mandate, { format: 'jpeg' }) : null;
  if (mandate && !mandate.ok) issues.push({ path: 'mandate', code: `form.error.file.${mandate.refusal.code}` });
  if (issues.length > 0 || !idCopy.ok) return { ok: false, issues };

  const confirmToken = createStatusToken();
  const personal: PersonalData = {
    firstName: s.firstName,
    lastName: s.lastName,
    dateOfBirth: s.dateOfBirth,
    email: s.email,
    phone: s.phone || null,
    address: { street: clean(s.street), postcode: s.postcode || null, city: clean(s.city) },
    actingAs: s.actingAs,
    representativeName: clean(s.representativeName),
    explanations,
    rectification: s.rights.includes('rectification') ? { wrong: clean(s['rectification.wrong'])!, right: clean(s['rectification.right'])! } : null,
    // The typed name and the place are free text too, and both are printed on the receipt.
    signature: s.signatureMethod === 'typed' ? { method: 'typed', name: clean(s.signatureName)! } : { method: 'drawn' },
    signedPlace: clean(s.signedPlace)!,
    signedDate: s.signedDate,
  };

  // Files first (outside the transaction: they are large); the commit below makes them count.
  const written: string[] = [];
  try {
    const files: { role: 'id_copy' | 'signature' | 'mandate' | 'receipt'; bytes: Uint8Array; mime: string }[] = [{ role: 'id_copy', bytes: idCopy.jpeg, mime: 'image/jpeg' }];
    if (signature?.ok) files.push({ role: 'signature', bytes: signature.bytes, mime: signature.mime });
    if (mandate?.ok) files.push({ role: 'mandate', bytes: mandate.bytes, mime: mandate.mime });
    const stored: { role: 'id_copy' | 'signature' | 'mandate' | 'receipt'; bytes: Uint8Array; mime: string; id: string; sha256: string; size: number }[] = [];
    for (const f of files) {
      const b = await d.blobs.put(f.bytes);
      written.push(b.id);
      stored.push({ ...f, ...b });
    }

    const sealedDocument = sealedRequestDocument({ reference, receivedAt: now, channel: 'web', statement: s.statement, rights: s.rights, lang: s.lang, controller: routing.controller, personal });
    const seal = sealRequest({ request: sealedDocument, files: stored.map((f) => ({ role: f.role, sha256: f.sha256 })), signedAt: new Date(now) }, d.sealKey);
    const fingerprint = receiptFingerprint(seal);
    const extendedIfExtended = formatIsoDay(computeLegalDeadline(deadlines.receivedOn, rules, { extended: true }));

    const receipt = await renderReceiptOffThread({
      lang: s.lang,
      reference,
      receivedAt: now,
      statement: s.statement,
      rights: s.rights,
      controllerId: routing.controller,
      routingReason: routing.reason,
      contactPointInformed: routing.informContactPoint,
      legalDeadline: formatIsoDay(deadlines.firstDeadline),
      extendedDeadline: extendedIfExtended,
      internalTarget: deadlines.internalTarget === null ? null : formatIsoDay(deadlines.internalTarget),
      signature: signature?.ok ? { kind: 'drawn', png: signature.bytes } : { kind: 'typed', name: personal.signature.method === 'typed' ? personal.signature.name : '' },
      signedPlace: personal.signedPlace,
      signedDate: s.signedDate,
      files: stored.map((f) => ({ role: f.role as 'id_copy' | 'signature' | 'mandate', sha256: f.sha256 })),
      seal,
      verifyUrl: `${d.publicUrl}/${s.lang}/verify/`,
      builtAt: new Date(now),
    });
    const receiptBlob = await d.blobs.put(receipt);
    written.push(receiptBlob.id);
    stored.push({ role: 'receipt', bytes: receipt, mime: 'application/pdf', ...receiptBlob });

    const id = randomUUID();
    const statusToken = createStatusToken();
    const statusUrl = `${d.publicUrl}/${s.lang}/status/#${statusToken}`;
    const response: CreatedRequest = {
      reference,
      statusToken,
      statusUrl,
      controller: { id: routing.controller, name: controller.name },
      routingReason: routing.reason,
      routingReasonText: routing.explain(s.lang),
      contactPointInformed: routing.informContactPoint,
      receivedAt: new Date(now).toISOString(),
      legalDeadline: formatIsoDay(deadlines.firstDeadline),
      extendedDeadlineIfExtended: extendedIfExtended,
      internalTarget: deadlines.internalTarget === null ? null : formatIsoDay(deadlines.internalTarget),
      fingerprint,
      nationalRegisterNumbersMasked: masked,
    };

    await d.db.transaction(async (tx) => {
      await tx.insert(requests).values({
        id,
        reference,
        statusTokenHash: hashStatusToken(statusToken),
        emailConfirmTokenHash: hashStatusToken(confirmToken),
        statement: s.statement,
        rights: s.rights,
        lang: s.lang,
        channel: 'web',
        controllerId: routing.controller,
        contactPointInformed: routing.informContactPoint,
        routing: { statement: routing.statement, controller: routing.controller, informContactPoint: routing.informContactPoint, receivedAt: now, reason: routing.reason, transfers: [] },
        receivedAt: new Date(now),
        receivedDate,
        legalDeadline: response.legalDeadline,
        internalTarget: response.internalTarget,
        personal: d.cipher.encrypt(Buffer.from(JSON.stringify(personal))),
        seal,
        createdAt: new Date(now),
      });
      await tx.insert(requestFiles).values(stored.map((f) => ({ id: randomUUID(), requestId: id, role: f.role, blobId: f.id, sha256: f.sha256, size: f.size, mime: f.mime, createdAt: new Date(now) })));
      await tx.insert(requestEvents).values({ requestId: id, type: 'received', at: new Date(now), actor: 'requester', payload: { channel: 'web', controller: routing.controller, masked } });
      await enqueueMail(tx, { kind: 'confirmation', message: confirmationMail({ lang: s.lang, email: s.email, reference, receivedAt: now, controllerId: routing.controller, reason: routing.reason, legalDeadline: response.legalDeadline, internalTarget: response.internalTarget, statusUrl, confirmUrl: `${d.publicUrl}/api/requests/confirm-email?token=${confirmToken}` }) }, { cipher: d.cipher, now });
      const dpoNotice = { handler: routing.controller, reference, statement: s.statement, rights: s.rights, receivedOn: receivedDate, legalDeadline: response.legalDeadline, workspaceUrl: d.publicUrl };
      await enqueueMail(tx, { kind: 'dpo-notice', message: dpoNoticeMail({ ...dpoNotice, to: routing.controller }) }, { cipher: d.cipher, now });
      if (routing.informContactPoint) {
        const cp = Object.values(facts.controllers).find((c) => c.contactPoint)!;
        await enqueueMail(tx, { kind: 'contact-point-notice', message: dpoNoticeMail({ ...dpoNotice, to: cp.id }) }, { cipher: d.cipher, now });
      }
      if (s.idempotencyKey) {
        await tx.insert(idempotencyKeys).values({ key: s.idempotencyKey, requestId: id, response: d.cipher.encrypt(Buffer.from(JSON.stringify({ ...response, submissionSha256: submission }))).toString('base64'), createdAt: new Date(now) });
      }
    });
    return { ok: true, response, replayed: false };
  } catch (err) {
    await Promise.all(written.map((b) => d.blobs.delete(b).catch(() => false)));
    // Two submissions with one idempotency key at the same moment: the loser answers as the winner.
    if (s.idempotencyKey && /UNIQUE constraint failed: idempotency_keys/.test(String((err as { message?: string }).message) + String((err as { cause?: { message?: string } }).cause?.message))) {
      const earlier = await replay(d.db, d.cipher, s.idempotencyKey, submission);
      if (earlier === 'other_form') return OTHER_FORM;
      if (earlier) return { ok: true, response: earlier, replayed: true };
    }
    throw err;
  }
}
