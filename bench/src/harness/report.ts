import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import type { BenchResult } from './result.js';

export type RunInfo = {
  startedAt: string;
  finishedAt: string;
  db: string;
  scope: string;
  node: string;
  cpu: string;
  cores: number;
  memoryGb: number;
  argv: string[];
  /** 1-minute load average at the start and end of the run: other work on the same cores. */
  loadAverage: { start: number; end: number };
  /** What the run observed beyond the records: load on the machine, phase timings, before/after. */
  notes: string[];
};

export function runInfo(db: string, scope: string, startedAt: Date, argv: string[], startLoad: number, notes: string[]): RunInfo {
  return {
    loadAverage: { start: startLoad, end: Number((loadavg()[0] ?? 0).toFixed(2)) },
    notes,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    db,
    scope,
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: availableParallelism(),
    memoryGb: Math.round(totalmem() / 2 ** 30),
    argv,
  };
}

const fmt = (x: number): string => (x === 0 ? '0' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toPrecision(3));

export function formatTable(results: readonly BenchResult[]): string {
  const lines = [
    '| benchmark | n | cores | unit | median | min | max | baseline | baseline median | ratio | target | met |',
    '|---|---:|---:|---|---:|---:|---:|---|---:|---:|---:|---|',
  ];
  for (const r of results) {
    const met = r.met === null ? '–' : r.met ? 'yes' : '**no**';
    const target = r.target === null ? '–' : (r.goal ?? (r.targetOf === 'ratio' ? `≤ ${r.target}×` : `≤ ${r.target} ${r.unit}`));
    lines.push(
      `| ${r.name} | ${r.n} | ${r.cores} | ${r.unit} | ${fmt(r.median)} | ${fmt(r.min)} | ${fmt(r.max)} | ${r.baseline?.name ?? '–'} | ${r.baseline ? fmt(r.baseline.median) : '–'} | ${r.ratio === null ? '–' : `${r.ratio.toFixed(2)}×`} | ${target} | ${met} |`,
    );
  }
  return lines.join('\n');
}

export function formatMarkdown(results: readonly BenchResult[], info: RunInfo): string {
  return [
    `# cascade benchmarks — ${info.db}`,
    '',
    `Run ${info.startedAt} → ${info.finishedAt}; scope ${info.scope}; Node ${info.node}; ${info.cpu}, ${info.cores} cores, ${info.memoryGb} GB; load average ${info.loadAverage.start} at the start, ${info.loadAverage.end} at the end (other people's work shares these cores; baselines run in the same reps, so the ratios hold).`,
    `Command: \`npm run bench -- ${info.argv.join(' ')}\`. Ratio = how many times slower than the baseline (medians over ${results[0]?.reps ?? 0} reps).`,
    '',
    formatTable(results),
    '',
    ...results.map((r) => `- **${r.name}**: ${r.detail}${formatAlso(r)}`),
    '',
    ...(info.notes.length > 0 ? ['## Notes', '', ...info.notes.map((n) => `- ${n}`), ''] : []),
  ].join('\n');
}

function formatAlso(r: BenchResult): string {
  const entries = Object.entries(r.also);
  if (entries.length === 0) return '';
  return ` Also measured (median, min–max over the reps): ${entries.map(([k, a]) => `${k} ${fmt(a.median)} (${fmt(a.min)}–${fmt(a.max)}) ${a.unit}`).join('; ')}.`;
}

/**
 * Writes `latest-<db>.json` (the records, an array: the shape issue 5 asks for), `latest-<db>.run.json`
 * (the run's info: when, where, the command, notes) and `latest-<db>.md` (both, for people) into
 * `dir`; returns their paths.
 */
export function writeResults(dir: string, results: readonly BenchResult[], info: RunInfo): { json: string; run: string; md: string } {
  mkdirSync(dir, { recursive: true });
  const json = join(dir, `latest-${info.db}.json`);
  const run = join(dir, `latest-${info.db}.run.json`);
  const md = join(dir, `latest-${info.db}.md`);
  writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(run, `${JSON.stringify(info, null, 2)}\n`);
  writeFileSync(md, formatMarkdown(results, info));
  return { json, run, md };
}
