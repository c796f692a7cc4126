/**
 * A stand-alone scheduler process for the multi-process test: opens the database named on the
 * command line, fires every timer due at the given instant, and prints how many it settled.
 * Usage: fireTimersProcess <database-url> <iso-instant> <process-id>
 */
import { createDb } from '@cascade/db';
import { fixedClock } from '../clock.js';
import { createEngine } from '../createEngine.js';

const [url, at, processId] = process.argv.slice(2);
if (!url || !at || !processId) throw new Error('usage: fireTimersProcess <database-url> <iso-instant> <process-id>');
const handle = await createDb(url, { poolSize: 4 });
try {
  const engine = createEngine({ db: handle.db, clock: fixedClock(new Date(at)) });
  const settled = await engine.fireDueTimers({ limit: 100_000, processId });
  process.stdout.write(`${JSON.stringify({ processId, settled })}\n`);
} finally {
  await handle.close();
}
