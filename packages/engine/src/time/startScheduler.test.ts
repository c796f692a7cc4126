import { hostname } from 'node:os';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startScheduler, type SchedulerDeps } from './startScheduler.js';

/** Dependencies that hand out a queue of due timers, counting every call. */
function fakeDeps(due: number[], webhooks = 0, folded = 0) {
  const calls = { fire: [] as Array<{ limit: number; processId: string }>, deliver: [] as Array<{ limit: number }>, fold: 0 };
  const deps: SchedulerDeps = {
    fireDueTimers: async (options) => {
      calls.fire.push(options);
      return due.shift() ?? 0;
    },
    deliverDueWebhooks: async (options) => {
      calls.deliver.push(options);
      return webhooks;
    },
    foldRollups: async () => {
      calls.fold++;
      return folded;
    },
  };
  return { deps, calls };
}

describe('startScheduler', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('drains a backlog in batches of 200 before delivering webhooks, then waits for the interval', async () => {
    const { deps, calls } = fakeDeps([200, 200, 37], 3);
    const scheduler = startScheduler(deps, { intervalMs: 1000, processId: 'test-process' });
    await vi.advanceTimersByTimeAsync(0);
    // Full batches mean more may be due: ask again until a batch comes back short.
    expect(calls.fire).toEqual([
      { limit: 200, processId: 'test-process' },
      { limit: 200, processId: 'test-process' },
      { limit: 200, processId: 'test-process' },
    ]);
    expect(calls.deliver).toEqual([{ limit: 100 }]);
    expect(calls.fold).toBe(1);
    await vi.advanceTimersByTimeAsync(999);
    expect(calls.fire).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.fire).toHaveLength(4);
    expect(calls.deliver).toHaveLength(2);
    await scheduler.stop();
  });

  it('tick() runs one round on demand and reports what it settled', async () => {
    // The first round (started at once) finds nothing; the one asked for drains 205.
    const { deps } = fakeDeps([0, 200, 5], 2, 7);
    const scheduler = startScheduler(deps, { intervalMs: 60_000 });
    await vi.advanceTimersByTimeAsync(0);
    expect(await scheduler.tick()).toEqual({ timers: 205, webhooks: 2, rollups: 7 });
    await scheduler.stop();
  });

  it('names itself by host and pid unless told', async () => {
    const { deps, calls } = fakeDeps([]);
    const scheduler = startScheduler(deps);
    await vi.advanceTimersByTimeAsync(0);
    await scheduler.stop();
    expect(calls.fire[0]?.processId).toBe(`${hostname()}:${process.pid}`);
  });

  it('reports a failing round and keeps polling', async () => {
    const errors: unknown[] = [];
    let round = 0;
    const deps: SchedulerDeps = {
      fireDueTimers: async () => {
        round++;
        if (round === 1) throw new Error('database went away');
        return 0;
      },
      deliverDueWebhooks: async () => 0,
      foldRollups: async () => 0,
    };
    const scheduler = startScheduler(deps, { intervalMs: 100, onError: (error) => errors.push(error) });
    await vi.advanceTimersByTimeAsync(0);
    expect(errors.map((e) => (e as Error).message)).toEqual(['database went away']);
    await vi.advanceTimersByTimeAsync(100);
    expect(round).toBe(2);
    await scheduler.stop();
  });

  it('stop() waits for the round in progress and no round starts after it', async () => {
    let release!: () => void;
    let rounds = 0;
    const deps: SchedulerDeps = {
      fireDueTimers: () => {
        rounds++;
        return new Promise<number>((resolve) => (release = () => resolve(0)));
      },
      deliverDueWebhooks: async () => 0,
      foldRollups: async () => 0,
    };
    const scheduler = startScheduler(deps, { intervalMs: 10 });
    await vi.advanceTimersByTimeAsync(0);
    expect(rounds).toBe(1);
    let stopped = false;
    const stopping = scheduler.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(50);
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(stopped).toBe(true);
    await vi.advanceTimersByTimeAsync(1000);
    expect(rounds).toBe(1);
  });
});
