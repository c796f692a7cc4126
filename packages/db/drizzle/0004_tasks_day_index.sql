DROP INDEX "tasks_directive_period";--> statement-breakpoint
CREATE INDEX "tasks_directive_period" ON "tasks" USING btree ("directive_id","stage_id","period_key","org_unit_id");