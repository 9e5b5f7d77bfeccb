import { formatDate, t } from '../../content/i18n.ts';
import type { Lang } from '../../content/schema.ts';

export interface WatermarkInput {
  /** The requester's language: the watermark is for them to read on their copy. */
  lang: Lang;
  /** The recipient: the controller handling the request. */
  controllerName: string;
  /** The request reference. */
  reference: string;
  /** The day of the request, YYYY-MM-DD. */
  date: string;
}

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const MAX_FIELD = 120;

/**
 * The two lines of the safe-copy watermark (DOMAIN.md, as the KopieID app does): what it is and
 * for whom, then why, which request and when. A copy marked like this is useless for another
 * purpose, e.g. to open an account in the person's name.
 *
 * @example
 *   buildWatermarkLines({ lang: 'nl', controllerName: 'IN-Gent', reference: 'PV-7K3Q', date: '2025-03-14' })
 *   // ['KOPIE · IN-Gent', 'privacyverzoek · PV-7K3Q · 14 maart 2025']
 */
export function buildWatermarkLines(input: WatermarkInput): [string, string] {
  if (!ISO_DATE.test(input.date)) throw new RangeError(`The watermark date must be YYYY-MM-DD; got "${input.date}".`);
  const controller = oneLine(input.controllerName, 'controllerName');
  const reference = oneLine(input.reference, 'reference');
  return [
    `${t(input.lang, 'watermark.copy')} · ${controller}`,
    `${t(input.lang, 'watermark.purpose')} · ${reference} · ${formatDate(input.lang, input.date)}`,
  ];
}

/** Collapses white space; a field must fit on the watermark line, or the tiles grow without bound. */
function oneLine(value: string, field: string): string {
  const text = value.replace(/\s+/g, ' ').trim();
  if (text === '' || text.length > MAX_FIELD) throw new RangeError(`The watermark ${field} must have 1 to ${MAX_FIELD} characters.`);
  return text;
}
