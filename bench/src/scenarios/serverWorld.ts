import { availableParallelism, loadavg } from 'node:os';
import { createDb } from '@cascade/db';
import { createEngine, fixedClock, hashPassword, verifyPassword } from '@cascade/engine';
import { dbKind, scratchLocation } from '../harness/database.js';
import { percentile } from '../harness/measure.js';
import { PeakMeter } from '../harness/rss.js';
import { keepAliveAgent, signIn, TrpcHttp } from '../load/trpcHttp.js';
import { createHelpers, type HelperMethod } from '../server/helpers.js';
import type { Plan, Requests, WorldInfo } from '../server/protocol.js';
import { spawnServer } from '../server/spawnServer.js';
import { everyLatency, loadRep, type LoadOptions, type LoadRep } from './loadTest.js';
import { checkProvinceRollup, rollupRep, ROLLUP_LEVELS, type RollupLevel } from './rollupLatency.js';
import { throughputRep, type ThroughputRep } from './throughput.js';

/** The day the server's workflow clock stands at: 09:00 in Sichuan, reports due at 20:00. */
export const WORLD_DAY = new Date('2026-03-22T01:00:00Z');

export type ServerBenchOptions = {
  db: string;
  csv: string;
  gridsPerVillage: number;
  reps: number;
  clients: number;
  eventsPerRep: number;
  loadUsers: number;
  load: LoadOptions;
  rollupQueries: number;
  run: { throughput: boolean; load: boolean; rollup: boolean };
  serverNodeArgs: string[];
  pgliteSharedBuffers?: string;
};

export type MemoryWindow = { phase: string; peakMb: number; exact: boolean };

export type ServerRuns = {
  world: WorldInfo;
  /** The database's buffer pool as it reports it (SHOW shared_buffers), PGlite's set by the server. */
  sharedBuffers: string;
  plan: Plan;
  directiveId: string;
  /** The directive over HTTP, and the roll-up queue it left, as the scheduler folded it after. */
  issue: { seconds: number; tasks: number; statements: number; foldEntries: number; foldSeconds: number };
  throughput: Array<{ http: ThroughputRep; bare: { seconds: number; events: number }; bpmn: { seconds: number; events: number }; statementsPerEvent: number }>;
  /** With each rep, what one password check costs alone (the harness's process, before the rep). */
  load: Array<LoadRep & { passwordCheckMs: number }>;
  fill: { submitted: number; seconds: number } | null;
  rollup: Array<Record<RollupLevel, number[]>>;
  /** The same roll-ups by scanning the tasks (the query alone), a few per level and rep: the before. */
  rollupScan: Array<Record<RollupLevel, number[]>>;
  scanQueries: number;
  /** Seconds each ANALYZE took after a bulk phase. */
  analyzed: Record<string, number>;
  memory: MemoryWindow[];
  /** 1-minute load average of the machine when each phase began: other work sharing the two cores. */
  loadAverage: Record<string, number>;
};

const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

/**
 * Scenarios 2–6 against the product's server running as a child process: set up the Sichuan world
 * there, issue the daily-report directive over HTTP (the server cascades it to every grid and opens
 * the day's report task of each), then event throughput with its two baselines, the 200-user load
 * test, the day filled in and the roll-up latencies. The server's peak RSS is taken over each of those
 * windows; the bench helpers that run inside it (setup, baselines, bulk fill) are outside every window.
 */
