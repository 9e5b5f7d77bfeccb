// Who handles a request filed through the form, and who else is told: an explicit choice, the
// postcode, no postcode, a choice the statement does not allow. The row and the outbox agree.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outbox } from '../../../db/schema.ts';
import type { FormFields } from '../../support/request-form.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { fileRequest, requestRow } from './support.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const cases: { name: string; over: FormFields; controller: string; reason: string; informed: boolean }[] = [
  { name: 'crt, Atlas chosen, a Ghent postcode: the choice wins', over: { controller: 'atlas', postcode: '9000' }, controller: 'atlas', reason: 'explicitChoice', informed: true },
  { name: 'crt, the contact point chosen: nobody else to inform', over: { controller: 'agii' }, controller: 'agii', reason: 'explicitChoice', informed: false },
  { name: 'crt, no postcode, no choice: the contact point', over: { postcode: '', controller: '' }, controller: 'agii', reason: 'noPostcode', informed: false },
  { name: 'crt, a Brussels postcode: het Huis', over: { postcode: '1050' }, controller: 'huis', reason: 'postcodeInArea', informed: true },
  { name: "IN-Gent's general statement, Atlas chosen: IN-Gent, the choice set aside", over: { statement: 'general', controller: 'atlas', postcode: '2000' }, controller: 'ingent', reason: 'choiceIgnored', informed: false },
];

describe('routing through the form', () => {
  it.each(cases)('$name', async (c) => {
    const created = await fileRequest(t, c.over);
    expect(created.controller.id).toBe(c.controller);
    expect(created.routingReason.code).toBe(c.reason);
    expect(created.contactPointInformed).toBe(c.informed);
    const row = await requestRow(t, created.reference);
    expect(row.controllerId).toBe(c.controller);
    expect(row.contactPointInformed).toBe(c.informed);
    expect(row.routing).toMatchObject({ controller: c.controller, informContactPoint: c.informed, reason: { code: c.reason }, transfers: [] });
    const kinds = (await t.db.select().from(outbox).all()).map((m) => m.kind).sort();
    expect(kinds).toEqual(c.informed ? ['confirmation', 'contact-point-notice', 'dpo-notice'] : ['confirmation', 'dpo-notice']);
  });
});
