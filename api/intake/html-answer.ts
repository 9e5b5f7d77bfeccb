/**
 * The API's answer to a browser that posted the request form without JavaScript (its Accept
 * header prefers text/html): a plain, readable page in the requester's language instead of JSON.
 * On success it says what the JSON says (reference, who handles it and why, the deadlines) with a
 * receipt download (a form POST: the status token travels in the body, never in a URL) and the
 * status link (the token in the fragment, which browsers never send). On a problem it lists every
 * problem with what to fix, and sends the person back to the form, where their answers still are.
 *
 * @example
 *   if (prefersHtml(c.req.header('accept'))) return c.html(createdPage('en', response), 201);
 */
import { html } from 'hono/html';
import { formatDate, strings, t, type UiKey } from '../../content/i18n.ts';
import type { Lang } from '../../content/schema.ts';
import { brusselsDayOf } from '../deadlines/to-brussels-day.ts';
import { formatIsoDay } from '../deadlines/calendar-day.ts';
import { facts } from '../../content/facts.ts';
import { controllerLabel } from '../routing/explain-routing.ts';
import type { CreatedRequest } from './create-request.ts';

/** The q-value an Accept header gives a media type (exact, then type/*, then * / *). */
function quality(accept: string, type: string): number {
  const [major] = type.split('/');
  let best = -1;
  let q = 0;
  for (const part of accept.split(',')) {
    const [range = '', ...params] = part.trim().toLowerCase().split(';');
    const rank = range === type ? 3 : range === `${major}/*` ? 2 : range === '*/*' ? 1 : 0;
    if (rank === 0 || rank < best) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    if (rank > best) {
      best = rank;
      q = Number.isFinite(value) ? value : 0;
    }
  }
  return q;
}

/** Whether the client wants a page rather than JSON: a browser's form post, not fetch(). */
export function prefersHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  return quality(accept, 'text/html') > quality(accept, 'application/json');
}

function page(lang: Lang, title: string, body: unknown) {
  return html`<!doctype html>
<html lang="${lang}" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title} | ${t(lang, 'site.title')}</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/answer.css">
</head>
<body>
<header><p><a href="/${lang}/">${t(lang, 'site.title')}</a></p></header>
<main>
${body}
</main>
</body>
</html>`;
}

/** The field a problem is about, as the form labels it; null for a problem with no field of its own. */
function fieldLabel(lang: Lang, path: string): string | null {
  const explanation = /^explanation\.(\w+)$/.exec(path);
  if (explanation) {
    const right = `right.${explanation[1]}.name`;
    return right in strings.nl ? `${t(lang, 'form.field.explanation')} (${t(lang, right as UiKey)})` : null;
  }
  const special: Record<string, UiKey> = {
    'rectification.wrong': 'form.field.rectificationWrong',
    'rectification.right': 'form.field.rectificationRight',
    signatureMethod: 'form.field.signature',
    signatureName: 'form.field.signature',
    signatureConsent: 'form.field.signature',
    signatureImage: 'form.field.signature',
  };
  const key = special[path] ?? `form.field.${path}`;
  return /^[a-zA-Z.]+$/.test(path) && key in strings.nl ? t(lang, key as UiKey) : null;
}

export function createdPage(lang: Lang, r: CreatedRequest) {
  const c = facts.controllers[r.controller.id]!;
  const label = controllerLabel(c);
  const deadline = formatDate(lang, r.legalDeadline);
  const title = t(lang, 'sent.title');
  return page(
    lang,
    title,
    html`<h1>${title}</h1>
<p>${t(lang, 'sent.referenceLabel')}: <strong>${r.reference}</strong></p>
<p>${t(lang, 'mail.confirm.received', { date: formatDate(lang, formatIsoDay(brusselsDayOf(Date.parse(r.receivedAt)))), reference: r.reference })}</p>
${r.nationalRegisterNumbersMasked > 0 ? html`<p>${t(lang, 'form.notice.nrnMasked', { count: r.nationalRegisterNumbersMasked })}</p>` : ''}
<h2>${t(lang, 'receipt.handler')}</h2>
<p><strong>${r.controller.name}</strong></p>
<p>${r.routingReasonText}</p>
<h2>${t(lang, 'rights.deadline.heading')}</h2>
<p>${t(lang, 'mail.confirm.deadline', { deadline })}</p>
${r.internalTarget ? html`<p>${t(lang, 'mail.confirm.target', { controller: label, target: formatDate(lang, r.internalTarget) })}</p>` : ''}
<h2>${t(lang, 'sent.receipt.heading')}</h2>
<p>${t(lang, 'sent.receipt.text')}</p>
<form method="post" action="/api/requests/status/receipt?lang=${lang}">
<input type="hidden" name="token" value="${r.statusToken}">
<button type="submit">${t(lang, 'sent.receipt.button')}</button>
</form>
<h2>${t(lang, 'sent.status.heading')}</h2>
<p>${t(lang, 'sent.status.text')}</p>
<p><a href="/${lang}/status/#${r.statusToken}">${t(lang, 'sent.status.link')}</a></p>
<h2>${t(lang, 'sent.next.heading')}</h2>
<ul>
<li>${t(lang, 'sent.next.email')}</li>
<li>${t(lang, 'sent.next.dpo', { controller: label })}</li>
</ul>`,
  );
}

export interface ShownProblem {
  path: string;
  message: string;
}

/** A refused request (422, 413, 415, 429, 503, 400): what is wrong and what to do. */
export function problemPage(lang: Lang, message: string, issues: ShownProblem[] = [], o: { backToForm?: boolean } = {}) {
  const title = t(lang, 'form.errorSummary.title');
  return page(
    lang,
    title,
    html`<h1>${title}</h1>
<p>${message}</p>
${issues.length > 0
  ? html`<ul>
${issues.map((i) => {
  const label = fieldLabel(lang, i.path);
  return html`<li>${label ? html`<strong>${label}</strong>: ` : ''}${i.message}</li>\n`;
})}</ul>`
  : ''}
${o.backToForm === false
  ? html`<p><a href="/${lang}/">${t(lang, 'nav.home')}</a></p>`
  : html`<p>${t(lang, 'answer.backHint')}${issues.length > 0 ? ` ${t(lang, 'answer.fixList')}` : ''}</p>
<p><a href="/${lang}/request/">${t(lang, 'answer.back')}</a></p>`}`,
  );
}
