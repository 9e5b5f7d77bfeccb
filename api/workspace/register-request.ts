/**
 * Registers a request that reached a controller by post, by e-mail or at the desk. It is filed
 * for the registering user's own controller (it reached them; they can transfer it), with the
 * real date of receipt: the deadline runs from that day, not from the day it was typed in
 * (DOMAIN.md rule 1). Like a web request it gets a reference, a secret status link (only its hash
 * is kept; the link is returned once, for the DPO to pass on), encrypted personal data and a
 * seal; there are no files. Request, event, audit event and e-mails commit in one transaction.
 * With an e-mail address the requester gets the confirmation e-mail of the web form.
 *
 * @example
 *   const input = parseRegisterInput(await c.req.parseBody({ all: true }), services.now());
 *   if (input.ok) await registerRequest(deps, user, input.value); // { reference, statusUrl, legalDeadline, ... }
 */
import { randomUUID } from 'node:crypto';
import { facts } from '../../content/facts.ts';
import { LANGS, STATEMENT_IDS, type ControllerId, type Lang, type StatementId } from '../../content/schema.ts';
import type { Db } from '../../db/client.ts';
import { requestEvents, requests } from '../../db/schema.ts';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { formatIsoDay, isoDay, parseIsoDay } from '../deadlines/calendar-day.ts';
import { computeRequestDeadlines } from '../deadlines/compute-request-deadlines.ts';
import { getDeadlineRules } from '../deadlines/get-deadline-rules.ts';
import { brusselsDayOf } from '../deadlines/to-brussels-day.ts';
import type { PersonalData } from '../intake/create-request.ts';
import { confirmationMail, dpoNoticeMail } from '../intake/request-mails.ts';
import { enqueueMail } from '../mail/enqueue-mail.ts';
import type { Cipher } from '../mail/types.ts';
import { maskNationalRegisterNumbers } from '../requests/national-register-number.ts';
import { freshReference } from '../requests/fresh-reference.ts';
import { createStatusToken, hashStatusToken } from '../requests/status-token.ts';
import { createRoutingRecord } from '../routing/create-routing-record.ts';
import { findContactPoint, routeRequest } from '../routing/route-request.ts';
import { sealRequest } from '../seal/seal-request.ts';
import { sealedRequestDocument } from '../seal/sealed-request-document.ts';
import type { SealKey } from '../seal/types.ts';
import { checkMessage, done, invalid, text, type ActionResult, type FieldError } from './actions/action-support.ts';

export const REGISTER_CHANNELS = ['post', 'email', 'desk'] as const;
export const RIGHTS = ['access', 'rectification', 'erasure', 'restriction', 'portability', 'objection', 'withdrawal'] as const;

export interface RegisterInput {
  channel: (typeof REGISTER_CHANNELS)[number];
  receivedDate: string;
  statement: StatementId;
  rights: string[];
  firstName: string;
  lastName: string;
  email: string | null;
  street: string | null;
  postcode: string | null;
  city: string | null;
  lang: Lang;
  explanation: string;
}

export interface RegisterDeps {
  db: Db;
  cipher: Cipher;
  sealKey: SealKey;
  now: number;
  publicUrl: string;
}

