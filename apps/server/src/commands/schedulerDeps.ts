import type { Engine, FoldStepPolicy, SchedulerDeps } from '@cascade/engine';

/**
 * How a PGlite server folds the roll-up queue: steps of about 20 ms, starting at 50 entries. A
 * submission queues two entries, and in a Sichuan load test on PGlite a fold cost ~0.75 ms a task
 * (99 tasks in 76 ms), all of it in the server's one thread; one fold of a province-wide directive's
 * 103,236 new tasks held it 15.9 s.
 */
export const PGLITE_FOLD_STEPS: FoldStepPolicy = { entries: 50, budgetMs: 20 };

/**
 * What the scheduler runs, for a server on this store. PostgreSQL folds the whole queue in one
 * statement, in its own process; PGlite folds it in short steps, letting requests in between.
 */
export function schedulerDeps(engine: Engine, dbKind: 'pglite' | 'postgres'): SchedulerDeps {
  return {
    fireDueTimers: (options) => engine.fireDueTimers(options),
    deliverDueWebhooks: (options) => engine.deliverDueWebhooks(options),
    foldRollups: () => engine.foldRollups(dbKind === 'pglite' ? { steps: PGLITE_FOLD_STEPS } : {}),
  };
}
