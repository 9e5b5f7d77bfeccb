/**
 * The e-mails a new request sends: to the requester in their language (reference, who handles
 * it and why, the deadline, the status link, the link to confirm the address), and to the
 * handling controller's DPO mailbox and the contact point (reference, statement, rights, dates
 * and a link: never the requester's name, address or anything they wrote).
 */
import { facts } from '../../content/facts.ts';
import { formatDate, t, type UiKey } from '../../content/i18n.ts';
import type { ControllerId, Lang, StatementId } from '../../content/schema.ts';
import { controllerLabel, explainRoutingReason } from '../routing/explain-routing.ts';
import type { RoutingReason } from '../routing/types.ts';
import type { MailMessage } from '../mail/types.ts';
import { formatBrusselsTime } from '../receipts/format-brussels-time.ts';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * Paragraphs to a text part and an HTML part; URLs become links in HTML, everything escaped.
 * The HTML part names its language, so a screen reader reads a Ukrainian e-mail with a
 * Ukrainian voice whatever the language of the mail program.
 */
export function toMail(to: string, subject: string, paragraphs: string[], lang: Lang): MailMessage {
  const html = paragraphs
    .map((p) => `<p>${escapeHtml(p).replace(/https?:\/\/[^\s<]+/g, (u) => `<a href="${u}">${u}</a>`)}</p>`)
    .join('\n');
  return {
    to: [to],
    subject,
    text: paragraphs.join('\n\n'),
    html: `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>${html}</body></html>`,
  };
}

export interface ConfirmationInput {
  lang: Lang;
  email: string;
  reference: string;
  receivedAt: number;
  controllerId: ControllerId;
  reason: RoutingReason;
  legalDeadline: string;
  internalTarget: string | null;
  statusUrl: string;
  confirmUrl: string;
}

export function confirmationMail(i: ConfirmationInput): MailMessage {
  const c = facts.controllers[i.controllerId]!;
  const name = `${c.name} (${c.shortName})`;
  const p = [
    t(i.lang, 'mail.confirm.received', { date: formatBrusselsTime(i.lang, i.receivedAt), reference: i.reference }),
    t(i.lang, 'mail.confirm.handler', { controller: name, reason: explainRoutingReason(i.lang, i.reason) }),
    t(i.lang, 'mail.confirm.deadline', { deadline: formatDate(i.lang, i.legalDeadline) }),
  ];
  if (i.internalTarget) p.push(t(i.lang, 'mail.confirm.target', { controller: c.shortName, target: formatDate(i.lang, i.internalTarget) }));
  p.push(t(i.lang, 'mail.confirm.status', { url: i.statusUrl }), t(i.lang, 'mail.confirm.confirmEmail', { url: i.confirmUrl }), t(i.lang, 'mail.confirm.footer', { email: c.dpoEmail }));
  return toMail(i.email, t(i.lang, 'mail.confirm.subject', { reference: i.reference }), p, i.lang);
}

export interface DpoNoticeInput {
  to: ControllerId;
  handler: ControllerId;
  reference: string;
  statement: StatementId;
  rights: string[];
  receivedOn: string;
  legalDeadline: string;
  workspaceUrl: string;
  /** For a request passed on by another controller: who passed it on (api/workspace, transfer). */
  transferredFrom?: ControllerId;
}

/** In Dutch, the language of the four controllers' offices. */
export function dpoNoticeMail(i: DpoNoticeInput): MailMessage {
  const lang: Lang = 'nl';
  const deadline = formatDate(lang, i.legalDeadline);
  const p = [
    t(lang, 'mail.dpo.body', {
      reference: i.reference,
      statement: t(lang, `statement.${i.statement}.title`),
      rights: i.rights.map((r) => t(lang, `right.${r}.name` as UiKey)).join(', '),
      date: formatDate(lang, i.receivedOn),
      deadline,
    }),
  ];
  if (i.to !== i.handler) p.push(t(lang, 'mail.dpo.contactPoint', { controller: facts.controllers[i.handler]!.shortName }));
  if (i.transferredFrom) p.push(t(lang, 'mail.action.transferNotice', { from: controllerLabel(facts.controllers[i.transferredFrom]!) }));
  p.push(t(lang, 'mail.dpo.link', { url: `${i.workspaceUrl}/dpo/requests/${i.reference}` }));
  return toMail(facts.controllers[i.to]!.dpoEmail, t(lang, 'mail.dpo.subject', { reference: i.reference, deadline }), p, lang);
}
