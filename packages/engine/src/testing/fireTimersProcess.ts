/**
 * A stand-alone scheduler process for the multi-process test: opens the database named on the
 * command line, prints `ready`, waits for `go` on stdin (so both processes start together), runs the
 * server's own scheduler loop (startScheduler) with the clock fixed at the given instant until a round
 * finds nothing left to claim, and prints how many timers it settled.
 * Usage: fireTimersProcess <database-url> <iso-instant> <process-id>
 */
import { createInterface } from 'node:readline';
import { createDb } from '@cascade/db';
import { fixedClock } from '../clock.js';
import { createEngine } from '../createEngine.js';
import { startScheduler } from '../time/startScheduler.js';

const [url, at, processId] = process.argv.slice(2);
if (!url || !at || !processId) throw new Error('usage: fireTimersProcess <database-url> <iso-instant> <process-id>');
const handle = await createDb(url, { poolSize: 4 });
try {
  const engine = createEngine({ db: handle.db, clock: fixedClock(new Date(at)) });
  const lines = createInterface({ input: process.stdin });
  const go = new Promise<void>((resolve) => lines.on('line', (line) => line.trim() === 'go' && resolve()));
  process.stdout.write('ready\n');
  await go;
  lines.close();
  let settled = 0;
  let failure: unknown;
  const idle = new Promise<void>((resolve, reject) => {
    const scheduler = startScheduler(
      {
        fireDueTimers: async (options) => {
          const fired = await engine.fireDueTimers(options);
          settled += fired;
          // Nothing claimable: the rest is done, or held by the other process, which finishes it.
          if (fired === 0) void scheduler.stop().then(() => resolve());
          return fired;
        },
        deliverDueWebhooks: (options) => engine.deliverDueWebhooks(options),
        foldRollups: () => engine.foldRollups(),
      },
      {
        intervalMs: 20,
        processId,
        onError: (error) => {
          failure = error;
          void scheduler.stop().then(() => reject(error));
        },
      },
    );
  });
  await idle;
  if (failure) throw failure;
  process.stdout.write(`${JSON.stringify({ processId, settled })}\n`);
} finally {
  await handle.close();
}
