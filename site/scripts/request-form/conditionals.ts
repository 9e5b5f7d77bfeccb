/**
 * Conditional parts of the form (an explanation under a right, the representative's name, the
 * typed name or the pad): shown without JavaScript, and with it only while the choice they
 * belong to is made. Their data-when-name / data-when-value attributes say which choice.
 */
export function setUpConditionals(form: HTMLFormElement): () => void {
  const parts = [...form.querySelectorAll<HTMLElement>('[data-when-name]')];
  const update = () => {
    for (const part of parts) {
      const name = part.dataset.whenName!;
      const values = (part.dataset.whenValue ?? '').split(' ');
      const chosen = [...form.querySelectorAll<HTMLInputElement>(`input[name="${CSS.escape(name)}"]`)].filter((i) => i.checked).map((i) => i.value);
      part.hidden = !chosen.some((c) => values.includes(c));
    }
  };
  form.addEventListener('change', (e) => {
    const target = e.target as HTMLInputElement;
    if (target.type === 'radio' || target.type === 'checkbox') update();
  });
  update();
  return update;
}

/** The names of the fields inside hidden conditional parts: they are not sent. */
export function hiddenFieldNames(form: HTMLFormElement): Set<string> {
  const names = new Set<string>();
  for (const part of form.querySelectorAll<HTMLElement>('[data-when-name][hidden]')) {
    for (const el of part.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input[name], textarea[name]')) names.add(el.name);
  }
  return names;
}
