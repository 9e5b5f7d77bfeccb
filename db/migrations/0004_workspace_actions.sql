ALTER TABLE `request_events` ADD `message` blob;--> statement-breakpoint
ALTER TABLE `requests` ADD `due_date` text GENERATED ALWAYS AS (coalesce(extended_deadline, legal_deadline)) VIRTUAL;--> statement-breakpoint
ALTER TABLE `requests` ADD `identity_checked_by` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `requests` ADD `suspended_since` text;--> statement-breakpoint
ALTER TABLE `requests` ADD `suspended_days` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `requests` ADD `extension_reason` text;--> statement-breakpoint
ALTER TABLE `requests` ADD `answered_at` integer;--> statement-breakpoint
ALTER TABLE `requests` ADD `registered_by` text REFERENCES users(id);--> statement-breakpoint
CREATE INDEX `requests_controller_due` ON `requests` (`controller_id`,`state`,`due_date`);