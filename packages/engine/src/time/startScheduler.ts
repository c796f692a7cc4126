import { hostname } from 'node:os';

export type SchedulerDeps = {
  fireDueTimers(options: { limit: number; processId: string }): Promise<number>;
  deliverDueWebhooks(options: { limit: number }): Promise<number>;
  /** Folds queued roll-up changes into the counters, so the next roll-up read finds little to do. */
  foldRollups(): Promise<number>;
};

export type Scheduler = { stop(): Promise<void>; tick(): Promise<{ timers: number; webhooks: number; rollups: number }> };

/**
 * Polls for due timers and webhook deliveries, and folds queued roll-up changes into the counters.
 * Every claim happens in the database, so any number of server processes can run one against the
 * same PostgreSQL; nothing is kept in memory between ticks.
 */
export function startScheduler(deps: SchedulerDeps, options: { intervalMs?: number; processId?: string; onError?: (error: unknown) => void } = {}): Scheduler {
  const processId = options.processId ?? `${hostname()}:${process.pid}`;
  const intervalMs = options.intervalMs ?? 1000;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const tick = async () => {
    let timers = 0;
    // Drain what is due (in batches) before waiting again, so a backlog after downtime clears at once.
    for (;;) {
      const fired = await deps.fireDueTimers({ limit: 200, processId });
      timers += fired;
      if (fired < 200 || stopped) break;
    }
    const webhooks = await deps.deliverDueWebhooks({ limit: 100 });
    const rollups = await deps.foldRollups();
    return { timers, webhooks, rollups };
  };
  const loop = () => {
    if (stopped) return;
    running = tick()
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, intervalMs);
      });
  };
  let timer: NodeJS.Timeout | undefined = setTimeout(loop, 0);
  return {
    tick,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
