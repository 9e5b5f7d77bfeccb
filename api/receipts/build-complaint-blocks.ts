/**
 * The supervisory authorities a requester can complain to, as address blocks for a PDF: the same
 * lines as the site's ComplaintBodies component (name, post, e-mail, phone, form), from the
 * facts, with e-mail addresses and forms as clickable links.
 */
import { facts } from '../../content/facts.ts';
import { t } from '../../content/i18n.ts';
import type { ComplaintBody, Lang } from '../../content/schema.ts';
import type { Block, Run } from '../pdf/types.ts';

/**
 * One address block per complaint body id, in the order given. Throws on an unknown id, so a
 * typo in the facts cannot print an empty address.
 *
 * @example
 *   buildComplaintBlocks('en', ['gba'])
 *   // [{ type: 'address', lines: [[{ text: 'Gegevensbeschermingsautoriteit', bold: true }, { text: ' (GBA)' }],
 *   //   [{ text: 'By post: Drukpersstraat 35, 1000 Brussel' }], [{ text: 'By e-mail: ' }, { text: 'contact@apd-gba.be', href: 'mailto:contact@apd-gba.be' }]] }]
 */
export function buildComplaintBlocks(lang: Lang, ids: readonly string[], bodies: Record<string, ComplaintBody> = facts.complaintBodies): Block[] {
  return ids.map((id): Block => {
    const b = bodies[id];
    if (!b) throw new RangeError(`Unknown complaint body "${id}"`);
    const lines: Run[][] = [[{ text: b.name, bold: true }, { text: ` (${b.shortName})` }]];
    if (b.street) lines.push([{ text: `${t(lang, 'complaint.byPost')}: ${[b.street, [b.postcode, b.city].filter(Boolean).join(' ')].filter(Boolean).join(', ')}` }]);
    if (b.email) lines.push([{ text: `${t(lang, 'complaint.byEmail')}: ` }, { text: b.email, href: `mailto:${b.email}` }]);
    if (b.phone) lines.push([{ text: `${t(lang, 'contact.phone')}: ${b.phone}` }]);
    if (b.complaintForm) {
      const link: Run = { text: b.complaintForm, href: b.complaintForm };
      lines.push(b.onlyThroughForm ? [{ text: `${t(lang, 'complaint.onlyForm')}: ` }, link] : [link]);
    }
    return { type: 'address', lines };
  });
}
