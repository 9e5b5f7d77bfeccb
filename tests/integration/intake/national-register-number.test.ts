// The portal never asks for a national register number; one typed into free text is masked
// before anything is stored, and the answer says how many were masked.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NATIONAL_REGISTER_NUMBER_MASK } from '../../../api/requests/national-register-number.ts';
import { pdftotext } from '../../support/pdf-tools.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { fileRequest, filesOf, personalOf, requestRow, withStatusToken } from './support.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const written = ['85.07.30-033.28', '85073003328', '850730 033 28'];

describe('national register numbers in free text', () => {
  it('one in the explanation: masked, counted, and gone from the decrypted personal data', async () => {
    const created = await fileRequest(t, { 'explanation.access': 'my number is 85.07.30-033.28, please look me up' });
    expect(created.nationalRegisterNumbersMasked).toBe(1);
    const row = await requestRow(t, created.reference);
    const personal = personalOf(t, row);
    expect(personal.explanations.access).toBe(`my number is ${NATIONAL_REGISTER_NUMBER_MASK}, please look me up`);
    const json = JSON.stringify(personal);
    for (const w of written) expect(json).not.toContain(w);
    expect(json.replace(/\D/g, '')).not.toContain('85073003328');
    // The receipt never showed it either.
    const receipt = await t.app.request('/api/requests/status/receipt', { headers: withStatusToken(created.statusToken) });
    expect(pdftotext(new Uint8Array(await receipt.arrayBuffer())).replace(/\D/g, '')).not.toContain('85073003328');
  });

  it('in several free-text fields, in several notations: each masked and counted', async () => {
    const created = await fileRequest(t, {
      rights: ['rectification', 'objection'],
      'explanation.access': [],
      'rectification.wrong': 'You wrote my number as 85073003328.',
      'rectification.right': 'It is 02 11 05 248 41 now (bis).',
      'explanation.objection': 'Not 850730-033-28 and not 85.07.30-033.28 either.',
      street: 'Kongostraat 1 (rrn 85.07.30.033.28)',
    });
    expect(created.nationalRegisterNumbersMasked).toBe(5);
    const personal = personalOf(t, await requestRow(t, created.reference));
    expect(personal.rectification!.wrong).toBe(`You wrote my number as ${NATIONAL_REGISTER_NUMBER_MASK}.`);
    expect(personal.rectification!.right).toBe(`It is ${NATIONAL_REGISTER_NUMBER_MASK} now (bis).`);
    expect(personal.explanations.objection).toBe(`Not ${NATIONAL_REGISTER_NUMBER_MASK} and not ${NATIONAL_REGISTER_NUMBER_MASK} either.`);
    expect(personal.address.street).toBe(`Kongostraat 1 (rrn ${NATIONAL_REGISTER_NUMBER_MASK})`);
  });

  it('in the place of signing and the typed signature (both printed on the receipt): masked there too', async () => {
    const created = await fileRequest(t, { signedPlace: 'Gent, 85.07.30-033.28', signatureName: 'Olena Kovalenko 85073003328' });
    expect(created.nationalRegisterNumbersMasked).toBe(2);
    const personal = personalOf(t, await requestRow(t, created.reference));
    expect(personal.signedPlace).toBe(`Gent, ${NATIONAL_REGISTER_NUMBER_MASK}`);
    expect(personal.signature).toEqual({ method: 'typed', name: `Olena Kovalenko ${NATIONAL_REGISTER_NUMBER_MASK}` });
    const receipt = await t.app.request('/api/requests/status/receipt', { headers: withStatusToken(created.statusToken) });
    const text = pdftotext(new Uint8Array(await receipt.arrayBuffer()));
    expect(text).toContain('Olena Kovalenko');
    expect(text.replace(/\D/g, '')).not.toContain('85073003328');
  });

  it('a number that fails the check (a phone or account number) is kept as typed', async () => {
    const created = await fileRequest(t, { 'explanation.access': 'Call 85.07.30-033.29 or account 0485 12 34 56.' });
    expect(created.nationalRegisterNumbersMasked).toBe(0);
    const personal = personalOf(t, await requestRow(t, created.reference));
    expect(personal.explanations.access).toBe('Call 85.07.30-033.29 or account 0485 12 34 56.');
    expect((await filesOf(t, (await requestRow(t, created.reference)).id)).length).toBe(2);
  });
});
