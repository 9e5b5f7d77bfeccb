/**
 * The contract between the workspace (which writes these events when a DPO acts) and the
 * requester's status page (which shows them): the request_events types the requester sees, and
 * the payload each carries. Free text for the requester (what information is needed, the
 * reasons of an extension or refusal) is never in the payload: it sits envelope-encrypted in
 * request_events.message (`sealEventMessage`), because it may hold personal data.
 *
 * Payloads carry codes, dates and ids only; staff names never reach the requester.
 */
import type { ControllerId } from '../../content/schema.ts';
import type { Cipher } from '../mail/types.ts';

export interface RequesterEventPayloads {
  received: { channel: 'web' | 'post' | 'email' | 'desk'; controller?: ControllerId; masked?: number };
  email_confirmed: Record<string, never>;
  document_added: { sha256: string };
  withdrawn: Record<string, never>;
  /** The ID copy was checked and deleted. */
  identity_checked: { result: 'confirmed' };
  /** More information was asked; `suspends` when the controller's setting stops the clock. Message: what is needed. */
  information_requested: { kind: 'identity' | 'clarification'; suspends: boolean };
  /** The information arrived; the clock restarts and the deadline moved to `legalDeadline`. */
  information_received: { suspendedDays: number; legalDeadline: string };
  /** Message: the reasons, in the DPO's words. */
  deadline_extended: { from: string; to: string; reason: 'complexity' | 'number_of_requests' };
  /** The request now lies with another controller; the date of receipt and the deadline stay. */
  transferred: { from: ControllerId; to: ControllerId; reason: 'competence' | 'residence' | 'other' };
  /** An answer with documents: the requester downloads them from the status page. Message: the answer's text. */
  answered: { outcome: 'granted' | 'partly_granted' | 'refused'; fileIds: string[] };
  /** Closed; a refusal's message names the reasons, and the page adds where to complain and the right to go to court. */
  closed: { outcome: 'granted' | 'partly_granted' | 'refused' };
}

export type RequesterEventType = keyof RequesterEventPayloads;

export const REQUESTER_EVENT_TYPES: readonly RequesterEventType[] = [
  'received',
  'email_confirmed',
  'document_added',
  'withdrawn',
  'identity_checked',
  'information_requested',
  'information_received',
  'deadline_extended',
  'transferred',
  'answered',
  'closed',
];

/** Encrypts a message to the requester for request_events.message; null stays null. */
export function sealEventMessage(cipher: Cipher, text: string | null): Buffer | null {
  return text === null || text === '' ? null : cipher.encrypt(Buffer.from(text, 'utf8'));
}

/** The clear text of request_events.message, or null. */
export function openEventMessage(cipher: Cipher, message: Uint8Array | null): string | null {
  return message ? cipher.decrypt(Buffer.from(message)).toString('utf8') : null;
}
