import { setFlagsFromString } from 'node:v8';

/**
 * How far the JS heap may grow past what survived the last full collection before the next one, in
 * percent. V8 picks up to 300 % on a machine with memory to spare: while a directive fanned out to
 * Sichuan's 103,236 grids (bench, --trace-gc) the heap reached 223 MB before a full collection left
 * 46 MB, and the server's resident set peaked at 356 MB. 30 % collects more often; bench/README.md
 * has the effect and the cost.
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
export function boundHeapGrowth(percent = DEFAULT_HEAP_GROWTH_PERCENT): void {
  const flag = heapGrowthFlag(percent, process.execArgv);
  if (flag) setFlagsFromString(flag);
}
