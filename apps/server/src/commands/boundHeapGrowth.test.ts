import { describe, expect, it } from 'vitest';
import { DEFAULT_HEAP_GROWTH_PERCENT, heapGrowthFlag } from './boundHeapGrowth.js';

describe('heapGrowthFlag', () => {
  it('asks V8 for the given growing percent', () => {
    expect(heapGrowthFlag(DEFAULT_HEAP_GROWTH_PERCENT, [])).toBe(`--heap-growing-percent=${DEFAULT_HEAP_GROWTH_PERCENT}`);
    expect(heapGrowthFlag(75, ['--enable-source-maps'])).toBe('--heap-growing-percent=75');
  });

  it("leaves V8's heuristics alone for 0", () => {
    expect(heapGrowthFlag(0, [])).toBeNull();
  });

  it("leaves a growing percent given on Node's command line alone, in either spelling", () => {
    expect(heapGrowthFlag(30, ['--heap-growing-percent=50'])).toBeNull();
    expect(heapGrowthFlag(30, ['--heap_growing_percent=50'])).toBeNull();
    expect(heapGrowthFlag(30, ['--heap-growing-percent-other'])).toBe('--heap-growing-percent=30');
  });
});
