/**
 * The fields of a rights request (POST /api/requests, multipart/form-data), as one zod schema:
 * it validates the submission and it is the OpenAPI document's request body. Each failure's
 * message is a UI-string key (content/i18n), turned into words in the requester's language.
 * The national register number is never asked for.
 */
import { z } from 'zod';
import { CONTROLLER_IDS, LANGS, STATEMENT_IDS } from '../../content/schema.ts';
import { parseIsoDay } from '../deadlines/calendar-day.ts';

export const RIGHTS = ['access', 'rectification', 'erasure', 'restriction', 'portability', 'objection', 'withdrawal'] as const;
export type Right = (typeof RIGHTS)[number];

export const LIMITS = {
  shortText: 200,
  longText: 4000,
  /** All files together; a body larger than this is refused before it is parsed. */
  bodyBytes: 25 * 1024 * 1024,
  signatureBytes: 1024 * 1024,
  parts: 60,
};

// Letters, marks, digits, punctuation, spaces and line breaks: no other control characters.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;

const baseText = (max: number, required?: string) =>
  z
    .string(required ? { error: required } : undefined)
    .transform((s) => s.replace(/\r\n?/g, '\n').trim())
    .refine((s) => s.length <= max, { message: 'form.error.text.tooLong', params: { max } })
    .refine((s) => !CONTROL.test(s), { message: 'form.error.text.controlCharacters' });
const requiredText = (max: number, required: string) => baseText(max, required).refine((s) => s.length > 0, { message: required });
const optionalText = (max: number) => baseText(max).optional();

const isoDate = (required: string, invalid: string) =>
  z
    .string({ error: required })
    .trim()
    // An empty field is only "required", not also "not a date": one problem per field.
    .min(1, { error: required, abort: true })
    .refine((s) => parseIsoDay(s).ok, { message: invalid });

const yes = (message: string) => z.literal(['yes', 'on', 'true'], { error: message });

export const submissionSchema = z
  .object({
    statement: z.enum(STATEMENT_IDS, { error: 'form.error.statement.required' }),
    // A right ticked twice (a repeated part) counts once: it is one right, on the receipt and in the mails.
    rights: z
      .array(z.enum(RIGHTS, { error: 'form.error.rights.required' }))
      .min(1, 'form.error.rights.required')
      .transform((rights) => [...new Set(rights)]),
    'explanation.access': optionalText(LIMITS.longText),
    'explanation.erasure': optionalText(LIMITS.longText),
    'explanation.restriction': optionalText(LIMITS.longText),
    'explanation.portability': optionalText(LIMITS.longText),
    'explanation.objection': optionalText(LIMITS.longText),
    'explanation.withdrawal': optionalText(LIMITS.longText),
    'rectification.wrong': optionalText(LIMITS.longText),
    'rectification.right': optionalText(LIMITS.longText),
    firstName: requiredText(LIMITS.shortText, 'form.error.firstName.required'),
    lastName: requiredText(LIMITS.shortText, 'form.error.lastName.required'),
    dateOfBirth: isoDate('form.error.dateOfBirth.required', 'form.error.dateOfBirth.invalid'),
    email: z
      .string({ error: 'form.error.email.required' })
      .trim()
      .min(1, 'form.error.email.required')
      .max(254, 'form.error.email.invalid')
      .pipe(z.email({ error: 'form.error.email.invalid' })),
    phone: z
      .string()
      .trim()
      .regex(/^$|^\+?[0-9 ./()-]{6,24}$/, 'form.error.phone.invalid')
      .optional(),
    street: optionalText(LIMITS.shortText),
    postcode: z
      .string()
      .trim()
      .regex(/^$|^[1-9][0-9]{3}$/, 'form.error.postcode.invalid')
      .optional(),
    city: optionalText(LIMITS.shortText),
    controller: z.union([z.literal(''), z.enum(CONTROLLER_IDS)], { error: 'form.error.controller.invalid' }).optional(),
    lang: z.enum(LANGS, { error: 'form.error.lang.invalid' }),
    actingAs: z.enum(['self', 'legal_representative', 'authorised'], { error: 'form.error.actingAs.required' }),
    representativeName: optionalText(LIMITS.shortText),
    signatureMethod: z.enum(['drawn', 'typed'], { error: 'form.error.signature.required' }),
    signatureName: optionalText(LIMITS.shortText),
    signatureConsent: yes('form.error.signatureConsent.required'),
    signedPlace: requiredText(LIMITS.shortText, 'form.error.signedPlace.required'),
    signedDate: isoDate('form.error.signedDate.invalid', 'form.error.signedDate.invalid'),
    declaration: yes('form.error.declaration.required'),
    /** A honeypot: people never see it; a form-filling robot does. */
    website: z.string().max(0, 'form.error.honeypot').optional(),
    idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{16,128}$/, 'form.error.malformed').optional(),
  })
  .superRefine((v, ctx) => {
    if (v.rights.includes('rectification')) {
      if (!v['rectification.wrong']) ctx.addIssue({ code: 'custom', path: ['rectification.wrong'], message: 'form.error.rectificationWrong.required' });
      if (!v['rectification.right']) ctx.addIssue({ code: 'custom', path: ['rectification.right'], message: 'form.error.rectificationRight.required' });
    }
    if (v.actingAs !== 'self' && !v.representativeName) {
      ctx.addIssue({ code: 'custom', path: ['representativeName'], message: 'form.error.representativeName.required' });
    }
    if (v.signatureMethod === 'typed' && !v.signatureName) {
      ctx.addIssue({ code: 'custom', path: ['signatureName'], message: 'form.error.signature.required' });
    }
  });

export type Submission = z.output<typeof submissionSchema>;

/** The file parts of the form. */
export const FILE_FIELDS = ['idCopy', 'signatureImage', 'mandate'] as const;
export type FileField = (typeof FILE_FIELDS)[number];

/** Every text field name the form may send: anything else is refused. */
export const TEXT_FIELDS = Object.keys(submissionSchema.shape) as (keyof Submission)[];
