import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client/database.js';
import { escapeLike } from './scope.js';
import { rowsOf } from './rowsOf.js';

export type RollupField = { key: string; aggregate: 'sum' | 'avg' | 'min' | 'max' | 'count' };
export type RollupCounts = { expected: number; received: number; late: number; missing: number; returned: number };
export type RollupRow = RollupCounts & { aggregates: Record<string, number | null> };
export type Rollup = RollupRow & {
  children: Array<RollupRow & { unitId: string; code: string; name: string; level: string }>;
  missingUnits: Array<{ unitId: string; code: string; name: string; path: string }>;
};

/** The SQL aggregate of one field over the latest answers `s`; shared with the trend over periods. */
export function aggregateExpr(field: RollupField): SQL {
  const value = sql`(s.data ->> ${field.key})`;
  switch (field.aggregate) {
    case 'count':
      return sql`count(${value})`;
    case 'sum':
      return sql`sum(${value}::numeric)`;
    case 'avg':
      return sql`avg(${value}::numeric)`;
    case 'min':
      return sql`min(${value}::numeric)`;
    case 'max':
      return sql`max(${value}::numeric)`;
  }
}

function toNumber(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}


export type RollupInput = { directiveId: string; stageId: string; periodKey: string; unitPath: string; unitDepth: number; fields: RollupField[] };

/**
 * For one unit, one report stage and one period: the form's aggregates over the latest accepted or
 * submitted answer of every task in the subtree, how many were expected, received, late, returned
 * and missing, the same per direct child, and which units are missing. Read from the counters the
 * database keeps per unit (rollup_totals), once every queued change is folded in: a few rows
 * whatever the size of the subtree. Minimum and maximum cannot be kept by adding and
 * subtracting, so a roll-up asking for them is computed by scanning the subtree instead.
 */
export async function rollup(db: Executor, input: RollupInput): Promise<Rollup> {
  if (input.fields.some((f) => f.aggregate === 'min' || f.aggregate === 'max')) return rollupByScan(db, input);
  return rollupFromCounters(db, input);
}

function counterExpr(field: RollupField): SQL {
  const n = sql`coalesce((r.counts ->> ${field.key})::numeric, 0)`;
  const total = sql`coalesce((r.sums ->> ${field.key})::numeric, 0)`;
  switch (field.aggregate) {
    case 'count':
      return n;
    case 'sum':
      return sql`case when ${n} > 0 then ${total} end`;
    case 'avg':
      return sql`case when ${n} > 0 then ${total} / ${n} end`;
    default:
      throw new Error(`the counters keep no ${field.aggregate}`);
  }
}

/**
 * Folds every committed change queued since the last fold into the roll-up counters (waiting for a
 * fold in progress), `batch` tasks per statement (the function's default, 5,000, unless given) so
 * that a fold after a province-wide directive never needs one statement's memory for all of them;
 * returns how many tasks it folded. Exact reads of the counters call it first.
 */
export async function foldRollupQueue(db: Executor, batch?: number): Promise<number> {
  const call = batch === undefined ? sql`cascade_rollup_fold()` : sql`cascade_rollup_fold(${batch}::int)`;
  const [row] = rowsOf(await db.execute(sql`select ${call} as folded`));
  return Number(row?.folded ?? 0);
}

/**
 * Folds the oldest `maxEntries` entries of the queue into the counters, in one statement (waiting for
 * a fold in progress); returns how many it took, fewer than `maxEntries` once the queue is empty. For
 * a caller that folds in short steps with other work between them (see `foldRollups` in the engine).
 */
export async function foldRollupQueueStep(db: Executor, maxEntries: number): Promise<number> {
  const [row] = rowsOf(await db.execute(sql`select cascade_rollup_fold_step(${maxEntries}::int) as taken`));
  return Number(row?.taken ?? 0);
}

async function rollupFromCounters(db: Executor, input: RollupInput): Promise<Rollup> {
  await foldRollupQueue(db);
  const aggregates = input.fields.length ? sql.join(input.fields.map((f, i) => sql`${counterExpr(f)} as ${sql.identifier(`a${i}`)}`), sql`, `) : sql`null as a_none`;
  const day = sql`r.directive_id = ${input.directiveId} and r.stage_id = ${input.stageId} and r.period_key = ${input.periodKey}`;
  const result = await db.execute(sql`
    select 1 as is_total, null::uuid as child_id, null as child_code, null as child_name, null as child_level,
           r.expected, r.received, r.late, r.returned, r.missing, ${aggregates},
           (select json_agg(json_build_array(m.unit_id, u.code, u.name, m.unit_path) order by m.unit_path)
              from rollup_task_state m join org_units u on u.id = m.unit_id
             where m.directive_id = ${input.directiveId} and m.stage_id = ${input.stageId} and m.period_key = ${input.periodKey} and m.missing
               and (m.unit_path = ${input.unitPath} or m.unit_path like ${`${escapeLike(input.unitPath)}/%`})) as missing_units
    from rollup_totals r where ${day} and r.unit_path = ${input.unitPath}
    union all
    select 0, c.id, c.code, c.name, c.level, r.expected, r.received, r.late, r.returned, r.missing, ${aggregates}, null
    from org_units p join org_units c on c.parent_id = p.id join rollup_totals r on r.unit_path = c.path and ${day}
    where p.path = ${input.unitPath}
    order by 1 desc, 3`);
  return toRollup(rowsOf(result), input.fields);
}

