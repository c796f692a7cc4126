-- The roll-up's plan runs in milliseconds but its estimated cost is huge (each path's prefixes come
-- from generate_series, which the planner guesses at 1,000 rows), which crosses PostgreSQL's JIT
-- thresholds: every call then spent about 0.8 s compiling before running, on each submission's commit
-- and on each 500-task insert (measured with auto_explain on PostgreSQL 15). It never gains from JIT.
ALTER FUNCTION cascade_rollup_apply(uuid[]) SET jit = off;
