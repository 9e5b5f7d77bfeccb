/** Extension refusals in words, in the reader's language (the API answers with codes). */
import { formatDate, t } from '../../content/i18n.ts';
import type { Lang } from '../../content/schema.ts';
import { formatIsoDay } from './calendar-day.ts';
import type { ExtensionRefusal } from './extend-deadline.ts';

/**
 * @example explainExtensionRefusal('en', { code: 'reasonRequired' })
 *   // 'Give the reason for the extension: the requester must be told why.'
 */
export function explainExtensionRefusal(lang: Lang, refusal: ExtensionRefusal): string {
  switch (refusal.code) {
    case 'alreadyExtended':
      return t(lang, 'deadline.extension.refused.alreadyExtended');
    case 'firstDeadlinePassed':
      return t(lang, 'deadline.extension.refused.firstDeadlinePassed', {
        deadline: formatDate(lang, formatIsoDay(refusal.firstDeadline)),
      });
    case 'reasonRequired':
      return t(lang, 'deadline.extension.refused.reasonRequired');
  }
}