function toRollup(rows: Array<Record<string, unknown>>, fields: RollupField[]): Rollup {
  const toRow = (r: Record<string, unknown>): RollupRow => ({
    expected: Number(r.expected ?? 0),
    received: Number(r.received ?? 0),
    late: Number(r.late ?? 0),
    returned: Number(r.returned ?? 0),
    missing: Number(r.missing ?? 0),
    aggregates: Object.fromEntries(fields.map((f, i) => [f.key, toNumber(r[`a${i}`])])),
  });
  const total = rows.find((r) => Number(r.is_total) === 1) ?? Object.fromEntries(fields.map((_, i) => [`a${i}`, fields[i]?.aggregate === 'count' ? 0 : null]));
  // A unit's own task (child code '') counts in the total but is no child to drill into.
  const children = rows.filter((r) => Number(r.is_total) === 0 && r.child_code !== '' && r.child_id !== null);
  const missing = (typeof total.missing_units === 'string' ? JSON.parse(total.missing_units) : (total.missing_units ?? [])) as Array<[string, string, string, string]>;
  return {
    ...toRow(total),
    children: children.map((r) => ({ ...toRow(r), unitId: String(r.child_id), code: String(r.child_code), name: String(r.child_name), level: String(r.child_level) })),
    missingUnits: missing.map(([unitId, code, name, path]) => ({ unitId, code, name, path })),
  };
}

/**
 * The roll-up computed from the tasks themselves, in one statement and one pass over the subtree's
 * tasks: the total and the per-child rows are two grouping sets of the same scan, and the missing
 * units are gathered in that scan. Used where the counters cannot answer (min and max are not kept)
 * and by tests as the reference the counters must agree with. Over a province's 100,000 grids this
 * takes about a second.
 */
export async function rollupByScan(db: Executor, input: RollupInput): Promise<Rollup> {
  const aggregates = input.fields.length
    ? sql.join(
        input.fields.map((f, i) => sql`${aggregateExpr(f)} filter (where t.state in ('submitted', 'accepted')) as ${sql.identifier(`a${i}`)}`),
        sql`, `,
      )
    : sql`null as a_none`;
  const childSegment = input.unitDepth + 2;
  const result = await db.execute(sql`
    with t as (
      select tk.id, tk.due_at, i.state, u.path, u.id as unit_id, u.code, u.name,
             split_part(u.path, '/', ${childSegment}) as child_code
      from tasks tk
      join instances i on i.id = tk.id
      join org_units u on u.id = tk.org_unit_id
      where tk.directive_id = ${input.directiveId} and tk.stage_id = ${input.stageId} and tk.period_key = ${input.periodKey}
        and (u.path = ${input.unitPath} or u.path like ${`${escapeLike(input.unitPath)}/%`})
    ),
    s as (
      select distinct on (sb.task_id) sb.task_id, sb.data, sb.submitted_at
      from submissions sb join t on t.id = sb.task_id
      order by sb.task_id, sb.attempt desc
    ),
    g as (
      select grouping(t.child_code) as is_total, t.child_code,
        count(*)::int as expected,
        (count(*) filter (where t.state in ('submitted', 'accepted')))::int as received,
        (count(*) filter (where t.state in ('submitted', 'accepted') and s.submitted_at > t.due_at))::int as late,
        (count(*) filter (where t.state = 'returned'))::int as returned,
        (count(*) filter (where t.state in ('open', 'returned', 'overdue')))::int as missing,
        ${aggregates},
        case when grouping(t.child_code) = 1
          then json_agg(json_build_array(t.unit_id, t.code, t.name, t.path) order by t.path) filter (where t.state in ('open', 'returned', 'overdue'))
        end as missing_units
      from t left join s on s.task_id = t.id
      group by grouping sets ((t.child_code), ())
    )
    select g.*, c.id as child_id, c.name as child_name, c.level as child_level
    from g left join org_units c on c.code = g.child_code and g.is_total = 0
    order by g.is_total desc, g.child_code`);
  return toRollup(rowsOf(result), input.fields);
}
