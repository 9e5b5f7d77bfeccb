// Freeing a buffer at once: only one that owns its memory, and only once.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { releaseBuffer } from '../../../api/images/release-buffer.ts';

describe('releaseBuffer', () => {
  it("frees sharp's decoded pixels now: the buffer is empty afterwards and the external memory drops", async () => {
    const jpeg = await sharp({ create: { width: 1000, height: 1000, channels: 3, background: '#336699' } }).jpeg().toBuffer();
    const pixels = await sharp(jpeg).raw().toBuffer();
    expect(pixels.length).toBe(3_000_000);
    const before = process.memoryUsage().external;
    releaseBuffer(pixels);
    expect(pixels.length).toBe(0);
    expect(before - process.memoryUsage().external).toBeGreaterThan(2_900_000);
    releaseBuffer(pixels); // a second time: nothing to do, no error
  });

  it('leaves alone a view into a larger ArrayBuffer (such as Node\'s pool of small buffers)', () => {
    const shared = new Uint8Array(64);
    const view = shared.subarray(8, 24);
    releaseBuffer(view);
    expect(view.length).toBe(16);
    const small = Buffer.from('pooled');
    releaseBuffer(small);
    expect(small.toString()).toBe('pooled');
  });

  it('frees typed arrays of its own (the watermark stamp\'s runs)', () => {
    const runs = Int32Array.from([1, 2, 3]);
    releaseBuffer(runs);
    expect(runs.length).toBe(0);
  });
});
