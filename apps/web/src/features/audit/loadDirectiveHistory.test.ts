import { describe, expect, it } from 'vitest';
import type { ExportRow } from './historyExport';
import { loadDirectiveHistory, type HistoryCursor } from './loadDirectiveHistory';

const rowOf = (instanceId: string, seq: number): ExportRow => ({
  instanceId,
  kind: 'receipt',
  machine: 'receipt:township',
  unitName: '锦官驿街道',
  unitCode: '510104017',
  seq,
  at: '2026-03-22T01:00:00Z',
  actorName: null,
  actorId: null,
  eventType: seq === 1 ? 'xstate.init' : 'ACKNOWLEDGE',
  fromState: null,
  toState: 'received',
  payload: {},
  templateVersionId: 'tv',
  prevHash: null,
  hash: `${instanceId}-${seq}`,
});

describe('loading a directive’s history for export', () => {
  it('follows the cursor page after page and reports the running count', async () => {
    const all = ['a', 'b', 'c'].flatMap((id) => [1, 2].map((seq) => rowOf(id, seq)));
    const asked: Array<HistoryCursor | null> = [];
    const progress: number[] = [];
    const rows = await loadDirectiveHistory(
      async (after) => {
        asked.push(after);
        const start = after ? all.findIndex((r) => r.instanceId === after.instanceId && r.seq === after.seq) + 1 : 0;
        const page = all.slice(start, start + 4);
        const last = page.at(-1);
        return { rows: page, next: page.length === 4 && last ? { instanceId: last.instanceId, seq: last.seq } : null };
      },
      (n) => progress.push(n),
    );
    expect(rows).toEqual(all);
    expect(asked).toEqual([null, { instanceId: 'b', seq: 2 }]);
    expect(progress).toEqual([4, 6]);
  });

  it('stops with an error rather than loop when the server hands back the same cursor', async () => {
    const stuck = { instanceId: 'a', seq: 1 };
    await expect(loadDirectiveHistory(async () => ({ rows: [rowOf('a', 1)], next: stuck }))).rejects.toThrow(/same page/);
  });
});
