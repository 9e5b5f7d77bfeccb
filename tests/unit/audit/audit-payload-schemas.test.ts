// Every audit event type has a strict payload schema: a valid payload passes, and any extra field
// (where personal data would slip in) is refused, whatever the type.
import { describe, expect, it } from 'vitest';
import { AUDIT_EVENT_TYPES, auditPayloadSchemas, type AuditEventType } from '../../../api/audit/audit-event-types.ts';
import { GENESIS_HASH, hashAuditRow } from '../../../api/audit/hash-audit-row.ts';

/** One valid payload per type; the test fails when a type is added without one. */
const VALID: Record<AuditEventType, unknown> = {
  sign_in: { method: 'password_totp' },
  sign_in_failed: { reason: 'wrong_password' },
  sign_out: {},
  sign_out_everywhere: { sessionsEnded: 3 },
  mfa_enrolled: { method: 'totp' },
  second_factor_confirmed: { method: 'totp' },
  mfa_reset: { targetUserId: 'u-2' },
  user_added: { targetUserId: 'u-2', role: 'handler', controllerId: 'atlas' },
  user_disabled: { targetUserId: 'u-2' },
  user_enabled: { targetUserId: 'u-2' },
  request_listed: { state: null, page: 0, count: 25 },
  request_viewed: {},
  id_copy_viewed: { fileId: 'f-1' },
  file_downloaded: { fileId: 'f-1', role: 'answer' },
  identity_checked: { result: 'confirmed' },
  information_requested: { kind: 'identity', dueDate: '2026-06-15' },
  information_received: { kind: 'identity' },
  deadline_extended: { from: '2026-06-01', to: '2026-08-01', reason: 'complexity' },
  request_transferred: { fromControllerId: 'agii', toControllerId: 'ingent', reason: 'residence' },
  answer_sent: { fileId: 'f-9', channel: 'email', outcome: 'granted' },
  request_closed: { state: 'closed', outcome: 'partly_granted' },
  request_registered: { channel: 'post', receivedDate: '2026-05-04' },
  overview_viewed: {},
  overview_exported: { format: 'csv', from: '2026-01-01', to: '2026-03-31', count: 42 },
  users_listed: { count: 7 },
  audit_viewed: { scope: 'request', targetId: 'r-1' },
  retention_id_copy_deleted: { fileId: 'f-1', rule: 'max_age' },
  retention_answers_deleted: { fileIds: ['f-9'], closedDate: '2026-03-01' },
  retention_request_anonymised: { rule: 'after_close', filesDeleted: 4 },
};

describe('audit payload schemas', () => {
  it('cover the 25 event types of the DPO workspace', () => {
    expect(AUDIT_EVENT_TYPES).toHaveLength(29);
    expect(Object.keys(VALID).sort()).toEqual([...AUDIT_EVENT_TYPES].sort());
  });

  it.each(AUDIT_EVENT_TYPES)('%s accepts its payload and refuses any extra field', (type) => {
    const schema = auditPayloadSchemas[type];
    expect(schema.safeParse(VALID[type]).success).toBe(true);
    for (const extra of [{ email: 'olena@example.org' }, { name: 'Olena Kovalenko' }, { note: 'free text' }]) {
      const result = schema.safeParse({ ...(VALID[type] as object), ...extra });
      expect(result.success).toBe(false);
      expect(result.error!.issues[0]!.code).toBe('unrecognized_keys');
    }
  });

  it('refuses free text where an id is expected', () => {
    expect(auditPayloadSchemas.mfa_reset.safeParse({ targetUserId: 'olena@example.org' }).success).toBe(false);
    expect(auditPayloadSchemas.id_copy_viewed.safeParse({ fileId: 'Olena Kovalenko' }).success).toBe(false);
  });
});

describe('hashAuditRow', () => {
  const row = { seq: 1, at: 1_780_000_000_000, type: 'sign_out', actorUserId: 'u1', controllerId: 'atlas', requestId: null, payload: {}, prevHash: GENESIS_HASH };

  it('is SHA-256 hex and changes with every field, the seq included', () => {
    const h = hashAuditRow(row);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(hashAuditRow({ ...row })).toBe(h);
    expect(hashAuditRow({ ...row, seq: 2 })).not.toBe(h);
    expect(hashAuditRow({ ...row, at: row.at + 1 })).not.toBe(h);
    expect(hashAuditRow({ ...row, requestId: 'r1' })).not.toBe(h);
    expect(hashAuditRow({ ...row, payload: { x: 1 } })).not.toBe(h);
  });
});
