/**
 * The schemas of everything published from `content/`: facts (controllers, complaint bodies,
 * legal bases, organisations, statement versions), UI strings and statement front matter.
 * Astro's content collections (site/content.config.ts) and the API both validate with these,
 * so a fact has one shape wherever it is read.
 */
import { z } from 'zod';

export const LANGS = ['nl', 'en', 'fr', 'uk', 'ru'] as const;
export type Lang = (typeof LANGS)[number];
export const langSchema = z.enum(LANGS);

export const STATEMENT_IDS = ['general', 'website', 'crt'] as const;
export type StatementId = (typeof STATEMENT_IDS)[number];

export const CONTROLLER_IDS = ['agii', 'atlas', 'huis', 'ingent'] as const;
export type ControllerId = (typeof CONTROLLER_IDS)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const postcode = z.string().regex(/^[1-9]\d{3}$/, 'a Belgian postcode of four digits');
const email = z.email();
const url = z.url();

export const controllerSchema = z.strictObject({
  id: z.enum(CONTROLLER_IDS),
  name: z.string().min(1),
  shortName: z.string().min(1),
  legalName: z.string().min(1),
  legalForm: z.string().min(1),
  street: z.string().min(1),
  postcode,
  city: z.string().min(1),
  dpoEmail: email,
  enterpriseNumber: z.string().regex(/^0\d{3}\.\d{3}\.\d{3}$/, 'an enterprise number as 0123.456.789'),
  privacyUrls: z.array(url).min(1),
  /** The contact point of the Central Registration Tool (AgII): informed of every such request. */
  contactPoint: z.boolean(),
  region: z.enum(['flanders', 'antwerp', 'brussels', 'ghent']),
  /** Residence postcodes this controller handles Central Registration Tool requests for. */
  postcodes: z.array(postcode),
  /** An answer time the controller promises that is shorter than the legal one (IN-Gent: four weeks). */
  internalTargetDays: z.number().int().positive().nullable(),
  complaintBodies: z.array(z.enum(['gba', 'vtc'])).min(1),
  settings: z.strictObject({
    /** 11 July (Flemish Community holiday) counts as a closing day. Off gives the earlier, safer date. */
    flemishHoliday: z.boolean(),
    extraClosingDays: z.array(isoDate),
    /** Suspend the deadline while asked identity information is awaited (EDPB 01/2022 para. 159). */
    suspendForIdentityCheck: z.boolean(),
    /** Retention periods (api/retention; README "Audit and retention"). */
    retention: z.strictObject({
      /** ID copies go when identity is checked, and at the latest this many days after receipt. */
      idCopyDays: z.number().int().positive(),
      /** Answer documents go this many days after the request was closed. */
      answerDaysAfterClose: z.number().int().positive(),
      /** Requests are anonymised this many years after closing (or receipt, if never closed). */
      anonymiseYears: z.number().int().positive(),
      /** A request whose e-mail address was not confirmed after this many days is flagged. */
      unconfirmedFlagDays: z.number().int().positive(),
    }),
  }),
  extra: z.record(z.string(), z.string()).optional(),
});
export type Controller = z.infer<typeof controllerSchema>;

export const complaintBodySchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  shortName: z.string().min(1),
  street: z.string().nullable(),
  postcode: postcode.nullable(),
  city: z.string().nullable(),
  email: email.nullable(),
  phone: z.string().optional(),
  fax: z.string().optional(),
  complaintForm: url.nullable(),
  onlyThroughForm: z.boolean(),
  succeededBy: z.string().optional(),
  succeededOn: isoDate.optional(),
});
export type ComplaintBody = z.infer<typeof complaintBodySchema>;

export const legalBasisSchema = z.strictObject({
  id: z.string().min(1),
  /** The official Dutch wording: rendered as is, in every language. */
  official: z.string().min(1),
  date: isoDate,
});
export type LegalBasis = z.infer<typeof legalBasisSchema>;

export const organisationSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  shortName: z.string().nullable(),
  url: url.nullable(),
  /** The language of the name where it is not Dutch (a brand such as YouTube). */
  nameLang: z.string().optional(),
});
export type Organisation = z.infer<typeof organisationSchema>;

export const statementSchema = z.strictObject({
  id: z.enum(STATEMENT_IDS),
  slug: z.string().regex(/^[a-z0-9-]+$/),
  sourceTitle: z.string().min(1),
  controllers: z.array(z.enum(CONTROLLER_IDS)).min(1),
  /** The date the source text was last changed, where the source gives one. */
  versionDate: isoDate.nullable(),
  history: z.array(z.strictObject({ date: isoDate.nullable(), kind: z.enum(['source', 'portal']) })).min(1),
});
export type Statement = z.infer<typeof statementSchema>;

/** Front matter of a statement MDX file: content/statements/{lang}/{statement}.mdx */
export const statementPageSchema = z.strictObject({
  statement: z.enum(STATEMENT_IDS),
  lang: langSchema,
  title: z.string().min(1),
  description: z.string().min(20).max(300),
});

/** A UI string file is flat: dotted keys to strings. Placeholders are written {name}. */
export const uiStringsSchema = z.record(z.string().regex(/^[a-z][a-zA-Z0-9]*(\.[a-zA-Z0-9_-]+)+$/), z.string().min(1));
