CREATE TABLE `label_prints` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` text NOT NULL,
	`user_id` integer,
	`username` text DEFAULT '' NOT NULL,
	`template_id` integer,
	`template_name` text NOT NULL,
	`output` text NOT NULL,
	`target` text DEFAULT '' NOT NULL,
	`asset_ids` text NOT NULL,
	`asset_count` integer NOT NULL,
	`copies` integer DEFAULT 1 NOT NULL,
	`start_position` integer DEFAULT 1 NOT NULL,
	`status` text NOT NULL,
	`error` text,
	`job_id` text,
	`finished_at` text
);
--> statement-breakpoint
CREATE INDEX `label_prints_created_idx` ON `label_prints` (`created_at`);--> statement-breakpoint
CREATE TABLE `label_templates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`preset` text DEFAULT 'custom' NOT NULL,
	`definition` text NOT NULL,
	`is_default` integer DEFAULT false NOT NULL,
	`created_by` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `label_templates_name_unique` ON `label_templates` (`name`);