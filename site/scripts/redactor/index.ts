// The ID-copy redactor: open a photo, turn it, crop it to the card, cover the identifying fields
// with black masks, and get a watermarked JPEG (DOMAIN.md, "Identity documents"; EDPB Guidelines
// 01/2022: let the person redact the copy). Everything happens in the browser: the original file
// is read once into an ImageBitmap and never uploaded or stored; the preview shows the very bytes
// exportJpeg() returns.
import { adoptStyles } from '../adopt-styles.ts';
import { button, el } from '../dom.ts';
import { createEditableBox, type EditableBox } from './editable-box.ts';
import { FULL, rotateBox, type Box } from './geometry.ts';
import { loadBitmap } from './load-bitmap.ts';
import { MASK_TEMPLATES, type TemplateId } from './mask-templates.ts';
import { REDACTOR_CSS } from './redactor-styles.ts';
import { drawCard, flattenCard, turnedSize } from './render-card.ts';
import type { Redactor, RedactorOptions, Watermark } from './types.ts';

export type { Redactor, RedactorOptions, RedactorStrings, Watermark } from './types.ts';

const DEFAULT_MAX_PIXELS = 2_000_000;
// The editing view needs no more: sharp on a 2x screen at the redactor's largest width.
const VIEW_LONG_SIDE = 1600;
// Wait for a pause in the changes before re-encoding the preview (a JPEG takes 20-100 ms).
const PREVIEW_DELAY_MS = 250;
const NEW_MASK: Box = { x: 0.4, y: 0.4, w: 0.2, h: 0.15 };
let mounted = 0;

/** "{n}" and the like in a translated text, filled in; unknown names are left as they are. */
const fill = (text: string, values: Record<string, number>): string => text.replace(/\{(\w+)\}/g, (m, k: string) => String(values[k] ?? m));
const percent = (b: Box): Record<string, number> => ({ x: Math.round(b.x * 100), y: Math.round(b.y * 100), w: Math.round(b.w * 100), h: Math.round(b.h * 100) });

/**
 * Mounts the redactor at the end of `container`.
 *
 * @example
 *   const redactor = mountRedactor(document.querySelector('#id-copy')!, {
 *     strings: t.redactor, // every key of RedactorStrings, translated
 *     watermark: { copy: 'KOPIE', controller: 'IN-Gent', purpose: 'privacyverzoek', date: '14 maart 2026' },
 *     onChange: () => (submit.disabled = !redactor.hasImage()),
 *   });
 *   form.addEventListener('submit', async (e) => { ...; data.set('idCopy', await redactor.exportJpeg(), 'id-copy.jpg'); });
 */
