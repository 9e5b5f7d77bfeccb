/**
 * Moving a request to another controller (DOMAIN.md: a transfer between controllers keeps the
 * original date of receipt, so the deadline keeps running from the first arrival).
 */
import { facts } from '../../content/facts.ts';
import type { ControllerId, StatementId } from '../../content/schema.ts';
import { findContactPoint } from './route-request.ts';
import type { RoutingFacts, RoutingRecord } from './types.ts';

/** Why a transfer is refused; each code has a text `routing.transfer.refused.<code>`. */
export type TransferRefusal =
  | { code: 'sameController'; controller: ControllerId }
  | { code: 'notController'; controller: ControllerId; statement: StatementId }
  | { code: 'reasonRequired' }
  | { code: 'actorRequired' }
  | { code: 'timeTooEarly' };

export type TransferResult = { ok: true; record: RoutingRecord } | { ok: false; refusal: TransferRefusal };

export interface TransferInput {
  to: ControllerId;
  /** Who moves it. */
  by: string;
  /** Now, from the injected clock (epoch ms). */
  at: number;
  /** Why: required, it is shown to the requester and kept in the history. */
  reason: string;
}

/**
 * A new record handled by `to`, with the same receipt time and the transfer appended to the
 * history; or a refusal, checked in this order: same controller; `to` is not a controller of the
 * statement; no reason; no actor; a time before the receipt or the previous transfer.
 *
 * @example
 *   const r = transferRequest(record, { to: 'atlas', by: 'dpo@agii', at: clock.now(), reason: 'Lives in Antwerp' });
 *   r.ok && r.record.receivedAt === record.receivedAt // true
 */
export function transferRequest(record: RoutingRecord, input: TransferInput, source: RoutingFacts = facts): TransferResult {
  const statement = source.statements[record.statement]!;
  if (input.to === record.controller) return { ok: false, refusal: { code: 'sameController', controller: input.to } };
  if (!statement.controllers.includes(input.to)) {
    return { ok: false, refusal: { code: 'notController', controller: input.to, statement: statement.id } };
  }
  const reason = input.reason.trim();
  if (reason === '') return { ok: false, refusal: { code: 'reasonRequired' } };
  const by = input.by.trim();
  if (by === '') return { ok: false, refusal: { code: 'actorRequired' } };
  const last = record.transfers.at(-1);
  if (!Number.isFinite(input.at) || input.at < record.receivedAt || (last && input.at < last.at)) {
    return { ok: false, refusal: { code: 'timeTooEarly' } };
  }
  const contactPoint = statement.controllers.length > 1 ? findContactPoint(statement.id, source) : null;
  return {
    ok: true,
    record: {
      ...record,
      controller: input.to,
      informContactPoint: contactPoint !== null && input.to !== contactPoint,
      transfers: [...record.transfers, { from: record.controller, to: input.to, by, at: input.at, reason }],
    },
  };
}
