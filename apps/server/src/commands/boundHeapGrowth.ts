import { setFlagsFromString } from 'node:v8';

/**
 * How far the JS heap may grow past what survived the last full collection before the next one, in
 * percent. V8 picks up to 300 % on a machine with memory to spare, so a server whose live heap is
 * ~50 MB lets promoted garbage pile up to ~220 MB while a directive fans out to 103,236 grids (Sichuan
 * benchmark: 345 MB resident at the peak). 30 % collects more often; bench/README.md has its cost.
 */
export const DEFAULT_HEAP_GROWTH_PERCENT = 30;

export const MAX_HEAP_GROWTH_PERCENT = 300;

const GROWING_FLAG = /^--heap[-_]growing[-_]percent(=|$)/;

/**
 * The V8 flag to set, or null: for 0 (V8's own heuristics) or when Node was started with a growing
 * percent of its own, which an operator's command line should win over.
 */
export function heapGrowthFlag(percent: number, execArgv: readonly string[]): string | null {
  if (percent === 0 || execArgv.some((arg) => GROWING_FLAG.test(arg))) return null;
  return `--heap-growing-percent=${percent}`;
}

/**
 * Bounds heap growth for the rest of this process's life. V8 reads the flag at every full collection,
 * so setting it after start-up takes effect from the next one (unlike the heap's maximum size).
 */
export function boundHeapGrowth(percent = DEFAULT_HEAP_GROWTH_PERCENT): string | null {
  const flag = heapGrowthFlag(percent, process.execArgv);
  if (flag) setFlagsFromString(flag);
  return flag;
}
