/** While the organisation waits for the requester: what it needs, its message, and how to answer. */
import { messageBlock } from './message-block.ts';
import type { Status } from './types.ts';

export function renderAwaiting(section: HTMLElement, awaiting: Status['awaiting'], messageLabel: string): void {
  section.hidden = !awaiting;
  if (!awaiting) return;
  const body = section.querySelector<HTMLElement>('[data-slot="awaiting"]')!;
  const para = (text: string) => {
    const p = document.createElement('p');
    p.textContent = text;
    return p;
  };
  body.replaceChildren(para(awaiting.text), ...(awaiting.message ? [messageBlock(messageLabel, awaiting.message)] : []), para(awaiting.how));
}
