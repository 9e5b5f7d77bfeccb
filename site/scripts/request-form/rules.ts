/**
 * The request form's checks in the browser: the same rules as the API's submission schema
 * (api/intake/submission-schema.ts and parse-submission.ts), so a person learns of a problem
 * before sending. The API still checks everything; these only save a round trip. Pure: the
 * values come in, problems (field path + UI-string code) come out, in the order of the form.
 */
import { isoDayNumber } from '../shared/dates.ts';

export interface FormIssue {
  path: string;
  code: string;
  params?: Record<string, string | number>;
}

export interface FileInfo {
  size: number;
  type: string;
}

export interface FormValues {
  get(name: string): string;
  getAll(name: string): string[];
  file(name: string): FileInfo | null;
  /** Whether the ID copy is there: the plain file input or an image in the redactor. */
  hasIdCopy: boolean;
  /** With the redactor the browser re-encodes the image, so its type and size are not checked here. */
  idCopyFromRedactor: boolean;
  /** Whether the signature pad has a signature (only asked when the method is "drawn"). */
  hasDrawnSignature: boolean;
  /** Today in Brussels, YYYY-MM-DD. */
  today: string;
}

export const LIMITS = { shortText: 200, longText: 4000, fileBytes: 10 * 1024 * 1024 };
const RIGHTS = ['access', 'rectification', 'erasure', 'restriction', 'portability', 'objection', 'withdrawal'];
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;
// zod's email pattern, as the API uses it.
const EMAIL = /^(?:[A-Za-z0-9_'+\-]+\.)*[A-Za-z0-9_'+\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$/;
const PHONE = /^\+?[0-9 ./()-]{6,24}$/;
const POSTCODE = /^[1-9][0-9]{3}$/;
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'];

export function checkRequestForm(v: FormValues): FormIssue[] {
  const issues: FormIssue[] = [];
  const add = (path: string, code: string, params?: FormIssue['params']) => issues.push(params ? { path, code, params } : { path, code });
  const text = (path: string, max: number, required?: string): string => {
    const value = v.get(path).replace(/\r\n?/g, '\n').trim();
    if (required && value === '') add(path, required);
    else if (value.length > max) add(path, 'form.error.text.tooLong', { max });
    else if (CONTROL.test(value)) add(path, 'form.error.text.controlCharacters');
    return value;
  };
  const file = (path: string, required?: string) => {
    const f = v.file(path);
    if (!f) {
      if (required) add(path, required);
    } else if (f.size > LIMITS.fileBytes) add(path, 'form.error.file.too_large');
    else if (!IMAGE_TYPES.includes(f.type)) add(path, 'form.error.file.unsupported_type');
  };

  if (!v.get('statement')) add('statement', 'form.error.statement.required');
  const rights = v.getAll('rights');
  if (rights.length === 0) add('rights', 'form.error.rights.required');
  for (const r of RIGHTS) {
    if (!rights.includes(r)) continue;
    if (r === 'rectification') {
      text('rectification.wrong', LIMITS.longText, 'form.error.rectificationWrong.required');
      text('rectification.right', LIMITS.longText, 'form.error.rectificationRight.required');
    } else text(`explanation.${r}`, LIMITS.longText);
  }

  text('firstName', LIMITS.shortText, 'form.error.firstName.required');
  text('lastName', LIMITS.shortText, 'form.error.lastName.required');
  const birth = v.get('dateOfBirth').trim();
  if (birth === '') add('dateOfBirth', 'form.error.dateOfBirth.required');
  else if (isoDayNumber(birth) === null) add('dateOfBirth', 'form.error.dateOfBirth.invalid');
  else if (birth >= v.today) add('dateOfBirth', 'form.error.dateOfBirth.future');

  const actingAs = v.get('actingAs');
  if (!actingAs) add('actingAs', 'form.error.actingAs.required');
  if (actingAs && actingAs !== 'self') text('representativeName', LIMITS.shortText, 'form.error.representativeName.required');
  if (actingAs === 'authorised') file('mandate', 'form.error.mandate.required');

  const email = v.get('email').trim();
  if (email === '') add('email', 'form.error.email.required');
  else if (email.length > 254 || !EMAIL.test(email)) add('email', 'form.error.email.invalid');
  const phone = v.get('phone').trim();
  if (phone !== '' && !PHONE.test(phone)) add('phone', 'form.error.phone.invalid');
  text('street', LIMITS.shortText);
  const postcode = v.get('postcode').trim();
  if (postcode !== '' && !POSTCODE.test(postcode)) add('postcode', 'form.error.postcode.invalid');
  text('city', LIMITS.shortText);

  if (!v.hasIdCopy) add('idCopy', 'form.error.idCopy.required');
  else if (!v.idCopyFromRedactor) file('idCopy');

  if (v.get('signatureMethod') === 'drawn') {
    if (!v.hasDrawnSignature) add('signatureImage', 'form.error.signature.required');
  } else text('signatureName', LIMITS.shortText, 'form.error.signature.required');
  if (!v.get('signatureConsent')) add('signatureConsent', 'form.error.signatureConsent.required');
  text('signedPlace', LIMITS.shortText, 'form.error.signedPlace.required');
  const signed = isoDayNumber(v.get('signedDate').trim());
  const today = isoDayNumber(v.today)!;
  if (signed === null || Math.abs(signed - today) > 1) add('signedDate', 'form.error.signedDate.invalid');
  if (!v.get('declaration')) add('declaration', 'form.error.declaration.required');
  return issues;
}
