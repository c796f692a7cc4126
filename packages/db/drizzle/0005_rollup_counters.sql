CREATE TABLE "rollup_task_state" (
	"task_id" uuid PRIMARY KEY NOT NULL,
	"directive_id" uuid NOT NULL,
	"stage_id" text NOT NULL,
	"period_key" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"received" boolean NOT NULL,
	"late" boolean NOT NULL,
	"returned" boolean NOT NULL,
	"missing" boolean NOT NULL,
	"data" jsonb
);
--> statement-breakpoint
CREATE TABLE "rollup_totals" (
	"directive_id" uuid NOT NULL,
	"stage_id" text NOT NULL,
	"period_key" text NOT NULL,
	"unit_path" text NOT NULL,
	"expected" integer NOT NULL,
	"received" integer NOT NULL,
	"late" integer NOT NULL,
	"returned" integer NOT NULL,
	"missing" integer NOT NULL,
	"sums" jsonb NOT NULL,
	"counts" jsonb NOT NULL,
	CONSTRAINT "rollup_totals_pk" PRIMARY KEY("directive_id","stage_id","period_key","unit_path")
);
--> statement-breakpoint
ALTER TABLE "rollup_task_state" ADD CONSTRAINT "rollup_task_state_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollup_task_state" ADD CONSTRAINT "rollup_task_state_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rollup_task_state_missing" ON "rollup_task_state" USING btree ("directive_id","stage_id","period_key","unit_path" text_pattern_ops) WHERE "rollup_task_state"."missing";--> statement-breakpoint
-- Every unit a path rolls up into: '51/5101/510104' → '51', '51/5101', '51/5101/510104'.
CREATE OR REPLACE FUNCTION cascade_path_prefixes(path text) RETURNS SETOF text LANGUAGE sql IMMUTABLE AS $$
  SELECT array_to_string((string_to_array(path, '/'))[1:n], '/')
  FROM generate_series(1, cardinality(string_to_array(path, '/'))) AS n
