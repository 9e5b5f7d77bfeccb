/**
 * The answer documents as download links, with when the links stop working (Brussels time, as
 * the rest of the page). A link is only shown when the API gave one of its own answer addresses.
 */
import { fill } from '../shared/text.ts';
import type { Status } from './types.ts';

const ANSWER_PATH = /^\/api\/requests\/answers\/[A-Za-z0-9_-]+\?/;

function formatSize(locale: string, bytes: number): string {
  const mb = bytes >= 1024 * 1024;
  const value = mb ? bytes / (1024 * 1024) : Math.max(1, Math.round(bytes / 1024));
  return new Intl.NumberFormat(locale, { style: 'unit', unit: mb ? 'megabyte' : 'kilobyte', maximumFractionDigits: mb ? 1 : 0 }).format(value);
}

export function renderAnswers(section: HTMLElement, answers: Status['answers'], locale: string): void {
  const usable = (answers ?? []).filter((a) => a.url && ANSWER_PATH.test(a.url));
  section.hidden = usable.length === 0;
  if (usable.length === 0) return;
  const expiry = section.querySelector<HTMLElement>('[data-slot="answers-expiry"]')!;
  const first = usable.map((a) => Date.parse(a.expiresAt ?? '')).filter(Number.isFinite).sort((x, y) => x - y)[0];
  expiry.hidden = first === undefined;
  if (first !== undefined) expiry.textContent = fill(expiry.dataset.template ?? '', { time: new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: 'Europe/Brussels' }).format(new Date(first)) });
  section.querySelector('[data-slot="answers"]')!.replaceChildren(
    ...usable.map((a) => {
      const li = document.createElement('li');
      const link = document.createElement('a');
      link.href = a.url!;
      link.download = a.name;
      link.textContent = a.name;
      link.dataset.file = a.id;
      link.dataset.expires = String(Date.parse(a.expiresAt ?? '') || 0);
      const kind = a.name.split('.').pop()?.toUpperCase() ?? '';
      li.append(link, ` (${kind}, ${formatSize(locale, a.size)})`);
      return li;
    }),
  );
}
