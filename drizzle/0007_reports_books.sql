CREATE TABLE `asset_usage` (
	`asset_id` integer NOT NULL,
	`period` text NOT NULL,
	`units` real NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`asset_id`, `period`),
	FOREIGN KEY (`asset_id`) REFERENCES `assets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `usage_plans` (
	`asset_id` integer PRIMARY KEY NOT NULL,
	`total_units` real NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`asset_id`) REFERENCES `assets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `asset_tax_terms` (
	`asset_id` integer PRIMARY KEY NOT NULL,
	`life_months` integer,
	`method` text,
	`residual_value` integer,
	`one_off` text DEFAULT 'auto' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`asset_id`) REFERENCES `assets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `voucher_line_assets` (
	`line_id` integer NOT NULL,
	`asset_id` integer NOT NULL,
	`amount` integer NOT NULL,
	FOREIGN KEY (`line_id`) REFERENCES `voucher_lines`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `voucher_line_assets_line_idx` ON `voucher_line_assets` (`line_id`,`asset_id`);--> statement-breakpoint
CREATE TABLE `voucher_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`voucher_id` integer NOT NULL,
	`line_no` integer NOT NULL,
	`summary` text NOT NULL,
	`account_code` text NOT NULL,
	`account_name` text NOT NULL,
	`debit` integer DEFAULT 0 NOT NULL,
	`credit` integer DEFAULT 0 NOT NULL,
	`department_id` integer,
	`asset_count` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`voucher_id`) REFERENCES `vouchers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `voucher_lines_voucher_idx` ON `voucher_lines` (`voucher_id`,`line_no`);--> statement-breakpoint
CREATE TABLE `vouchers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`period` text NOT NULL,
	`kind` text NOT NULL,
	`word` text NOT NULL,
	`number` integer NOT NULL,
	`voucher_date` text NOT NULL,
	`summary` text NOT NULL,
	`total_debit` integer NOT NULL,
	`total_credit` integer NOT NULL,
	`run_id` integer,
	`created_by` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `vouchers_period_kind_uq` ON `vouchers` (`period`,`kind`);--> statement-breakpoint
CREATE UNIQUE INDEX `vouchers_period_number_uq` ON `vouchers` (`period`,`word`,`number`);