$$;
--> statement-breakpoint
-- Adds two maps of key → number (absent keys count as 0).
CREATE OR REPLACE FUNCTION cascade_jsonb_add(a jsonb, b jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(jsonb_object_agg(k, v), '{}'::jsonb)
  FROM (
    SELECT k, sum(v) AS v FROM (
      SELECT key AS k, value::text::numeric AS v FROM jsonb_each(coalesce(a, '{}'::jsonb))
      UNION ALL
      SELECT key, value::text::numeric FROM jsonb_each(coalesce(b, '{}'::jsonb))
    ) AS both_maps GROUP BY k
  ) AS summed
$$;
--> statement-breakpoint
-- Recomputes what each of these tasks contributes to the roll-up (state flags, the latest answers when
-- received) and applies the difference from what it contributed before to its unit and every unit
-- above it. Idempotent and independent of the order in which a state change and its submission are
-- written. Units are updated in path order, so concurrent transactions lock them in the same order.
CREATE OR REPLACE FUNCTION cascade_rollup_apply(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF cardinality(ids) = 0 THEN
    RETURN;
  END IF;
  WITH cur AS (
    SELECT t.id, t.directive_id, t.stage_id, t.period_key, u.id AS unit_id, u.path,
           i.state IN ('submitted', 'accepted') AS received,
           coalesce(i.state IN ('submitted', 'accepted') AND s.submitted_at > t.due_at, false) AS late,
           i.state = 'returned' AS returned,
           i.state IN ('open', 'returned', 'overdue') AS missing,
           CASE WHEN i.state IN ('submitted', 'accepted') AND jsonb_typeof(s.data) = 'object' THEN s.data END AS data
    FROM tasks t
    JOIN instances i ON i.id = t.id
    JOIN org_units u ON u.id = t.org_unit_id
    LEFT JOIN LATERAL (
      SELECT sb.data, sb.submitted_at FROM submissions sb WHERE sb.task_id = t.id ORDER BY sb.attempt DESC LIMIT 1
    ) s ON true
    WHERE t.id = ANY(ids)
  ),
  changed AS (
    SELECT c.*, p.task_id IS NULL AS is_new,
           coalesce(p.received, false) AS p_received, coalesce(p.late, false) AS p_late,
           coalesce(p.returned, false) AS p_returned, coalesce(p.missing, false) AS p_missing, p.data AS p_data
    FROM cur c LEFT JOIN rollup_task_state p ON p.task_id = c.id
    WHERE p.task_id IS NULL
       OR (c.received, c.late, c.returned, c.missing) IS DISTINCT FROM (p.received, p.late, p.returned, p.missing)
       OR c.data IS DISTINCT FROM p.data
  ),
  saved AS (
    INSERT INTO rollup_task_state (task_id, directive_id, stage_id, period_key, unit_id, unit_path, received, late, returned, missing, data)
    SELECT id, directive_id, stage_id, period_key, unit_id, path, received, late, returned, missing, data FROM changed
    ON CONFLICT (task_id) DO UPDATE SET received = excluded.received, late = excluded.late, returned = excluded.returned,
      missing = excluded.missing, data = excluded.data, unit_id = excluded.unit_id, unit_path = excluded.unit_path
    RETURNING 1
  ),
  counts AS (
    SELECT ch.directive_id, ch.stage_id, ch.period_key, a.unit_path,
           sum(CASE WHEN ch.is_new THEN 1 ELSE 0 END)::int AS expected,
           sum(ch.received::int - ch.p_received::int)::int AS received,
           sum(ch.late::int - ch.p_late::int)::int AS late,
           sum(ch.returned::int - ch.p_returned::int)::int AS returned,
           sum(ch.missing::int - ch.p_missing::int)::int AS missing
    FROM changed ch CROSS JOIN LATERAL cascade_path_prefixes(ch.path) AS a(unit_path)
    GROUP BY 1, 2, 3, 4
  ),
  answer_changes AS (
    SELECT ch.directive_id, ch.stage_id, ch.period_key, ch.path, kv.key,
           kv.sign * CASE WHEN jsonb_typeof(kv.value) = 'number' THEN kv.value::text::numeric ELSE 0 END AS s,
           kv.sign * CASE WHEN jsonb_typeof(kv.value) <> 'null' THEN 1 ELSE 0 END AS c
    FROM changed ch CROSS JOIN LATERAL (
      SELECT key, value, 1 AS sign FROM jsonb_each(coalesce(ch.data, '{}'::jsonb))
      UNION ALL
      SELECT key, value, -1 FROM jsonb_each(coalesce(ch.p_data, '{}'::jsonb))
    ) AS kv
  ),
  answers AS (
    SELECT directive_id, stage_id, period_key, unit_path, jsonb_object_agg(key, s) AS sums, jsonb_object_agg(key, c) AS counts
    FROM (
      SELECT x.directive_id, x.stage_id, x.period_key, a.unit_path, x.key, sum(x.s) AS s, sum(x.c) AS c
      FROM answer_changes x CROSS JOIN LATERAL cascade_path_prefixes(x.path) AS a(unit_path)
      GROUP BY 1, 2, 3, 4, 5
    ) AS per_key
    GROUP BY 1, 2, 3, 4
  )
  INSERT INTO rollup_totals AS r (directive_id, stage_id, period_key, unit_path, expected, received, late, returned, missing, sums, counts)
  SELECT c.directive_id, c.stage_id, c.period_key, c.unit_path, c.expected, c.received, c.late, c.returned, c.missing,
         coalesce(a.sums, '{}'::jsonb), coalesce(a.counts, '{}'::jsonb)
  FROM counts c LEFT JOIN answers a USING (directive_id, stage_id, period_key, unit_path)
  ORDER BY c.unit_path
  ON CONFLICT (directive_id, stage_id, period_key, unit_path) DO UPDATE SET
    expected = r.expected + excluded.expected,
    received = r.received + excluded.received,
    late = r.late + excluded.late,
    returned = r.returned + excluded.returned,
    missing = r.missing + excluded.missing,
    sums = cascade_jsonb_add(r.sums, excluded.sums),
    counts = cascade_jsonb_add(r.counts, excluded.counts);
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION cascade_rollup_tasks_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM cascade_rollup_apply(ARRAY(SELECT id FROM new_rows));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER tasks_rollup AFTER INSERT ON tasks REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cascade_rollup_tasks_inserted();
--> statement-breakpoint
-- A state change or a new submission is counted at commit (deferred), so the units above — the
-- province's row above all — stay locked only while committing, not for the rest of the transaction.
-- Both events of one submission then apply once: the second finds nothing changed.
CREATE OR REPLACE FUNCTION cascade_rollup_state_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM cascade_rollup_apply(ARRAY[NEW.id]);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER instances_rollup AFTER UPDATE ON instances DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (NEW.kind = 'task' AND OLD.state IS DISTINCT FROM NEW.state) EXECUTE FUNCTION cascade_rollup_state_changed();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION cascade_rollup_submission_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM cascade_rollup_apply(ARRAY[NEW.task_id]);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER submissions_rollup AFTER INSERT ON submissions DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION cascade_rollup_submission_added();
--> statement-breakpoint
-- Tasks that exist already (a database migrated with data) start counted.
SELECT cascade_rollup_apply(ARRAY(SELECT id FROM tasks));
