/**
 * The one source of truth for the database tables. Migrations in db/migrations are generated from
 * this file by drizzle-kit (`npm run db:generate`) and applied at start.
 */
import { sql } from 'drizzle-orm';
import { blob, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The joint controllers, copied from content/facts/controllers.json at every start, so that
 * requests can reference them; content/ stays the place where they are edited.
 */
export const controllers = sqliteTable('controllers', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  dpoEmail: text('dpo_email').notNull(),
  contactPoint: integer('contact_point', { mode: 'boolean' }).notNull(),
  internalTargetDays: integer('internal_target_days'),
  /** The per-controller deadline settings, as JSON (content/schema.ts controllerSchema.settings). */
  settings: text('settings', { mode: 'json' }).notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
});

/**
 * A rights request. Personal data (names, contact details, explanations) is never stored in
 * clear: it sits in `personal`, an envelope-encrypted JSON document (api/crypto). What stays in
 * clear is what routing, deadlines and the DPO list need, and none of it identifies the person.
 */
export const requests = sqliteTable(
  'requests',
  {
    id: text('id').primaryKey(),
    /** The reference a person reads over the phone (api/requests/reference.ts). */
    reference: text('reference').notNull().unique(),
    statusTokenHash: text('status_token_hash').notNull().unique(),
    statement: text('statement', { enum: ['general', 'website', 'crt'] }).notNull(),
    /** JSON array of rights: access, rectification, erasure, restriction, portability, objection, withdrawal. */
    rights: text('rights', { mode: 'json' }).$type<string[]>().notNull(),
    lang: text('lang', { enum: ['nl', 'en', 'fr', 'uk', 'ru'] }).notNull(),
    channel: text('channel', { enum: ['web', 'post', 'email', 'desk'] }).notNull().default('web'),
    controllerId: text('controller_id').notNull().references(() => controllers.id),
    contactPointInformed: integer('contact_point_informed', { mode: 'boolean' }).notNull(),
    /** The routing reason as code and parameters, rendered in any language when shown. */
    routing: text('routing', { mode: 'json' }).notNull(),
    /** The instant of receipt (the server's clock when the request was committed). */
    receivedAt: integer('received_at', { mode: 'timestamp_ms' }).notNull(),
    /** The Brussels calendar date of receipt: the deadline's day zero. */
    receivedDate: text('received_date').notNull(),
    legalDeadline: text('legal_deadline').notNull(),
    extendedDeadline: text('extended_deadline'),
    /** The deadline in force: the extended one once extended, else the legal one. The list sorts on it. */
    dueDate: text('due_date').generatedAlwaysAs(sql`coalesce(extended_deadline, legal_deadline)`, { mode: 'virtual' }),
    internalTarget: text('internal_target'),
    state: text('state', {
      enum: ['received', 'awaiting_information', 'in_progress', 'answered', 'closed', 'withdrawn'],
    })
      .notNull()
      .default('received'),
    outcome: text('outcome', { enum: ['granted', 'partly_granted', 'refused'] }),
    emailConfirmedAt: integer('email_confirmed_at', { mode: 'timestamp_ms' }),
    /** SHA-256 of the secret in the link that confirms the requester's e-mail address. */
    emailConfirmTokenHash: text('email_confirm_token_hash').unique(),
    identityCheckedAt: integer('identity_checked_at', { mode: 'timestamp_ms' }),
    /** The workspace user who checked the identity: with identityCheckedAt, all that is kept of the ID copy. */
    identityCheckedBy: text('identity_checked_by').references(() => users.id),
    /** While information asked of the requester is awaited and the controller suspends the clock: the day it was asked. */
    suspendedSince: text('suspended_since'),
    /** Days the clock stood still so far (both ends counted, DOMAIN.md rule 6); already added to legalDeadline. */
    suspendedDays: integer('suspended_days').notNull().default(0),
    /** Why the deadline was extended (once, before the first deadline). */
    extensionReason: text('extension_reason', { enum: ['complexity', 'number_of_requests'] }),
    answeredAt: integer('answered_at', { mode: 'timestamp_ms' }),
    /** For a request registered by a workspace user (post, e-mail, desk): who registered it. */
    registeredBy: text('registered_by').references(() => users.id),
    /** Envelope-encrypted JSON: the requester's personal data. Null once anonymised. */
    personal: blob('personal', { mode: 'buffer' }),
    seal: text('seal', { mode: 'json' }).notNull(),
    closedAt: integer('closed_at', { mode: 'timestamp_ms' }),
    anonymisedAt: integer('anonymised_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    index('requests_controller_deadline').on(t.controllerId, t.state, t.legalDeadline),
    index('requests_controller_due').on(t.controllerId, t.state, t.dueDate),
    // The DPO list in its own order, with every column its filters test (state, statement,
    // confirmed e-mail, rights): a filtered page and its count are read from this index alone,
    // and a page stops the scan as soon as it is full.
    index('requests_list').on(t.controllerId, t.dueDate, t.reference, t.state, t.statement, t.emailConfirmedAt, t.rights),
    index('requests_state_deadline').on(t.state, t.legalDeadline),
  ],
);

/** Files of a request, encrypted in the blob store (api/blobs); the database holds the hash. */
export const requestFiles = sqliteTable(
  'request_files',
  {
    id: text('id').primaryKey(),
    requestId: text('request_id').notNull().references(() => requests.id),
    role: text('role', { enum: ['id_copy', 'signature', 'mandate', 'document', 'answer', 'receipt'] }).notNull(),
    blobId: text('blob_id').notNull().unique(),
    sha256: text('sha256').notNull(),
    size: integer('size').notNull(),
    mime: text('mime').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    deletedAt: integer('deleted_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('request_files_request').on(t.requestId)],
);

/** What happened to a request, in order: the timeline the requester and the DPO see. */
export const requestEvents = sqliteTable(
  'request_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requestId: text('request_id').notNull().references(() => requests.id),
    type: text('type').notNull(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    actor: text('actor').notNull(),
    payload: text('payload', { mode: 'json' }).notNull(),
    /**
     * Free text written to the requester (what information is needed, the reasons of a refusal or
     * an extension), envelope-encrypted: it may hold personal data, so it is never in clear.
     */
    message: blob('message', { mode: 'buffer' }),
  },
  (t) => [index('request_events_request').on(t.requestId, t.at)],
);

/**
 * E-mails to send, written in the same transaction as what they announce; the mail worker sends
 * them until the SMTP server accepts them. `dedupeKey` makes a message that must go out once
 * (a reminder, a daily list) impossible to queue twice, whichever instance tries.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: text('id').primaryKey(),
    dedupeKey: text('dedupe_key').unique(),
    kind: text('kind').notNull(),
    /** Envelope-encrypted JSON { to, subject, text, html }: addresses are personal data. */
    message: blob('message', { mode: 'buffer' }).notNull(),
    status: text('status', { enum: ['pending', 'sent', 'failed'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }).notNull(),
    claimedUntil: integer('claimed_until', { mode: 'timestamp_ms' }),
    claimedBy: text('claimed_by'),
    lastError: text('last_error'),
    messageId: text('message_id').notNull().unique(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('outbox_due').on(t.status, t.nextAttemptAt)],
);

/** Leases for scheduled jobs: one instance runs a job at a time, another takes over on expiry. */
export const jobLeases = sqliteTable('job_leases', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
});

/** A submission's idempotency key and the answer it got, so a repeat returns the same answer. */
export const idempotencyKeys = sqliteTable('idempotency_keys', {
  key: text('key').primaryKey(),
  requestId: text('request_id').notNull().references(() => requests.id),
  response: text('response', { mode: 'json' }).notNull(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
});

/**
 * Counters for per-client rate limits, per fixed window. The client is a keyed hash of its
 * address, never the address itself; old windows are deleted by the retention job.
 */
export const rateLimits = sqliteTable(
  'rate_limits',
  {
    key: text('key').notNull(),
    window: integer('window').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.window] })],
);

