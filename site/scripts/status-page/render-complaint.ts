/**
 * After a refusal (in full or in part): the supervisory authorities the requester can complain
 * to, with their post address, e-mail and complaint form, and the right to go to court.
 */
import type { Status } from './types.ts';

function link(href: string, text: string): HTMLAnchorElement {
  const a = document.createElement('a');
  a.href = href;
  a.textContent = text;
  return a;
}

export function renderComplaint(section: HTMLElement, complaint: Status['complaint']): void {
  section.hidden = !complaint;
  if (!complaint) return;
  const labels = section.dataset;
  section.querySelector('[data-slot="complaint-text"]')!.textContent = complaint.text;
  section.querySelector('[data-slot="complaint-court"]')!.textContent = complaint.court;
  section.querySelector('[data-slot="complaint-bodies"]')!.replaceChildren(
    ...complaint.bodies.map((b) => {
      const li = document.createElement('li');
      const name = document.createElement('strong');
      name.textContent = b.name;
      li.append(name, ` (${b.shortName})`);
      const line = (...parts: (string | Node)[]) => {
        li.append(document.createElement('br'), ...parts);
      };
      if (b.post) line(`${labels.byPost ?? ''}: ${b.post}`);
      if (b.email) line(`${labels.byEmail ?? ''}: `, link(`mailto:${b.email}`, b.email));
      if (b.form && /^https:\/\//.test(b.form)) line(...(b.onlyThroughForm ? [`${labels.onlyForm ?? ''}: `] : []), link(b.form, b.form));
      return li;
    }),
  );
}
