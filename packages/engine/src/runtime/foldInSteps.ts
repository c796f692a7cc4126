import { nextTurn } from '@cascade/db';

/** How a fold in steps sizes them: `entries` for the first, then as many as took about `budgetMs`. */
export type FoldStepPolicy = { entries: number; budgetMs: number };

/** Never fewer, so a slow step still makes progress; never more than a whole fold's batch (0008). */
const MIN_ENTRIES = 10;
const MAX_ENTRIES = 5000;

/**
 * Folds the roll-up queue a step (one statement) at a time, with a turn of the event loop before
 * each, until a step finds fewer entries than it asked for; returns how many entries it folded. Each
 * step after the first asks for as many entries as the last step's rate says fit in `budgetMs`: a
 * second's submissions (answers to add up at every level) take small steps, the new tasks of a
 * province-wide directive (no answers, shared ancestors) larger ones. For PGlite, where PostgreSQL
 * runs in this thread: a step is all a request waits for.
 */
export async function foldInSteps(foldStep: (maxEntries: number) => Promise<number>, policy: FoldStepPolicy, now: () => number = () => performance.now()): Promise<number> {
  if (!Number.isInteger(policy.entries) || policy.entries < 1) throw new RangeError(`entries must be a positive integer, got ${policy.entries}`);
  if (!(policy.budgetMs > 0)) throw new RangeError(`budgetMs must be a positive number, got ${policy.budgetMs}`);
  let size = policy.entries;
  let total = 0;
  for (;;) {
    await nextTurn();
    const started = now();
    const taken = await foldStep(size);
    total += taken;
    if (taken < size) return total;
    const took = Math.max(now() - started, 0.1);
    size = Math.min(MAX_ENTRIES, Math.max(MIN_ENTRIES, Math.round((size * policy.budgetMs) / took)));
  }
}
