// A signature pad: Pointer Events (mouse, pen, touch), smooth strokes, sharp on any screen.
// Strokes are kept as point lists in units of the pad's width, so a resize or a change of
// device pixel ratio redraws the same signature instead of losing or stretching it.
// The keyboard and screen-reader alternative (typed name + consent) belongs to the form: the pad
// adds two ordinary buttons to the tab order and nothing else.
import { adoptStyles } from './adopt-styles.ts';
import { button, el } from './dom.ts';

/** Every text the pad shows or announces, in the page's language. */
export interface SignaturePadStrings {
  /** Visible label above the pad, and the canvas's accessible name, e.g. "Your signature". */
  label: string;
  /** The button that removes everything, e.g. "Clear". */
  clear: string;
  /** The button that removes the last stroke, e.g. "Undo". */
  undo: string;
  /** Shown inside the empty pad and added to its accessible name, e.g. "Nothing signed yet". */
  empty: string;
}

export interface SignaturePadOptions {
  strings: SignaturePadStrings;
  /** Called after every finished stroke, undo and clear. */
  onChange?(): void;
}

export interface SignaturePad {
  isEmpty(): boolean;
  /**
   * The signature as a PNG with a transparent background, cropped to the ink plus a margin of
   * 8 CSS pixels, at max(2, devicePixelRatio) pixels per CSS pixel of the pad; null when empty.
   */
  toPng(): Promise<Blob | null>;
  clear(): void;
  undo(): void;
  /** Removes the pad's elements and observers; the container is left as it was. */
  destroy(): void;
}

type Point = readonly [x: number, y: number];

// Ink width in units of the pad's width: about 2 px on a phone, 3 px on a desktop.
const INK = 0.005;
const INK_COLOUR = '#1b1b1b';
const MARGIN_CSS_PX = 8;
// Pad proportions: wide enough for a signature, low enough to fit a phone screen with the keyboard.
const ASPECT = 2.5;

const CSS = `
.sp{max-width:40rem}
.sp-label{font-weight:700;margin:0 0 .25rem}
.sp-pad{position:relative;border:2px solid #1b1b1b;border-radius:4px;background:#fff linear-gradient(#8a939e,#8a939e) no-repeat 1rem 75%/calc(100% - 2rem) 1px}
.sp-pad canvas{display:block;width:100%;height:auto;aspect-ratio:${ASPECT};touch-action:none;cursor:crosshair}
.sp-empty{position:absolute;inset:auto 0 27% 0;margin:0;text-align:center;color:#4a4a4a;pointer-events:none}
.sp-bar{display:flex;gap:.5rem;margin-top:.5rem;flex-wrap:wrap}
.sp-bar [aria-disabled=true]{opacity:.55;cursor:not-allowed}
`;

/**
 * Mounts a signature pad at the end of `container`.
 *
 * @example
 *   const pad = mountSignaturePad(document.querySelector('#signature')!, {
 *     strings: { label: 'Your signature', clear: 'Clear', undo: 'Undo', empty: 'Nothing signed yet' },
 *     onChange: () => (submit.disabled = pad.isEmpty() && !typedName.value),
 *   });
 *   const png = await pad.toPng(); // Blob | null
 */
