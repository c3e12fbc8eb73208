CREATE TABLE `roles` (
	`key` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`permissions` text DEFAULT '[]' NOT NULL,
	`builtin` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`source` text NOT NULL,
	`created_at` text NOT NULL,
	`last_seen_at` text NOT NULL,
	`expires_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `user_roles` (
	`user_id` integer NOT NULL,
	`role_key` text NOT NULL,
	PRIMARY KEY(`user_id`, `role_key`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`role_key`) REFERENCES `roles`(`key`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`password_hash` text NOT NULL,
	`department_id` integer,
	`custodian_id` integer,
	`active` integer DEFAULT true NOT NULL,
	`failed_logins` integer DEFAULT 0 NOT NULL,
	`locked_until` text,
	`must_change_password` integer DEFAULT false NOT NULL,
	`last_login_at` text,
	`locale` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_unique` ON `users` (`username`);--> statement-breakpoint
CREATE INDEX `users_custodian_idx` ON `users` (`custodian_id`);--> statement-breakpoint
CREATE TABLE `app_settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `categories` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`parent_id` integer,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`life_months` integer NOT NULL,
	`residual_rate_bp` integer DEFAULT 0 NOT NULL,
	`method` text DEFAULT 'straight_line' NOT NULL,
	`tax_class` text DEFAULT 'other' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `categories_code_unique` ON `categories` (`code`);--> statement-breakpoint
CREATE INDEX `categories_parent_idx` ON `categories` (`parent_id`);--> statement-breakpoint
CREATE TABLE `code_sequences` (
	`scope` text PRIMARY KEY NOT NULL,
	`last_value` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `custodians` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`department_id` integer,
	`phone` text DEFAULT '' NOT NULL,
	`email` text DEFAULT '' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `custodians_code_unique` ON `custodians` (`code`);--> statement-breakpoint
CREATE INDEX `custodians_department_idx` ON `custodians` (`department_id`);--> statement-breakpoint
CREATE TABLE `departments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`parent_id` integer,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`head_user_id` integer,
	`active` integer DEFAULT true NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `departments_code_unique` ON `departments` (`code`);--> statement-breakpoint
CREATE INDEX `departments_parent_idx` ON `departments` (`parent_id`);--> statement-breakpoint
CREATE TABLE `dictionary_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dictionary_kind_code_uq` ON `dictionary_items` (`kind`,`code`);--> statement-breakpoint
CREATE TABLE `locations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`parent_id` integer,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`kind` text DEFAULT 'room' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `locations_code_unique` ON `locations` (`code`);--> statement-breakpoint
CREATE INDEX `locations_parent_idx` ON `locations` (`parent_id`);--> statement-breakpoint
CREATE TABLE `suppliers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`contact` text DEFAULT '' NOT NULL,
	`phone` text DEFAULT '' NOT NULL,
	`email` text DEFAULT '' NOT NULL,
	`address` text DEFAULT '' NOT NULL,
	`tax_no` text DEFAULT '' NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `suppliers_code_unique` ON `suppliers` (`code`);--> statement-breakpoint
CREATE TABLE `asset_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`asset_id` integer NOT NULL,
	`at` text NOT NULL,
	`user_id` integer,
	`username` text DEFAULT '' NOT NULL,
	`source` text NOT NULL,
	`kind` text NOT NULL,
	`changes` text DEFAULT '[]' NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`version` integer,
	FOREIGN KEY (`asset_id`) REFERENCES `assets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `asset_events_asset_idx` ON `asset_events` (`asset_id`,`id`);--> statement-breakpoint
CREATE TABLE `assets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`asset_code` text NOT NULL,
	`name` text NOT NULL,
	`category_id` integer NOT NULL,
	`model` text DEFAULT '' NOT NULL,
	`serial_no` text DEFAULT '' NOT NULL,
	`supplier_id` integer,
	`purchase_order_ref` text DEFAULT '' NOT NULL,
	`purchase_date` text,
	`in_service_date` text,
	`cost` integer DEFAULT 0 NOT NULL,
	`residual_rate_bp` integer DEFAULT 0 NOT NULL,
	`residual_value` integer DEFAULT 0 NOT NULL,
	`life_months` integer NOT NULL,
	`method` text DEFAULT 'straight_line' NOT NULL,
	`quantity` real DEFAULT 1 NOT NULL,
	`unit` text DEFAULT '台' NOT NULL,
	`location_id` integer,
	`department_id` integer,
	`expense_department_id` integer,
	`custodian_id` integer,
	`status` text DEFAULT 'in_use' NOT NULL,
	`warranty_end` text,
	`legacy_id` text,
	`external_ref` text,
	`notes` text DEFAULT '' NOT NULL,
	`opening_accumulated` integer,
	`opening_months` integer,
	`opening_impairment` integer,
	`opening_period` text,
	`search_text` text DEFAULT '' NOT NULL,
	`deleted_at` text,
	`created_by` integer,
	`updated_by` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`supplier_id`) REFERENCES `suppliers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`location_id`) REFERENCES `locations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`expense_department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`custodian_id`) REFERENCES `custodians`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assets_asset_code_unique` ON `assets` (`asset_code`);--> statement-breakpoint
CREATE INDEX `assets_status_idx` ON `assets` (`status`,`deleted_at`);--> statement-breakpoint
CREATE INDEX `assets_category_idx` ON `assets` (`category_id`,`deleted_at`);--> statement-breakpoint
CREATE INDEX `assets_location_idx` ON `assets` (`location_id`,`deleted_at`);--> statement-breakpoint
CREATE INDEX `assets_department_idx` ON `assets` (`department_id`,`deleted_at`);--> statement-breakpoint
CREATE INDEX `assets_expense_department_idx` ON `assets` (`expense_department_id`);--> statement-breakpoint
CREATE INDEX `assets_custodian_idx` ON `assets` (`custodian_id`,`deleted_at`);--> statement-breakpoint
CREATE INDEX `assets_supplier_idx` ON `assets` (`supplier_id`,`deleted_at`);--> statement-breakpoint
CREATE INDEX `assets_serial_idx` ON `assets` (`serial_no`);--> statement-breakpoint
CREATE INDEX `assets_legacy_idx` ON `assets` (`legacy_id`);--> statement-breakpoint
CREATE INDEX `assets_external_idx` ON `assets` (`external_ref`);--> statement-breakpoint
CREATE INDEX `assets_live_name_idx` ON `assets` (`name`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `assets_live_model_idx` ON `assets` (`model`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `assets_live_serial_idx` ON `assets` (`serial_no`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `assets_live_purchase_idx` ON `assets` (`purchase_date`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `assets_live_in_service_idx` ON `assets` (`in_service_date`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `assets_live_cost_idx` ON `assets` (`cost`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `assets_live_updated_idx` ON `assets` (`updated_at`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `assets_live_created_idx` ON `assets` (`created_at`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `assets_live_status_idx` ON `assets` (`status`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `assets_live_status_cover_idx` ON `assets` (`status`,`cost`,`in_service_date`,`purchase_date`,`category_id`,`location_id`,`department_id`,`custodian_id`,`supplier_id`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `assets_live_category_cover_idx` ON `assets` (`category_id`,`status`,`cost`,`in_service_date`,`purchase_date`,`location_id`,`department_id`,`custodian_id`,`supplier_id`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `assets_live_location_cover_idx` ON `assets` (`location_id`,`status`,`cost`,`in_service_date`,`purchase_date`,`category_id`,`department_id`,`custodian_id`,`supplier_id`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `assets_live_department_cover_idx` ON `assets` (`department_id`,`status`,`cost`,`in_service_date`,`purchase_date`,`category_id`,`location_id`,`custodian_id`,`supplier_id`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `assets_live_supplier_cover_idx` ON `assets` (`supplier_id`,`status`,`cost`,`in_service_date`,`purchase_date`,`category_id`,`location_id`,`department_id`,`custodian_id`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `assets_live_search_idx` ON `assets` (`search_text`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE TABLE `attachments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`asset_id` integer NOT NULL,
	`sha256` text NOT NULL,
	`file_name` text NOT NULL,
	`mime` text NOT NULL,
	`size` integer NOT NULL,
	`kind` text DEFAULT 'other' NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	`deleted_at` text,
	FOREIGN KEY (`asset_id`) REFERENCES `assets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `attachments_asset_idx` ON `attachments` (`asset_id`);--> statement-breakpoint
CREATE INDEX `attachments_sha_idx` ON `attachments` (`sha256`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`user_id` integer,
	`username` text DEFAULT '' NOT NULL,
	`source` text NOT NULL,
	`action` text NOT NULL,
	`entity` text DEFAULT '' NOT NULL,
	`entity_id` text DEFAULT '' NOT NULL,
	`details` text DEFAULT '{}' NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_action_idx` ON `audit_log` (`action`);--> statement-breakpoint
