/**
 * A crash in the middle of the load: the real server is killed with SIGKILL while 200
 * submissions arrive at concurrency 8, then started again on the same data folder. Every request
 * that was answered 201 must be complete; nothing that was not answered may be half there; and
 * the start-up sweep leaves no orphan file behind once the files are past its grace period.
 */
import { afterAll, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requests } from '../../db/schema.ts';
import { startServer } from '../support/server.ts';
import { ageBlobFolder, checkEveryRequest, openDataFolder, strayFiles, submitMany, type SubmissionOutcome } from './support.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'portal-crash-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const ENV = { SUBMISSIONS_PER_HOUR: '100000', JOBS: 'false' };

it('SIGKILL during 200 submissions: every 201 is complete, nothing is half there, no orphan file after the restart', { timeout: 240_000 }, async () => {
  const first = await startServer(ENV, { dataDir });
  let killed = false;
  // Kill once 40 requests were answered 201: others are in flight, some with files written.
  const onAnswer = (done: SubmissionOutcome[]) => {
    if (!killed && done.filter((d) => d.status === 201).length >= 40) {
      killed = true;
      void first.kill();
    }
  };
  const outcomes = await submitMany(first.url, { total: 200, concurrency: 8, onAnswer, timeoutMs: 60_000 });
  await first.kill();
  expect(killed).toBe(true);

  const created = outcomes.filter((o) => o.status === 201);
  const refused = outcomes.filter((o) => o.status !== 201 && o.status !== 'network_error');
  expect(created.length).toBeGreaterThanOrEqual(40);
  // Nothing but a 201 or a broken connection: a killed server answers nothing else.
  expect(refused).toEqual([]);
  expect(outcomes.filter((o) => o.status === 'network_error').length).toBeGreaterThan(0);

  // The files of the submissions cut off have passed the sweep's grace period (ten minutes, so
  // that a sibling instance's submission in flight keeps its files) by the time of the restart.
  const before = await openDataFolder(dataDir);
  const strayBefore = (await strayFiles(before, dataDir)).length;
  before.close();
  console.info(`crash test: ${created.length} answered 201, ${strayBefore} files of unanswered submissions left by the kill`);
  ageBlobFolder(dataDir, 11 * 60_000);
  const second = await startServer(ENV, { dataDir });
  await second.stop();
  if (strayBefore > 0) expect(second.output()).toContain('orphan_files_removed');

  const folder = await openDataFolder(dataDir);
  try {
    const stored = await folder.db.select({ reference: requests.reference }).from(requests);
    const storedRefs = new Set(stored.map((r) => r.reference));
    for (const c of created) expect(storedRefs.has(c.reference!), `answered 201 but not stored: ${c.reference}`).toBe(true);
    // A request may be stored whose 201 was lost with the connection; if so, it is complete too.
    const check = await checkEveryRequest(folder);
    expect(check.incomplete).toEqual([]);
    expect(check.requests).toBeGreaterThanOrEqual(created.length);
    expect(check.requests).toBeLessThanOrEqual(created.length + 8);
    expect(await strayFiles(folder, dataDir)).toEqual([]);
  } finally {
    folder.close();
  }
});
