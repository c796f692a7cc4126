import { sql } from 'drizzle-orm';
import type { Database } from '@cascade/db';
import { rowsOf } from '../harness/rows.js';
import type { Plan } from './protocol.js';
import { REPORT_STAGE, type Allocation } from './world.js';

/** Evenly spread picks of at most `n` items, so a sample of counties or townships spans the province. */
export function spread<T>(items: readonly T[], n: number): T[] {
  if (items.length <= n) return [...items];
  return Array.from({ length: n }, (_, i) => items[Math.floor((i * items.length) / n)] as T);
}

function chunks<T>(items: readonly T[], parts: number): T[][] {
  const size = Math.ceil(items.length / parts);
  return Array.from({ length: parts }, (_, i) => items.slice(i * size, (i + 1) * size));
}

/** Once the directive has reached every grid: the day's report task of each allocated grid, per repetition. */
export async function planEvents(db: Database, directiveId: string, allocation: Allocation): Promise<Plan> {
  const rows = rowsOf<{ org_unit_id: string; id: string; period_key: string }>(
    await db.execute(sql`select org_unit_id, id, period_key from tasks where directive_id = ${directiveId} and stage_id = ${REPORT_STAGE}`),
  );
  const periods = new Set(rows.map((r) => r.period_key));
  if (periods.size !== 1) throw new Error(`bench: expected the tasks of one day, found periods ${[...periods].join(', ')}`);
  const taskOf = new Map(rows.map((r) => [r.org_unit_id, r.id]));
  const task = (grid: string) => {
    const id = taskOf.get(grid);
    if (!id) throw new Error(`bench: grid ${grid} has no report task`);
    return id;
  };
  const perRep = allocation.eventsPerRep / allocation.clients;
  const throughput = Array.from({ length: allocation.reps }, (_, rep) => allocation.clientGrids.map((grids) => grids.slice(rep * perRep, (rep + 1) * perRep).map(task)));
  const bare = chunks(allocation.bareGrids.map(task), allocation.reps);
  const units = async (level: string) =>
    rowsOf<{ id: string }>(await db.execute(sql`select id from org_units where level = ${level} order by path`)).map((r) => r.id);
  return {
    periodKey: [...periods][0] as string,
    tasks: rows.length,
    throughput,
    bare,
    rollupUnits: {
      province: await units('province'),
      city: await units('city'),
      county: spread(await units('county'), 100),
      township: spread(await units('township'), 100),
    },
  };
}
