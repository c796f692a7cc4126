-- ANALYZE skips the jsonb columns. They hold documents (snapshots, event payloads, answers, counter
-- maps) that no statement filters, joins or sorts on, so their statistics were never used, yet
-- building them was most of ANALYZE's time: sampling a column means detoasting and comparing every
-- sampled document. PGlite has no autovacuum and the server analyzes for it in its own thread,
-- so every round held requests up (in a Sichuan bench run on PGlite, one round analyzed rollup_totals
-- in 388–420 ms, instances 470–494, history 339–352; with these columns skipped 77–90, 171–174 and
-- 150–178 ms). On PostgreSQL autovacuum's analyze does the same work in the background.
ALTER TABLE "instances" ALTER COLUMN "snapshot" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "history" ALTER COLUMN "payload" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "timers" ALTER COLUMN "event" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "submissions" ALTER COLUMN "data" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "task_drafts" ALTER COLUMN "data" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "household_visits" ALTER COLUMN "data" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "notifications" ALTER COLUMN "payload" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "evaluations" ALTER COLUMN "evidence" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "rollup_task_state" ALTER COLUMN "data" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "rollup_totals" ALTER COLUMN "sums" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "rollup_totals" ALTER COLUMN "counts" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "form_versions" ALTER COLUMN "definition" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "template_versions" ALTER COLUMN "definition" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "directives" ALTER COLUMN "requirements" SET STATISTICS 0;
