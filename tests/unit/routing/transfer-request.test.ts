import { describe, expect, it } from 'vitest';
import { createRoutingRecord } from '../../../api/routing/create-routing-record.ts';
import { explainRoutingRecord, explainTransferRefusal } from '../../../api/routing/explain-routing.ts';
import { routeRequest } from '../../../api/routing/route-request.ts';
import { transferRequest, type TransferRefusal } from '../../../api/routing/transfer-request.ts';
import { LANGS } from '../../../content/schema.ts';

const receivedAt = Date.parse('2026-01-10T10:00:00Z');
const later = Date.parse('2026-02-03T09:00:00Z');
const crt = createRoutingRecord(routeRequest({ statement: 'crt', postcode: '8500' }), receivedAt);

describe('transferring a request', () => {
  it('moves it, keeps the date of receipt and appends the transfer to the history', () => {
    const r = transferRequest(crt, { to: 'atlas', by: ' dpo@agii ', at: later, reason: ' Lives in Antwerp since January ' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.record).toMatchObject({ controller: 'atlas', receivedAt, informContactPoint: true, reason: crt.reason });
    expect(r.record.transfers).toEqual([{ from: 'agii', to: 'atlas', by: 'dpo@agii', at: later, reason: 'Lives in Antwerp since January' }]);
    expect(crt.transfers).toEqual([]); // the old record is untouched
    expect(crt.controller).toBe('agii');
  });

  it('chains transfers, and stops informing the contact point once it handles the request itself', () => {
    const first = transferRequest(crt, { to: 'atlas', by: 'a', at: later, reason: 'Antwerp' });
    if (!first.ok) throw new Error('refused');
    const back = transferRequest(first.record, { to: 'agii', by: 'b', at: later + 1000, reason: 'Moved away' });
    if (!back.ok) throw new Error('refused');
    expect(back.record).toMatchObject({ controller: 'agii', informContactPoint: false, receivedAt });
    expect(back.record.transfers.map((t) => `${t.from}->${t.to}`)).toEqual(['agii->atlas', 'atlas->agii']);
  });

  const refusals: [string, Parameters<typeof transferRequest>[1], TransferRefusal['code']][] = [
    ['to the same controller', { to: 'agii', by: 'a', at: later, reason: 'x' }, 'sameController'],
    ['with an empty reason', { to: 'atlas', by: 'a', at: later, reason: '' }, 'reasonRequired'],
    ['with a blank reason', { to: 'atlas', by: 'a', at: later, reason: '  \n ' }, 'reasonRequired'],
    ['without an actor', { to: 'atlas', by: ' ', at: later, reason: 'x' }, 'actorRequired'],
    ['dated before receipt', { to: 'atlas', by: 'a', at: receivedAt - 1, reason: 'x' }, 'timeTooEarly'],
    ['dated NaN', { to: 'atlas', by: 'a', at: Number.NaN, reason: 'x' }, 'timeTooEarly'],
  ];
  it.each(refusals)('refuses a transfer %s', (_what, input, code) => {
    const r = transferRequest(crt, input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.refusal.code).toBe(code);
  });

  it('refuses a transfer dated before the previous one', () => {
    const first = transferRequest(crt, { to: 'atlas', by: 'a', at: later, reason: 'x' });
    if (!first.ok) throw new Error('refused');
    expect(transferRequest(first.record, { to: 'huis', by: 'a', at: later - 1, reason: 'x' })).toMatchObject({ ok: false, refusal: { code: 'timeTooEarly' } });
  });

  it('refuses moving a general-statement request to a controller that has no part in it', () => {
    const general = createRoutingRecord(routeRequest({ statement: 'general' }), receivedAt);
    expect(transferRequest(general, { to: 'atlas', by: 'a', at: later, reason: 'x' })).toEqual({
      ok: false,
      refusal: { code: 'notController', controller: 'atlas', statement: 'general' },
    });
  });

  const allRefusals: TransferRefusal[] = [
    { code: 'sameController', controller: 'agii' },
    { code: 'notController', controller: 'huis', statement: 'website' },
    { code: 'reasonRequired' },
    { code: 'actorRequired' },
    { code: 'timeTooEarly' },
  ];
  it.each(LANGS.flatMap((lang) => allRefusals.map((r) => [lang, r.code, r] as const)))('explains refusal in %s: %s', (lang, _c, refusal) => {
    const text = explainTransferRefusal(lang, refusal);
    expect(text.length).toBeGreaterThan(10);
    expect(text).not.toMatch(/[{}]/);
  });

  it.each(LANGS)('tells the requester about the transfer in %s, with both dates', (lang) => {
    const r = transferRequest(crt, { to: 'atlas', by: 'a', at: later, reason: 'x' });
    if (!r.ok) throw new Error('refused');
    const text = explainRoutingRecord(lang, r.record);
    expect(text).not.toMatch(/[{}]/);
    expect(text).toContain('Atlas');
    expect(text.match(/2026/g)).toHaveLength(2);
    expect(text).not.toMatch(/\.\./);
  });
});
