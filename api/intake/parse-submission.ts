/**
 * Turns a multipart form into a validated submission, or into the list of problems: one per
 * field and failure, each with a code (a UI-string key), the field path and the parameters of
 * its message. Unknown fields, repeated fields and too many parts are problems too. Nothing is
 * stored here.
 *
 * @example
 *   const r = parseSubmission(await req.formData(), Date.now());
 *   if (!r.ok) return c.json({ error: { code: 'invalid', issues: r.issues } }, 422);
 */
import { addDays, formatIsoDay, isoDay } from '../deadlines/calendar-day.ts';
import { brusselsDayOf } from '../deadlines/to-brussels-day.ts';
import { FILE_FIELDS, LIMITS, submissionSchema, TEXT_FIELDS, type FileField, type Submission } from './submission-schema.ts';

export interface Issue {
  path: string;
  code: string;
  params?: Record<string, string | number>;
}

export type ParsedSubmission =
  | { ok: true; data: Submission; files: Partial<Record<FileField, Uint8Array>> }
  | { ok: false; issues: Issue[]; lang: string | undefined };

const FILES = new Set<string>(FILE_FIELDS);
const TEXTS = new Set<string>(TEXT_FIELDS);

export async function parseSubmission(form: FormData, now: number): Promise<ParsedSubmission> {
  const issues: Issue[] = [];
  const raw: Record<string, string | string[]> = {};
  const files: Partial<Record<FileField, Uint8Array>> = {};
  let parts = 0;
  for (const [name, value] of form.entries()) {
    if (++parts > LIMITS.parts) {
      issues.push({ path: '', code: 'form.error.malformed' });
      break;
    }
    if (FILES.has(name)) {
      if (typeof value === 'string') {
        // An empty file input arrives as a string in some clients: treat it as no file.
        if (value !== '') issues.push({ path: name, code: 'form.error.file.unsupported_type' });
        continue;
      }
      if (files[name as FileField]) issues.push({ path: name, code: 'form.error.field.repeated' });
      else if (value.size > 0) files[name as FileField] = new Uint8Array(await value.arrayBuffer());
      continue;
    }
    if (!TEXTS.has(name)) {
      issues.push({ path: name.slice(0, 64), code: 'form.error.field.unknown' });
      continue;
    }
    if (typeof value !== 'string') {
      issues.push({ path: name, code: 'form.error.malformed' });
      continue;
    }
    if (name === 'rights') raw.rights = [...((raw.rights as string[] | undefined) ?? []), value];
    else if (name in raw) issues.push({ path: name, code: 'form.error.field.repeated' });
    else raw[name] = value;
  }
  raw.rights ??= [];

  const parsed = submissionSchema.safeParse(raw);
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      const path = i.path.length ? String(i.path[0]) : '';
      const params = (i as { params?: Record<string, number> }).params;
      // Zod's own messages (a wrong type) are not UI keys: fall back to the field's own error.
      const code = i.message.startsWith('form.') ? i.message : 'form.error.malformed';
      if (!issues.some((x) => x.path === path && x.code === code)) issues.push({ path, code, ...(params ? { params } : {}) });
    }
  }

  const d = parsed.success ? parsed.data : undefined;
  const today = brusselsDayOf(now);
  if (d) {
    if (isoDay(d.dateOfBirth) >= today) issues.push({ path: 'dateOfBirth', code: 'form.error.dateOfBirth.future' });
    // The date of signing is today in Brussels; a day either way allows for a form left open
    // over midnight and for a clock or time zone that differs a little.
    const signed = isoDay(d.signedDate);
    if (signed < addDays(today, -1) || signed > addDays(today, 1)) issues.push({ path: 'signedDate', code: 'form.error.signedDate.invalid', params: { today: formatIsoDay(today) } });
  }
  if (!files.idCopy) issues.push({ path: 'idCopy', code: 'form.error.idCopy.required' });
  if (d?.actingAs === 'authorised' && !files.mandate) issues.push({ path: 'mandate', code: 'form.error.mandate.required' });
  if (d?.signatureMethod === 'drawn' && !files.signatureImage) issues.push({ path: 'signatureImage', code: 'form.error.signature.required' });

  if (issues.length > 0 || !d) {
    const lang = typeof raw.lang === 'string' ? raw.lang : undefined;
    return { ok: false, issues, lang };
  }
  return { ok: true, data: d, files };
}
