// The receipt rendered on the receipt thread: the same bytes as on this thread, the same refusals.
import { describe, expect, it } from 'vitest';
import { renderReceiptOffThread, warmReceiptThread } from '../../../api/receipts/render-receipt-off-thread.ts';
import { renderReceiptPdf } from '../../../api/receipts/render-receipt.ts';
import { receiptInput, signaturePng } from './fixtures.ts';

describe('renderReceiptOffThread', () => {
  it('starts its worker (it does not fall back to this thread here)', () => {
    expect(warmReceiptThread()).toBe(true);
  });

  it('gives the bytes renderReceiptPdf gives, typed or drawn signature, several at once', async () => {
    const png = await signaturePng();
    const inputs = [receiptInput('uk'), receiptInput('nl', { signature: { kind: 'drawn', png } }), receiptInput('fr', { reference: 'PR-0000-0000-0' })];
    const off = await Promise.all(inputs.map((i) => renderReceiptOffThread(i)));
    for (const [i, input] of inputs.entries()) expect(Buffer.from(off[i]!).equals(Buffer.from(await renderReceiptPdf(input)))).toBe(true);
  });

  it('refuses what renderReceiptPdf refuses, with the same error type', async () => {
    await expect(renderReceiptOffThread(receiptInput('nl', { legalDeadline: '4 mei 2026' }))).rejects.toThrow(RangeError);
    await expect(renderReceiptOffThread(receiptInput('nl', { legalDeadline: '4 mei 2026' }))).rejects.toThrow(/legalDeadline/);
  });
});
