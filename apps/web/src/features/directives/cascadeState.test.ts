import { describe, expect, it } from 'vitest';
import { applyChanges, levelCounts, needsAttention, receiptStanding, stateColour, takenUp, type InstanceChange, type ReceiptRow } from './cascadeState';

const DIRECTIVE = 'd0000000-0000-4000-8000-000000000000';

/** A list row as the server sends it; cast, so the fixture holds whether or not the list carries its own `escalations` yet. */
function row(id: string, state: string, context: Record<string, unknown> = {}): ReceiptRow {
  return {
    id,
    state,
    parentId: null,
    updatedAt: '2026-03-22T01:00:00.000Z',
    snapshot: { value: state, status: 'active', context: { deadline: '2026-03-29T01:00:00.000Z', lateToAcknowledge: false, lateToForward: false, escalations: 0, amendments: 0, ...context } },
    unit: { id: `u-${id}`, name: `单位${id}`, code: id, level: 'township', path: `51/${id}` },
  } as ReceiptRow;
}

const change = (instanceId: string, state: string, kind = 'receipt', directiveId: string | null = DIRECTIVE): InstanceChange => ({ instanceId, directiveId, kind, orgUnitId: null, state });

describe('how a unit stands on its receipt', () => {
  it('is late only while the state it was late in lasts', () => {
    expect(receiptStanding(row('a', 'received', { lateToAcknowledge: true })).overdue).toBe(true);
    // Acknowledged late: the flag stays, the lateness is over.
    expect(receiptStanding(row('a', 'acknowledged', { lateToAcknowledge: true })).overdue).toBe(false);
    expect(receiptStanding(row('a', 'amended', { lateToForward: true })).overdue).toBe(true);
    expect(receiptStanding(row('a', 'forwarded', { lateToForward: true })).overdue).toBe(false);
    expect(receiptStanding(row('a', 'received')).overdue).toBe(false);
  });

  it('counts escalations from the list’s own field when it has one, else from the snapshot, and none once closed', () => {
    expect(receiptStanding(row('a', 'acknowledged', { escalations: 2 })).escalations).toBe(2);
    expect(receiptStanding({ ...row('a', 'acknowledged', { escalations: 2 }), escalations: 3 }).escalations).toBe(3);
    expect(receiptStanding(row('a', 'closed', { escalations: 2 })).escalations).toBe(0);
    expect(needsAttention(receiptStanding(row('a', 'acknowledged', { escalations: 1 })))).toBe(true);
    expect(needsAttention(receiptStanding(row('a', 'acknowledged')))).toBe(false);
  });

  it('colours each state apart, and unknown states grey', () => {
    const colours = ['received', 'acknowledged', 'amended', 'forwarded', 'closed'].map(stateColour);
    expect(new Set(colours).size).toBe(5);
    expect(stateColour('forwarded')).toBe('green');
    expect(stateColour('something-else')).toBe('default');
  });
});

describe('counts per level', () => {
  it('groups by level, highest first, with a total and each state', () => {
    const counts = levelCounts([
      { machine: 'receipt:grid', state: 'received', n: 12 },
      { machine: 'receipt:township', state: 'forwarded', n: 2 },
      { machine: 'receipt:village', state: 'acknowledged', n: 3 },
      { machine: 'receipt:township', state: 'received', n: 9 },
      { machine: 'receipt:village', state: 'received', n: 1 },
    ]);
    expect(counts.map((c) => c.level)).toEqual(['township', 'village', 'grid']);
    expect(counts[0]).toMatchObject({ total: 11, byState: { received: 9, forwarded: 2, acknowledged: 0 } });
    expect(takenUp(counts[0]!)).toBeCloseTo(2 / 11);
    expect(takenUp(counts[1]!)).toBeCloseTo(3 / 4);
    expect(takenUp(counts[2]!)).toBe(0);
  });

  it('is empty before anything was received', () => {
    expect(levelCounts([])).toEqual([]);
  });
});

describe('applying live changes to the cached tree', () => {
  const lists = new Map<string, ReceiptRow[]>([
    [DIRECTIVE, [row('t1', 'received'), row('t2', 'acknowledged')]],
    ['t2', []],
  ]);

  it('patches the new state into the list that holds the row, without touching the cache it was given', () => {
    const update = applyChanges(lists, [change('t1', 'acknowledged')], DIRECTIVE);
    expect(update.patched.get(DIRECTIVE)!.map((r) => [r.id, r.state])).toEqual([
      ['t1', 'acknowledged'],
      ['t2', 'acknowledged'],
    ]);
    expect(lists.get(DIRECTIVE)![0]!.state).toBe('received');
    expect([...update.refetch]).toEqual([DIRECTIVE]);
    expect(update.countsStale).toBe(true);
    expect(update.directiveChanged).toBe(false);
  });

  it('refetches the children of a receipt just forwarded when they are shown, and counts the new receipts', () => {
    const update = applyChanges(lists, [change('t2', 'forwarded'), change('v1', 'received'), change('v2', 'received')], DIRECTIVE);
    expect(update.patched.get(DIRECTIVE)!.find((r) => r.id === 't2')!.state).toBe('forwarded');
    expect(update.refetch).toEqual(new Set([DIRECTIVE, 't2']));
    expect(update.countsStale).toBe(true);
  });

  it('leaves collapsed parts alone: a forwarded receipt whose children are not shown is not fetched', () => {
    const update = applyChanges(lists, [change('t1', 'forwarded')], DIRECTIVE);
    expect(update.refetch).toEqual(new Set([DIRECTIVE]));
  });

  it('changes below a collapsed node only make the counts stale', () => {
    const update = applyChanges(lists, [change('g7', 'acknowledged')], DIRECTIVE);
    expect(update.patched.size).toBe(0);
    expect(update.refetch.size).toBe(0);
    expect(update.countsStale).toBe(true);
  });

  it('ignores other directives and task changes, and notes the directive closing', () => {
    expect(applyChanges(lists, [change('t1', 'closed', 'receipt', 'other')], DIRECTIVE)).toMatchObject({ countsStale: false, directiveChanged: false });
    expect(applyChanges(lists, [change('task1', 'overdue', 'task')], DIRECTIVE)).toMatchObject({ countsStale: false, directiveChanged: false });
    expect(applyChanges(lists, [change(DIRECTIVE, 'closed', 'directive'), change('t1', 'closed'), change('t2', 'closed')], DIRECTIVE)).toMatchObject({ countsStale: true, directiveChanged: true });
  });

  it('patches several changes to one list into one new list', () => {
    const update = applyChanges(lists, [change('t1', 'acknowledged'), change('t1', 'amended'), change('t2', 'forwarded')], DIRECTIVE);
    expect(update.patched.get(DIRECTIVE)!.map((r) => r.state)).toEqual(['amended', 'forwarded']);
  });
});
