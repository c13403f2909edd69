DROP INDEX `scores_content_hash`;--> statement-breakpoint
DROP INDEX `scores_model_metric`;--> statement-breakpoint
CREATE UNIQUE INDEX `scores_identity` ON `scores` (`model_id`,`metric_id`,`value`,`mitigation`,(CASE WHEN "elicitation" IS NULL THEN '' ELSE "elicitation" END),(CASE WHEN "evaluated_at" IS NULL THEN '' ELSE "evaluated_at" END),(CASE WHEN "stderr" IS NULL THEN '' ELSE "stderr" END),(CASE WHEN "n" IS NULL THEN '' ELSE "n" END));--> statement-breakpoint
ALTER TABLE `scores` DROP COLUMN `content_hash`;