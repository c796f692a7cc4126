-- Folds the queue a batch of tasks per statement (5,000 unless told) instead of all at once. The
-- fold after a directive reaches every grid of a province holds 103,236 queued tasks; one statement
-- over all of them grew PGlite's WebAssembly heap by ~80 MB, which it never gives back (the server's
-- process holds it for good). Counters add per task and every task is in exactly one batch, so the
-- totals are the same as from one statement.
DROP FUNCTION cascade_rollup_fold();
--> statement-breakpoint
CREATE FUNCTION cascade_rollup_fold(batch integer DEFAULT 5000) RETURNS integer LANGUAGE plpgsql SET jit = off AS $$
DECLARE
  ids uuid[];
  n integer;
BEGIN
  IF batch IS NULL OR batch < 1 THEN
    RAISE EXCEPTION 'cascade_rollup_fold: batch must be a positive integer, got %', batch;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM rollup_pending) THEN
    RETURN 0;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('cascade_rollup_fold'));
  WITH taken AS (DELETE FROM rollup_pending RETURNING task_id)
  SELECT array_agg(DISTINCT task_id) INTO ids FROM taken;
  IF ids IS NULL THEN
    RETURN 0;
  END IF;
  n := cardinality(ids);
  FOR lo IN 1..n BY batch LOOP
    PERFORM cascade_rollup_apply(ids[lo:lo + batch - 1]);
  END LOOP;
  RETURN n;
END;
$$;