export function mountSignaturePad(container: HTMLElement, opts: SignaturePadOptions): SignaturePad {
  adoptStyles('signature-pad', CSS);
  const s = opts.strings;
  const root = el('div', 'sp');
  const label = el('p', 'sp-label');
  label.textContent = s.label;
  const pad = el('div', 'sp-pad');
  const canvas = el('canvas');
  canvas.setAttribute('role', 'img');
  const hint = el('p', 'sp-empty');
  hint.textContent = s.empty;
  hint.setAttribute('aria-hidden', 'true');
  const bar = el('div', 'sp-bar');
  const undoButton = button(s.undo, () => api.undo());
  const clearButton = button(s.clear, () => api.clear());
  bar.append(undoButton, clearButton);
  pad.append(canvas, hint);
  root.append(label, pad, bar);
  container.append(root);

  const ctx = canvas.getContext('2d')!;
  const strokes: Point[][] = [];
  let current: Point[] | null = null;
  let pointerId = -1;
  // The last width seen: toPng still works while the pad is hidden (width 0).
  let cssWidth = 600;

  function changed(): void {
    const empty = strokes.length === 0;
    canvas.setAttribute('aria-label', empty ? `${s.label}: ${s.empty}` : s.label);
    hint.hidden = !empty;
    // aria-disabled rather than disabled: a disabled button drops the keyboard focus to <body>.
    undoButton.setAttribute('aria-disabled', String(empty));
    clearButton.setAttribute('aria-disabled', String(empty));
  }

  function redraw(): void {
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.setTransform(canvas.width, 0, 0, canvas.width, 0, 0);
    drawStrokes(ctx, strokes);
  }

  function resize(): void {
    const rect = canvas.getBoundingClientRect();
    if (rect.width === 0) return;
    cssWidth = rect.width;
    const dpr = window.devicePixelRatio || 1;
    const w = Math.round(rect.width * dpr);
    const h = Math.round(rect.height * dpr);
    if (w === canvas.width && h === canvas.height) return;
    canvas.width = w;
    canvas.height = h;
    redraw();
  }

  function pointAt(e: PointerEvent): Point {
    const rect = canvas.getBoundingClientRect();
    return [(e.clientX - rect.left) / rect.width, (e.clientY - rect.top) / rect.width];
  }

  function onDown(e: PointerEvent): void {
    // One pen at a time: a second finger (or the palm) does not start another stroke.
    if (current || (e.pointerType === 'mouse' && e.button !== 0)) return;
    e.preventDefault();
    pointerId = e.pointerId;
    canvas.setPointerCapture(e.pointerId);
    current = [pointAt(e)];
    strokes.push(current);
    redraw();
  }

  function onMove(e: PointerEvent): void {
    if (!current || e.pointerId !== pointerId) return;
    // Coalesced events: the points the screen sampled between two frames, for smoother curves.
    const events = e.getCoalescedEvents?.() ?? [];
    for (const c of events.length ? events : [e]) current.push(pointAt(c));
    redraw();
  }

  function onUp(e: PointerEvent): void {
    if (!current || e.pointerId !== pointerId) return;
    current = null;
    changed();
    opts.onChange?.();
  }

  canvas.addEventListener('pointerdown', onDown);
  canvas.addEventListener('pointermove', onMove);
  canvas.addEventListener('pointerup', onUp);
  canvas.addEventListener('pointercancel', onUp);
  const observer = new ResizeObserver(resize);
  observer.observe(canvas);
  resize();
  changed();

  const api: SignaturePad = {
    isEmpty: () => strokes.length === 0,
    toPng() {
      if (strokes.length === 0) return Promise.resolve(null);
      const scale = Math.max(2, window.devicePixelRatio || 1);
      // Measured now: the resize observer reports a new width only at the next frame.
      cssWidth = canvas.getBoundingClientRect().width || cssWidth;
      const unit = cssWidth * scale; // output pixels per pad width
      let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
      // The curves stay inside the hull of their points, so the points bound the ink.
      for (const [x, y] of strokes.flat()) {
        x0 = Math.min(x0, x);
        y0 = Math.min(y0, y);
        x1 = Math.max(x1, x);
        y1 = Math.max(y1, y);
      }
      const pad = (INK / 2) * unit;
      const margin = MARGIN_CSS_PX * scale;
      const left = Math.floor(x0 * unit - pad) - margin;
      const top = Math.floor(y0 * unit - pad) - margin;
      const out = el('canvas');
      out.width = Math.ceil(x1 * unit + pad) + margin - left;
      out.height = Math.ceil(y1 * unit + pad) + margin - top;
      const octx = out.getContext('2d')!;
      octx.setTransform(unit, 0, 0, unit, -left, -top);
      drawStrokes(octx, strokes);
      return new Promise((resolve) => out.toBlob(resolve, 'image/png'));
    },
    clear() {
      if (current || strokes.length === 0) return;
      strokes.length = 0;
      redraw();
      changed();
      opts.onChange?.();
    },
    undo() {
      if (current || strokes.length === 0) return;
      strokes.pop();
      redraw();
      changed();
      opts.onChange?.();
    },
    destroy() {
      observer.disconnect();
      root.remove();
    },
  };
  return api;
}

/** Quadratic curves through the midpoints between samples: smooth, and exact at the ends. */
function drawStrokes(ctx: CanvasRenderingContext2D, strokes: readonly (readonly Point[])[]): void {
  ctx.lineWidth = INK;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.strokeStyle = INK_COLOUR;
  ctx.fillStyle = INK_COLOUR;
  for (const points of strokes) {
    const [first, ...rest] = points;
    if (!first) continue;
    ctx.beginPath();
    if (rest.length === 0) {
      // A tap is a dot.
      ctx.arc(first[0], first[1], INK / 2, 0, Math.PI * 2);
      ctx.fill();
      continue;
    }
    ctx.moveTo(first[0], first[1]);
    for (let i = 0; i < rest.length - 1; i++) {
      const [x, y] = rest[i]!;
      const [nx, ny] = rest[i + 1]!;
      ctx.quadraticCurveTo(x, y, (x + nx) / 2, (y + ny) / 2);
    }
    const last = rest[rest.length - 1]!;
    ctx.lineTo(last[0], last[1]);
    ctx.stroke();
  }
}
