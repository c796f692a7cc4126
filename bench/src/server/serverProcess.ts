/**
 * The server under test, in a process of its own so that its memory is its own: the product's HTTP
 * server (createServer from @cascade/server: tRPC, auth, engine) with the scheduler running, on the
 * database the harness names. The harness talks to it over HTTP like any client, and over the IPC
 * channel for statement counts and, on PGlite only, the bench's helpers (helpers.ts), which must run
 * where PGlite's one connection is.
 *
 * Env: BENCH_DB (a postgres:// URL or a PGlite data directory), BENCH_AT (the workflow clock, fixed),
 * BENCH_PGLITE_SHARED_BUFFERS (optional: PGlite's buffer pool instead of cascade start's default).
 */
import { sql } from 'drizzle-orm';
import { createDb, migrate } from '@cascade/db';
import { createEngine, fixedClock, startScheduler } from '@cascade/engine';
import { boundHeapGrowth, createServer, listen, schedulerDeps } from '@cascade/server';
import { countingInstanceInserts } from '../harness/progress.js';
import { createHelpers } from './helpers.js';
import type { Method, Ready, Reply, Request, Requests } from './protocol.js';

const dbUrl = process.env.BENCH_DB;
const at = new Date(process.env.BENCH_AT ?? '');
if (!dbUrl || Number.isNaN(at.getTime()) || !process.send) throw new Error('bench server: needs BENCH_DB, BENCH_AT and an IPC channel');

// As `cascade start` does, unless this Node was given a growing percent of its own (--server-node-args).
boundHeapGrowth();
const sharedBuffers = process.env.BENCH_PGLITE_SHARED_BUFFERS;
const handle = await createDb(dbUrl, sharedBuffers ? { pgliteSharedBuffers: sharedBuffers } : {});
await migrate(handle);
// Counts the statements the product builds (requests and scheduler alike), for statements per event.
const counter = countingInstanceInserts(handle.db, () => {}, Number.POSITIVE_INFINITY);
// Workflow time stands still at the bench's day, so every report lands in one period, on time.
const clock = fixedClock(at);
const engine = createEngine({ db: counter.db, clock, authClock: clock });
// As `cascade start` does: on PGlite the roll-up queue is folded in short steps.
const scheduler = startScheduler(schedulerDeps(engine, handle.kind), { intervalMs: 1000, onError: (error) => console.error('bench server scheduler:', error) });
const server = createServer({ engine, dbKind: handle.kind });
const url = await listen(server, 0, '127.0.0.1');

const helpers = createHelpers(engine, handle, dbUrl, clock);
const handlers: { [M in Method]: (params: Requests[M]['params']) => Promise<Requests[M]['result']> } = {
  ...helpers,
  statements: async () => counter.counts().statements,
};

async function handle1(request: Request): Promise<Reply> {
  try {
    const value = await (handlers[request.method] as (p: unknown) => Promise<unknown>)(request.params);
    // The helpers' garbage should not count against the server in the next memory window.
    (globalThis as { gc?: () => void }).gc?.();
    return { id: request.id, ok: true, value };
  } catch (error) {
    return { id: request.id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

process.on('message', (message) => {
  void handle1(message as Request).then((reply) => process.send?.(reply));
});

async function shutdown(): Promise<void> {
  server.close();
  server.closeAllConnections();
  await scheduler.stop();
  await handle.close();
  process.exit(0);
}
process.on('disconnect', () => void shutdown());
process.on('SIGTERM', () => void shutdown());

const shown = (await handle.db.execute(sql`show shared_buffers`)) as unknown as { rows: Array<{ shared_buffers: string }> };
process.send({ ready: true, url, db: handle.kind, sharedBuffers: shown.rows[0]?.shared_buffers ?? '?' } satisfies Ready);
