/**
 * The e-mails a DPO's action sends to the requester, in the requester's language (requests.lang):
 * the reference, what happened, the deadline where it matters, and where to follow the request.
 * The status link itself is never in these mails: only its hash is stored, so the mail points to
 * the link the requester got when the request was received. Documents are never attached: they
 * are downloaded from the status page.
 *
 * Also the notice to a controller's DPO mailbox when a request is transferred to it: in Dutch,
 * with dates and codes only, never the requester's name or words (like dpoNoticeMail).
 *
 * @example
 *   const m = requesterActionMail({ kind: 'identity', lang: 'uk', to: 'olena@example.org', reference: 'PR-…', controllerId: 'ingent' });
 */
import { facts } from '../../content/facts.ts';
import { formatDate, t, type UiKey } from '../../content/i18n.ts';
import type { ControllerId, Lang, StatementId } from '../../content/schema.ts';
import { dpoNoticeMail, toMail } from '../intake/request-mails.ts';
import type { MailMessage } from '../mail/types.ts';
import { buildComplaintBlocks } from '../receipts/build-complaint-blocks.ts';
import { controllerLabel } from '../routing/explain-routing.ts';

export type Outcome = 'granted' | 'partly_granted' | 'refused';

/** What happened, with what each mail needs to say it. */
export type RequesterAction =
  | { kind: 'identity' }
  | { kind: 'information'; infoKind: 'identity' | 'clarification'; message: string; suspends: boolean }
  | { kind: 'information-received'; deadline: string; suspendedDays: number }
  | { kind: 'extend'; previous: string; deadline: string; reason: 'complexity' | 'number_of_requests'; message: string }
  | { kind: 'transfer'; from: ControllerId; reason: 'competence' | 'residence' | 'other'; note: string | null; receivedDate: string; deadline: string }
  | { kind: 'answer'; outcome: Outcome; message: string }
  | { kind: 'close'; outcome: Outcome; message: string | null };

export interface RequesterMailInput {
  lang: Lang;
  to: string;
  reference: string;
  /** The controller that handles the request now (after a transfer: the new one). */
  controllerId: ControllerId;
  action: RequesterAction;
}

const SUBJECT: Record<RequesterAction['kind'], UiKey> = {
  identity: 'mail.action.identity.subject',
  information: 'mail.action.information.subject',
  'information-received': 'mail.action.received.subject',
  extend: 'mail.action.extend.subject',
  transfer: 'mail.action.transfer.subject',
  answer: 'mail.action.answer.subject',
  close: 'mail.action.close.subject',
};

/**
 * The supervisory authorities of a controller as one line each (name, post, e-mail, or "only
 * through the complaint form" with its address): the receipt's address blocks, flattened to text.
 */
export function complaintLines(lang: Lang, controllerId: ControllerId): string[] {
  const ids = facts.controllers[controllerId]!.complaintBodies;
  return buildComplaintBlocks(lang, ids).map((b) => (b.type === 'address' ? b.lines.map((runs) => runs.map((r) => r.text).join('')).join(', ') : ''));
}

/** The reasons, the right to complain to the competent authority, and the right to go to court. */
function refusalParagraphs(lang: Lang, controllerId: ControllerId, message: string | null): string[] {
  return [
    ...(message ? [t(lang, 'mail.action.reasons', { message })] : []),
    t(lang, 'mail.action.complaint'),
    ...complaintLines(lang, controllerId).map((line) => `– ${line}`),
    t(lang, 'mail.action.court'),
  ];
}

function body(i: RequesterMailInput): string[] {
  const { lang, reference } = i;
  const a = i.action;
  const date = (iso: string) => formatDate(lang, iso);
  const name = (id: ControllerId) => controllerLabel(facts.controllers[id]!);
  switch (a.kind) {
    case 'identity':
      return [t(lang, 'mail.action.identity.body', { reference })];
    case 'information':
      return [
        t(lang, a.infoKind === 'identity' ? 'mail.action.information.identity' : 'mail.action.information.clarification', { reference }),
        t(lang, 'mail.action.information.message', { message: a.message }),
        t(lang, 'mail.action.information.howTo'),
        ...(a.suspends ? [t(lang, 'mail.action.information.suspended')] : []),
      ];
    case 'information-received':
      return [
        t(lang, 'mail.action.received.body', { reference }),
        t(lang, 'mail.action.received.deadline', { deadline: date(a.deadline) }),
        ...(a.suspendedDays > 0 ? [t(lang, 'mail.action.received.suspendedDays', { days: a.suspendedDays })] : []),
      ];
    case 'extend':
      return [
        t(lang, 'mail.action.extend.body', { reference, deadline: date(a.deadline), previous: date(a.previous) }),
        t(lang, `mail.action.extend.reason.${a.reason}`),
        t(lang, 'mail.action.extend.explanation', { message: a.message }),
      ];
    case 'transfer':
      return [
        t(lang, 'mail.action.transfer.body', { reference, from: name(a.from), to: name(i.controllerId) }),
        t(lang, `mail.action.transfer.reason.${a.reason}`, { to: name(i.controllerId) }),
        ...(a.note ? [t(lang, 'mail.action.transfer.note', { message: a.note })] : []),
        t(lang, 'mail.action.transfer.dates', { received: date(a.receivedDate), deadline: date(a.deadline) }),
      ];
    case 'answer':
      return [
        t(lang, 'mail.action.answer.body', { reference }),
        t(lang, `mail.action.outcome.${a.outcome}`),
        ...(a.outcome === 'granted' ? [] : refusalParagraphs(lang, i.controllerId, a.message)),
      ];
    case 'close':
      return [
        t(lang, 'mail.action.close.body', { reference }),
        t(lang, `mail.action.outcome.${a.outcome}`),
        ...(a.outcome === 'granted' ? [] : refusalParagraphs(lang, i.controllerId, a.message)),
      ];
  }
}

/** The e-mail to the requester about one action. */
export function requesterActionMail(i: RequesterMailInput): MailMessage {
  const c = facts.controllers[i.controllerId]!;
  const paragraphs = [...body(i), t(i.lang, 'mail.action.statusLink'), t(i.lang, 'mail.action.footer', { email: c.dpoEmail, reference: i.reference })];
  return toMail(i.to, t(i.lang, SUBJECT[i.action.kind], { reference: i.reference }), paragraphs, i.lang);
}

export interface TransferNoticeInput {
  to: ControllerId;
  from: ControllerId;
  reference: string;
  statement: StatementId;
  rights: string[];
  receivedOn: string;
  deadline: string;
  workspaceUrl: string;
}

/** To the new controller's DPO mailbox, in Dutch: the request, its dates, who passed it on; no personal data. */
export function transferNoticeMail(i: TransferNoticeInput): MailMessage {
  return dpoNoticeMail({ to: i.to, handler: i.to, reference: i.reference, statement: i.statement, rights: i.rights, receivedOn: i.receivedOn, legalDeadline: i.deadline, workspaceUrl: i.workspaceUrl, transferredFrom: i.from });
}
