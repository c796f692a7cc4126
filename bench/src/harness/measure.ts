/** Median, min and max of repeated measurements of one quantity. */
export type Stats = { median: number; min: number; max: number; samples: number[] };

/** A measured rate or duration is positive; counts (errors, say) may be zero with `allowZero`. */
export function stats(samples: readonly number[], options: { allowZero?: boolean } = {}): Stats {
  if (samples.length === 0) throw new Error('no samples to summarise');
  const bad = (s: number) => !Number.isFinite(s) || s < 0 || (s === 0 && !options.allowZero);
  if (samples.some(bad)) throw new Error(`samples must be ${options.allowZero ? 'non-negative' : 'positive'} finite numbers, got ${samples.join(', ')}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return { median, min: sorted[0] as number, max: sorted[sorted.length - 1] as number, samples: [...samples] };
}

/** Wall-clock seconds of one call. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { seconds: (performance.now() - start) / 1000, value };
}

/** The p-th percentile (0–100) of latencies by the nearest-rank method: a value that was observed. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('no values for a percentile');
  if (!(p > 0 && p <= 100)) throw new Error(`percentile must be in (0, 100], got ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil((p / 100) * sorted.length) - 1] as number;
}
