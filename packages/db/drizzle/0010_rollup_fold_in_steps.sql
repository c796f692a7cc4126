ALTER TABLE "rollup_pending" ADD COLUMN "id" bigint PRIMARY KEY NOT NULL GENERATED ALWAYS AS IDENTITY (sequence name "rollup_pending_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1);--> statement-breakpoint
-- Folds the oldest max_entries entries of the queue (a task queued twice may have its second entry
-- left for the next step, which then finds nothing changed), for a caller that folds in short steps.
-- PGlite runs PostgreSQL in the server's own thread, so there a fold is time no request is served:
-- in a Sichuan load test the scheduler's fold of a second's submissions (~100 tasks, ~375 counter
-- rows) took 40–114 ms of every second. Returns how many entries it took: fewer than max_entries
-- means the queue was empty when it looked.
CREATE FUNCTION cascade_rollup_fold_step(max_entries integer) RETURNS integer LANGUAGE plpgsql SET jit = off AS $$
DECLARE
  ids uuid[];
  taken integer;
BEGIN
  IF max_entries IS NULL OR max_entries < 1 THEN
    RAISE EXCEPTION 'cascade_rollup_fold_step: max_entries must be a positive integer, got %', max_entries;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('cascade_rollup_fold'));
  WITH oldest AS (SELECT id FROM rollup_pending ORDER BY id LIMIT max_entries),
       removed AS (DELETE FROM rollup_pending p USING oldest o WHERE p.id = o.id RETURNING p.task_id)
  SELECT array_agg(DISTINCT task_id), count(*) INTO ids, taken FROM removed;
  IF taken > 0 THEN
    PERFORM cascade_rollup_apply(ids);
  END IF;
  RETURN taken;
END;
$$;
