// A new request never takes a reference that a stored one has: against the real app and a real
// SQLite file, with a generator made to repeat a stored reference.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshReference } from '../../../api/requests/fresh-reference.ts';
import { generateReference, type RequestReference } from '../../../api/requests/reference.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { fileRequest, type Created } from './support.ts';

let t: TestApp;
let stored: Created;

beforeAll(async () => {
  t = await createTestApp();
  stored = await fileRequest(t);
});
afterAll(async () => {
  await t.close();
});

/** Gives the references in turn, then fails the test if asked for more. */
function drawing(...refs: string[]): () => RequestReference {
  return () => {
    const next = refs.shift();
    if (next === undefined) throw new Error('drew more references than expected');
    return next as RequestReference;
  };
}

describe('freshReference', () => {
  it('draws again while the reference is taken', async () => {
    const free = generateReference();
    expect(await freshReference(t.db, drawing(stored.reference, stored.reference, free))).toBe(free);
  });

  it('takes the first draw when it is free, with one look-up', async () => {
    const free = generateReference();
    expect(await freshReference(t.db, drawing(free))).toBe(free);
  });

  it('gives up, loudly, on a generator that only repeats', async () => {
    await expect(freshReference(t.db, () => stored.reference as RequestReference)).rejects.toThrow(/not random/);
  });
});
