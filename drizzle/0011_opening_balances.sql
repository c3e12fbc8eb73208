ALTER TABLE `assets` ADD `opening_accumulated` integer;--> statement-breakpoint
ALTER TABLE `assets` ADD `opening_months` integer;--> statement-breakpoint
ALTER TABLE `assets` ADD `opening_impairment` integer;--> statement-breakpoint
ALTER TABLE `assets` ADD `opening_period` text;