CREATE INDEX `audit_entity_idx` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
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
--> statement-breakpoint
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
CREATE INDEX `scans_asset_idx` ON `scans` (`asset_id`);--> statement-breakpoint
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
CREATE UNIQUE INDEX `label_templates_name_unique` ON `label_templates` (`name`);--> statement-breakpoint
CREATE TABLE `approval_actions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`instance_id` integer NOT NULL,
	`kind` text NOT NULL,
	`document_id` integer NOT NULL,
	`step_seq` integer,
	`action` text NOT NULL,
	`actor_id` integer,
	`actor_name` text NOT NULL,
	`on_behalf_of` integer,
	`delegate_to` integer,
	`comment` text DEFAULT '' NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`instance_id`) REFERENCES `approval_instances`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`on_behalf_of`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`delegate_to`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `approval_actions_doc_idx` ON `approval_actions` (`kind`,`document_id`);--> statement-breakpoint
CREATE TABLE `approval_delegations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`from_user_id` integer NOT NULL,
	`to_user_id` integer NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`kind` text,
	`note` text DEFAULT '' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`from_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `approval_delegations_to_idx` ON `approval_delegations` (`to_user_id`);--> statement-breakpoint
CREATE INDEX `approval_delegations_from_idx` ON `approval_delegations` (`from_user_id`);--> statement-breakpoint
CREATE TABLE `approval_instances` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`document_id` integer NOT NULL,
	`round` integer NOT NULL,
	`template_id` integer,
	`template_name` text NOT NULL,
	`status` text NOT NULL,
	`doc_number` text NOT NULL,
	`doc_title` text DEFAULT '' NOT NULL,
	`amount` integer DEFAULT 0 NOT NULL,
	`requester_id` integer NOT NULL,
	`department_id` integer,
	`started_at` text NOT NULL,
	`finished_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`requester_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `approval_instances_doc_round_uq` ON `approval_instances` (`kind`,`document_id`,`round`);--> statement-breakpoint
CREATE INDEX `approval_instances_status_idx` ON `approval_instances` (`status`);--> statement-breakpoint
CREATE TABLE `approval_steps` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`instance_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`name` text NOT NULL,
	`approver_type` text NOT NULL,
	`role_key` text,
	`assignee_id` integer,
	`status` text NOT NULL,
	`pending_since` text,
	`acted_by` integer,
	`on_behalf_of` integer,
	`acted_at` text,
	FOREIGN KEY (`instance_id`) REFERENCES `approval_instances`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignee_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`acted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`on_behalf_of`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `approval_steps_instance_seq_uq` ON `approval_steps` (`instance_id`,`seq`);--> statement-breakpoint
CREATE INDEX `approval_steps_status_idx` ON `approval_steps` (`status`);--> statement-breakpoint
CREATE TABLE `approval_templates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`conditions` text DEFAULT '{}' NOT NULL,
	`steps` text DEFAULT '[]' NOT NULL,
	`priority` integer DEFAULT 100 NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `approval_templates_kind_idx` ON `approval_templates` (`kind`,`priority`);--> statement-breakpoint