export interface RegisteredRequest {
  reference: string;
  /** The secret link, shown once: only its hash is stored. */
  statusUrl: string;
  receivedDate: string;
  legalDeadline: string;
  internalTarget: string | null;
  confirmationSent: boolean;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const NAME_MAX = 200;

/** The statements a controller answers for: a user registers only requests their controller can hold. */
export function statementsOf(controllerId: string): StatementId[] {
  return STATEMENT_IDS.filter((s) => facts.statements[s]!.controllers.includes(controllerId as ControllerId));
}

export function parseRegisterInput(body: Record<string, unknown>, controllerId: string, now: number): ActionResult<RegisterInput> {
  const errors: FieldError[] = [];
  const channel = text(body, 'channel');
  if (!(REGISTER_CHANNELS as readonly string[]).includes(channel)) errors.push({ field: 'channel', code: 'channel.required' });
  const receivedDate = text(body, 'receivedDate');
  if (receivedDate === '') errors.push({ field: 'receivedDate', code: 'receivedDate.required' });
  else {
    const d = parseIsoDay(receivedDate);
    if (!d.ok) errors.push({ field: 'receivedDate', code: 'receivedDate.invalid' });
    else if (d.day > brusselsDayOf(now)) errors.push({ field: 'receivedDate', code: 'receivedDate.future' });
    else if (d.day < isoDay('2018-05-25')) errors.push({ field: 'receivedDate', code: 'receivedDate.tooOld' });
  }
  const statement = text(body, 'statement');
  if (!(statementsOf(controllerId) as string[]).includes(statement)) errors.push({ field: 'statement', code: 'statement.required' });
  const rawRights = body['rights'];
  const rights = (Array.isArray(rawRights) ? rawRights : rawRights === undefined ? [] : [rawRights]).filter((r): r is string => typeof r === 'string');
  const chosen = RIGHTS.filter((r) => rights.includes(r));
  if (chosen.length === 0 || chosen.length !== new Set(rights).size) errors.push({ field: 'rights', code: 'rights.required' });
  const firstName = text(body, 'firstName');
  const lastName = text(body, 'lastName');
  if (firstName === '' || firstName.length > NAME_MAX) errors.push({ field: 'firstName', code: 'firstName.required' });
  if (lastName === '' || lastName.length > NAME_MAX) errors.push({ field: 'lastName', code: 'lastName.required' });
  const email = text(body, 'email');
  if (email !== '' && (!EMAIL.test(email) || email.length > 320)) errors.push({ field: 'email', code: 'email.invalid' });
  const postcode = text(body, 'postcode');
  if (postcode !== '' && !/^\d{4,6}$/.test(postcode)) errors.push({ field: 'postcode', code: 'postcode.invalid' });
  const street = text(body, 'street').slice(0, NAME_MAX);
  const city = text(body, 'city').slice(0, NAME_MAX);
  const lang = text(body, 'lang');
  if (!(LANGS as readonly string[]).includes(lang)) errors.push({ field: 'lang', code: 'lang.required' });
  const explanation = text(body, 'explanation');
  const m = checkMessage(explanation, 'explanation', false);
  if (m) errors.push(m);
  if (errors.length > 0) return invalid(errors);
  return done({
    channel: channel as RegisterInput['channel'],
    receivedDate,
    statement: statement as StatementId,
    rights: [...chosen],
    firstName,
    lastName,
    email: email || null,
    street: street || null,
    postcode: postcode || null,
    city: city || null,
    lang: lang as Lang,
    explanation,
  });
}

/**
 * The instant of receipt for a given Brussels date: now when it is today, else noon in Brussels
 * (10:00 UTC is that day in Brussels in summer and winter alike).
 */
function receiptInstant(receivedDate: string, now: number): number {
  if (formatIsoDay(brusselsDayOf(now)) === receivedDate) return now;
  const [y, m, d] = receivedDate.split('-').map(Number);
  return Date.UTC(y!, m! - 1, d!, 10, 0, 0);
}

export async function registerRequest(d: RegisterDeps, user: { id: string; controllerId: string }, input: RegisterInput): Promise<RegisteredRequest> {
  const controllerId = user.controllerId as ControllerId;
  const receivedAt = receiptInstant(input.receivedDate, d.now);
  const rules = getDeadlineRules(controllerId);
  const deadlines = computeRequestDeadlines({ receivedAt }, rules);
  const receivedDate = formatIsoDay(deadlines.receivedOn);
  const legalDeadline = formatIsoDay(deadlines.firstDeadline);
  const internalTarget = deadlines.internalTarget === null ? null : formatIsoDay(deadlines.internalTarget);
  // The request reached this controller: routing as an explicit choice of it (the requester wrote to it).
  const decision = routeRequest({ statement: input.statement, chosen: controllerId });
  const routing = createRoutingRecord(decision, receivedAt);
  const contactPoint = findContactPoint(input.statement);
  const informContactPoint = input.statement === 'crt' && contactPoint !== null && contactPoint !== controllerId;
  const record = { ...routing, controller: controllerId, informContactPoint };

  const explanation = input.explanation ? maskNationalRegisterNumbers(input.explanation).text : '';
  const personal: PersonalData = {
    firstName: input.firstName,
    lastName: input.lastName,
    // Not asked on paper; the intake's shape is kept so every reader of requests.personal works.
    dateOfBirth: '',
    email: input.email ?? '',
    phone: null,
    address: { street: input.street, postcode: input.postcode, city: input.city },
    actingAs: 'self',
    representativeName: null,
    explanations: explanation ? { [input.rights[0]!]: explanation } : {},
    rectification: null,
    signature: { method: 'typed', name: '' },
    signedPlace: '',
    signedDate: '',
  };
  const reference = await freshReference(d.db);
  const statusToken = createStatusToken();
  const statusUrl = `${d.publicUrl}/${input.lang}/status/#${statusToken}`;
  const confirmToken = input.email ? createStatusToken() : null;
  const seal = sealRequest(
    {
      request: sealedRequestDocument({ reference, receivedAt, channel: input.channel, statement: input.statement, rights: input.rights, lang: input.lang, controller: controllerId, personal }),
      files: [],
      signedAt: new Date(d.now),
    },
    d.sealKey,
  );
  const id = randomUUID();
  await d.db.transaction(async (tx) => {
    await tx.insert(requests).values({
      id,
      reference,
      statusTokenHash: hashStatusToken(statusToken),
      emailConfirmTokenHash: confirmToken ? hashStatusToken(confirmToken) : null,
      statement: input.statement,
      rights: input.rights,
      lang: input.lang,
      channel: input.channel,
      controllerId,
      contactPointInformed: informContactPoint,
      routing: record,
      receivedAt: new Date(receivedAt),
      receivedDate,
      legalDeadline,
      internalTarget,
      registeredBy: user.id,
      personal: d.cipher.encrypt(Buffer.from(JSON.stringify(personal))),
      seal,
      createdAt: new Date(d.now),
    });
    await tx.insert(requestEvents).values({ requestId: id, type: 'received', at: new Date(d.now), actor: user.id, payload: { channel: input.channel, controller: controllerId } });
    await appendAuditEvent(tx, { type: 'request_registered', actorUserId: user.id, controllerId, requestId: id, payload: { channel: input.channel, receivedDate } }, d.now);
    if (input.email && confirmToken) {
      const message = confirmationMail({ lang: input.lang, email: input.email, reference, receivedAt, controllerId, reason: record.reason, legalDeadline, internalTarget, statusUrl, confirmUrl: `${d.publicUrl}/api/requests/confirm-email?token=${confirmToken}` });
      await enqueueMail(tx, { kind: 'confirmation', message }, { cipher: d.cipher, now: d.now });
    }
    if (informContactPoint) {
      const notice = dpoNoticeMail({ to: contactPoint!, handler: controllerId, reference, statement: input.statement, rights: input.rights, receivedOn: receivedDate, legalDeadline, workspaceUrl: d.publicUrl });
      await enqueueMail(tx, { kind: 'contact-point-notice', message: notice }, { cipher: d.cipher, now: d.now });
    }
  });
  return { reference, statusUrl, receivedDate, legalDeadline, internalTarget, confirmationSent: Boolean(input.email) };
}
