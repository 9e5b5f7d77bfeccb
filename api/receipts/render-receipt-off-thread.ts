/**
 * renderReceiptPdf on a thread of its own, for the intake. The receipt is ~10 ms of JavaScript
 * and ~1 MB of short-lived objects per request; on the intake's thread it was the largest single
 * cost, and its garbage grew the server's heap. In the worker it is made while this thread parses
 * the next submission and stores its files, and its garbage stays in a heap of its own, capped
 * (MAX_HEAP_MB) so that V8 collects it instead of growing it. Same function, so the same input
 * gives the same bytes as renderReceiptPdf; the receipt is still made before the commit and
 * stored with the request, as before.
 *
 * One worker, started by warmReceiptThread() (the intake's routes call it, so the first
 * submissions do not wait for it to load) or on first use, never holding the process open. A
 * worker that stops after it ran is started again on the next receipt; one that cannot start at
 * all is not tried again. Either way the receipts it had not sent back, and any later ones when
 * it cannot start, are rendered on this thread: slower, never lost. An input the renderer refuses
 * is the same error here as there.
 *
 * @example
 *   warmReceiptThread();                        // at start-up
 *   const pdf = await renderReceiptOffThread(input); // Uint8Array, "%PDF-1.7 ..."
 */
import { Worker } from 'node:worker_threads';
import type { ReceiptDone, ReceiptJob } from './receipt-worker.ts';
import type { ReceiptInput } from './types.ts';

/** The worker's heap: ~20 MB stay alive (fonts, code); a receipt's garbage is collected within this. */
const MAX_HEAP_MB = { young: 8, old: 64 };

interface Pending {
  resolve: (bytes: Uint8Array) => void;
  reject: (err: Error) => void;
  input: ReceiptInput;
}

/**
 * The renderer on this thread, loaded when first needed: pdf-lib, fontkit and the fonts are
 * ~15 MB of heap that this thread, whose receipts the worker makes, would otherwise carry (and
 * mark at every full collection) for nothing.
 */
async function renderHere(input: ReceiptInput): Promise<Uint8Array> {
  const { renderReceiptPdf } = await import('./render-receipt.ts');
  return renderReceiptPdf(input);
}

let worker: Worker | null = null;
/** The worker could not start: this thread renders from now on. */
let unavailable = false;
let nextId = 1;
const pending = new Map<number, Pending>();

function stopped(w: Worker, ranBefore: boolean): void {
  if (worker !== w) return;
  worker = null;
  if (!ranBefore) unavailable = true;
  const left = [...pending.values()];
  pending.clear();
  for (const p of left) renderHere(p.input).then(p.resolve, p.reject);
}

function start(): Worker | null {
  if (worker || unavailable) return worker;
  let ran = false;
  try {
    // Node reads the TypeScript entry as it is (type stripping), without the parent's loaders.
    const w = new Worker(new URL('./receipt-worker.ts', import.meta.url), {
      execArgv: [],
      resourceLimits: { maxYoungGenerationSizeMb: MAX_HEAP_MB.young, maxOldGenerationSizeMb: MAX_HEAP_MB.old },
    });
    w.unref();
    w.on('online', () => (ran = true));
    w.on('message', (done: ReceiptDone) => {
      const p = pending.get(done.id);
      if (!p) return;
      pending.delete(done.id);
      if (pending.size === 0) w.unref();
      if (done.ok) p.resolve(done.bytes);
      else p.reject(done.name === 'RangeError' ? new RangeError(done.message) : new Error(done.message));
    });
    w.on('error', () => stopped(w, ran));
    w.on('exit', () => stopped(w, ran));
    worker = w;
  } catch {
    unavailable = true;
  }
  return worker;
}

/** Starts the worker now, so that it has loaded before the first receipt is needed; false when it cannot start. */
export function warmReceiptThread(): boolean {
  return start() !== null;
}

export function renderReceiptOffThread(input: ReceiptInput): Promise<Uint8Array> {
  const w = start();
  if (!w) return renderHere(input);
  return new Promise<Uint8Array>((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject, input });
    // Held open while a receipt is on its way, so an answer is never left waiting.
    w.ref();
    w.postMessage({ id, input } satisfies ReceiptJob);
  });
}