CREATE TABLE `purchase_order_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`purchase_order_id` integer NOT NULL,
	`line_no` integer NOT NULL,
	`requisition_line_id` integer,
	`category_id` integer NOT NULL,
	`spec` text NOT NULL,
	`quantity` integer NOT NULL,
	`unit_price` integer NOT NULL,
	`amount` integer NOT NULL,
	`received_quantity` integer DEFAULT 0 NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`purchase_order_id`) REFERENCES `purchase_orders`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`requisition_line_id`) REFERENCES `requisition_lines`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `purchase_order_lines_no_uq` ON `purchase_order_lines` (`purchase_order_id`,`line_no`);--> statement-breakpoint
CREATE INDEX `purchase_order_lines_req_line_idx` ON `purchase_order_lines` (`requisition_line_id`);--> statement-breakpoint
CREATE TABLE `purchase_orders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`number` text NOT NULL,
	`supplier_id` integer NOT NULL,
	`requisition_id` integer,
	`status` text NOT NULL,
	`order_date` text NOT NULL,
	`expected_date` text,
	`notes` text DEFAULT '' NOT NULL,
	`total_amount` integer DEFAULT 0 NOT NULL,
	`created_by` integer,
	`cancel_reason` text DEFAULT '' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`supplier_id`) REFERENCES `suppliers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requisition_id`) REFERENCES `requisitions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `purchase_orders_number_unique` ON `purchase_orders` (`number`);--> statement-breakpoint
CREATE INDEX `purchase_orders_requisition_idx` ON `purchase_orders` (`requisition_id`);--> statement-breakpoint
CREATE INDEX `purchase_orders_status_idx` ON `purchase_orders` (`status`);--> statement-breakpoint
CREATE TABLE `requisition_budgets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`year` integer NOT NULL,
	`department_id` integer NOT NULL,
	`category_id` integer NOT NULL,
	`amount` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `requisition_budgets_uq` ON `requisition_budgets` (`year`,`department_id`,`category_id`);--> statement-breakpoint
