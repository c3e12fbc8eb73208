DROP INDEX `assets_live_status_cover_idx`;--> statement-breakpoint
DROP INDEX `assets_live_category_cover_idx`;--> statement-breakpoint
DROP INDEX `assets_live_location_cover_idx`;--> statement-breakpoint
DROP INDEX `assets_live_department_cover_idx`;--> statement-breakpoint
DROP INDEX `assets_live_supplier_cover_idx`;--> statement-breakpoint
CREATE INDEX `assets_live_status_cover_idx` ON `assets` (`status`,`cost`,`in_service_date`,`purchase_date`,`category_id`,`location_id`,`department_id`,`custodian_id`,`supplier_id`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `assets_live_category_cover_idx` ON `assets` (`category_id`,`status`,`cost`,`in_service_date`,`purchase_date`,`location_id`,`department_id`,`custodian_id`,`supplier_id`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `assets_live_location_cover_idx` ON `assets` (`location_id`,`status`,`cost`,`in_service_date`,`purchase_date`,`category_id`,`department_id`,`custodian_id`,`supplier_id`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `assets_live_department_cover_idx` ON `assets` (`department_id`,`status`,`cost`,`in_service_date`,`purchase_date`,`category_id`,`location_id`,`custodian_id`,`supplier_id`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `assets_live_supplier_cover_idx` ON `assets` (`supplier_id`,`status`,`cost`,`in_service_date`,`purchase_date`,`category_id`,`location_id`,`department_id`,`custodian_id`) WHERE deleted_at IS NULL;