import { sql } from 'drizzle-orm';
import type { Executor } from '../client/database.js';
import { aggregateExpr, type RollupField, type RollupRow } from './rollup.js';
import { rowsOf } from './rowsOf.js';

export type TrendPoint = RollupRow & { periodKey: string };

/**
 * The roll-up of one report stage for a unit's subtree, one row per period (oldest first, the last
 * `limit` periods): expected, received, late, returned and missing counts and the form's aggregates,
 * counted exactly as `rollup` counts one period, in one grouped query.
 */
export async function reportTrend(db: Executor, input: { directiveId: string; stageId: string; unitPath: string; fields: RollupField[]; limit?: number }): Promise<TrendPoint[]> {
  const aggregates = input.fields.length
    ? sql.join(
        input.fields.map((f, i) => sql`${aggregateExpr(f)} filter (where t.state in ('submitted', 'accepted')) as ${sql.identifier(`a${i}`)}`),
        sql`, `,
      )
    : sql`null as a_none`;
  const result = await db.execute(sql`
    with t as (
      select tk.id, tk.due_at, tk.period_key, i.state
      from tasks tk
      join instances i on i.id = tk.id
      join org_units u on u.id = tk.org_unit_id
      where tk.directive_id = ${input.directiveId} and tk.stage_id = ${input.stageId}
        and (u.path = ${input.unitPath} or u.path like ${`${input.unitPath}/%`})
    ),
    s as (
      select distinct on (sb.task_id) sb.task_id, sb.data, sb.submitted_at
      from submissions sb join t on t.id = sb.task_id
      order by sb.task_id, sb.attempt desc
    ),
    p as (
      select t.period_key,
        count(*)::int as expected,
        (count(*) filter (where t.state in ('submitted', 'accepted')))::int as received,
        (count(*) filter (where t.state in ('submitted', 'accepted') and s.submitted_at > t.due_at))::int as late,
        (count(*) filter (where t.state = 'returned'))::int as returned,
        (count(*) filter (where t.state in ('open', 'returned', 'overdue')))::int as missing,
        ${aggregates}
      from t left join s on s.task_id = t.id
      group by t.period_key
      order by t.period_key desc
      limit ${input.limit ?? 60}
    )
    select * from p order by period_key`);
  const rows = rowsOf(result);
  return rows.map((r) => ({
    periodKey: String(r.period_key),
    expected: Number(r.expected ?? 0),
    received: Number(r.received ?? 0),
    late: Number(r.late ?? 0),
    returned: Number(r.returned ?? 0),
    missing: Number(r.missing ?? 0),
    aggregates: Object.fromEntries(input.fields.map((f, i) => [f.key, toNumber(r[`a${i}`])])),
  }));
}

function toNumber(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}