CREATE TABLE `requisition_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`requisition_id` integer NOT NULL,
	`line_no` integer NOT NULL,
	`category_id` integer NOT NULL,
	`spec` text NOT NULL,
	`quantity` integer NOT NULL,
	`unit_price` integer NOT NULL,
	`amount` integer NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`needed_by` text,
	`ordered_quantity` integer DEFAULT 0 NOT NULL,
	`outside_quantity` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`requisition_id`) REFERENCES `requisitions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `requisition_lines_no_uq` ON `requisition_lines` (`requisition_id`,`line_no`);--> statement-breakpoint
CREATE TABLE `requisition_templates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`owner_id` integer,
	`lines` text DEFAULT '[]' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `requisitions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`number` text NOT NULL,
	`title` text DEFAULT '' NOT NULL,
	`requester_id` integer NOT NULL,
	`department_id` integer NOT NULL,
	`status` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`total_amount` integer DEFAULT 0 NOT NULL,
	`budget_year` integer,
	`budget_warnings` text DEFAULT '[]' NOT NULL,
	`submitted_at` text,
	`decided_at` text,
	`outside_note` text DEFAULT '' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`requester_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `requisitions_number_unique` ON `requisitions` (`number`);--> statement-breakpoint
CREATE INDEX `requisitions_requester_idx` ON `requisitions` (`requester_id`);--> statement-breakpoint
CREATE INDEX `requisitions_status_idx` ON `requisitions` (`status`);--> statement-breakpoint
CREATE INDEX `requisitions_dept_year_idx` ON `requisitions` (`department_id`,`budget_year`);--> statement-breakpoint
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
CREATE INDEX `counts_status_idx` ON `counts` (`status`);--> statement-breakpoint
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
CREATE UNIQUE INDEX `vouchers_period_number_uq` ON `vouchers` (`period`,`word`,`number`);--> statement-breakpoint
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
CREATE INDEX `transfers_status_idx` ON `transfers` (`status`);--> statement-breakpoint
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