CREATE TABLE `inbound_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`receipt_id` integer NOT NULL,
	`line_no` integer NOT NULL,
	`purchase_order_line_id` integer,
	`category_id` integer NOT NULL,
	`name` text NOT NULL,
	`spec` text DEFAULT '' NOT NULL,
	`unit_price` integer NOT NULL,
	`quantity` integer NOT NULL,
	`accepted_quantity` integer NOT NULL,
	`inspection` text NOT NULL,
	`inspection_note` text DEFAULT '' NOT NULL,
	`serial_nos` text DEFAULT '[]' NOT NULL,
	`warranty_end` text,
	`location_id` integer,
	`department_id` integer,
	`custodian_id` integer,
	`in_service_date` text NOT NULL,
	FOREIGN KEY (`receipt_id`) REFERENCES `inbound_receipts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`purchase_order_line_id`) REFERENCES `purchase_order_lines`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`location_id`) REFERENCES `locations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`custodian_id`) REFERENCES `custodians`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inbound_lines_no_uq` ON `inbound_lines` (`receipt_id`,`line_no`);--> statement-breakpoint
CREATE INDEX `inbound_lines_po_line_idx` ON `inbound_lines` (`purchase_order_line_id`);--> statement-breakpoint
CREATE TABLE `inbound_receipts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`number` text NOT NULL,
	`purchase_order_id` integer,
	`supplier_id` integer,
	`request_id` text,
	`receive_date` text NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`created_by` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`purchase_order_id`) REFERENCES `purchase_orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`supplier_id`) REFERENCES `suppliers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inbound_receipts_number_unique` ON `inbound_receipts` (`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `inbound_receipts_request_id_unique` ON `inbound_receipts` (`request_id`);--> statement-breakpoint
CREATE INDEX `inbound_receipts_po_idx` ON `inbound_receipts` (`purchase_order_id`);--> statement-breakpoint
CREATE TABLE `inbound_session_scans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` integer NOT NULL,
	`line_key` text NOT NULL,
	`serial_no` text NOT NULL,
	`scan_id` integer,
	`at` text NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `inbound_sessions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inbound_session_scans_uq` ON `inbound_session_scans` (`session_id`,`serial_no`);--> statement-breakpoint
CREATE TABLE `inbound_sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`station` text NOT NULL,
	`purchase_order_id` integer,
	`current_line` text DEFAULT '' NOT NULL,
	`status` text NOT NULL,
	`started_by` integer,
	`stopped_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`purchase_order_id`) REFERENCES `purchase_orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`started_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `inbound_sessions_station_idx` ON `inbound_sessions` (`station`,`status`);--> statement-breakpoint
CREATE TABLE `inbound_units` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`receipt_id` integer NOT NULL,
	`line_id` integer NOT NULL,
	`unit_key` text,
	`serial_no` text DEFAULT '' NOT NULL,
	`asset_id` integer NOT NULL,
	FOREIGN KEY (`receipt_id`) REFERENCES `inbound_receipts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`line_id`) REFERENCES `inbound_lines`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`asset_id`) REFERENCES `assets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inbound_units_unit_key_unique` ON `inbound_units` (`unit_key`);--> statement-breakpoint
CREATE INDEX `inbound_units_receipt_idx` ON `inbound_units` (`receipt_id`);--> statement-breakpoint
CREATE INDEX `inbound_units_asset_idx` ON `inbound_units` (`asset_id`);--> statement-breakpoint
CREATE TABLE `loans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`number` text NOT NULL,
	`asset_id` integer NOT NULL,
	`borrower_custodian_id` integer NOT NULL,
	`lent_date` text NOT NULL,
	`due_date` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`previous_status` text NOT NULL,
	`status` text NOT NULL,
	`returned_at` text,
	`return_condition` text,
	`return_note` text DEFAULT '' NOT NULL,
	`created_by` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`asset_id`) REFERENCES `assets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`borrower_custodian_id`) REFERENCES `custodians`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `loans_number_unique` ON `loans` (`number`);--> statement-breakpoint
CREATE INDEX `loans_asset_idx` ON `loans` (`asset_id`);--> statement-breakpoint
CREATE INDEX `loans_status_due_idx` ON `loans` (`status`,`due_date`);--> statement-breakpoint
CREATE TABLE `transfer_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`transfer_id` integer NOT NULL,
	`asset_id` integer NOT NULL,
	`from_department_id` integer,
	`from_expense_department_id` integer,
	`from_location_id` integer,
	`from_custodian_id` integer,
	`from_status` text NOT NULL,
	`change_voucher_id` integer,
	FOREIGN KEY (`transfer_id`) REFERENCES `transfers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`asset_id`) REFERENCES `assets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`change_voucher_id`) REFERENCES `change_vouchers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `transfer_lines_transfer_idx` ON `transfer_lines` (`transfer_id`);--> statement-breakpoint
CREATE INDEX `transfer_lines_asset_idx` ON `transfer_lines` (`asset_id`);--> statement-breakpoint
CREATE TABLE `transfers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`number` text NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`to_department_id` integer,
	`to_location_id` integer,
	`to_custodian_id` integer,
	`reason` text DEFAULT '' NOT NULL,
	`transfer_date` text NOT NULL,
	`crosses_departments` integer DEFAULT false NOT NULL,
	`requester_id` integer NOT NULL,
	`decided_at` text,
	`decision_note` text DEFAULT '' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`to_department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_location_id`) REFERENCES `locations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_custodian_id`) REFERENCES `custodians`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requester_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `transfers_number_unique` ON `transfers` (`number`);--> statement-breakpoint
CREATE INDEX `transfers_status_idx` ON `transfers` (`status`);