// A form sent twice with one Idempotency-Key files one request: the second answer is the first
// (200 instead of 201), also when both arrive at the same moment. And a client that sends too many
// forms in an hour is told to wait (429), before anything is parsed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { t as tr } from '../../../content/i18n.ts';
import { syntheticIdCard } from '../../support/request-form.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { blobFiles, counts, EMPTY, post, validForm, type Created, type ErrorBody } from './support.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const KEY = 'form-3f9c0d1e6a7b8c9d0e1f';

describe('Idempotency-Key', () => {
  it('the same key twice: the same answer, 201 then 200, one request', async () => {
    const first = await post(t, await validForm(), { headers: { 'idempotency-key': KEY } });
    expect(first.status).toBe(201);
    const a = (await first.json()) as Created;
    const second = await post(t, await validForm(), { headers: { 'idempotency-key': KEY } });
    expect(second.status).toBe(200);
    expect(await second.json()).toEqual(a);
    expect(await counts(t)).toEqual({ requests: 1, files: 2, outbox: 3, events: 1, idempotency: 1 });
    expect(blobFiles(t)).toHaveLength(2);
  });

  it('the key as a form field works the same', async () => {
    const a = await post(t, await validForm({ idempotencyKey: KEY }));
    const b = await post(t, await validForm({ idempotencyKey: KEY }));
    expect([a.status, b.status]).toEqual([201, 200]);
    expect(((await b.json()) as Created).reference).toBe(((await a.json()) as Created).reference);
    expect((await counts(t)).requests).toBe(1);
  });

  it('two submissions with the same key at the same moment: one request, both answered with it', async () => {
    const [f1, f2] = await Promise.all([validForm(), validForm()]);
    const [r1, r2] = await Promise.all([post(t, f1!, { headers: { 'idempotency-key': KEY } }), post(t, f2!, { headers: { 'idempotency-key': KEY } })]);
    const statuses = [r1.status, r2.status].sort();
    const [b1, b2] = (await Promise.all([r1.json(), r2.json()])) as Created[];
    expect(statuses, JSON.stringify([b1, b2])).toEqual([200, 201]);
    expect(b1!.reference).toBe(b2!.reference);
    expect(b1!.statusToken).toBe(b2!.statusToken);
    expect(await counts(t)).toEqual({ requests: 1, files: 2, outbox: 3, events: 1, idempotency: 1 });
    // The loser's files were deleted: only the winner's two blobs remain.
    expect(blobFiles(t)).toHaveLength(2);
  });

  it('the same key with another form: refused, and the first answer (with its secret status token) is not given out', async () => {
    const first = (await (await post(t, await validForm(), { headers: { 'idempotency-key': KEY } })).json()) as Created;
    const other = await post(t, await validForm({ lang: 'en', firstName: 'Mallory', email: 'mallory@example.org' }), { headers: { 'idempotency-key': KEY } });
    expect(other.status).toBe(422);
    const text = await other.text();
    expect(text).not.toContain(first.statusToken);
    expect(text).not.toContain(first.reference);
    expect((JSON.parse(text) as ErrorBody).error.issues).toEqual([{ path: 'idempotencyKey', code: 'form.error.malformed', message: tr('en', 'form.error.malformed') }]);
    // Another ID copy with the same fields is another form too.
    const otherCard = await post(t, await validForm({}, { idCopy: await syntheticIdCard({ gps: false }) }), { headers: { 'idempotency-key': KEY } });
    expect(otherCard.status).toBe(422);
    expect(await counts(t)).toMatchObject({ requests: 1, idempotency: 1 });
    // The same form again still gets its answer.
    const again = await post(t, await validForm(), { headers: { 'idempotency-key': KEY } });
    expect(again.status).toBe(200);
    expect(((await again.json()) as Created).statusToken).toBe(first.statusToken);
  });

  it('different keys: two requests', async () => {
    expect((await post(t, await validForm(), { headers: { 'idempotency-key': `${KEY}-a` } })).status).toBe(201);
    expect((await post(t, await validForm(), { headers: { 'idempotency-key': `${KEY}-b` } })).status).toBe(201);
    expect((await counts(t)).requests).toBe(2);
  });

  it('a malformed key: 422 on idempotencyKey, nothing stored', async () => {
    for (const key of ['short', 'has spaces in it, sixteen+', 'x'.repeat(129)]) {
      const res = await post(t, await validForm({ lang: 'en' }), { headers: { 'idempotency-key': key } });
      expect(res.status).toBe(422);
      expect(((await res.json()) as ErrorBody).error.issues).toEqual([{ path: 'idempotencyKey', code: 'form.error.malformed', message: tr('en', 'form.error.malformed') }]);
    }
    expect(await counts(t)).toEqual(EMPTY);
    expect(blobFiles(t)).toEqual([]);
  });
});

