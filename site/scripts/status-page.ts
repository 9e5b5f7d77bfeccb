// The status page: the token comes from the address's fragment (never sent to any server in a
// URL) and goes to the API in the Authorization header. Shows state, deadlines and history with
// the organisation's messages, what it waits for, the answer documents and, after a refusal,
// where to complain; lets the requester download the receipt, add a document and withdraw.
import { brusselsDateOf, formatDate } from './shared/dates.ts';
import { downloadReceipt } from './shared/receipt.ts';
import { fill, readJson } from './shared/text.ts';
import { renderAnswers } from './status-page/render-answers.ts';
import { renderAwaiting } from './status-page/render-awaiting.ts';
import { renderComplaint } from './status-page/render-complaint.ts';
import { renderTimeline } from './status-page/render-timeline.ts';
import type { Status } from './status-page/types.ts';

const OPEN = ['received', 'awaiting_information', 'in_progress'];
const app = document.querySelector<HTMLElement>('#status-app');
if (app) void start(app);

async function start(app: HTMLElement): Promise<void> {
  const lang = app.dataset.lang ?? 'nl';
  const locale = app.dataset.locale ?? lang;
  const message = app.querySelector<HTMLElement>('#status-message')!;
  const view = app.querySelector<HTMLElement>('#status-view')!;
  const $ = <T extends HTMLElement = HTMLElement>(sel: string) => app.querySelector<T>(sel)!;
  const token = decodeURIComponent(location.hash.slice(1)).trim();
  if (!/^[A-Za-z0-9_-]{20,200}$/.test(token)) {
    message.textContent = app.dataset.noToken ?? '';
    return;
  }
  const auth = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
  const api = async (path: string, init: RequestInit = {}): Promise<{ ok: boolean; body: Record<string, unknown> }> => {
    try {
      const res = await fetch(`/api/requests/status${path}?lang=${lang}`, { ...init, headers: auth });
      return { ok: res.ok, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
    } catch {
      return { ok: false, body: { error: { message: app.dataset.networkError } } };
    }
  };
  const errorText = (body: Record<string, unknown>) => (body.error as { message?: string; issues?: { message: string }[] } | undefined)?.issues?.[0]?.message ?? (body.error as { message?: string } | undefined)?.message ?? app.dataset.networkError ?? '';

  message.textContent = app.dataset.loading ?? '';
  const first = await api('');
  if (!first.ok) {
    message.textContent = errorText(first.body);
    return;
  }
  message.textContent = '';
  let status = first.body as unknown as Status;
  render(status);
  view.hidden = false;

  function render(s: Status): void {
    const slot = (name: string) => $(`[data-slot="${name}"]`);
    const rights = readJson<Record<string, string>>(app, 'rights');
    const statements = readJson<Record<string, string>>(app, 'statements');
    slot('reference').textContent = s.reference;
    slot('state').textContent = s.stateText;
    slot('statement').textContent = statements[s.statement] ?? s.statement;
    slot('rights').textContent = s.rights.map((r) => rights[r] ?? r).join(', ');
    slot('controller').textContent = s.controller.name;
    slot('reason').textContent = s.routingReason;
    slot('received').textContent = formatDate(locale, brusselsDateOf(s.receivedAt));
    slot('deadline').textContent = formatDate(locale, s.deadline ?? s.legalDeadline);
    const extended = slot('extended');
    extended.hidden = !s.extendedDeadline;
    if (s.extendedDeadline) extended.textContent = fill(extended.dataset.template ?? '', { date: formatDate(locale, s.extendedDeadline) });
    const target = slot('target');
    target.hidden = !s.internalTarget;
    if (s.internalTarget) target.textContent = fill(target.dataset.template ?? '', { controller: s.controller.name, target: formatDate(locale, s.internalTarget) });
    const email = slot('email');
    email.textContent = (s.emailConfirmed ? email.dataset.yes : email.dataset.no) ?? '';
    const messageLabel = app.dataset.messageLabel ?? '';
    renderTimeline(slot('timeline'), s.timeline, locale, messageLabel);
    renderAwaiting($('#awaiting-section'), s.awaiting, messageLabel);
    renderAnswers($('#answers-section'), s.answers, locale);
    renderComplaint($('#complaint-section'), s.complaint);
    const open = OPEN.includes(s.state);
    $('#document-section').hidden = !open;
    $('#withdraw-section').hidden = !open;
    $('[data-slot="withdraw-question"]').textContent = fill($('[data-slot="withdraw-question"]').dataset.template ?? '', { reference: s.reference });
  }

  // The receipt.
  const download = $<HTMLButtonElement>('#download-receipt');
  download.addEventListener('click', async () => {
    download.disabled = true;
    const ok = await downloadReceipt(token, status.reference);
    download.disabled = false;
    $('#download-receipt-error').textContent = ok ? '' : (app.dataset.networkError ?? '');
  });

  // An answer link that expired while the page stayed open: get fresh links, then follow the new one.
  // (Once: a device clock far ahead must not make it loop.)
  let following = false;
  $('#answers-section').addEventListener('click', async (e) => {
    const old = (e.target as HTMLElement).closest<HTMLAnchorElement>('a[data-expires]');
    if (!old || following || Date.now() < Number(old.dataset.expires) - 5_000) return;
    e.preventDefault();
    const r = await api('');
    if (!r.ok) return;
    status = r.body as unknown as Status;
    render(status);
    following = true;
    app.querySelector<HTMLAnchorElement>(`#answers-section a[data-file="${CSS.escape(old.dataset.file ?? '')}"]`)?.click();
    following = false;
  });

  // Adding a document.
  const docForm = $<HTMLFormElement>('#document-form');
  const docInput = $<HTMLInputElement>('#f-document');
  const docError = $('#f-document-error');
  const docDone = $('#document-done');
  const showDocError = (text: string) => {
    docError.hidden = text === '';
    docError.replaceChildren();
    if (text) {
      const prefix = document.createElement('span');
      prefix.className = 'visually-hidden';
      prefix.textContent = `${app.dataset.errorPrefix ?? ''} `;
      docError.append(prefix, text);
    }
    docForm.querySelector('.form-group')!.classList.toggle('form-group--error', text !== '');
    if (text) {
      docInput.setAttribute('aria-invalid', 'true');
      docInput.setAttribute('aria-describedby', 'f-document-hint f-document-error');
    } else {
      docInput.removeAttribute('aria-invalid');
      docInput.setAttribute('aria-describedby', 'f-document-hint');
    }
  };
  docForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    docDone.textContent = '';
    const file = docInput.files?.[0];
    if (!file) {
      showDocError(app.dataset.documentRequired ?? '');
      docInput.focus();
      return;
    }
    const button = docForm.querySelector('button')!;
    button.disabled = true;
    const data = new FormData();
    data.set('document', file);
    const r = await api('/documents', { method: 'POST', body: data });
    button.disabled = false;
    if (!r.ok) {
      showDocError(errorText(r.body));
      docInput.focus();
      return;
    }
    showDocError('');
    docForm.reset();
    status = (r.body as { status: Status }).status;
    render(status);
    docDone.textContent = docDone.dataset.text ?? '';
  });

  // Withdrawing, after a confirmation in the page (not a browser dialog).
  const confirmBox = $('#withdraw-confirm');
  const withdrawStart = $<HTMLButtonElement>('#withdraw-start');
  withdrawStart.addEventListener('click', () => {
    confirmBox.hidden = false;
    confirmBox.focus();
  });
  $('#withdraw-no').addEventListener('click', () => {
    confirmBox.hidden = true;
    withdrawStart.focus();
  });
  $('#withdraw-yes').addEventListener('click', async () => {
    const r = await api('/withdraw', { method: 'POST' });
    if (!r.ok) {
      $('#withdraw-error').textContent = errorText(r.body);
      return;
    }
    confirmBox.hidden = true;
    status = r.body as unknown as Status;
    render(status);
    const done = $('#withdraw-done');
    done.textContent = done.dataset.text ?? '';
    view.focus();
  });
}
