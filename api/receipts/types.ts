/**
 * What a request receipt shows. Plain data, all of it already decided at intake (routing,
 * deadlines, seal): the receipt only puts it into words, so the same input always gives the same
 * PDF bytes and their SHA-256 can be stored and compared later.
 */
import type { UiKey } from '../../content/i18n.ts';
import type { ControllerId, Lang, StatementId } from '../../content/schema.ts';
import type { RoutingReason } from '../routing/types.ts';
import type { Seal } from '../seal/types.ts';

/** The rights a request can ask for: every `right.{id}.name` string in content/i18n. */
export type RightId = { [K in UiKey]: K extends `right.${infer Id}.name` ? Id : never }[UiKey];

/** The role of a stored file of the request, as db/schema.ts names it. */
export type ReceiptFileRole = 'id_copy' | 'signature' | 'mandate' | 'document';

/** How the requester signed: a drawn signature (PNG as stored) or the name typed as signature. */
export type ReceiptSignature = { kind: 'drawn'; png: Uint8Array } | { kind: 'typed'; name: string };

export interface ReceiptInput {
  lang: Lang;
  /** The request reference, PR-7K3M-9QXD-4. */
  reference: string;
  /** When the request was received (epoch ms); printed as date and time in Brussels. */
  receivedAt: number;
  statement: StatementId;
  rights: readonly RightId[];
  /** The controller that handles the request. */
  controllerId: ControllerId;
  /** Why it handles it (from routing). */
  routingReason: RoutingReason;
  /** The Central Registration Tool's contact point is told of the request. */
  contactPointInformed: boolean;
  /** The legal deadline for the answer, YYYY-MM-DD. */
  legalDeadline: string;
  /** What the deadline becomes if the controller extends it, YYYY-MM-DD. */
  extendedDeadline: string;
  /** A shorter answer time the controller promises itself (IN-Gent), YYYY-MM-DD, or null. */
  internalTarget: string | null;
  signature: ReceiptSignature;
  signedPlace: string;
  /** YYYY-MM-DD. */
  signedDate: string;
  /** The request's files with the SHA-256 (hex) of their stored bytes; the ID image itself is never printed. */
  files: readonly { role: ReceiptFileRole; sha256: string }[];
  seal: Seal;
  /** The public verification page, in the requester's language. */
  verifyUrl: string;
  /** The PDF creation date; from the injected clock. */
  builtAt: Date;
}