export function mountRedactor(container: HTMLElement, opts: RedactorOptions): Redactor {
  adoptStyles('redactor', REDACTOR_CSS);
  const s = opts.strings;
  const maxPixels = opts.maxPixels ?? DEFAULT_MAX_PIXELS;
  const helpId = `redactor-${++mounted}-help`;
  let mark: Watermark = opts.watermark;

  const root = el('div', 'rd');
  const pick = el('div', 'rd-bar');
  const input = opts.input ?? el('input');
  if (!opts.input) {
    input.type = 'file';
    input.accept = 'image/*';
    input.hidden = true;
    // One input, two ways in: without `capture` phones offer the gallery, with it the camera.
    const choose = button(s.choose, () => {
      input.removeAttribute('capture');
      input.click();
    });
    const camera = button(s.takePhoto, () => {
      input.setAttribute('capture', 'environment');
      input.click();
    });
    camera.hidden = !matchMedia('(pointer: coarse)').matches;
    pick.append(choose, camera, input);
  }
  const error = el('p', 'rd-error');
  error.setAttribute('role', 'alert');
  error.hidden = true;

  const work = el('div', 'rd');
  work.hidden = true;
  const cropBar = el('div', 'rd-bar');
  cropBar.append(
    button(s.rotate, rotate),
    button(s.cropDone, () => setMode('mask', select)),
  );

  const maskBar = el('div', 'rd-bar');
  const selectId = `${helpId}-type`;
  const typeLabel = el('label');
  typeLabel.htmlFor = selectId;
  typeLabel.textContent = s.template;
  const select = el('select');
  select.id = selectId;
  for (const [value, text] of Object.entries(s.templates)) select.add(new Option(text, value));
  const typeField = el('div');
  typeField.append(typeLabel, select);
  const add = button(s.addMask, addNewMask);
  maskBar.append(
    typeField,
    button(s.applyTemplate, applyTemplate),
    add,
    button(s.removeMask, () => {
      const target = masks.find((m) => m.n === selected) ?? masks.at(-1);
      if (target) removeMask(target.n, null);
    }),
    button(s.cropEdit, () => setMode('crop', cropBox.el)),
    button(s.rotate, rotate),
  );

  const help = el('p', 'rd-help');
  help.id = helpId;
  const frame = el('div', 'rd-frame');
  const stage = el('div', 'rd-stage');
  const clip = el('div', 'rd-clip');
  const canvas = el('canvas');
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', s.image);
  // Darkens the photo outside the crop frame.
  const hole = el('div', 'rd-hole');
  clip.append(canvas, hole);
  stage.append(clip);
  frame.append(stage);

  const result = el('figure', 'rd-result');
  const caption = el('figcaption');
  caption.textContent = s.result;
  const preview = el('img');
  preview.alt = s.resultAlt;
  result.append(caption, preview);
  result.hidden = true;
  work.append(cropBar, maskBar, help, frame, result);

  const live = el('p', 'rd-sr');
  live.setAttribute('aria-live', 'polite');
  root.append(pick, error, work, live);
  container.append(root);

  let bitmap: ImageBitmap | null = null;
  let turns = 0;
  let crop: Box = FULL;
  let mode: 'crop' | 'mask' = 'crop';
  const masks: { n: number; box: EditableBox }[] = [];
  let nextMask = 1;
  let selected = 0;
  // Every change bumps the version; the preview remembers which version its bytes show.
  let version = 0;
  let shown: { version: number; blob: Blob } | null = null;
  let url = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  let destroyed = false;

  const cropBox = createEditableBox({
    className: 'rd-box rd-crop',
    label: s.cropArea,
    describedBy: helpId,
    box: FULL,
    stage,
    onChange(b, how, final) {
      crop = b;
      placeHole();
      changed(final);
      if (final) announce(fill(how === 'moved' ? s.cropMoved : s.cropResized, percent(b)));
    },
  });
  stage.append(cropBox.el);

  function announce(text: string): void {
    // The same words twice in a row must still be read out: make the second differ invisibly.
    live.textContent = live.textContent === text ? `${text}\u00a0` : text;
  }

  function changed(final: boolean): void {
    version++;
    // Until the new JPEG is ready the preview is out of date: faded, and busy for screen readers.
    result.classList.add('is-stale');
    result.setAttribute('aria-busy', 'true');
    if (!final) return;
    clearTimeout(timer);
    timer = setTimeout(() => void render().catch(() => undefined), PREVIEW_DELAY_MS);
    opts.onChange?.();
  }

  function placeHole(): void {
    const st = hole.style;
    st.left = `${crop.x * 100}%`;
    st.top = `${crop.y * 100}%`;
    st.width = `${crop.w * 100}%`;
    st.height = `${crop.h * 100}%`;
  }

  /** Draws the editing view: the whole turned photo while cropping, the cropped card while masking. */
  function view(): void {
    if (!bitmap) return;
    const t = turnedSize(bitmap, turns);
    const area = mode === 'crop' ? FULL : crop;
    const [w, h] = [area.w * t.w, area.h * t.h];
    const scale = Math.min(1, VIEW_LONG_SIDE / Math.max(w, h));
    canvas.width = Math.max(1, Math.round(w * scale));
    canvas.height = Math.max(1, Math.round(h * scale));
    drawCard(canvas.getContext('2d')!, bitmap, turns, area, canvas.width, canvas.height);
    stage.style.aspectRatio = `${w} / ${h}`;
    // A tall photo must not push the buttons out of the screen.
    stage.style.maxWidth = `calc(70vh * ${(w / h).toFixed(4)})`;
    placeHole();
  }

  function setMode(next: 'crop' | 'mask', focus?: HTMLElement): void {
    mode = next;
    const cropping = next === 'crop';
    cropBar.hidden = cropBox.el.hidden = hole.hidden = !cropping;
    maskBar.hidden = cropping;
    for (const m of masks) m.box.el.hidden = cropping;
    help.textContent = cropping ? s.cropHelp : s.maskHelp;
    view();
    focus?.focus();
  }

  function selectMask(n: number): void {
    selected = n;
    for (const m of masks) m.box.el.classList.toggle('is-active', m.n === n);
  }

  function addMask(b: Box): HTMLButtonElement {
    const n = nextMask++;
    const box = createEditableBox({
      className: 'rd-box rd-mask',
      label: fill(s.mask, { n }),
      badge: String(n),
      describedBy: helpId,
      box: b,
      stage,
      onChange(nb, how, final) {
        changed(final);
        if (final) announce(fill(how === 'moved' ? s.maskMoved : s.maskResized, { n, ...percent(nb) }));
      },
      onRemove: () => removeMask(n, box.el),
      onSelect: () => selectMask(n),
    });
    box.el.hidden = mode !== 'mask';
    masks.push({ n, box });
    stage.append(box.el);
    return box.el;
  }

  function addNewMask(): void {
    // Each new mask a little lower right than the last, so they do not hide each other.
    const shift = (masks.length % 5) * 0.04;
    addMask({ ...NEW_MASK, x: NEW_MASK.x + shift, y: NEW_MASK.y + shift }).focus();
    announce(fill(s.maskAdded, { n: nextMask - 1 }));
    changed(true);
  }

  /** Removes mask n; when it had the focus, the focus goes to a neighbour, else to "Add". */
  function removeMask(n: number, focused: HTMLElement | null): void {
    const i = masks.findIndex((m) => m.n === n);
    const [gone] = masks.splice(i, 1);
    if (!gone) return;
    gone.box.el.remove();
    // With no mask left, numbering starts again: the next one is "Mask 1", not "Mask 4".
    if (masks.length === 0) nextMask = 1;
    announce(fill(s.maskRemoved, { n }));
    changed(true);
    if (!focused) return;
    const next = masks[i] ?? masks[i - 1];
    if (next) next.box.el.focus();
    else add.focus();
  }

  function clearMasks(): void {
    for (const m of masks.splice(0)) m.box.el.remove();
    nextMask = 1;
    selected = 0;
  }

  function applyTemplate(): void {
    clearMasks();
    const boxes = MASK_TEMPLATES[select.value as TemplateId] ?? [];
    for (const b of boxes) addMask(b);
    announce(fill(s.templateApplied, { count: boxes.length }));
    changed(true);
  }

  function rotate(): void {
    if (!bitmap) return;
    turns = (turns + 1) % 4;
    // Crop and masks turn with the photo, so they stay on the same part of the card.
    crop = rotateBox(crop);
    cropBox.set(crop);
    for (const m of masks) m.box.set(rotateBox(m.box.get()));
    view();
    announce(s.rotated);
    changed(true);
  }

  async function open(file: File): Promise<void> {
    error.hidden = true;
    let next: ImageBitmap;
    try {
      // Keep enough pixels for a crop of a quarter of the photo to fill the export.
      next = await loadBitmap(file, Math.max(8_000_000, maxPixels * 4));
    } catch {
      error.textContent = s.loadError;
      error.hidden = false;
      return;
    }
    if (destroyed) return next.close();
    bitmap?.close();
    bitmap = next;
    turns = 0;
    crop = FULL;
    cropBox.set(FULL);
    clearMasks();
    work.hidden = false;
    setMode('crop', cropBox.el);
    changed(true);
  }

  /** Encodes the current state (unless the preview already shows it) and shows it. */
  async function render(): Promise<Blob> {
    if (!bitmap) throw new Error('No image is open in the redactor.');
    const v = version;
    if (shown?.version === v) return shown.blob;
    const blob = await flattenCard({ bitmap, turns, crop, masks: masks.map((m) => m.box.get()) }, mark, maxPixels);
    // An older, slower encoding never replaces a newer preview.
    if (!destroyed && (!shown || v > shown.version)) {
      if (url) URL.revokeObjectURL(url);
      url = URL.createObjectURL(blob);
      preview.src = url;
      shown = { version: v, blob };
      result.hidden = false;
      if (v === version) {
        result.classList.remove('is-stale');
        result.removeAttribute('aria-busy');
      }
    }
    return blob;
  }

  const onInput = (): void => {
    const file = input.files?.[0];
    // Emptied at once: inside a form, the original file must not be submitted with it.
    input.value = '';
    if (file) void open(file);
  };
  input.addEventListener('change', onInput);

  return {
    exportJpeg: render,
    hasImage: () => bitmap !== null,
    setWatermark(next) {
      mark = next;
      if (bitmap) changed(true);
    },
    destroy() {
      destroyed = true;
      clearTimeout(timer);
      input.removeEventListener('change', onInput);
      if (url) URL.revokeObjectURL(url);
      bitmap?.close();
      bitmap = null;
      root.remove();
    },
  };
}
