import { availableParallelism } from 'node:os';
import { stats } from './measure.js';

/** `per-second` figures are better when higher; durations, latencies and memory when lower. */
export type Unit = 'units/s' | 'grids/s' | 'receipts/s' | 'rows/s' | 'events/s' | 's' | 'ms' | 'MB';

/** A summary of another measured quantity of the same runs (a latency percentile, a count…). */
export type Also = { median: number; min: number; max: number; unit: string };

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
  /** The largest acceptable ratio (`targetOf: 'ratio'`) or value (`'value'`); null when issue 5 sets none. */
  target: number | null;
  targetOf: 'ratio' | 'value' | null;
  /** Which statistic the target is judged on: the median, or (for a peak) the max over the reps. */
  judgedOn: 'median' | 'max' | null;
  /** The target in issue 5's words, e.g. "≥ 0.7× bare SQL". */
  goal: string | null;
  met: boolean | null;
  /** Other figures of the same runs, each over the same reps. */
  also: Record<string, Also>;
  detail: string;
};

const higherIsBetter = (unit: Unit) => unit.endsWith('/s');

export type ResultInput = {
  name: string;
  db: string;
  n: number;
  unit: Unit;
  samples: number[];
  baseline?: { name: string; samples: number[] };
  target?: number;
  /** Default 'ratio' with a baseline, 'value' without. */
  targetOf?: 'ratio' | 'value';
  judgedOn?: 'median' | 'max';
  goal?: string;
  also?: Record<string, { unit: string; samples: number[] }>;
  /** Forces `met` false whatever the figures (e.g. a run that had errors). */
  failed?: boolean;
  detail: string;
};

/** Builds a record from measured samples only: every figure, the ratio included, is computed here. */
export function makeResult(input: ResultInput): BenchResult {
  const own = stats(input.samples);
  const base = input.baseline ? stats(input.baseline.samples) : null;
  const ratio = base === null ? null : higherIsBetter(input.unit) ? base.median / own.median : own.median / base.median;
  const target = input.target ?? null;
  const targetOf = target === null ? null : (input.targetOf ?? (base ? 'ratio' : 'value'));
  const judgedOn = target === null ? null : (input.judgedOn ?? 'median');
  const judged = judgedOn === 'max' ? own.max : own.median;
  const within = target === null ? null : targetOf === 'ratio' ? (ratio === null ? null : ratio <= target) : judged <= target;
  const also = Object.fromEntries(
    Object.entries(input.also ?? {}).map(([key, a]) => {
      const s = stats(a.samples, { allowZero: true });
      return [key, { median: s.median, min: s.min, max: s.max, unit: a.unit }];
    }),
  );
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
    targetOf,
    judgedOn,
    goal: input.goal ?? null,
    met: within === null ? null : within && !input.failed,
    also,
    detail: input.detail,
  };
}

