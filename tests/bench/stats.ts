/**
 * What the benchmarks share: percentiles of sorted samples and a small seeded random generator
 * (mulberry32), so a run's data are the same every time.
 *
 * @example
 *   percentile([1, 2, 3, 4], 50) // 3
 *   const random = prng(42); random() // 0.6011037519...
 */

/** The p-th percentile (nearest rank) of samples sorted ascending; NaN for none. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** mulberry32: small, seeded, good enough to spread timestamps and pick cases. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
