CREATE TABLE `rate_limits` (
	`key` text NOT NULL,
	`window` integer NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`key`, `window`)
);
--> statement-breakpoint
ALTER TABLE `requests` ADD `email_confirm_token_hash` text;--> statement-breakpoint
CREATE UNIQUE INDEX `requests_email_confirm_token_hash_unique` ON `requests` (`email_confirm_token_hash`);