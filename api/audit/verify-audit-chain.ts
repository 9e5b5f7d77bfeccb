/**
 * Walks the audit trail in seq order and recomputes every link: the first row must be seq 1 with
 * the genesis prevHash, each next row seq + 1, its prevHash the hash of the row before, and its
 * hash the hash of its own content. The first row that fails is named; `npm run audit:verify`
 * prints it.
 *
 * What a chain cannot show by itself: rows cut off at the end. Keep the `head` hash (printed by
 * the CLI) somewhere else now and then, and compare.
 *
 * @example
 *   const result = await verifyAuditChain(db);
 *   if (!result.ok) console.error(`row ${result.firstBrokenSeq}: ${result.reason}`);
 */
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import { GENESIS_HASH, hashAuditRow } from './hash-audit-row.ts';

export type AuditChainResult =
  | { ok: true; rows: number; head: string }
  | { ok: false; firstBrokenSeq: number; reason: 'hash_mismatch' | 'prev_hash_mismatch' | 'seq_gap' | 'malformed'; detail: string };

interface RawRow {
  seq: number;
  at: number;
  type: string;
  actor_user_id: string | null;
  controller_id: string | null;
  request_id: string | null;
  payload: string;
  prev_hash: string;
  hash: string;
}

const PAGE = 1000;

export async function verifyAuditChain(db: Queryable): Promise<AuditChainResult> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let rows = 0;
  for (;;) {
    // Raw rows, not drizzle's mapped ones: a tampered payload that is not JSON must be reported, not thrown.
    const page = await db.all<RawRow>(sql`
      SELECT seq, at, type, actor_user_id, controller_id, request_id, payload, prev_hash, hash
      FROM audit_events WHERE seq >= ${expectedSeq} ORDER BY seq LIMIT ${PAGE}`);
    for (const r of page) {
      const seq = Number(r.seq);
      if (seq !== expectedSeq) return { ok: false, firstBrokenSeq: seq, reason: 'seq_gap', detail: `expected row ${expectedSeq}, found row ${seq}: rows are missing` };
      if (r.prev_hash !== prevHash) return { ok: false, firstBrokenSeq: seq, reason: 'prev_hash_mismatch', detail: `prevHash ${r.prev_hash} is not the hash of the row before (${prevHash})` };
      let payload: unknown;
      try {
        payload = JSON.parse(r.payload);
      } catch {
        return { ok: false, firstBrokenSeq: seq, reason: 'malformed', detail: 'the payload is not JSON' };
      }
      const actual = hashAuditRow({ seq, at: Number(r.at), type: r.type, actorUserId: r.actor_user_id, controllerId: r.controller_id, requestId: r.request_id, payload, prevHash: r.prev_hash });
      if (actual !== r.hash) return { ok: false, firstBrokenSeq: seq, reason: 'hash_mismatch', detail: `the row's content hashes to ${actual}, not the stored ${r.hash}: it was changed` };
      prevHash = r.hash;
      expectedSeq = seq + 1;
      rows++;
    }
    if (page.length < PAGE) break;
  }
  // A first row other than seq 1 is a gap at the start (the loop reports it); nothing else remains.
  return { ok: true, rows, head: prevHash };
}