/**
 * People of the controllers who work in the DPO workspace. A user belongs to one controller
 * (need to know), except an administrator, who manages accounts across controllers and sees no
 * requests. The second factor (TOTP) is mandatory for local accounts.
 */
export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull().unique(),
    displayName: text('display_name').notNull(),
    controllerId: text('controller_id').references(() => controllers.id),
    role: text('role', { enum: ['dpo', 'handler', 'auditor', 'admin'] }).notNull(),
    /** Argon2id; null for an account that signs in only through OpenID Connect. */
    passwordHash: text('password_hash'),
    /** Envelope-encrypted TOTP secret; null until enrolled. */
    totpSecret: blob('totp_secret', { mode: 'buffer' }),
    totpEnrolledAt: integer('totp_enrolled_at', { mode: 'timestamp_ms' }),
    /** The last TOTP time step accepted, so a code cannot be used twice. */
    totpLastStep: integer('totp_last_step'),
    /** JSON array of Argon2id hashes of unused recovery codes. */
    recoveryCodes: text('recovery_codes', { mode: 'json' }).$type<string[]>().notNull().default([]),
    oidcSubject: text('oidc_subject').unique(),
    enrolmentTokenHash: text('enrolment_token_hash').unique(),
    enrolmentExpiresAt: integer('enrolment_expires_at', { mode: 'timestamp_ms' }),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedUntil: integer('locked_until', { mode: 'timestamp_ms' }),
    disabledAt: integer('disabled_at', { mode: 'timestamp_ms' }),
    lastSignInAt: integer('last_sign_in_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('users_controller').on(t.controllerId)],
);

/** Workspace sessions: the cookie holds a random token; only its SHA-256 is stored here. */
export const sessions = sqliteTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id),
    /** Set once the second factor (or OpenID Connect) was passed. */
    mfaAt: integer('mfa_at', { mode: 'timestamp_ms' }),
    csrfSecret: text('csrf_secret').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    lastSeenAt: integer('last_seen_at', { mode: 'timestamp_ms' }).notNull(),
    /** The absolute end (8 hours after sign-in); the idle end (30 minutes) follows lastSeenAt. */
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

/**
 * The audit trail: every sign-in, view, download and change, append-only. Each row carries the
 * SHA-256 of the row before it, so removing or editing a row breaks the chain
 * (`npm run audit:verify` names the first broken row).
 */
export const auditEvents = sqliteTable(
  'audit_events',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    type: text('type').notNull(),
    actorUserId: text('actor_user_id'),
    controllerId: text('controller_id'),
    requestId: text('request_id'),
    payload: text('payload', { mode: 'json' }).notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull().unique(),
  },
  (t) => [index('audit_request').on(t.requestId, t.seq), index('audit_actor').on(t.actorUserId, t.seq), index('audit_controller').on(t.controllerId, t.seq)],
);
