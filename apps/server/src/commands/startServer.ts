import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { Database } from '@cascade/db';
import { createEngine, scaledClock, startScheduler, systemClock, type Clock } from '@cascade/engine';
import { createServer, listen } from '../http/createServer.js';
import { DEMO_PASSWORD, seedDemo } from '../demo/seedDemo.js';
import { boundHeapGrowth } from './boundHeapGrowth.js';
import { openDatabase } from './openDatabase.js';
import { schedulerDeps } from './schedulerDeps.js';

/** The web app's build, beside this package in the monorepo. */
function webRoot(): string | undefined {
  for (const candidate of ['../../../web/dist', '../../web/dist', '../../../web/public', '../../web/public']) {
    const dir = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(`${dir}/index.html`)) return dir;
  }
  return undefined;
}

/** A faster clock for demos. It resumes from the latest recorded event, so time never runs
 * backwards across restarts of a demo database. */
async function workflowClock(db: Database, timeScale: number | undefined): Promise<Clock> {
  if (!timeScale || timeScale === 1) return systemClock;
  const result = await db.execute(sql`select max(at) as latest from history`);
  const latest = (((result as { rows?: unknown[] }).rows ?? result) as Array<{ latest: string | null }>)[0]?.latest;
  const origin = new Date(Math.max(Date.now(), latest ? Date.parse(latest) : 0));
  return scaledClock(timeScale, origin);
}

export type StartOptions = { db?: string; port: number; host: string; demo?: boolean; timeScale?: number; schedulerIntervalMs?: number; heapGrowth?: number; pgliteSharedBuffers?: string };

export async function startServer(options: StartOptions) {
  boundHeapGrowth(options.heapGrowth);
  const handle = await openDatabase(options.db, options.pgliteSharedBuffers ? { pgliteSharedBuffers: options.pgliteSharedBuffers } : {});
  const clock = await workflowClock(handle.db, options.timeScale);
  const engine = createEngine({ db: handle.db, clock, authClock: systemClock });
  if (options.demo) {
    const demo = await seedDemo(engine, (line) => console.log(`demo: ${line}`));
    console.log(demo.notDemo ? 'demo: the database has users and is not a demo database: nothing seeded' : demo.seeded ? 'demo: seeded (or finished seeding) the database' : 'demo: database already seeded');
    console.log(`demo logins (password ${DEMO_PASSWORD}):`);
    for (const login of demo.logins) console.log(`  ${login.username.padEnd(22)} ${login.role.padEnd(11)} ${login.displayName}`);
  }
  if (options.timeScale && options.timeScale !== 1) {
    console.log(`workflow time runs ${options.timeScale}× faster than real time: a day passes every ${((24 * 60) / options.timeScale).toFixed(1)} minutes`);
  }
  const scheduler = startScheduler(schedulerDeps(engine, handle.kind), { intervalMs: options.schedulerIntervalMs ?? 1000, onError: (error) => console.error('scheduler:', error) });
  const server = createServer({ engine, dbKind: handle.kind, ...(webRoot() ? { staticDir: webRoot() as string } : {}) });
  const url = await listen(server, options.port, options.host);
  console.log(`cascade is serving on ${url} (API ${url}/trpc, health ${url}/health) with ${handle.kind} at ${handle.location}`);
  const shutdown = () => {
    server.close();
    scheduler
      .stop()
      .then(() => handle.close())
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
