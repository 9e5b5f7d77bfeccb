/** The audit trail: typed events, appended in a hash chain, verified by `npm run audit:verify`. */
export { appendAuditEvent, AuditPayloadError, type AppendedAuditEvent } from './append-audit-event.ts';
export { AUDIT_EVENT_TYPES, auditEventTypeSchema, auditPayloadSchemas, type AuditEventInput, type AuditEventType, type AuditPayload } from './audit-event-types.ts';
export { GENESIS_HASH, hashAuditRow, type AuditRowContent } from './hash-audit-row.ts';
export { verifyAuditChain, type AuditChainResult } from './verify-audit-chain.ts';
