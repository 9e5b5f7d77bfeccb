/**
 * Problems shown GOV.UK style: a summary at the top ("There is a problem", focused, a link to
 * each field) and the message at each field (tied with aria-describedby, aria-invalid on the
 * input). Nothing the person typed is touched.
 */
export interface ShownIssue {
  path: string;
  message: string;
}

const fieldId = (name: string) => `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/** The form-group of a field path, and the element a summary link should focus. */
function locate(form: HTMLFormElement, path: string): { group: HTMLElement | null; target: HTMLElement | null } {
  const group = path ? form.querySelector<HTMLElement>(`[data-field="${CSS.escape(path)}"]`) : null;
  const target = document.getElementById(fieldId(path)) ?? group?.querySelector<HTMLElement>('input:not([type=hidden]), textarea, select, button, canvas, [tabindex]') ?? null;
  return { group: group && !group.closest('[hidden]') ? group : null, target };
}

function describe(el: Element, id: string, on: boolean): void {
  const ids = (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((x) => x && x !== id);
  if (on) ids.push(id);
  if (ids.length) el.setAttribute('aria-describedby', ids.join(' '));
  else el.removeAttribute('aria-describedby');
}

export function clearErrors(form: HTMLFormElement, summary: HTMLElement): void {
  summary.hidden = true;
  summary.querySelector('ul')!.replaceChildren();
  for (const p of form.querySelectorAll('.error-message[data-for]')) {
    for (const el of form.querySelectorAll(`[aria-describedby~="${p.id}"]`)) describe(el, p.id, false);
    p.remove();
  }
  for (const g of form.querySelectorAll('.form-group--error')) g.classList.remove('form-group--error');
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
}

export function showErrors(form: HTMLFormElement, summary: HTMLElement, issues: ShownIssue[], prefix: string): void {
  clearErrors(form, summary);
  const list = summary.querySelector('ul')!;
  const seen = new Set<string>();
  for (const issue of issues) {
    const { group, target } = locate(form, issue.path);
    const li = document.createElement('li');
    if (target && group) {
      const a = document.createElement('a');
      a.href = `#${target.id || fieldId(issue.path)}`;
      a.textContent = issue.message;
      a.addEventListener('click', (e) => {
        e.preventDefault();
        target.focus();
        // The question, not just the input, should be in view: its label or legend sits above.
        (group.querySelector('legend, label') ?? target).scrollIntoView({ block: 'start' });
      });
      li.append(a);
    } else li.textContent = issue.message;
    list.append(li);
    // One message per field at the field itself: the first problem is the one to fix first.
    if (!group || seen.has(issue.path)) continue;
    seen.add(issue.path);
    group.classList.add('form-group--error');
    const p = document.createElement('p');
    p.className = 'error-message';
    p.id = `${fieldId(issue.path)}-error`;
    p.dataset.for = issue.path;
    const hidden = document.createElement('span');
    hidden.className = 'visually-hidden';
    hidden.textContent = `${prefix} `;
    p.append(hidden, issue.message);
    const fieldset = group.querySelector(':scope > fieldset');
    const anchor = fieldset ? (fieldset.querySelector(':scope > .hint') ?? fieldset.querySelector(':scope > legend')!) : (group.querySelector(':scope > .hint') ?? group.querySelector(':scope > label'));
    if (anchor) anchor.after(p);
    else group.prepend(p);
    for (const el of fieldset ? [fieldset] : group.querySelectorAll('input:not([type=hidden]), textarea')) {
      describe(el, p.id, true);
      if (!fieldset) el.setAttribute('aria-invalid', 'true');
    }
  }
  summary.hidden = false;
  summary.focus();
}
