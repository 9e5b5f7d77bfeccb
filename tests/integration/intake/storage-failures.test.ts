// When storage fails, a submission leaves nothing behind: the blob folder unusable or the
// database held by another writer answers 503 with Retry-After (the form can send again), and a
// failure inside the commit rolls everything back and deletes the files already written.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClient, type Client } from '@libsql/client';
import { describe, expect, it } from 'vitest';
import { t as tr } from '../../../content/i18n.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { blobFiles, counts, EMPTY, post, validForm, type ErrorBody } from './support.ts';

async function withApp(fn: (t: TestApp, other: Client) => Promise<void>) {
  const t = await createTestApp();
  // A second connection to the same database file: another instance or a job.
  const other = createClient({ url: t.config.databaseUrl });
  try {
    await fn(t, other);
  } finally {
    other.close();
    await t.close();
  }
}

async function expect503(res: Response, lang: 'uk' | 'en') {
  expect(res.status).toBe(503);
  expect(res.headers.get('retry-after')).toBe('30');
  expect(await res.json()).toEqual({ error: { code: 'form.error.busy', message: tr(lang, 'form.error.busy') } });
}

// Not concurrent: a connection waiting for SQLite's busy timeout blocks the whole event loop.
describe('storage failures', () => {
  it('the blob folder cannot be written: 503, nothing stored', async () => {
    await withApp(async (t) => {
      writeFileSync(join(t.dataDir, 'blobs'), 'a file where the folder should be');
      await expect503(await post(t, await validForm({ lang: 'en' })), 'en');
      expect(await counts(t)).toEqual(EMPTY);
    });
  });

  it('the database held by another writer from the start: 503 after the busy timeout; sent again later: 201', async () => {
    await withApp(async (t, other) => {
      const tx = await other.transaction('write');
      await tx.execute("INSERT INTO job_leases (name, holder, expires_at) VALUES ('maintenance', 'other', 0)");
      try {
        // Refused at the first write, before the body is read: Accept-Language decides the language.
        await expect503(await post(t, await validForm(), { headers: { 'accept-language': 'uk' } }), 'uk');
      } finally {
        await tx.rollback();
      }
      expect(await counts(t)).toEqual(EMPTY);
      expect(blobFiles(t)).toEqual([]);
      expect((await post(t, await validForm())).status).toBe(201);
    });
  });

  it('the database taken by another writer while the files are prepared: 503, the files written are deleted', async () => {
    await withApp(async (t, other) => {
      const pending = post(t, await validForm());
      // The rate-limit counter is the submission's first write; right after it, the ID copy is
      // being watermarked (a few hundred ms): take the write lock then.
      const until = Date.now() + 10_000;
      while ((await other.execute('SELECT count(*) AS n FROM rate_limits')).rows[0]!.n === 0) {
        if (Date.now() > until) throw new Error('the submission never counted itself');
        await new Promise((r) => setTimeout(r, 2));
      }
      const tx = await other.transaction('write');
      await tx.execute("INSERT INTO job_leases (name, holder, expires_at) VALUES ('maintenance', 'other', 0)");
      let res: Response;
      try {
        res = await pending;
      } finally {
        await tx.rollback();
      }
      await expect503(res, 'uk');
      expect(await counts(t)).toEqual(EMPTY);
      expect(blobFiles(t)).toEqual([]);
    });
  });

  it('a failure inside the commit (the outbox refuses the mail): 500, no row, no file, no blob; nothing left to trip the next one', async () => {
    await withApp(async (t, other) => {
      await other.execute("CREATE TRIGGER outbox_broken BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'outbox broken'); END");
      const res = await post(t, await validForm());
      expect(res.status).toBe(500);
      expect(((await res.json()) as ErrorBody).error.code).toBe('internal');
      expect(await counts(t)).toEqual(EMPTY);
      expect(blobFiles(t)).toEqual([]);
      await other.execute('DROP TRIGGER outbox_broken');
      expect((await post(t, await validForm())).status).toBe(201);
      expect(await counts(t)).toMatchObject({ requests: 1, files: 2, outbox: 3 });
      expect(blobFiles(t)).toHaveLength(2);
    });
  });
});
