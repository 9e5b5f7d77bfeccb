/**
 * A message the organisation wrote to the requester, as a paragraph with its label. Text only
 * (textContent): the message is the DPO's free text and never becomes markup.
 */
export function messageBlock(label: string, text: string): HTMLElement {
  const p = document.createElement('p');
  p.className = 'dpo-message';
  const strong = document.createElement('strong');
  strong.textContent = label;
  const body = document.createElement('span');
  body.className = 'dpo-message__text';
  body.textContent = text;
  p.append(strong, ' ', body);
  return p;
}
