import { describe, expect, it } from 'vitest';
import type { Engine } from '@cascade/engine';
import { PGLITE_FOLD_STEPS, schedulerDeps } from './schedulerDeps.js';

/** An engine that records how the scheduler asked it to fold. */
function recordingEngine(calls: unknown[]): Engine {
  return {
    foldRollups: async (opts: unknown) => {
      calls.push(opts);
      return 0;
    },
  } as unknown as Engine;
}

describe('what the scheduler runs', () => {
  it('folds the roll-up queue in short steps on PGlite, whose PostgreSQL shares the server thread', async () => {
    const calls: unknown[] = [];
    await schedulerDeps(recordingEngine(calls), 'pglite').foldRollups();
    expect(calls).toEqual([{ steps: PGLITE_FOLD_STEPS }]);
  });

  it('folds the whole queue in one statement on PostgreSQL', async () => {
    const calls: unknown[] = [];
    await schedulerDeps(recordingEngine(calls), 'postgres').foldRollups();
    expect(calls).toEqual([{}]);
  });
});
