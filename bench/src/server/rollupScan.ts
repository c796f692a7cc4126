import { sql } from 'drizzle-orm';
import { queries, type Database } from '@cascade/db';
import { aggregatedFields } from '@cascade/forms';
import { DAILY_FORM } from '../data/dailyAnswers.js';
import { rowsOf } from '../harness/rows.js';
import type { Requests } from './protocol.js';

type Input = Requests['rollupScan']['params'];

/**
 * The roll-up's baseline: the same question answered by scanning the subtree's tasks
 * (`queries.rollupByScan`, what reports.rollup ran before the counters), timed around the query alone,
 * `queries` calls per level cycling over the same units as the HTTP calls.
 */
export async function rollupScanLatencies(db: Database, input: Input): Promise<Requests['rollupScan']['result']> {
  const fields = aggregatedFields(DAILY_FORM).map((f) => ({ key: f.key, aggregate: f.aggregate }));
  const out = { province: [] as number[], city: [] as number[], county: [] as number[], township: [] as number[] };
  for (const level of ['province', 'city', 'county', 'township'] as const) {
    const ids = input.units[level];
    const units = rowsOf<{ id: string; path: string; depth: number }>(await db.execute(sql`select id, path, depth from org_units where id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`));
    const byId = new Map(units.map((u) => [u.id, u]));
    for (let i = 0; i < input.queries; i++) {
      const unit = byId.get(ids[i % ids.length] as string);
      if (!unit) throw new Error(`bench: no unit ${ids[i % ids.length]}`);
      const start = performance.now();
      await queries.rollupByScan(db, { directiveId: input.directiveId, stageId: input.stageId, periodKey: input.periodKey, unitPath: unit.path, unitDepth: unit.depth, fields });
      out[level].push(performance.now() - start);
    }
  }
  return out;
}
