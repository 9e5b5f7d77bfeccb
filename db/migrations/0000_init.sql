CREATE TABLE `controllers` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`dpo_email` text NOT NULL,
	`contact_point` integer NOT NULL,
	`internal_target_days` integer,
	`settings` text NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`key` text PRIMARY KEY NOT NULL,
	`request_id` text NOT NULL,
	`response` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `job_leases` (
	`name` text PRIMARY KEY NOT NULL,
	`holder` text NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`dedupe_key` text,
	`kind` text NOT NULL,
	`message` blob NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`claimed_until` integer,
	`claimed_by` text,
	`last_error` text,
	`message_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`sent_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe_key_unique` ON `outbox` (`dedupe_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_message_id_unique` ON `outbox` (`message_id`);--> statement-breakpoint
CREATE INDEX `outbox_due` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `request_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` text NOT NULL,
	`type` text NOT NULL,
	`at` integer NOT NULL,
	`actor` text NOT NULL,
	`payload` text NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `request_events_request` ON `request_events` (`request_id`,`at`);--> statement-breakpoint
CREATE TABLE `request_files` (
	`id` text PRIMARY KEY NOT NULL,
	`request_id` text NOT NULL,
	`role` text NOT NULL,
	`blob_id` text NOT NULL,
	`sha256` text NOT NULL,
	`size` integer NOT NULL,
	`mime` text NOT NULL,
	`created_at` integer NOT NULL,
	`deleted_at` integer,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `request_files_blob_id_unique` ON `request_files` (`blob_id`);--> statement-breakpoint
CREATE INDEX `request_files_request` ON `request_files` (`request_id`);--> statement-breakpoint
CREATE TABLE `requests` (
	`id` text PRIMARY KEY NOT NULL,
	`reference` text NOT NULL,
	`status_token_hash` text NOT NULL,
	`statement` text NOT NULL,
	`rights` text NOT NULL,
	`lang` text NOT NULL,
	`channel` text DEFAULT 'web' NOT NULL,
	`controller_id` text NOT NULL,
	`contact_point_informed` integer NOT NULL,
	`routing` text NOT NULL,
	`received_at` integer NOT NULL,
	`received_date` text NOT NULL,
	`legal_deadline` text NOT NULL,
	`extended_deadline` text,
	`internal_target` text,
	`state` text DEFAULT 'received' NOT NULL,
	`outcome` text,
	`email_confirmed_at` integer,
	`identity_checked_at` integer,
	`personal` blob,
	`seal` text NOT NULL,
	`closed_at` integer,
	`anonymised_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`controller_id`) REFERENCES `controllers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `requests_reference_unique` ON `requests` (`reference`);--> statement-breakpoint
CREATE UNIQUE INDEX `requests_status_token_hash_unique` ON `requests` (`status_token_hash`);--> statement-breakpoint
CREATE INDEX `requests_controller_deadline` ON `requests` (`controller_id`,`state`,`legal_deadline`);--> statement-breakpoint
CREATE INDEX `requests_state_deadline` ON `requests` (`state`,`legal_deadline`);