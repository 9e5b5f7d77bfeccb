/**
 * A limit on how much of a CPU- and memory-heavy step runs at the same time; the rest waits its
 * turn, first come first served. On a server with two cores, eight requests that each decode a
 * 2-megapixel image at once do not finish sooner than two at a time would: they only hold eight
 * decoded images (6 MB each) in memory, and all finish late together. A task may take more than
 * one slot (a 40-megapixel image holds 120 MB decoded): it then waits until that many are free,
 * and the tasks behind it wait behind it.
 *
 * @example
 *   const imageSlots = limitConcurrency(2);
 *   const jpeg = await imageSlots(() => watermark(upload));
 *   const huge = await imageSlots(() => watermark(bigUpload), 2); // alone
 */
export type Limited = <T>(task: () => Promise<T>, slots?: number) => Promise<T>;

export function limitConcurrency(max: number): Limited {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`The concurrency limit must be a positive integer; got ${max}.`);
  let used = 0;
  const waiting: { slots: number; start: () => void }[] = [];
  const admit = () => {
    while (waiting.length > 0 && used + waiting[0]!.slots <= max) {
      const next = waiting.shift()!;
      used += next.slots;
      next.start();
    }
  };
  return async <T>(task: () => Promise<T>, slots = 1): Promise<T> => {
    const need = Math.min(max, Math.max(1, Math.ceil(slots)));
    if (waiting.length === 0 && used + need <= max) used += need;
    else await new Promise<void>((start) => waiting.push({ slots: need, start }));
    try {
      return await task();
    } finally {
      used -= need;
      admit();
    }
  };
}
