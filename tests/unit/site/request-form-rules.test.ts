// The request form's checks in the browser (site/scripts/request-form/rules.ts) find exactly what
// the API's parser finds (api/intake/parse-submission.ts), field by field: the same path and the
// same UI-string code, so the inline message is the one the API would give.
import { describe, expect, it } from 'vitest';
import { parseSubmission } from '../../../api/intake/parse-submission.ts';
import { checkRequestForm, type FormValues } from '../../../site/scripts/request-form/rules.ts';
import { validFields, type FormFields } from '../../support/request-form.ts';

const TODAY = '2026-04-01';
const NOON = Date.parse('2026-04-01T10:00:00Z');
const JPEG = { size: 50_000, type: 'image/jpeg' };

function browserValues(fields: FormFields, files: Record<string, { size: number; type: string } | null>): FormValues {
  const one = (n: string) => {
    const v = fields[n];
    return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
  };
  return {
    get: one,
    getAll: (n) => {
      const v = fields[n];
      return Array.isArray(v) ? v : v === undefined ? [] : [v];
    },
    file: (n) => files[n] ?? null,
    hasIdCopy: Boolean(files.idCopy),
    idCopyFromRedactor: false,
    hasDrawnSignature: false,
    today: TODAY,
  };
}

async function apiIssues(fields: FormFields, files: Record<string, { size: number; type: string } | null>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) form.append(k, one);
  // The API checks file contents later (create-request.ts); here only presence matters.
  for (const [k, f] of Object.entries(files)) if (f) form.append(k, new Blob([new Uint8Array(8)], { type: f.type }), `${k}.jpg`);
  const r = await parseSubmission(form, NOON);
  return r.ok ? [] : r.issues.map((i) => `${i.path} ${i.code}`).sort();
}

const cases: [string, FormFields, Record<string, { size: number; type: string } | null>][] = [
  ['a valid form', {}, {}],
  ['no statement', { statement: '' }, {}],
  ['no right', { rights: [] }, {}],
  ['rectification without what is wrong', { rights: ['rectification'], 'rectification.right': 'right' }, {}],
  ['rectification without what is right', { rights: ['rectification'], 'rectification.wrong': 'wrong' }, {}],
  ['an explanation too long', { 'explanation.access': 'x'.repeat(4001) }, {}],
  ['a control character', { firstName: 'Ol\u0007ena' }, {}],
  ['no first name', { firstName: '  ' }, {}],
  ['no last name', { lastName: '' }, {}],
  ['no date of birth', { dateOfBirth: '' }, {}],
  ['a date of birth that does not exist', { dateOfBirth: '1985-02-30' }, {}],
  ['a date of birth written the Belgian way', { dateOfBirth: '30/07/1985' }, {}],
  ['a date of birth in the future', { dateOfBirth: '2030-01-01' }, {}],
  ['a date of birth of today', { dateOfBirth: TODAY }, {}],
  ['no e-mail address', { email: '' }, {}],
  ['a wrong e-mail address', { email: 'olena@example' }, {}],
  ['a wrong phone number', { phone: 'call me' }, {}],
  ['a foreign postcode', { postcode: '75001' }, {}],
  ['no choice on whose behalf', { actingAs: '' }, {}],
  ['a representative without a name', { actingAs: 'legal_representative' }, {}],
  ['a mandate holder without the mandate', { actingAs: 'authorised', representativeName: 'Ivan' }, {}],
  ['no typed name', { signatureName: '' }, {}],
  ['no consent to sign', { signatureConsent: '' }, {}],
  ['no place of signing', { signedPlace: '' }, {}],
  ['a date of signing two days ago', { signedDate: '2026-03-30' }, {}],
  ['a date of signing yesterday (allowed)', { signedDate: '2026-03-31' }, {}],
  ['no declaration', { declaration: '' }, {}],
  ['no ID copy', {}, { idCopy: null }],
];

describe('the request form checks the same rules in the browser as the API', () => {
  for (const [name, over, files] of cases) {
    it(name, async () => {
      const fields = validFields(over, TODAY);
      // A checkbox that is not ticked sends nothing at all.
      for (const [k, v] of Object.entries(fields)) if (v === '' && ['signatureConsent', 'declaration', 'statement', 'actingAs'].includes(k)) delete fields[k];
      const allFiles = { idCopy: JPEG, ...files };
      const browser = checkRequestForm(browserValues(fields, allFiles)).map((i) => `${i.path} ${i.code}`).sort();
      expect(browser).toEqual(await apiIssues(fields, allFiles));
    });
  }

  it('checks the file type and size the API accepts', () => {
    const v = browserValues(validFields({}, TODAY), { idCopy: { size: 11 * 1024 * 1024, type: 'image/jpeg' } });
    expect(checkRequestForm(v)).toEqual([{ path: 'idCopy', code: 'form.error.file.too_large' }]);
    const heic = browserValues(validFields({}, TODAY), { idCopy: { size: 1000, type: 'image/heic' } });
    expect(checkRequestForm(heic)).toEqual([{ path: 'idCopy', code: 'form.error.file.unsupported_type' }]);
  });

  it('lists problems in the order of the form', () => {
    const v = browserValues(validFields({ statement: '', lastName: '', signedPlace: '' }, TODAY), { idCopy: JPEG });
    expect(checkRequestForm(v).map((i) => i.path)).toEqual(['statement', 'lastName', 'signedPlace']);
  });
});
