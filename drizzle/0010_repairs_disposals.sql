CREATE TABLE `repair_attachments` (
	`repair_id` integer NOT NULL,
	`attachment_id` integer NOT NULL,
	`role` text NOT NULL,
	FOREIGN KEY (`repair_id`) REFERENCES `repairs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`attachment_id`) REFERENCES `attachments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `repair_attachments_repair_idx` ON `repair_attachments` (`repair_id`);--> statement-breakpoint
CREATE TABLE `repairs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`number` text NOT NULL,
	`asset_id` integer NOT NULL,
	`fault` text NOT NULL,
	`urgency` text DEFAULT 'normal' NOT NULL,
	`status` text NOT NULL,
	`previous_status` text NOT NULL,
	`holds_asset` integer DEFAULT 1 NOT NULL,
	`reported_by` integer,
	`reported_date` text NOT NULL,
	`assignee_type` text,
	`assignee_user_id` integer,
	`vendor_id` integer,
	`accepted_at` text,
	`done_at` text,
	`done_date` text,
	`closed_at` text,
	`closed_by` integer,
	`parts_cost` integer DEFAULT 0 NOT NULL,
	`labour_cost` integer DEFAULT 0 NOT NULL,
	`vendor_cost` integer DEFAULT 0 NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`capitalised_amount` integer,
	`extend_life_months` integer,
	`cost_voucher_id` integer,
	`life_voucher_id` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`asset_id`) REFERENCES `assets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reported_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignee_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`vendor_id`) REFERENCES `suppliers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `repairs_number_uq` ON `repairs` (`number`);--> statement-breakpoint
CREATE INDEX `repairs_asset_idx` ON `repairs` (`asset_id`,`status`);--> statement-breakpoint
CREATE INDEX `repairs_status_idx` ON `repairs` (`status`);--> statement-breakpoint
CREATE INDEX `repairs_done_idx` ON `repairs` (`done_date`);--> statement-breakpoint
CREATE TABLE `disposal_voucher_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`disposal_id` integer NOT NULL,
	`line_no` integer NOT NULL,
	`summary` text NOT NULL,
	`account_code` text NOT NULL,
	`account_name` text NOT NULL,
	`debit` integer DEFAULT 0 NOT NULL,
	`credit` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`disposal_id`) REFERENCES `disposals`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `disposal_voucher_lines_idx` ON `disposal_voucher_lines` (`disposal_id`,`line_no`);--> statement-breakpoint
CREATE TABLE `disposals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`number` text NOT NULL,
	`asset_id` integer NOT NULL,
	`kind` text NOT NULL,
	`date` text NOT NULL,
	`proceeds` integer DEFAULT 0 NOT NULL,
	`costs` integer DEFAULT 0 NOT NULL,
	`reason` text NOT NULL,
	`status` text NOT NULL,
	`previous_status` text NOT NULL,
	`requested_by` integer,
	`department_id` integer,
	`cost` integer,
	`accumulated` integer,
	`impairment` integer,
	`net_book_value` integer,
	`gain_loss` integer,
	`approved_at` text,
	`decided_reason` text DEFAULT '' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`asset_id`) REFERENCES `assets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `disposals_number_uq` ON `disposals` (`number`);--> statement-breakpoint
CREATE INDEX `disposals_asset_idx` ON `disposals` (`asset_id`,`status`);--> statement-breakpoint
CREATE INDEX `disposals_status_idx` ON `disposals` (`status`,`date`);