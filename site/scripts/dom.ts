// Two DOM helpers shared by the widgets: elements are built with DOM methods, never from HTML
// strings, so no text passed in by a caller can turn into markup.

/**
 * A new element with an optional class.
 *
 * @example
 *   const bar = el('div', 'sp-bar');
 */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  return node;
}

/**
 * A real <button type="button"> (never submits the surrounding form) with its text and action.
 *
 * @example
 *   bar.append(button('Undo', () => pad.undo()));
 */
export function button(text: string, onClick: () => void): HTMLButtonElement {
  const b = el('button');
  b.type = 'button';
  b.textContent = text;
  b.addEventListener('click', onClick);
  return b;
}
