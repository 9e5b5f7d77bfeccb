CREATE TABLE `audit_events` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`type` text NOT NULL,
	`actor_user_id` text,
	`controller_id` text,
	`request_id` text,
	`payload` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `audit_events_hash_unique` ON `audit_events` (`hash`);--> statement-breakpoint
CREATE INDEX `audit_request` ON `audit_events` (`request_id`,`seq`);--> statement-breakpoint
CREATE INDEX `audit_actor` ON `audit_events` (`actor_user_id`,`seq`);--> statement-breakpoint
CREATE INDEX `audit_controller` ON `audit_events` (`controller_id`,`seq`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`mfa_at` integer,
	`csrf_secret` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_user` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`display_name` text NOT NULL,
	`controller_id` text,
	`role` text NOT NULL,
	`password_hash` text,
	`totp_secret` blob,
	`totp_enrolled_at` integer,
	`totp_last_step` integer,
	`recovery_codes` text DEFAULT '[]' NOT NULL,
	`oidc_subject` text,
	`enrolment_token_hash` text,
	`enrolment_expires_at` integer,
	`failed_attempts` integer DEFAULT 0 NOT NULL,
	`locked_until` integer,
	`disabled_at` integer,
	`last_sign_in_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`controller_id`) REFERENCES `controllers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE UNIQUE INDEX `users_oidc_subject_unique` ON `users` (`oidc_subject`);--> statement-breakpoint
CREATE UNIQUE INDEX `users_enrolment_token_hash_unique` ON `users` (`enrolment_token_hash`);--> statement-breakpoint
CREATE INDEX `users_controller` ON `users` (`controller_id`);