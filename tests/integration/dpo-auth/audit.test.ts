// Every account and sign-in step lands in the hash-chained audit trail, without e-mail addresses
// or names, and the chain stays valid.
import { asc } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../api/audit/index.ts';
import { runDpoCli } from '../../../api/dpo/run-dpo-cli.ts';
import { auditEvents } from '../../../db/schema.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { DpoClient, enrolUser } from './dpo-client.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
  t.services.sleep = async () => undefined;
});
afterEach(async () => {
  await t.close();
});

const events = () => t.db.select().from(auditEvents).orderBy(asc(auditEvents.seq));

describe('audit trail of the workspace accounts', () => {
  it('records enrolment, failures, sign-in, sign-out and the CLI actions', async () => {
    const e = await enrolUser(t, { email: 'dpo@atlas.test' });
    await new DpoClient(t).submit('/dpo/sign-in', { email: 'nobody@atlas.test', password: 'whatever it is' });
    await new DpoClient(t).submit('/dpo/sign-in', { email: e.email, password: 'whatever it is' });
    const c = new DpoClient(t);
    await c.submit('/dpo/sign-in', { email: e.email, password: 'correct horse battery staple' });
    await c.submit('/dpo/sign-in/code', { code: '000000' });
    await c.submit('/dpo/sign-in/code', { code: e.recoveryCodes[0]! });
    await c.submit('/dpo/', {}, '/dpo/sign-out-everywhere');
    const cli = (...args: string[]) => runDpoCli(args, { db: t.db, publicUrl: t.config.publicUrl, now: t.clock.now });
    await cli('reset-mfa', '--email', e.email);
    await cli('disable', '--email', e.email);

    const rows = await events();
    const userId = rows[1]!.actorUserId;
    expect(userId).toMatch(/^[0-9a-f-]{36}$/);
    expect(rows.map((r) => [r.type, r.payload])).toEqual([
      ['user_added', { targetUserId: userId, role: 'dpo', controllerId: 'atlas' }],
      ['mfa_enrolled', { method: 'totp' }],
      ['sign_in_failed', { reason: 'unknown_account' }],
      ['sign_in_failed', { reason: 'wrong_password' }],
      ['sign_in_failed', { reason: 'wrong_code' }],
      ['sign_in', { method: 'recovery_code' }],
      ['sign_out_everywhere', { sessionsEnded: 1 }],
      ['mfa_reset', { targetUserId: userId }],
      ['user_disabled', { targetUserId: userId }],
    ]);
    expect(rows.find((r) => r.type === 'sign_in')!.actorUserId).toBe(userId);
    expect(rows.filter((r) => r.type === 'sign_in_failed').map((r) => r.actorUserId)).toEqual([null, null, null]);
    expect(rows.filter((r) => r.type === 'sign_in_failed').map((r) => r.controllerId)).toEqual([null, 'atlas', 'atlas']);
    expect(JSON.stringify(rows)).not.toContain('atlas.test');
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, rows: 9 });
  });

  it('records a plain sign-out', async () => {
    const e = await enrolUser(t, { email: 'dpo@atlas.test' });
    const c = new DpoClient(t);
    await c.signIn(e.email, e.secret);
    await c.submit('/dpo/', {}, '/dpo/sign-out');
    expect((await events()).map((r) => r.type).slice(-2)).toEqual(['sign_in', 'sign_out']);
    expect((await events()).at(-2)!.payload).toEqual({ method: 'password_totp' });
  });
});
