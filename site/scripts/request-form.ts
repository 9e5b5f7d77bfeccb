// The request form with JavaScript: inline checks with the API's rules, the signature pad and the
// ID redactor, and sending with fetch (the redacted JPEG as idCopy, the drawn PNG as
// signatureImage). Problems come back as a summary with links and a message at each field;
// nothing typed is lost. Without this script the form posts as it is and the API answers HTML.
import { clearErrors, showErrors, type ShownIssue } from './request-form/errors.ts';
import { setUpConditionals, hiddenFieldNames } from './request-form/conditionals.ts';
import { showConfirmation, type Created } from './request-form/confirmation.ts';
import { likelyController, type RoutingFacts } from './request-form/routing.ts';
import { checkRequestForm, type FormIssue } from './request-form/rules.ts';
import { loadRedactor, loadSignaturePad, type Redactor, type SignaturePad } from './request-form/widgets.ts';
import { brusselsToday, formatDate } from './shared/dates.ts';
import { fill, readJson } from './shared/text.ts';

const form = document.querySelector<HTMLFormElement>('#request-form');
if (form) void enhance(form);

async function enhance(form: HTMLFormElement): Promise<void> {
  const lang = form.dataset.lang ?? 'nl';
  const locale = form.dataset.locale ?? lang;
  const messages = readJson<Record<string, string>>(form, 'messages');
  const routing = readJson<RoutingFacts>(form, 'routing');
  const summary = form.querySelector<HTMLElement>('#error-summary')!;
  const status = form.querySelector<HTMLElement>('#form-status')!;
  const submit = form.querySelector<HTMLButtonElement>('#submit-request')!;
  const value = (name: string) => {
    const el = form.elements.namedItem(name);
    if (el instanceof RadioNodeList) return el.value;
    return el instanceof HTMLInputElement && el.type === 'checkbox' ? (el.checked ? el.value : '') : ((el as HTMLInputElement | null)?.value ?? '');
  };
  const today = brusselsToday();
  const signedDate = form.querySelector<HTMLInputElement>('#f-signedDate')!;
  if (!signedDate.value) signedDate.value = today;
  const key = form.querySelector<HTMLInputElement>('#f-idempotencyKey')!;
  key.value = randomKey();
  key.disabled = false;
  setUpConditionals(form);
  // The same key for a repeated send of the same answers (a retry after a lost answer files one
  // request); a new key once anything changed, since the API ties a key to one exact form.
  let sentOnce = false;
  const renewKey = () => {
    if (sentOnce) key.value = randomKey();
    sentOnce = false;
  };
  form.addEventListener('input', renewKey);
  form.addEventListener('change', renewKey);

  // The widgets: each one is optional; the form works with the typed signature and the plain file.
  let pad: SignaturePad | null = null;
  let redactor: Redactor | null = null;
  const controllerOf = () => likelyController(routing, value('statement'), value('postcode'), value('controller'));
  const [mountPad, mountRedactor] = await Promise.all([loadSignaturePad().catch(() => null), loadRedactor().catch(() => null)]);
  const padBox = form.querySelector<HTMLElement>('#signature-pad');
  if (mountPad && padBox) {
    try {
      pad = mountPad(padBox, { strings: readJson(form, 'signaturePad'), onChange: renewKey });
      form.querySelector<HTMLElement>('#signature-method')!.hidden = false;
    } catch {
      pad = null;
    }
  }
  const redactorBox = form.querySelector<HTMLElement>('#redactor');
  if (mountRedactor && redactorBox) {
    try {
      // The form's own labelled file input opens the photo; the redactor empties it at once, so
      // the original is never sent: the blacked-out, watermarked JPEG goes instead.
      const w = readJson<{ copy: string; purpose: string }>(form, 'watermark');
      const watermark = () => ({ copy: w.copy, purpose: w.purpose, date: formatDate(locale, today), controller: routing.names[controllerOf()] ?? '' });
      let mark = watermark();
      const r = mountRedactor(redactorBox, { strings: readJson(form, 'redactor'), watermark: mark, input: form.querySelector<HTMLInputElement>('#f-idCopy')!, onChange: renewKey });
      redactor = r;
      // The recipient on the watermark follows the statement, the postcode and the chosen organisation.
      form.addEventListener('change', (e) => {
        if (!['statement', 'postcode', 'controller'].includes((e.target as HTMLInputElement).name)) return;
        const next = watermark();
        if (next.controller !== mark.controller) r.setWatermark((mark = next));
      });
    } catch {
      redactor = null;
    }
  }

  const toShown = (issues: FormIssue[]): ShownIssue[] =>
    issues.map((i) => ({ path: i.path, message: fill(messages[i.code.replace(/^form\.error\./, '')] ?? messages.malformed ?? i.code, i.params ?? {}) }));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (submit.disabled) return;
    const fileOf = (name: string) => {
      const input = form.querySelector<HTMLInputElement>(`input[type=file][name="${name}"]`);
      const f = input && !input.disabled ? input.files?.[0] : undefined;
      return f && f.size > 0 ? { size: f.size, type: f.type } : null;
    };
    const drawn = value('signatureMethod') === 'drawn' && pad !== null;
    const issues = checkRequestForm({
      get: value,
      getAll: (name) => [...form.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`)].map((i) => i.value),
      file: fileOf,
      hasIdCopy: redactor ? redactor.hasImage() : fileOf('idCopy') !== null,
      idCopyFromRedactor: redactor !== null,
      hasDrawnSignature: drawn ? !pad!.isEmpty() : false,
      today: brusselsToday(),
    });
    if (issues.length > 0) return showErrors(form, summary, toShown(issues), messages.prefix ?? '');
    clearErrors(form, summary);
    sentOnce = true;
    submit.disabled = true;
    status.textContent = form.dataset.sending ?? '';
    try {
      await send(drawn);
    } finally {
      submit.disabled = false;
      status.textContent = '';
    }
  });

  async function send(drawn: boolean): Promise<void> {
    const data = new FormData(form);
    for (const name of hiddenFieldNames(form)) data.delete(name);
    if (!drawn) data.set('signatureMethod', 'typed');
    if (redactor) data.set('idCopy', await redactor.exportJpeg(), 'id-copy.jpg');
    if (drawn) {
      const png = await pad!.toPng();
      if (png) data.set('signatureImage', png, 'signature.png');
    }
    let res: Response;
    try {
      res = await fetch(`/api/requests?lang=${lang}`, { method: 'POST', body: data, headers: { Accept: 'application/json' } });
    } catch {
      return showErrors(form, summary, [{ path: '', message: messages.network ?? '' }], messages.prefix ?? '');
    }
    const body = (await res.json().catch(() => ({}))) as Created & { error?: { message?: string; issues?: ShownIssue[] } };
    if (res.ok && body.reference) {
      const panel = document.querySelector<HTMLElement>('#request-sent')!;
      pad?.destroy();
      redactor?.destroy();
      return showConfirmation(panel, body, { lang, locale, controllerLabel: routing.labels[body.controller.id] ?? body.controller.name, hide: [form, document.querySelector<HTMLElement>('#request-intro')!] });
    }
    const problems = body.error?.issues?.length ? body.error.issues : [{ path: '', message: body.error?.message ?? messages.malformed ?? '' }];
    // A key the API already holds for other answers: the next send gets a fresh one.
    if (problems.some((p) => p.path === 'idempotencyKey')) key.value = randomKey();
    showErrors(form, summary, problems, messages.prefix ?? '');
  }
}

/** A random idempotency key: a repeated send (a double click, a retry after a lost answer) files one request. */
function randomKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
