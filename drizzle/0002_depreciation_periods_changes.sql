CREATE TABLE `change_vouchers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`number` text NOT NULL,
	`asset_id` integer NOT NULL,
	`kind` text NOT NULL,
	`before` text NOT NULL,
	`after` text NOT NULL,
	`reason` text NOT NULL,
	`voucher_date` text NOT NULL,
	`status` text NOT NULL,
	`created_by` integer,
	`approved_by` integer,
	`approved_at` text,
	`approval_date` text,
	`effective_period` text,
	`comment` text DEFAULT '' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`asset_id`) REFERENCES `assets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `change_vouchers_number_unique` ON `change_vouchers` (`number`);--> statement-breakpoint
CREATE INDEX `change_vouchers_asset_idx` ON `change_vouchers` (`asset_id`,`id`);--> statement-breakpoint
CREATE INDEX `change_vouchers_effective_idx` ON `change_vouchers` (`effective_period`);--> statement-breakpoint
CREATE INDEX `change_vouchers_status_idx` ON `change_vouchers` (`status`);--> statement-breakpoint
CREATE TABLE `depreciation_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`run_id` integer NOT NULL,
	`period` text NOT NULL,
	`book` text DEFAULT 'accounting' NOT NULL,
	`asset_id` integer NOT NULL,
	`category_id` integer NOT NULL,
	`expense_department_id` integer,
	`cost` integer NOT NULL,
	`amount` integer NOT NULL,
	`accumulated` integer NOT NULL,
	`impairment` integer DEFAULT 0 NOT NULL,
	`impairment_charge` integer DEFAULT 0 NOT NULL,
	`nbv` integer NOT NULL,
	`disposed` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`run_id`) REFERENCES `depreciation_runs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`asset_id`) REFERENCES `assets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `depreciation_entries_period_uq` ON `depreciation_entries` (`period`,`book`,`asset_id`);--> statement-breakpoint
CREATE INDEX `depreciation_entries_asset_idx` ON `depreciation_entries` (`asset_id`,`period`);--> statement-breakpoint
CREATE TABLE `depreciation_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`period` text NOT NULL,
	`book` text DEFAULT 'accounting' NOT NULL,
	`status` text NOT NULL,
	`asset_count` integer DEFAULT 0 NOT NULL,
	`total_amount` integer DEFAULT 0 NOT NULL,
	`total_impairment` integer DEFAULT 0 NOT NULL,
	`previewed_at` text,
	`previewed_by` integer,
	`posted_at` text,
	`posted_by` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `depreciation_runs_period_book_uq` ON `depreciation_runs` (`period`,`book`);--> statement-breakpoint
CREATE TABLE `periods` (
	`period` text PRIMARY KEY NOT NULL,
	`status` text NOT NULL,
	`closed_at` text,
	`closed_by` integer,
	`reopened_at` text,
	`reopened_by` integer,
	`reopen_reason` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
