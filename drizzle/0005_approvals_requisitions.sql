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
CREATE INDEX `assets_live_status_idx` ON `assets` (`status`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `assets_live_status_cover_idx` ON `assets` (`status`,`cost`,`in_service_date`,`purchase_date`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `assets_live_category_cover_idx` ON `assets` (`category_id`,`status`,`cost`,`in_service_date`,`purchase_date`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `assets_live_location_cover_idx` ON `assets` (`location_id`,`status`,`cost`,`in_service_date`,`purchase_date`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `assets_live_department_cover_idx` ON `assets` (`department_id`,`status`,`cost`,`in_service_date`,`purchase_date`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `assets_live_supplier_cover_idx` ON `assets` (`supplier_id`,`status`,`cost`,`in_service_date`,`purchase_date`) WHERE deleted_at IS NULL;