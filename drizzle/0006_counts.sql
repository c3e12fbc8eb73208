CREATE TABLE `count_details` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`count_id` integer NOT NULL,
	`asset_id` integer,
	`expected` integer DEFAULT 1 NOT NULL,
	`expected_location_id` integer,
	`expected_custodian_id` integer,
	`expected_status` text,
	`found_at` text,
	`found_by` integer,
	`found_location_id` integer,
	`found_status` text,
	`found_device_id` integer,
	`found_station` text,
	`code` text,
	`name` text,
	`estimated_value` integer,
	`photo_sha256` text,
	`photo_mime` text,
	`note` text DEFAULT '' NOT NULL,
	`result` text,
	`resolution` text,
	`resolution_data` text,
	`resolution_note` text DEFAULT '' NOT NULL,
	`resolved_by` integer,
	`resolved_at` text,
	`posted_asset_id` integer,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`count_id`) REFERENCES `counts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`asset_id`) REFERENCES `assets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `count_details_asset_uq` ON `count_details` (`count_id`,`asset_id`);--> statement-breakpoint
CREATE INDEX `count_details_lock_idx` ON `count_details` (`asset_id`);--> statement-breakpoint
CREATE INDEX `count_details_area_idx` ON `count_details` (`count_id`,`expected_location_id`);--> statement-breakpoint
CREATE INDEX `count_details_code_idx` ON `count_details` (`count_id`,`code`);--> statement-breakpoint
CREATE TABLE `count_scans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`count_id` integer NOT NULL,
	`at` text NOT NULL,
	`user_id` integer,
	`device_id` integer,
	`station` text DEFAULT 'local' NOT NULL,
	`location_id` integer,
	`code` text,
	`epc` text,
	`asset_id` integer,
	`detail_id` integer,
	`outcome` text NOT NULL,
	`scan_id` integer,
	FOREIGN KEY (`count_id`) REFERENCES `counts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `count_scans_count_idx` ON `count_scans` (`count_id`,`id`);--> statement-breakpoint
CREATE TABLE `count_stations` (
	`station` text PRIMARY KEY NOT NULL,
	`count_id` integer NOT NULL,
	`location_id` integer,
	`user_id` integer,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`count_id`) REFERENCES `counts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `counts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`kind` text DEFAULT 'full' NOT NULL,
	`blind` integer DEFAULT false NOT NULL,
	`scope` text DEFAULT '{}' NOT NULL,
	`assignees` text DEFAULT '[]' NOT NULL,
	`due_date` text,
	`status` text DEFAULT 'draft' NOT NULL,
	`started_at` text,
	`started_by` integer,
	`finished_at` text,
	`finished_by` integer,
	`posted_at` text,
	`posted_by` integer,
	`created_by` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`started_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`finished_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`posted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `counts_status_idx` ON `counts` (`status`);