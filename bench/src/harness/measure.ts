/** Median, min and max of repeated measurements of one quantity. */
export type Stats = { median: number; min: number; max: number; samples: number[] };

export function stats(samples: readonly number[]): Stats {
  if (samples.length === 0) throw new Error('no samples to summarise');
  if (samples.some((s) => !Number.isFinite(s) || s <= 0)) throw new Error(`samples must be positive finite numbers, got ${samples.join(', ')}`);
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
