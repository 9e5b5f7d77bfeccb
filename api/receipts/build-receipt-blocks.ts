/**
 * The receipt as a block list, in the requester's language: what was received and when, who
 * handles it and by when, how it was signed, the files and the seal, how to check it and where
 * to complain. Pure: the words come from content/i18n, names and addresses from content/facts.
 */
import { facts } from '../../content/facts.ts';
import { formatDate, strings, t, type UiKey } from '../../content/i18n.ts';
import type { Lang } from '../../content/schema.ts';
import { parseIsoDay } from '../deadlines/calendar-day.ts';
import type { Block, FieldBlock, Run } from '../pdf/types.ts';
import { controllerLabel, explainRouting } from '../routing/explain-routing.ts';
import type { RoutingFacts } from '../routing/types.ts';
import { receiptFingerprint } from '../seal/receipt-fingerprint.ts';
import { buildComplaintBlocks } from './build-complaint-blocks.ts';
import { formatBrusselsTime } from './format-brussels-time.ts';
import type { ReceiptFileRole, ReceiptInput } from './types.ts';

const MM = 72 / 25.4;
/** The box a drawn signature is scaled into, keeping its aspect ratio. */
export const SIGNATURE_BOX = { maxWidth: 60 * MM, maxHeight: 25 * MM };

const ROLE_KEYS: Record<ReceiptFileRole, UiKey> = {
  id_copy: 'role.idCopy',
  signature: 'role.signature',
  mandate: 'role.mandate',
  document: 'role.document',
};

/** A YYYY-MM-DD day in words; throws on anything that is not a real calendar day. */
function day(lang: Lang, iso: string, what: string): string {
  if (!parseIsoDay(iso).ok) throw new RangeError(`${what} must be a date as YYYY-MM-DD, got "${iso}"`);
  return formatDate(lang, iso);
}

function rightName(lang: Lang, id: string): string {
  const key = `right.${id}.name`;
  if (!Object.hasOwn(strings[lang], key)) throw new RangeError(`Unknown right "${id}"`);
  return t(lang, key as UiKey);
}

/** The string of `key` with its {url} placeholder as a clickable link. */
function withLink(lang: Lang, key: UiKey, url: string): Run[] {
  const hole = '\u0000';
  const [before = '', after = ''] = t(lang, key, { url: hole }).split(hole);
  return [{ text: before }, { text: url, href: url }, { text: after }];
}

const field = (label: string, runs: Run[], variant: FieldBlock['variant'] = 'body'): Block => ({ type: 'field', label, runs, variant });

/**
 * The blocks of a receipt.
 *
 * @example
 *   const blocks = buildReceiptBlocks({ lang: 'nl', reference: 'PR-7K3M-9QXD-4', receivedAt: Date.parse('2026-04-01T09:30:00Z'), ... });
 *   blocks[0]; // { type: 'heading', level: 1, text: 'Ontvangstbewijs van uw privacyverzoek' }
 */
export function buildReceiptBlocks(input: ReceiptInput, source: RoutingFacts = facts): Block[] {
  const { lang } = input;
  const controller = source.controllers[input.controllerId];
  if (!controller) throw new RangeError(`Unknown controller "${input.controllerId}"`);
  const complaintIds = controller.complaintBodies;

  const handler: Run[] = [
    { text: controller.name, bold: true },
    { text: `\n${explainRouting(lang, { statement: input.statement, controller: input.controllerId, informContactPoint: input.contactPointInformed, reason: input.routingReason }, source)}` },
    { text: `\n${t(lang, 'contact.email')}: ` },
    { text: controller.dpoEmail, href: `mailto:${controller.dpoEmail}` },
  ];
  const deadline: Run[] = [
    { text: day(lang, input.legalDeadline, 'legalDeadline'), bold: true },
    { text: `\n${t(lang, 'receipt.extension', { extended: day(lang, input.extendedDeadline, 'extendedDeadline') })}` },
  ];
  if (input.internalTarget !== null) {
    deadline.push({ text: `\n${t(lang, 'receipt.target', { controller: controllerLabel(controller), target: day(lang, input.internalTarget, 'internalTarget') })}` });
  }

  const signature: Block =
    input.signature.kind === 'drawn'
      ? { type: 'image', png: input.signature.png, ...SIGNATURE_BOX }
      : { type: 'paragraph', runs: [{ text: t(lang, 'receipt.typedSignature', { name: input.signature.name }), italic: true }] };
  const { seal } = input;

  return [
    { type: 'heading', level: 1, text: t(lang, 'receipt.title') },
    field(t(lang, 'receipt.reference'), [{ text: input.reference }], 'large'),
    field(t(lang, 'receipt.receivedAt'), [{ text: formatBrusselsTime(lang, input.receivedAt) }]),
    field(t(lang, 'receipt.statement'), [{ text: t(lang, `statement.${input.statement}.title` as UiKey) }]),
    field(t(lang, 'receipt.rights'), [{ text: input.rights.map((r) => rightName(lang, r)).join(', ') }]),
    field(t(lang, 'receipt.handler'), handler),
    field(t(lang, 'receipt.deadline'), deadline),

    { type: 'heading', level: 2, text: t(lang, 'receipt.signature') },
    signature,
    { type: 'paragraph', runs: [{ text: t(lang, 'receipt.signedAt', { place: input.signedPlace, date: day(lang, input.signedDate, 'signedDate') }) }] },

    { type: 'heading', level: 2, text: t(lang, 'receipt.files') },
    ...input.files.map((f) => field(t(lang, ROLE_KEYS[f.role]), [{ text: f.sha256.toLowerCase() }], 'small')),

    { type: 'heading', level: 2, text: t(lang, 'receipt.seal') },
    field(t(lang, 'receipt.fingerprint'), [{ text: receiptFingerprint(seal) }], 'large'),
    field(seal.algorithm, [{ text: `${seal.keyId}\n${seal.signature}` }], 'small'),
    { type: 'paragraph', runs: withLink(lang, 'receipt.verify', input.verifyUrl) },
    { type: 'paragraph', runs: [{ text: t(lang, 'receipt.noIdImage'), bold: true }] },

    { type: 'heading', level: 3, text: t(lang, 'receipt.complain') },
    ...buildComplaintBlocks(lang, complaintIds),
  ];
}
