import { describe, expect, it } from 'vitest';
import { KEEP_DONE_MS, progressPercent, recordProgress, shownProgress, STALE_MS, type FanOutBar, type FanOutReport } from './fanOutProgress';

const report = (level: string, created: number, expected: number, done = false): FanOutReport => ({ directiveId: 'd1', level, created, expected, done });

describe('fan-out progress per level', () => {
  it('keeps the latest report of each level and draws them highest level first', () => {
    let bars = new Map<string, FanOutBar>();
    bars = recordProgress(bars, report('grid', 0, 3_000), 1_000);
    bars = recordProgress(bars, report('township', 11, 11), 1_000);
    bars = recordProgress(bars, report('grid', 1_500, 3_000), 2_000);
    expect(shownProgress(bars, 2_500).map((b) => [b.level, progressPercent(b)])).toEqual([
      ['township', 100],
      ['grid', 50],
    ]);
  });

  it('starts again when a retried command counts from zero', () => {
    let bars = recordProgress(new Map(), report('village', 80, 90), 0);
    bars = recordProgress(bars, report('village', 10, 90), 10);
    expect(progressPercent(bars.get('village')!)).toBe(11);
  });

  it('shows a finished level at 100 % for a moment, then drops it', () => {
    const bars = recordProgress(new Map(), report('village', 90, 90, true), 0);
    expect(shownProgress(bars, KEEP_DONE_MS - 1).map(progressPercent)).toEqual([100]);
    expect(shownProgress(bars, KEEP_DONE_MS)).toEqual([]);
  });

  it('drops a level that stopped reporting (its command rolled back) after a while', () => {
    const bars = recordProgress(new Map(), report('grid', 10, 3_000), 0);
    expect(shownProgress(bars, STALE_MS - 1)).toHaveLength(1);
    expect(shownProgress(bars, STALE_MS)).toEqual([]);
  });

  it('never shows more than 100 % nor divides by nothing', () => {
    expect(progressPercent({ level: 'grid', created: 5, expected: 0, done: false, at: 0 })).toBe(0);
    expect(progressPercent({ level: 'grid', created: 12, expected: 10, done: false, at: 0 })).toBe(100);
    expect(progressPercent({ level: 'grid', created: 2, expected: 3, done: false, at: 0 })).toBe(66);
  });
});
