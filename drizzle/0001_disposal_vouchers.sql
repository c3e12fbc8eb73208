DROP TABLE `disposal_voucher_lines`;--> statement-breakpoint
DROP INDEX `vouchers_period_kind_uq`;--> statement-breakpoint
ALTER TABLE `vouchers` ADD `document_id` integer;--> statement-breakpoint
ALTER TABLE `vouchers` ADD `document_number` text;--> statement-breakpoint
CREATE UNIQUE INDEX `vouchers_period_depreciation_uq` ON `vouchers` (`period`,`kind`) WHERE kind = 'depreciation';--> statement-breakpoint
CREATE UNIQUE INDEX `vouchers_document_uq` ON `vouchers` (`kind`,`document_id`);--> statement-breakpoint
ALTER TABLE `disposals` ADD `voucher_id` integer;