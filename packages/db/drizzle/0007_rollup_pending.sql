CREATE TABLE "rollup_pending" (
	"task_id" uuid NOT NULL
);
--> statement-breakpoint
-- Changes queue their tasks instead of updating the counters themselves. Updating them in each
-- submission's transaction made every concurrent submission wait for the one before it to commit,
-- because all of them change the province's row (and their city's): on PostgreSQL, with 8 clients,
-- commits queued on that row's lock (pg_stat_activity: Lock/transactionid on commit).
CREATE OR REPLACE FUNCTION cascade_rollup_tasks_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO rollup_pending (task_id) SELECT id FROM new_rows;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION cascade_rollup_state_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO rollup_pending (task_id) VALUES (NEW.id);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION cascade_rollup_submission_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO rollup_pending (task_id) VALUES (NEW.task_id);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Brings the counters up to date with every queued task committed so far and returns how many tasks
-- it folded in. One folder at a time (a transaction-scoped advisory lock), so a reader that folds
-- before reading waits for a fold in progress and then sees its result; a change committed after the
-- queue was read stays queued for the next fold. Readers call it before reading the counters, which
-- are therefore exact; the scheduler calls it on every tick so the queue stays short.
CREATE OR REPLACE FUNCTION cascade_rollup_fold() RETURNS integer LANGUAGE plpgsql SET jit = off AS $$
DECLARE
  ids uuid[];
BEGIN
  IF NOT EXISTS (SELECT 1 FROM rollup_pending) THEN
    RETURN 0;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('cascade_rollup_fold'));
  WITH taken AS (DELETE FROM rollup_pending RETURNING task_id)
  SELECT array_agg(DISTINCT task_id) INTO ids FROM taken;
  IF ids IS NULL THEN
    RETURN 0;
  END IF;
  PERFORM cascade_rollup_apply(ids);
  RETURN cardinality(ids);
END;
$$;
