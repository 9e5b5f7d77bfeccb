/**
 * The hash of an audit row: SHA-256 (lowercase hex) of the RFC 8785 canonical JSON of
 * `{ seq, at, type, actorUserId, controllerId, requestId, payload, prevHash }`, with `at` in
 * epoch milliseconds and absent ids as null. `seq` is part of the hash, so a row cannot be moved
 * to another place in the chain; `prevHash` links it to the row before (64 zeros for the first).
 * Anyone can recompute it from the table alone (api/seal/canonical-json.ts says how).
 *
 * @example
 *   hashAuditRow({ seq: 1, at: 1780000000000, type: 'sign_out', actorUserId: 'u1', controllerId: 'atlas',
 *                  requestId: null, payload: {}, prevHash: GENESIS_HASH }) // '5d1e…' (64 hex)
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../seal/canonical-json.ts';

/** The prevHash of the first row. */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditRowContent {
  seq: number;
  at: number;
  type: string;
  actorUserId: string | null;
  controllerId: string | null;
  requestId: string | null;
  payload: unknown;
  prevHash: string;
}

export function hashAuditRow(row: AuditRowContent): string {
  const { seq, at, type, actorUserId, controllerId, requestId, payload, prevHash } = row;
  const text = canonicalJson({ seq, at, type, actorUserId, controllerId, requestId, payload, prevHash });
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
