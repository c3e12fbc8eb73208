CREATE TABLE `devices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`transport` text NOT NULL,
	`protocol` text NOT NULL,
	`path` text,
	`host` text,
	`port` integer,
	`baud_rate` integer,
	`options` text DEFAULT '{}' NOT NULL,
	`station` text DEFAULT 'local' NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `rfid_bindings` (
	`epc` text PRIMARY KEY NOT NULL,
	`asset_id` integer NOT NULL,
	`tid` text,
	`bound_at` text NOT NULL,
	`bound_by` integer,
	FOREIGN KEY (`asset_id`) REFERENCES `assets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`bound_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `rfid_bindings_asset_idx` ON `rfid_bindings` (`asset_id`);--> statement-breakpoint
CREATE TABLE `scans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`device_id` integer,
	`source` text NOT NULL,
	`user_id` integer,
	`station` text DEFAULT 'local' NOT NULL,
	`raw_hex` text DEFAULT '' NOT NULL,
	`code` text,
	`epc` text,
	`rssi` integer,
	`symbology` text,
	`aim` text,
	`asset_id` integer,
	`resolved_by` text,
	`target` text DEFAULT 'find' NOT NULL,
	`target_id` integer,
	FOREIGN KEY (`device_id`) REFERENCES `devices`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`asset_id`) REFERENCES `assets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `scans_at_idx` ON `scans` (`at`);--> statement-breakpoint
CREATE INDEX `scans_device_idx` ON `scans` (`device_id`,`at`);--> statement-breakpoint
CREATE INDEX `scans_asset_idx` ON `scans` (`asset_id`);