DROP INDEX `assets_in_service_idx`;--> statement-breakpoint
DROP INDEX `assets_cost_idx`;--> statement-breakpoint
DROP INDEX `assets_updated_idx`;--> statement-breakpoint
DROP INDEX `assets_status_idx`;--> statement-breakpoint
DROP INDEX `assets_category_idx`;--> statement-breakpoint
DROP INDEX `assets_location_idx`;--> statement-breakpoint
DROP INDEX `assets_department_idx`;--> statement-breakpoint
DROP INDEX `assets_custodian_idx`;--> statement-breakpoint
CREATE INDEX `assets_expense_department_idx` ON `assets` (`expense_department_id`);--> statement-breakpoint
CREATE INDEX `assets_supplier_idx` ON `assets` (`supplier_id`,`deleted_at`);--> statement-breakpoint
CREATE INDEX `assets_live_name_idx` ON `assets` (`name`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `assets_live_model_idx` ON `assets` (`model`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `assets_live_serial_idx` ON `assets` (`serial_no`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `assets_live_purchase_idx` ON `assets` (`purchase_date`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `assets_live_in_service_idx` ON `assets` (`in_service_date`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `assets_live_cost_idx` ON `assets` (`cost`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `assets_live_updated_idx` ON `assets` (`updated_at`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `assets_live_created_idx` ON `assets` (`created_at`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `assets_live_search_idx` ON `assets` (`search_text`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `assets_status_idx` ON `assets` (`status`,`deleted_at`);--> statement-breakpoint
CREATE INDEX `assets_category_idx` ON `assets` (`category_id`,`deleted_at`);--> statement-breakpoint
CREATE INDEX `assets_location_idx` ON `assets` (`location_id`,`deleted_at`);--> statement-breakpoint
CREATE INDEX `assets_department_idx` ON `assets` (`department_id`,`deleted_at`);--> statement-breakpoint
CREATE INDEX `assets_custodian_idx` ON `assets` (`custodian_id`,`deleted_at`);--> statement-breakpoint
ALTER TABLE `asset_events` ADD `version` integer;--> statement-breakpoint
CREATE INDEX `attachments_sha_idx` ON `attachments` (`sha256`);