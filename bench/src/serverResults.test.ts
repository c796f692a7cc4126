import { describe, expect, it } from 'vitest';
import { parseOptions } from './harness/options.js';
import type { ServerRuns } from './scenarios/serverWorld.js';
import { serverResults } from './serverResults.js';

const options = parseOptions(['--load-users', '2', '--load-seconds', '30'], {});

/** A load rep with the given latencies: sign-ins, and the lists and submits after every sign-in. */
function loadRep(afterSignInsMs: number[]): ServerRuns['load'][number] {
  return { seconds: 30, latenciesMs: { signIn: [60, 70], list: [5, ...afterSignInsMs], submit: [6] }, afterSignInsMs, errors: [], submitted: 1, passwordCheckMs: 37 };
}

function runs(load: ServerRuns['load']): ServerRuns {
  return { world: { grids: 3 }, load, throughput: [], rollup: [], rollupScan: [], memory: [] } as unknown as ServerRuns;
}

const named = (name: string) => (r: { name: string }) => r.name === name;

describe('the load results', () => {
  it('judge the signed-in p99 only on reps that had requests after the last sign-in, and say so', () => {
    const results = serverResults(runs([loadRep([10, 20]), loadRep([]), loadRep([30, 40])]), 'pglite', options);
    const signedIn = results.find(named('load: 2 grid staff signed in, p99'));
    expect(signedIn).toMatchObject({ min: 20, max: 40, median: 30 });
    expect(signedIn?.detail).toContain('Over 2 of 3 reps');
  });

  it('leave the signed-in row out rather than report 0 ms when no rep had such requests', () => {
    const results = serverResults(runs([loadRep([]), loadRep([]), loadRep([])]), 'pglite', options);
    expect(results.find(named('load: 2 grid staff signed in, p99'))).toBeUndefined();
    expect(results.find(named('load: 2 grid staff, p99'))?.median).toBe(70);
  });
});
