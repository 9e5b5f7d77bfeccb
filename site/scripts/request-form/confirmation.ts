/**
 * The confirmation in place of the form after the API filed the request (201): reference, who
 * handles it and why, the deadline, the receipt download, the status link and what comes next.
 * The texts are in the page (components/request/SentPanel.astro); this fills in the values.
 */
import { brusselsDateOf, formatDate } from '../shared/dates.ts';
import { downloadReceipt } from '../shared/receipt.ts';
import { fill } from '../shared/text.ts';

export interface Created {
  reference: string;
  statusToken: string;
  controller: { id: string; name: string };
  routingReasonText?: string;
  receivedAt: string;
  legalDeadline: string;
  internalTarget: string | null;
  nationalRegisterNumbersMasked: number;
}

export function showConfirmation(panel: HTMLElement, r: Created, o: { lang: string; locale: string; hide: HTMLElement[]; controllerLabel: string }): void {
  const slot = (name: string) => panel.querySelector<HTMLElement>(`[data-slot="${name}"]`)!;
  const put = (name: string, params: Record<string, string | number>) => {
    const el = slot(name);
    el.textContent = fill(el.dataset.template ?? '', params);
    el.hidden = false;
  };
  slot('reference').textContent = r.reference;
  put('received', { date: formatDate(o.locale, brusselsDateOf(r.receivedAt)), reference: r.reference });
  if (r.nationalRegisterNumbersMasked > 0) put('masked', { count: r.nationalRegisterNumbersMasked });
  slot('controller').textContent = r.controller.name;
  slot('reason').textContent = r.routingReasonText ?? '';
  const deadline = formatDate(o.locale, r.legalDeadline);
  put('deadline', { deadline });
  if (r.internalTarget) put('target', { controller: o.controllerLabel, target: formatDate(o.locale, r.internalTarget) });
  put('dpo', { controller: o.controllerLabel });
  slot('status-link').setAttribute('href', `/${o.lang}/status/#${r.statusToken}`);

  const button = panel.querySelector<HTMLButtonElement>('#download-receipt')!;
  const problem = panel.querySelector<HTMLElement>('#download-receipt-error')!;
  button.addEventListener('click', async () => {
    button.disabled = true;
    const ok = await downloadReceipt(r.statusToken, r.reference);
    button.disabled = false;
    problem.textContent = ok ? '' : (panel.dataset.networkError ?? '');
  });

  for (const el of o.hide) el.hidden = true;
  panel.hidden = false;
  document.title = `${panel.querySelector('h1')!.textContent} | ${document.title.split(' | ').pop()}`;
  window.scrollTo(0, 0);
  panel.focus();
}
