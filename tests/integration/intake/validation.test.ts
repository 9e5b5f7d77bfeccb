// Every validation failure answers 422 with the code, the field path and the message in the
// requester's language (the form's lang field; when that is invalid, Accept-Language), and
// leaves the database and the blob folder exactly as they were.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { t as tr, type UiKey } from '../../../content/i18n.ts';
import type { Lang } from '../../../content/schema.ts';
import { toFormData, validFields, type FormFields } from '../../support/request-form.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { blobFiles, counts, EMPTY, idCard, post, type ErrorBody } from './support.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

type Issue = { path: string; code: string; params?: Record<string, string | number> };

async function expect422(form: FormData, lang: Lang, issues: Issue[], headers: Record<string, string> = {}) {
  const res = await post(t, form, { headers });
  expect(res.status).toBe(422);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await res.json()) as ErrorBody;
  expect(body.error.code).toBe('form.error.summary');
  expect(body.error.message).toBe(tr(lang, 'form.error.summary'));
  expect(body.error.issues).toEqual(issues.map((i) => ({ path: i.path, code: i.code, message: tr(lang, i.code as UiKey, i.params ?? {}) })));
  // Nothing stored, nothing written.
  expect(await counts(t)).toEqual(EMPTY);
  expect(blobFiles(t)).toEqual([]);
  return body;
}

async function formWith(over: FormFields, extra: [string, string][] = [], omit: string[] = []) {
  const fields = validFields(over);
  for (const k of omit) delete fields[k];
  const form = toFormData(fields, { idCopy: await idCard() });
  for (const [k, v] of extra) form.append(k, v);
  return form;
}

describe('one problem at a time, in French (lang=fr)', () => {
  const cases: { name: string; over?: FormFields; extra?: [string, string][]; omit?: string[]; noIdCopy?: boolean; issue: Issue }[] = [
    { name: 'an unknown field', extra: [['nickname', 'Lena']], issue: { path: 'nickname', code: 'form.error.field.unknown' } },
    { name: 'a repeated field', extra: [['firstName', 'Someone Else']], issue: { path: 'firstName', code: 'form.error.field.repeated' } },
    { name: 'a date of birth in the future', over: { dateOfBirth: '2031-02-03' }, issue: { path: 'dateOfBirth', code: 'form.error.dateOfBirth.future' } },
    { name: 'a date of birth of today', over: { dateOfBirth: '2026-04-01' }, issue: { path: 'dateOfBirth', code: 'form.error.dateOfBirth.future' } },
    { name: 'a date of birth that does not exist', over: { dateOfBirth: '1985-02-30' }, issue: { path: 'dateOfBirth', code: 'form.error.dateOfBirth.invalid' } },
    { name: 'a signing date three days ago', over: { signedDate: '2026-03-29' }, issue: { path: 'signedDate', code: 'form.error.signedDate.invalid' } },
    { name: 'a signing date next week', over: { signedDate: '2026-04-08' }, issue: { path: 'signedDate', code: 'form.error.signedDate.invalid' } },
    { name: 'an invalid e-mail address', over: { email: 'olena@@example' }, issue: { path: 'email', code: 'form.error.email.invalid' } },
    { name: 'no e-mail address', over: { email: '  ' }, issue: { path: 'email', code: 'form.error.email.required' } },
    { name: 'a postcode of five digits', over: { postcode: '90000' }, issue: { path: 'postcode', code: 'form.error.postcode.invalid' } },
    { name: 'the honeypot filled in', over: { website: 'http://cheap-pills.example' }, issue: { path: 'website', code: 'form.error.honeypot' } },
    { name: 'a first name of 201 characters', over: { firstName: 'O'.repeat(201) }, issue: { path: 'firstName', code: 'form.error.text.tooLong', params: { max: 200 } } },
    { name: 'a control character', over: { city: 'Gent\u0007' }, issue: { path: 'city', code: 'form.error.text.controlCharacters' } },
    { name: 'a bidi override', over: { lastName: 'Kova\u202elenko' }, issue: { path: 'lastName', code: 'form.error.text.controlCharacters' } },
    { name: 'an invalid phone number', over: { phone: 'call me maybe' }, issue: { path: 'phone', code: 'form.error.phone.invalid' } },
    { name: 'an unknown statement', over: { statement: 'everything' }, issue: { path: 'statement', code: 'form.error.statement.required' } },
    { name: 'an unknown controller', over: { controller: 'nsa' }, issue: { path: 'controller', code: 'form.error.controller.invalid' } },
    { name: 'no declaration', omit: ['declaration'], issue: { path: 'declaration', code: 'form.error.declaration.required' } },
    { name: 'no signature consent', over: { signatureConsent: 'maybe' }, issue: { path: 'signatureConsent', code: 'form.error.signatureConsent.required' } },
    { name: 'no ID copy', noIdCopy: true, issue: { path: 'idCopy', code: 'form.error.idCopy.required' } },
  ];

  it.each(cases)('$name: $issue.code at $issue.path', async (c) => {
    const form = c.noIdCopy ? toFormData(validFields({ lang: 'fr' })) : await formWith({ lang: 'fr', ...c.over }, c.extra, c.omit);
    const body = await expect422(form, 'fr', [c.issue], { 'accept-language': 'nl-BE,nl;q=0.9' });
    expect(body.error.issues![0]!.message).not.toBe(tr('nl', c.issue.code as UiKey, c.issue.params ?? {}));
  });
});

