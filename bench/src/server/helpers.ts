import { sql } from 'drizzle-orm';
import type { DbHandle } from '@cascade/db';
import type { Clock, Engine } from '@cascade/engine';
import { rowsOf } from '../harness/rows.js';
import { bareEvents } from './bareEvents.js';
import { bpmnEvents } from './bpmnPeer.js';
import { fillReports } from './fillReports.js';
import { planEvents } from './plan.js';
import { rollupScanLatencies } from './rollupScan.js';
import type { Requests } from './protocol.js';

/** How long the scheduler may take to fold a directive's queue before the run is called broken. */
const DRAIN_LIMIT_S = 600;
import { setUpWorld, type Allocation } from './world.js';

export type HelperMethod = Exclude<keyof Requests, 'statements'>;
export type Helpers = { [M in HelperMethod]: (params: Requests[M]['params']) => Promise<Requests[M]['result']> };

/**
 * The bench's own work on the world's database: setting it up, planning which tasks each part
 * writes, the two throughput baselines and the bulk fill before the roll-up. It runs wherever the
 * database can be reached from: inside the server process on PGlite (its one owner), in the
 * harness's own process on PostgreSQL, so that there the server process holds nothing but the server.
 */
export function createHelpers(engine: Engine, handle: DbHandle, dbUrl: string, clock: Clock): Helpers {
  let allocation: Allocation | undefined;
  const needAllocation = (): Allocation => {
    if (!allocation) throw new Error('bench: setUpWorld first');
    return allocation;
  };
  const userId = async (username: string): Promise<string> => {
    const [user] = rowsOf<{ id: string }>(await handle.db.execute(sql`select id from users where username = ${username}`));
    if (!user) throw new Error(`bench: no user ${username}`);
    return user.id;
  };
  return {
    setUpWorld: async (spec) => {
      const world = await setUpWorld(engine, handle.db, spec);
      allocation = world.allocation;
      return world.info;
    },
    plan: (spec) => planEvents(handle.db, spec.directiveId, needAllocation()),
    bareEvents: async (input) => bareEvents(engine, handle, dbUrl, { taskIds: input.taskIds, connections: input.connections, actor: await userId(input.actorUsername), at: clock.now() }),
    bpmnEvents: (input) => bpmnEvents(handle, dbUrl, input),
    analyze: async () => {
      const start = performance.now();
      await handle.db.execute(sql`analyze`);
      return { seconds: (performance.now() - start) / 1000 };
    },
    rollupQueueDrained: async () => {
      // The server's scheduler folds the queue; this only watches it, letting timers run between looks.
      const start = performance.now();
      let entries: number | null = null;
      for (;;) {
        const n = Number(rowsOf(await handle.db.execute(sql`select count(*)::int as n from rollup_pending`))[0]?.n ?? 0);
        entries ??= n;
        const seconds = (performance.now() - start) / 1000;
        if (n === 0) return { entries, seconds };
        if (seconds > DRAIN_LIMIT_S) throw new Error(`bench: the roll-up queue still holds ${n} of ${entries} entries after ${DRAIN_LIMIT_S} s`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    },
    rollupScan: (input) => rollupScanLatencies(handle.db, input),
    fillReports: async (input) => fillReports(engine, handle.db, { directiveId: input.directiveId, actor: await userId(input.actorUsername), at: clock.now() }),
  };
}
