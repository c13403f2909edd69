CREATE TABLE `attestations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`model_id` text NOT NULL,
	`policy_id` text,
	`safeguard_id` text NOT NULL,
	`status` text NOT NULL,
	`evidence` text,
	`by` text NOT NULL,
	`at` text NOT NULL,
	`expires_at` text,
	`created_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`model_id`) REFERENCES `models`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `attestations_model` ON `attestations` (`model_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`seq` integer PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`subject` text NOT NULL,
	`payload` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `decisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`model_id` text NOT NULL,
	`policy_version_id` integer NOT NULL,
	`action` text NOT NULL,
	`as_of` text NOT NULL,
	`input_hash` text NOT NULL,
	`input` text NOT NULL,
	`result_hash` text NOT NULL,
	`result` text NOT NULL,
	`outcome` text NOT NULL,
	`signoff` text,
	`rationale` text,
	`conditions` text,
	`decided_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`model_id`) REFERENCES `models`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`policy_version_id`) REFERENCES `policy_versions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `decisions_model` ON `decisions` (`model_id`);--> statement-breakpoint
CREATE TABLE `determinations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`model_id` text NOT NULL,
	`policy_id` text,
	`threshold_id` text NOT NULL,
	`outcome` text NOT NULL,
	`mitigation` text,
	`by` text NOT NULL,
	`rationale` text NOT NULL,
	`quote` text,
	`source_title` text,
	`source_url` text,
	`source_kind` text DEFAULT 'internal' NOT NULL,
	`evidence` text DEFAULT '[]' NOT NULL,
	`at` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`model_id`) REFERENCES `models`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `determinations_model` ON `determinations` (`model_id`,`policy_id`);--> statement-breakpoint
CREATE TABLE `import_batches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`file_name` text NOT NULL,
	`sha256` text NOT NULL,
	`format` text NOT NULL,
	`inserted` integer NOT NULL,
	`duplicates` integer NOT NULL,
	`rejected_count` integer NOT NULL,
	`rejected` text DEFAULT '[]' NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`rolled_back_by` text,
	`rolled_back_at` text,
	`synthetic` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX `import_batches_sha256` ON `import_batches` (`sha256`);--> statement-breakpoint
CREATE TABLE `metrics` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text,
	`description` text,
	`domain` text,
	`unit` text NOT NULL,
	`original_unit` text,
	`normalisation` text,
	`higher_is_riskier` integer,
	`continuity` text,
	`chance` real,
	`ceiling` real,
	`suite_version` text,
	`source` text
);
--> statement-breakpoint
CREATE TABLE `model_aliases` (
	`alias` text PRIMARY KEY NOT NULL,
	`model_id` text NOT NULL,
	`raw` text NOT NULL,
	`source` text,
	FOREIGN KEY (`model_id`) REFERENCES `models`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `models` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`family` text,
	`developer` text,
	`release_date` text,
	`params_b` real,
	`active_params_b` real,
	`training_tokens` real,
	`training_flop` real,
	`effective_compute` real,
	`metadata_sources` text DEFAULT '{}' NOT NULL,
	`synthetic` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `policy_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`policy_id` text NOT NULL,
	`version` text NOT NULL,
	`yaml` text NOT NULL,
	`sha256` text NOT NULL,
	`author` text NOT NULL,
	`status` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`published_at` text
);
--> statement-breakpoint
CREATE INDEX `policy_versions_policy` ON `policy_versions` (`policy_id`,`status`);--> statement-breakpoint
CREATE UNIQUE INDEX `policy_versions_sha` ON `policy_versions` (`policy_id`,`sha256`,`status`);--> statement-breakpoint
CREATE TABLE `scores` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`model_id` text NOT NULL,
	`metric_id` text NOT NULL,
	`value` real NOT NULL,
	`stderr` real,
	`n` integer,
	`ci_low` real,
	`ci_high` real,
	`mitigation` text DEFAULT 'pre' NOT NULL,
	`elicitation` text,
	`evaluated_at` text,
	`source_file` text,
	`source_row` integer,
	`source_url` text,
	`source_note` text,
	`batch_id` integer NOT NULL,
	`content_hash` text NOT NULL,
	FOREIGN KEY (`model_id`) REFERENCES `models`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`metric_id`) REFERENCES `metrics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`batch_id`) REFERENCES `import_batches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scores_content_hash` ON `scores` (`content_hash`);--> statement-breakpoint
CREATE INDEX `scores_model_metric` ON `scores` (`model_id`,`metric_id`);--> statement-breakpoint
CREATE INDEX `scores_batch` ON `scores` (`batch_id`);