export async function runServerScenarios(options: ServerBenchOptions, log: (line: string) => void): Promise<ServerRuns> {
  const location = await scratchLocation(options.db);
  const server = await spawnServer({
    db: location.url,
    at: WORLD_DAY,
    nodeArgs: options.serverNodeArgs,
    ...(options.pgliteSharedBuffers ? { pgliteSharedBuffers: options.pgliteSharedBuffers } : {}),
  });
  // PostgreSQL takes any number of processes: the helpers run here, leaving the server process alone.
  const local = dbKind(options.db) === 'postgres' ? await createDb(location.url, { poolSize: 4 }) : null;
  const localHelpers = local ? createHelpers(createEngine({ db: local.db, clock: fixedClock(WORLD_DAY) }), local, location.url, fixedClock(WORLD_DAY)) : null;
  const helper = <M extends HelperMethod>(method: M, params: Requests[M]['params']): Promise<Requests[M]['result']> =>
    localHelpers ? (localHelpers[method] as (p: Requests[M]['params']) => Promise<Requests[M]['result']>)(params) : server.call(method, params);
  const agent = keepAliveAgent();
  const meter = new PeakMeter(server.pid);
  const memory: MemoryWindow[] = [];
  const loadAverage: Record<string, number> = {};
  const window = async <T>(phase: string, fn: () => Promise<T>): Promise<T> => {
    loadAverage[phase] = Number((loadavg()[0] ?? 0).toFixed(2));
    meter.start();
    try {
      return await fn();
    } finally {
      memory.push({ phase, ...meter.stop() });
    }
  };
  try {
    log(`  server: pid ${server.pid} at ${server.url} on ${server.db}; setting up the world (import, grids, users, form, template) in the ${local ? 'harness' : 'server'} process`);
    const world = await helper('setUpWorld', {
      csv: options.csv,
      gridsPerVillage: options.gridsPerVillage,
      clients: options.clients,
      reps: options.reps,
      eventsPerRep: options.eventsPerRep,
      loadUsers: options.run.load ? options.loadUsers : 0,
    });
    log(`  server: ${world.units} units, ${world.grids} grids, ${world.throughputUsers.length + world.loadUsers.length + 1} users in ${world.setupSeconds.toFixed(1)} s`);
    // Statistics as a running system has them: autovacuum (PostgreSQL) or the handle's auto-analyze
    // (PGlite) would gather them within a minute of each bulk phase; the bench does not wait for that.
    const analyzed: Record<string, number> = {};
    analyzed.setup = (await helper('analyze', {})).seconds;

    const http = new TrpcHttp(server.url, agent);
    const admin = (await signIn(http, world.admin, world.password)).client;
    const before = sum(await server.call('statements', {}));
    const issueStart = performance.now();
    const issued = await window('directive to every grid', () =>
      admin.mutate<{ directiveId: string }>('directives.issue', {
        templateVersionId: world.templateVersionId,
        issuingUnitId: world.provinceId,
        title: '全省网格每日疫情防控报告(压测)',
        body: 'bench',
        requirements: [],
        deadline: new Date(WORLD_DAY.getTime() + 30 * 86_400_000).toISOString(),
      }),
    );
    const issueSeconds = (performance.now() - issueStart) / 1000;
    if (!issued.ok) throw new Error(`bench: issuing the directive failed (${issued.status}): ${issued.message}`);
    const directiveId = issued.data.directiveId;
    const issueStatements = sum(await server.call('statements', {})) - before;
    analyzed.directive = (await helper('analyze', {})).seconds;
    const plan = await helper('plan', { directiveId });
    if (plan.tasks !== world.grids) throw new Error(`bench: the directive opened ${plan.tasks} report tasks for ${world.grids} grids`);
    log(`  server: directive issued over HTTP in ${issueSeconds.toFixed(1)} s: ${plan.tasks} report tasks for ${plan.periodKey}, ${issueStatements} statements`);
    // The directive's new tasks are queued for the roll-up counters and folded by the server's
    // scheduler in the background; the reps below measure submissions, so they start once it is done.
    const fold = await helper('rollupQueueDrained', {});
    log(`  server: the scheduler folded the directive's ${fold.entries} queued roll-up entries ${fold.seconds.toFixed(1)} s after it returned`);

    const throughput: ServerRuns['throughput'] = [];
    if (options.run.throughput) {
      for (let rep = 0; rep < options.reps; rep++) {
        const clients = world.throughputUsers.map((u, k) => ({ username: u.username, taskIds: plan.throughput[rep]?.[k] ?? [] }));
        const s0 = sum(await server.call('statements', {}));
        const httpRep = await window(`throughput rep ${rep + 1}`, () => throughputRep(server.url, agent, world.password, clients, rep * options.eventsPerRep));
        const statementsPerEvent = (sum(await server.call('statements', {})) - s0) / Math.max(1, httpRep.events);
        const bare = await helper('bareEvents', { taskIds: plan.bare[rep] ?? [], connections: options.clients, actorUsername: world.throughputUsers[0]?.username as string });
        const bpmn = await helper('bpmnEvents', { processes: Math.ceil(options.eventsPerRep / 4), concurrency: options.clients });
        throughput.push({ http: httpRep, bare, bpmn, statementsPerEvent });
        log(
          `  throughput rep ${rep + 1}: ${(httpRep.events / httpRep.seconds).toFixed(0)} events/s over HTTP (${httpRep.errors.length} errors, ${statementsPerEvent.toFixed(1)} statements/event); bare SQL ${(bare.events / bare.seconds).toFixed(0)}/s; bpmn-engine ${(bpmn.events / bpmn.seconds).toFixed(0)}/s`,
        );
      }
    }

    const load: ServerRuns['load'] = [];
    if (options.run.load) {
      const users = world.loadUsers.map((u) => u.username);
      for (let rep = 0; rep < options.reps; rep++) {
        const passwordCheckMs = await timePasswordCheck(world.password);
        const r = { ...(await window(`load rep ${rep + 1}`, () => loadRep(server.url, agent, world.password, users, options.load, rep + 1))), passwordCheckMs };
        load.push(r);
        const every = everyLatency(r);
        log(`  load rep ${rep + 1}: ${users.length} users, ${every.length} requests in ${r.seconds.toFixed(1)} s (${r.submitted} reports), p99 ${percentile(every, 99).toFixed(0)} ms, once all signed in ${r.afterSignInsMs.length > 0 ? `${percentile(r.afterSignInsMs, 99).toFixed(0)} ms (${r.afterSignInsMs.length} requests)` : 'none (the last sign-in returned after the rep ended)'}, ${r.errors.length} errors${r.errors.length > 0 ? ` (first: ${r.errors[0]})` : ''}`);
      }
    }

    let fill: ServerRuns['fill'] = null;
    const rollup: ServerRuns['rollup'] = [];
    const rollupScan: ServerRuns['rollupScan'] = [];
    const scanQueries = Math.min(10, options.rollupQueries);
    if (options.run.rollup) {
      fill = await helper('fillReports', { directiveId, actorUsername: world.throughputUsers[0]?.username as string });
      log(`  roll-up: the day's remaining ${fill.submitted} reports written in bulk in ${fill.seconds.toFixed(1)} s`);
      analyzed.reports = (await helper('analyze', {})).seconds;
      await checkProvinceRollup(admin, { directiveId, stageId: world.stageId, periodKey: plan.periodKey, provinceId: world.provinceId, grids: world.grids });
      for (let rep = 0; rep < options.reps; rep++) {
        const r = await window(`roll-up rep ${rep + 1}`, () => rollupRep(admin, { directiveId, stageId: world.stageId, periodKey: plan.periodKey, units: plan.rollupUnits, queries: options.rollupQueries }));
        rollup.push(r);
        const scan = await helper('rollupScan', { directiveId, stageId: world.stageId, periodKey: plan.periodKey, units: plan.rollupUnits, queries: scanQueries });
        rollupScan.push(scan);
        log(`  roll-up rep ${rep + 1}: ${ROLLUP_LEVELS.map((l) => `${l} ${median(r[l]).toFixed(1)} ms (scan ${median(scan[l]).toFixed(0)} ms)`).join(', ')} (medians)`);
      }
    }
    log(`  server peak RSS: ${memory.map((m) => `${m.phase} ${m.peakMb.toFixed(0)} MB`).join('; ')} (${availableParallelism()} cores)`);
    return {
      world,
      sharedBuffers: server.sharedBuffers,
      plan,
      directiveId,
      issue: { seconds: issueSeconds, tasks: plan.tasks, statements: issueStatements, foldEntries: fold.entries, foldSeconds: fold.seconds },
      throughput,
      load,
      fill,
      rollup,
      rollupScan,
      scanQueries,
      analyzed,
      memory,
      loadAverage,
    };
  } finally {
    agent.destroy();
    await server.stop();
    await local?.close();
    await location.drop();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** The product's password check alone, the median of three: what every sign-in costs at least. */
async function timePasswordCheck(password: string): Promise<number> {
  const stored = await hashPassword(password);
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    if (!(await verifyPassword(password, stored))) throw new Error('password check failed');
    times.push(performance.now() - start);
  }
  return percentile(times, 50);
}
