/**
 * The receipt thread's entry point (render-receipt-off-thread.ts starts it): renders each receipt
 * it is sent with renderReceiptPdf and sends the bytes back. One receipt at a time, in the order
 * they arrive (renderReceiptPdf queues them).
 *
 * @example
 *   new Worker(new URL('./receipt-worker.ts', import.meta.url)); // then postMessage({ id, input })
 */
import { parentPort } from 'node:worker_threads';
import { renderReceiptPdf } from './render-receipt.ts';
import type { ReceiptInput } from './types.ts';

export interface ReceiptJob {
  id: number;
  input: ReceiptInput;
}

export type ReceiptDone = { id: number; ok: true; bytes: Uint8Array } | { id: number; ok: false; name: string; message: string };

parentPort?.on('message', (job: ReceiptJob) => {
  renderReceiptPdf(job.input).then(
    (bytes) => parentPort!.postMessage({ id: job.id, ok: true, bytes } satisfies ReceiptDone),
    (err: unknown) => parentPort!.postMessage({ id: job.id, ok: false, name: err instanceof Error ? err.name : 'Error', message: err instanceof Error ? err.message : String(err) } satisfies ReceiptDone),
  );
});