describe('the language of the messages', () => {
  it('each language field gives messages in that language', async () => {
    for (const lang of ['nl', 'en', 'fr', 'uk', 'ru'] as const) {
      await expect422(await formWith({ lang, postcode: '90000', email: 'x' }), lang, [
        { path: 'email', code: 'form.error.email.invalid' },
        { path: 'postcode', code: 'form.error.postcode.invalid' },
      ]);
    }
  });

  it('an invalid lang field: Accept-Language decides (English), and lang itself is a problem', async () => {
    await expect422(await formWith({ lang: 'tlh', postcode: '90000' }), 'en', [
      { path: 'postcode', code: 'form.error.postcode.invalid' },
      { path: 'lang', code: 'form.error.lang.invalid' },
    ], { 'accept-language': 'de-DE, en-GB;q=0.8, fr;q=0.5' });
  });

  it('no lang field: Accept-Language decides (Russian)', async () => {
    await expect422(await formWith({}, [], ['lang']), 'ru', [{ path: 'lang', code: 'form.error.lang.invalid' }], { 'accept-language': 'ru-RU' });
  });

  it('neither: Dutch', async () => {
    await expect422(await formWith({ lang: '' }), 'nl', [{ path: 'lang', code: 'form.error.lang.invalid' }]);
  });
});

describe('many problems at once', () => {
  it('an empty form: one problem per required field, nothing else', async () => {
    const body = await expect422(toFormData({ lang: 'en' }), 'en', [
      { path: 'statement', code: 'form.error.statement.required' },
      { path: 'rights', code: 'form.error.rights.required' },
      { path: 'firstName', code: 'form.error.firstName.required' },
      { path: 'lastName', code: 'form.error.lastName.required' },
      { path: 'dateOfBirth', code: 'form.error.dateOfBirth.required' },
      { path: 'email', code: 'form.error.email.required' },
      { path: 'actingAs', code: 'form.error.actingAs.required' },
      { path: 'signatureMethod', code: 'form.error.signature.required' },
      { path: 'signatureConsent', code: 'form.error.signatureConsent.required' },
      { path: 'signedPlace', code: 'form.error.signedPlace.required' },
      { path: 'signedDate', code: 'form.error.signedDate.invalid' },
      { path: 'declaration', code: 'form.error.declaration.required' },
      { path: 'idCopy', code: 'form.error.idCopy.required' },
    ]);
    expect(new Set(body.error.issues!.map((i) => i.path)).size).toBe(body.error.issues!.length);
  });

  it('more than 60 parts: refused as malformed', async () => {
    const form = await formWith({ lang: 'en' });
    for (let i = 0; i < 60; i++) form.append('rights', 'access');
    await expect422(form, 'en', [{ path: '', code: 'form.error.malformed' }]);
  });

  it('a repeated and an unknown field and a bad value together', async () => {
    await expect422(await formWith({ lang: 'uk', email: 'not-an-address' }, [['lastName', 'Shevchenko'], ['__proto__', 'x']]), 'uk', [
      { path: 'lastName', code: 'form.error.field.repeated' },
      { path: '__proto__', code: 'form.error.field.unknown' },
      { path: 'email', code: 'form.error.email.invalid' },
    ]);
  });
});
