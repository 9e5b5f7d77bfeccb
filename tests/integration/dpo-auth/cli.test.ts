// The `dpo` admin command against a real SQLite file: add-user, list, disable, enable, reset-mfa; and
// once as a real process (npm run dpo runs `tsx api/dpo/cli.ts`).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDpoCli } from '../../../api/dpo/run-dpo-cli.ts';
import { openDatabase, type Db } from '../../../db/client.ts';
import { sessions, users } from '../../../db/schema.ts';
import { ROOT, TSX_CLI } from '../../support/server.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { DpoClient, enrolUser } from './dpo-client.ts';

const NOW = Date.parse('2026-04-01T08:00:00Z');
let dir: string;
let db: Db;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dpo-cli-'));
  db = await openDatabase({ url: `file:${join(dir, 'portal.db')}` });
});
afterEach(() => {
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

const run = (...args: string[]) => runDpoCli(args, { db, publicUrl: 'https://privacy.example.be', now: NOW });

describe('dpo CLI', () => {
  it('adds a user and prints a 72-hour enrolment link, storing only its hash', async () => {
    const r = await run('add-user', '--controller', 'atlas', '--role', 'dpo', '--email', 'An.Peeters@Atlas.be', '--name', 'An Peeters');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^Enrolment link for an\.peeters@atlas\.be \(valid until 2026-04-04T08:00:00\.000Z\):\nhttps:\/\/privacy\.example\.be\/dpo\/enrol\/[A-Za-z0-9_-]{43}\n$/);
    const token = r.stdout.trim().split('/').at(-1)!;
    const [u] = await db.select().from(users).where(eq(users.email, 'an.peeters@atlas.be'));
    expect(u).toMatchObject({ role: 'dpo', controllerId: 'atlas', displayName: 'An Peeters', passwordHash: null });
    expect(u!.enrolmentTokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(u!.enrolmentTokenHash).not.toContain(token);
    expect(u!.enrolmentExpiresAt!.getTime()).toBe(NOW + 72 * 3_600_000);
  });

  it('refuses a duplicate e-mail, a missing controller, an admin with one, an unknown role or controller', async () => {
    await run('add-user', '--controller', 'atlas', '--role', 'dpo', '--email', 'x@atlas.be', '--name', 'X');
    const dup = await run('add-user', '--controller', 'atlas', '--role', 'dpo', '--email', 'X@atlas.be', '--name', 'X');
    expect(dup).toMatchObject({ exitCode: 1, stdout: '' });
    expect(dup.stderr).toContain('an account for x@atlas.be exists');
    expect((await run('add-user', '--role', 'dpo', '--email', 'y@atlas.be', '--name', 'Y')).stderr).toContain('need --controller');
    expect((await run('add-user', '--role', 'admin', '--controller', 'atlas', '--email', 'y@atlas.be', '--name', 'Y')).exitCode).toBe(1);
    expect((await run('add-user', '--role', 'boss', '--controller', 'atlas', '--email', 'y@atlas.be', '--name', 'Y')).exitCode).toBe(2);
    expect((await run('add-user', '--role', 'dpo', '--controller', 'nowhere', '--email', 'y@atlas.be', '--name', 'Y')).exitCode).toBe(1);
    expect((await run('add-user', '--role', 'dpo', '--controller', 'atlas', '--email', 'y@atlas.be')).stderr).toContain('add-user needs --name');
    expect((await run('frobnicate')).exitCode).toBe(2);
    expect((await run('--help')).stdout).toContain('reset-mfa --email EMAIL');
  });

  it('lists, disables, enables again and resets accounts', async () => {
    await run('add-user', '--role', 'admin', '--email', 'admin@portal.be', '--name', 'Admin');
    await run('add-user', '--controller', 'ingent', '--role', 'auditor', '--email', 'audit@ingent.be', '--name', 'Audit');
    let list = await run('list');
    expect(list.stdout.split('\n')).toEqual([
      'email\tname\trole\tcontroller\tstate\tlast sign-in',
      'admin@portal.be\tAdmin\tadmin\t-\tenrolment pending\tnever',
      'audit@ingent.be\tAudit\tauditor\tingent\tenrolment pending\tnever',
      '',
    ]);
    expect((await run('disable', '--email', 'Audit@ingent.be')).stdout).toBe('Disabled audit@ingent.be; its sessions have ended.\n');
    list = await run('list');
    expect(list.stdout).toContain('audit@ingent.be\tAudit\tauditor\tingent\tdisabled\tnever');
    expect((await run('disable', '--email', 'nobody@x.be')).exitCode).toBe(1);
    expect((await run('reset-mfa', '--email', 'audit@ingent.be')).stderr).toContain('disabled');
    // Enabled again: afresh, with a new link; a second time is refused.
    const enabled = await run('enable', '--email', 'audit@ingent.be');
    expect(enabled.stdout).toMatch(/^Enabled audit@ingent\.be again\. New enrolment link \(valid until .*\):\nhttps:\/\/privacy\.example\.be\/dpo\/enrol\/[A-Za-z0-9_-]{43}\n$/);
    expect((await run('list')).stdout).toContain('audit@ingent.be\tAudit\tauditor\tingent\tenrolment pending\tnever');
    const again = await run('enable', '--email', 'audit@ingent.be');
    expect([again.exitCode, again.stderr]).toEqual([1, 'dpo: the account of audit@ingent.be is not disabled\n']);
    const reset = await run('reset-mfa', '--email', 'admin@portal.be');
    expect(reset.exitCode).toBe(0);
    expect(reset.stdout).toMatch(/^New enrolment link for admin@portal\.be .*\nhttps:\/\/privacy\.example\.be\/dpo\/enrol\/[A-Za-z0-9_-]{43}\n$/);
  });

  it('runs as a process against the DATA_DIR database', async () => {
    db.$client.close();
    const env = { ...process.env, DATA_DIR: dir, PUBLIC_URL: 'https://privacy.example.be', NODE_ENV: 'test' };
    const { stdout } = await promisify(execFile)(process.execPath, [TSX_CLI, 'api/dpo/cli.ts', 'add-user', '--controller', 'huis', '--role', 'handler', '--email', 'h@huis.be', '--name', 'H'], { cwd: ROOT, env });
    expect(stdout).toMatch(/^Enrolment link for h@huis\.be .*\nhttps:\/\/privacy\.example\.be\/dpo\/enrol\//);
    db = await openDatabase({ url: `file:${join(dir, 'portal.db')}` });
    expect(await db.select({ email: users.email }).from(users)).toEqual([{ email: 'h@huis.be' }]);
  });
});

describe('dpo CLI on an enrolled account', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    t.services.sleep = async () => undefined;
  });
  afterEach(async () => {
    await t.close();
  });

  it('disable ends the sessions and blocks sign-in; reset-mfa clears the factors and re-enrolment works', async () => {
    const e = await enrolUser(t, { email: 'dpo@atlas.test' });
    const cli = (...args: string[]) => runDpoCli(args, { db: t.db, publicUrl: t.config.publicUrl, now: t.clock.now });
    const c = new DpoClient(t);
    expect((await c.signIn(e.email, e.secret)).status).toBe(303);
    expect((await cli('list')).stdout).toContain('dpo@atlas.test\tUser dpo@atlas.test\tdpo\tatlas\tactive\t');

    const reset = await cli('reset-mfa', '--email', 'dpo@atlas.test');
    expect(await t.db.select().from(sessions)).toHaveLength(0);
    expect((await c.request('/dpo/')).status).toBe(303);
    const [u] = await t.db.select().from(users).where(eq(users.email, 'dpo@atlas.test'));
    expect(u).toMatchObject({ passwordHash: null, totpSecret: null, totpEnrolledAt: null, recoveryCodes: [] });
    t.clock.now += 31_000;
    expect((await new DpoClient(t).signIn(e.email, e.secret)).status).toBe(401);
    const page = await new DpoClient(t).request(new URL(reset.stdout.trim().split('\n')[1]!).pathname);
    expect(page.status).toBe(200);

    await cli('disable', '--email', 'dpo@atlas.test');
    expect((await new DpoClient(t).request(new URL(reset.stdout.trim().split('\n')[1]!).pathname)).status).toBe(404);
  });

  it('disable ends a live session at once', async () => {
    const e = await enrolUser(t, { email: 'dpo@atlas.test' });
    const c = new DpoClient(t);
    expect((await c.signIn(e.email, e.secret)).status).toBe(303);
    await runDpoCli(['disable', '--email', 'dpo@atlas.test'], { db: t.db, publicUrl: t.config.publicUrl, now: t.clock.now });
    expect((await c.request('/dpo/')).status).toBe(303);
    t.clock.now += 31_000;
    expect((await new DpoClient(t).submit('/dpo/sign-in', { email: e.email, password: 'correct horse battery staple' })).status).toBe(401);
  });
});
