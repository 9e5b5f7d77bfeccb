// A box over the photo (the crop frame or a mask) that moves and resizes with the pointer and the
// keyboard. It is a real <button>: in the tab order, named, with the help text as its description;
// the corner handles are for the pointer only and hidden from assistive technology.
import { dragEdges, moveBox, type Box } from './geometry.ts';

export type BoxChange = 'moved' | 'resized';

export interface EditableBoxOptions {
  className: string;
  label: string;
  /** Id of the visible help text describing the keys. */
  describedBy: string;
  box: Box;
  /** A short visible text in the box, e.g. the mask's number, matching its label. */
  badge?: string;
  /** The element the fractions refer to. */
  stage: HTMLElement;
  /** Every change; `done` is false while a pointer drags and true when it lets go or for a key. */
  onChange(box: Box, how: BoxChange, done: boolean): void;
  /** Delete or Backspace; without it the keys do nothing. */
  onRemove?(): void;
  onSelect?(): void;
}

export interface EditableBox {
  el: HTMLButtonElement;
  get(): Box;
  set(box: Box): void;
}

const STEP = 0.01;
const BIG_STEP = 0.05;
const CORNERS = ['nw', 'ne', 'sw', 'se'] as const;

/**
 * Creates the box element (not yet attached). Keys: arrows move by 1 % (Shift: 5 %);
 * Alt/Option + arrows move the right or bottom edge (resize); Delete/Backspace removes.
 *
 * @example
 *   const mask = createEditableBox({ className: 'rd-box rd-mask', label: 'Mask 1', describedBy: 'help', box, stage,
 *     onChange: (b, how, done) => done && announce(how) });
 *   stage.append(mask.el);
 */
export function createEditableBox(o: EditableBoxOptions): EditableBox {
  const el = document.createElement('button');
  el.type = 'button';
  el.className = o.className;
  el.setAttribute('aria-label', o.label);
  el.setAttribute('aria-describedby', o.describedBy);
  for (const c of CORNERS) {
    const h = document.createElement('span');
    h.className = `rd-h rd-${c}`;
    h.dataset.edges = c;
    h.setAttribute('aria-hidden', 'true');
    el.append(h);
  }
  if (o.badge) {
    const b = document.createElement('span');
    b.className = 'rd-n';
    b.textContent = o.badge;
    b.setAttribute('aria-hidden', 'true');
    el.append(b);
  }
  let box = o.box;
  const set = (b: Box): void => {
    box = b;
    const s = el.style;
    s.left = `${b.x * 100}%`;
    s.top = `${b.y * 100}%`;
    s.width = `${b.w * 100}%`;
    s.height = `${b.h * 100}%`;
  };
  set(box);

  let drag: { id: number; edges: string; x: number; y: number; start: Box; moved: boolean } | null = null;
  el.addEventListener('pointerdown', (e) => {
    if (drag || (e.pointerType === 'mouse' && e.button !== 0)) return;
    e.preventDefault();
    el.focus({ preventScroll: true });
    o.onSelect?.();
    const edges = (e.target as HTMLElement).dataset.edges ?? '';
    drag = { id: e.pointerId, edges, x: e.clientX, y: e.clientY, start: box, moved: false };
    el.setPointerCapture(e.pointerId);
  });
  el.addEventListener('pointermove', (e) => {
    if (!drag || e.pointerId !== drag.id) return;
    const r = o.stage.getBoundingClientRect();
    // From the start of the drag, not step by step: no drift when a side hits the edge.
    const dx = (e.clientX - drag.x) / r.width;
    const dy = (e.clientY - drag.y) / r.height;
    drag.moved = true;
    set(drag.edges ? dragEdges(drag.start, drag.edges, dx, dy) : moveBox(drag.start, dx, dy));
    o.onChange(box, drag.edges ? 'resized' : 'moved', false);
  });
  const end = (e: PointerEvent): void => {
    if (!drag || e.pointerId !== drag.id) return;
    const d = drag;
    drag = null;
    if (d.moved) o.onChange(box, d.edges ? 'resized' : 'moved', true);
  };
  el.addEventListener('pointerup', end);
  el.addEventListener('pointercancel', end);
  el.addEventListener('lostpointercapture', end);

  el.addEventListener('keydown', (e) => {
    if ((e.key === 'Delete' || e.key === 'Backspace') && o.onRemove) {
      e.preventDefault();
      o.onRemove();
      return;
    }
    const dir = ({ ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] } as Record<string, [number, number]>)[e.key];
    if (!dir || e.ctrlKey || e.metaKey) return;
    // preventDefault also stops Alt+Left from going back in history in Chrome on Windows/Linux.
    e.preventDefault();
    const step = e.shiftKey ? BIG_STEP : STEP;
    const [dx, dy] = [dir[0] * step, dir[1] * step];
    const before = box;
    set(e.altKey ? dragEdges(box, 'se', dx, dy) : moveBox(box, dx, dy));
    // At an edge or at the smallest size nothing changes, and nothing is announced.
    if (box.x !== before.x || box.y !== before.y || box.w !== before.w || box.h !== before.h) o.onChange(box, e.altKey ? 'resized' : 'moved', true);
  });
  el.addEventListener('focus', () => o.onSelect?.());
  return { el, get: () => box, set };
}