describe('rate limit', () => {
  it('the 21st form from one client within the hour: 429; another client and the next hour are fine', async () => {
    const tiny = () => validForm({ lang: 'en', email: 'invalid' }, { idCopy: null });
    for (let i = 0; i < 20; i++) expect((await post(t, await tiny(), { client: '198.51.100.1' })).status).toBe(422);
    const limited = await post(t, await tiny(), { client: '198.51.100.1', headers: { 'accept-language': 'fr' } });
    expect(limited.status).toBe(429);
    expect(await limited.json()).toEqual({ error: { code: 'form.error.rateLimited', message: tr('fr', 'form.error.rateLimited') } });
    expect((await post(t, await tiny(), { client: '198.51.100.2' })).status).toBe(422);
    t.clock.now += 3_600_000;
    expect((await post(t, await tiny(), { client: '198.51.100.1' })).status).toBe(422);
    // No address is stored in clear.
    const keys = await t.db.$client.execute('SELECT key FROM rate_limits');
    for (const r of keys.rows) expect(String(r.key)).not.toContain('198.51.100');
  });

  it('behind a load balancer (TRUST_PROXY_HOPS=1): the address the balancer saw counts, not what the client wrote before it', async () => {
    const behind = await createTestApp({ TRUST_PROXY_HOPS: '1', SUBMISSIONS_PER_HOUR: '2' });
    try {
      const tiny = () => validForm({ lang: 'en', email: 'invalid' }, { idCopy: null });
      // One client rotating a forged first entry: still one client, the third form is refused.
      expect((await post(behind, await tiny(), { client: '10.0.0.1', headers: { 'x-forwarded-for': '1.1.1.1, 203.0.113.7' } })).status).toBe(422);
      expect((await post(behind, await tiny(), { client: '10.0.0.1', headers: { 'x-forwarded-for': '2.2.2.2, 203.0.113.7' } })).status).toBe(422);
      expect((await post(behind, await tiny(), { client: '10.0.0.1', headers: { 'x-forwarded-for': '3.3.3.3, 203.0.113.7' } })).status).toBe(429);
      // Another client behind the same balancer has its own count.
      expect((await post(behind, await tiny(), { client: '10.0.0.1', headers: { 'x-forwarded-for': '203.0.113.8' } })).status).toBe(422);
    } finally {
      await behind.close();
    }
    // Without trusted proxies the header is ignored: one connection address, one count.
    const direct = await createTestApp({ SUBMISSIONS_PER_HOUR: '1' });
    try {
      const tiny = () => validForm({ lang: 'en', email: 'invalid' }, { idCopy: null });
      expect((await post(direct, await tiny(), { client: '10.0.0.2', headers: { 'x-forwarded-for': '203.0.113.9' } })).status).toBe(422);
      expect((await post(direct, await tiny(), { client: '10.0.0.2', headers: { 'x-forwarded-for': '203.0.113.10' } })).status).toBe(429);
    } finally {
      await direct.close();
    }
  });
});
