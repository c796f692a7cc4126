import { availableParallelism } from 'node:os';
import { stats } from './measure.js';

/** `per-second` figures are better when higher, `seconds` when lower. */
export type Unit = 'units/s' | 'grids/s' | 'receipts/s' | 'rows/s' | 's';

export type BenchResult = {
  name: string;
  db: string;
  /** What one measurement processes (rows, receipts…), as named in `detail`. */
  n: number;
  cores: number;
  reps: number;
  unit: Unit;
  median: number;
  min: number;
  max: number;
  /** The same work done the plainest way in the same process and database, measured in the same reps. */
  baseline: { name: string; median: number; min: number; max: number } | null;
  /** How many times slower than the baseline (medians): >1 means slower. Null without a baseline. */
  ratio: number | null;
  /** The largest acceptable ratio; null when issue 5 sets none yet. */
  target: number | null;
  met: boolean | null;
  detail: string;
};

const higherIsBetter = (unit: Unit) => unit !== 's';

export type ResultInput = {
  name: string;
  db: string;
  n: number;
  unit: Unit;
  samples: number[];
  baseline?: { name: string; samples: number[] };
  target?: number;
  detail: string;
};

/** Builds a record from measured samples only: every figure, the ratio included, is computed here. */
export function makeResult(input: ResultInput): BenchResult {
  const own = stats(input.samples);
  const base = input.baseline ? stats(input.baseline.samples) : null;
  const ratio = base === null ? null : higherIsBetter(input.unit) ? base.median / own.median : own.median / base.median;
  const target = input.target ?? null;
  return {
    name: input.name,
    db: input.db,
    n: input.n,
    cores: availableParallelism(),
    reps: input.samples.length,
    unit: input.unit,
    median: own.median,
    min: own.min,
    max: own.max,
    baseline: input.baseline && base ? { name: input.baseline.name, median: base.median, min: base.min, max: base.max } : null,
    ratio,
    target,
    met: ratio === null || target === null ? null : ratio <= target,
    detail: input.detail,
  };
}
