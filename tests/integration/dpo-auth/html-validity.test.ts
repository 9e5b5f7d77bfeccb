// The Nu Html Checker over every workspace page, as the server renders them: zero errors.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addUser } from '../../../api/dpo/add-user.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { vnuErrors } from '../../support/vnu.ts';
import { csrfOf, DpoClient, enrolUser, PASSWORD, totpCode } from './dpo-client.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
  t.services.sleep = async () => undefined;
});
afterEach(async () => {
  await t.close();
});

describe('workspace HTML', () => {
  it('has no Nu Html Checker error on any page', async () => {
    const pages: Record<string, string> = {};
    const { link } = await addUser(t.db, { email: 'new@atlas.test', displayName: 'New', role: 'handler', controllerId: 'atlas', publicUrl: t.config.publicUrl, now: t.clock.now });
    const enrol = new DpoClient(t);
    const path = new URL(link).pathname;
    pages['enrol'] = await (await enrol.request(path)).text();
    pages['enrol-errors'] = await (await enrol.request(path, { method: 'POST', form: { _csrf: csrfOf(pages['enrol']), password: 'x', passwordAgain: 'y', code: '1' } })).text();
    const secret = /id="totp-secret">([A-Z2-7]+)</.exec(pages['enrol'])![1]!;
    pages['recovery'] = await (await enrol.request(path, { method: 'POST', form: { _csrf: csrfOf(pages['enrol']), password: PASSWORD, passwordAgain: PASSWORD, code: totpCode(secret, t.clock.now) } })).text();
    pages['enrol-invalid'] = await (await enrol.request(path)).text();

    const e = await enrolUser(t, { email: 'dpo@atlas.test' });
    const c = new DpoClient(t);
    pages['sign-in'] = await (await c.request('/dpo/sign-in?lang=en&signedOut=1')).text();
    pages['sign-in-failed'] = await (await c.submit('/dpo/sign-in', { email: e.email, password: 'wrong password here' })).text();
    await c.submit('/dpo/sign-in', { email: e.email, password: PASSWORD });
    pages['code'] = await (await c.request('/dpo/sign-in/code')).text();
    pages['code-failed'] = await (await c.submit('/dpo/sign-in/code', { code: '000000' })).text();
    await c.submit('/dpo/sign-in/code', { code: totpCode(e.secret, t.clock.now) });
    pages['home'] = await (await c.request('/dpo/')).text();
    pages['csrf'] = await (await c.request('/dpo/sign-out', { method: 'POST', form: {} })).text();

    const errors = vnuErrors(pages);
    expect(errors, errors.join('\n')).toEqual([]);
  });
});
