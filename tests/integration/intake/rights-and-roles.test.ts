// One submission per right; rectification with and without its two fields; acting for someone
// else (legal representative: a name; authorised person: a name and a mandate image); a drawn
// signature. Each accepted request is checked in the database, each refused one leaves nothing.
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { t as tr } from '../../../content/i18n.ts';
import { RIGHTS } from '../../../api/intake/submission-schema.ts';
import { signaturePng, type FormFields } from '../../support/request-form.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { blobFiles, counts, EMPTY, fileRequest, filesOf, personalOf, post, requestRow, validForm, type ErrorBody } from './support.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

async function expectRefused(form: FormData, issues: { path: string; code: string }[]) {
  const res = await post(t, form);
  expect(res.status).toBe(422);
  const body = (await res.json()) as ErrorBody;
  expect(body.error.code).toBe('form.error.summary');
  expect(body.error.issues!.map(({ path, code }) => ({ path, code }))).toEqual(issues);
  for (const i of body.error.issues!) expect(i.message).toBe(tr('uk', i.code as never));
  expect(await counts(t)).toEqual(EMPTY);
  expect(blobFiles(t)).toEqual([]);
}

const explanationFor = (right: string) => (right === 'rectification' ? {} : { [`explanation.${right}`]: `Why I ask for ${right}.` });

describe('each right on its own', () => {
  it.each(RIGHTS.map((right) => ({ right })))('$right', async ({ right }) => {
    const extra: FormFields = right === 'rectification' ? { 'rectification.wrong': 'My name is spelled Kovalenco.', 'rectification.right': 'It is Kovalenko.' } : {};
    const over: FormFields = { rights: [right], 'explanation.access': [], ...explanationFor(right), ...extra };
    const created = await fileRequest(t, over);
    const row = await requestRow(t, created.reference);
    expect(row.rights).toEqual([right]);
    const personal = personalOf(t, row);
    if (right === 'rectification') {
      expect(personal.rectification).toEqual({ wrong: 'My name is spelled Kovalenco.', right: 'It is Kovalenko.' });
      expect(personal.explanations).toEqual({});
    } else {
      expect(personal.rectification).toBeNull();
      expect(personal.explanations).toEqual({ [right]: `Why I ask for ${right}.` });
    }
    expect(await counts(t)).toMatchObject({ requests: 1, files: 2, events: 1, outbox: 3 });
  });

  it('rectification without the wrong and the right data: 422 for each missing field', async () => {
    await expectRefused(await validForm({ rights: ['rectification'] }), [
      { path: 'rectification.wrong', code: 'form.error.rectificationWrong.required' },
      { path: 'rectification.right', code: 'form.error.rectificationRight.required' },
    ]);
  });

  it('rectification with only the wrong data: 422 for the right data', async () => {
    await expectRefused(await validForm({ rights: ['rectification'], 'rectification.wrong': 'My birth date is wrong.', 'rectification.right': '   ' }), [
      { path: 'rectification.right', code: 'form.error.rectificationRight.required' },
    ]);
  });

  it('a right sent twice counts once', async () => {
    const created = await fileRequest(t, { rights: ['access', 'erasure', 'access'] });
    expect((await requestRow(t, created.reference)).rights).toEqual(['access', 'erasure']);
  });

  it('no right at all: 422', async () => {
    await expectRefused(await validForm({}, {}, ['rights']), [{ path: 'rights', code: 'form.error.rights.required' }]);
  });

  it('an unknown right: 422', async () => {
    await expectRefused(await validForm({ rights: ['access', 'forgetfulness'] }), [{ path: 'rights', code: 'form.error.rights.required' }]);
  });
});

describe('acting for someone else', () => {
  it('as legal representative: 201 with the representative name', async () => {
    const created = await fileRequest(t, { actingAs: 'legal_representative', representativeName: 'Iryna Kovalenko (mother)' });
    const personal = personalOf(t, await requestRow(t, created.reference));
    expect(personal.actingAs).toBe('legal_representative');
    expect(personal.representativeName).toBe('Iryna Kovalenko (mother)');
  });

  it('as legal representative without a name: 422', async () => {
    await expectRefused(await validForm({ actingAs: 'legal_representative' }), [{ path: 'representativeName', code: 'form.error.representativeName.required' }]);
  });

  it('as authorised person with a mandate image: 201, the mandate stored re-encoded as a JPEG', async () => {
    const mandate = await sharp({ create: { width: 600, height: 800, channels: 3, background: '#f4f4f0' } }).png().toBuffer();
    const created = await fileRequest(t, { actingAs: 'authorised', representativeName: 'Advocaat Peeters' }, { mandate });
    const row = await requestRow(t, created.reference);
    const files = await filesOf(t, row.id);
    expect(files.map((f) => f.role).sort()).toEqual(['id_copy', 'mandate', 'receipt']);
    const stored = files.find((f) => f.role === 'mandate')!;
    expect(stored.mime).toBe('image/jpeg');
    const bytes = await t.services.blobs.get(stored.blobId, stored.sha256);
    expect((await sharp(bytes).metadata()).format).toBe('jpeg');
    expect(personalOf(t, row).actingAs).toBe('authorised');
    // The seal names the uploaded files (the receipt, which carries the seal, cannot be in it).
    expect((row.seal as { files: { role: string; sha256: string }[] }).files).toEqual(
      files.filter((f) => f.role !== 'receipt').map((f) => ({ role: f.role, sha256: f.sha256 })).sort((a, b) => a.role.localeCompare(b.role)),
    );
  });

  it('as authorised person without a mandate: 422', async () => {
    await expectRefused(await validForm({ actingAs: 'authorised', representativeName: 'Advocaat Peeters' }), [{ path: 'mandate', code: 'form.error.mandate.required' }]);
  });

  it('as authorised person with a mandate that is not an image: 422, nothing stored', async () => {
    await expectRefused(await validForm({ actingAs: 'authorised', representativeName: 'Advocaat Peeters' }, { mandate: Buffer.from('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<<>>\nendobj\n') }), [
      { path: 'mandate', code: 'form.error.file.unsupported_type' },
    ]);
  });
});

describe('signatures', () => {
  it('a drawn signature: 201, the PNG stored as the signature file', async () => {
    const created = await fileRequest(t, { signatureMethod: 'drawn', signatureName: [] }, { signatureImage: await signaturePng() });
    const row = await requestRow(t, created.reference);
    const files = await filesOf(t, row.id);
    expect(files.map((f) => f.role).sort()).toEqual(['id_copy', 'receipt', 'signature']);
    expect(files.find((f) => f.role === 'signature')!.mime).toBe('image/png');
    expect(personalOf(t, row).signature).toEqual({ method: 'drawn' });
  });

  it('drawn, but no image: 422', async () => {
    await expectRefused(await validForm({ signatureMethod: 'drawn', signatureName: [] }), [{ path: 'signatureImage', code: 'form.error.signature.required' }]);
  });

  it('typed, but no name: 422', async () => {
    await expectRefused(await validForm({ signatureName: [] }), [{ path: 'signatureName', code: 'form.error.signature.required' }]);
  });
});
