-- Written by hand (drizzle-kit cannot express triggers): the audit trail is append-only.
-- Any UPDATE or DELETE on audit_events is refused by the database itself, whoever runs it.
CREATE TRIGGER `audit_events_no_update` BEFORE UPDATE ON `audit_events`
BEGIN
  SELECT RAISE(ABORT, 'audit_events is append-only: rows cannot be updated');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_events_no_delete` BEFORE DELETE ON `audit_events`
BEGIN
  SELECT RAISE(ABORT, 'audit_events is append-only: rows cannot be deleted');
END;
