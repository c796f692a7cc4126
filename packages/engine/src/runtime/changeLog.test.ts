import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ChangeLog } from './changeLog.js';

const row = (over: Partial<{ id: string; directiveId: string | null; kind: string; orgUnitId: string | null; state: string }> = {}) => ({
  id: randomUUID(),
  directiveId: 'd0000000-0000-4000-8000-000000000001',
  kind: 'receipt',
  orgUnitId: randomUUID(),
  state: 'received',
  ...over,
});
const asChange = (r: ReturnType<typeof row>) => ({ instanceId: r.id, directiveId: r.directiveId, kind: r.kind, orgUnitId: r.orgUnitId, state: r.state });

describe('ChangeLog', () => {
  it('gives back every change exactly, in the order recorded, packed chunks and single changes alike', () => {
    const log = new ChangeLog();
    const first = row({ kind: 'directive', orgUnitId: null, state: 'issued' });
    const chunk = Array.from({ length: 7 }, () => row());
    const after = row({ state: 'acknowledged' });
    log.recordCreated([first]);
    log.recordCreated(chunk);
    log.record(asChange(after));
    expect(log.size).toBe(9);
    expect([...log.batches()].flat()).toEqual([first, ...chunk, after].map(asChange));
  });

  it('splits the changes into batches of the size asked for, across entries', () => {
    const log = new ChangeLog();
    const rows = [...Array.from({ length: 5 }, () => row()), ...Array.from({ length: 4 }, () => row({ kind: 'task', state: 'open' }))];
    log.recordCreated(rows.slice(0, 5));
    log.record(asChange(row()));
    log.recordCreated(rows.slice(5));
    const batches = [...log.batches(4)];
    expect(batches.map((b) => b.length)).toEqual([4, 4, 2]);
    expect(batches.flat().map((c) => c.instanceId)).toEqual([...rows.slice(0, 5).map((r) => r.id), expect.any(String), ...rows.slice(5).map((r) => r.id)]);
  });

  it('keeps unlike rows, nulls and ids it could not pack as they are', () => {
    const log = new ChangeLog();
    const mixed = [row(), row({ state: 'forwarded' }), row({ orgUnitId: null }), row({ id: 'not-a-uuid' }), row({ id: randomUUID().toUpperCase() })];
    for (const r of mixed) log.recordCreated([r, r]);
    log.recordCreated(mixed);
    expect([...log.batches()].flat()).toEqual([...mixed.flatMap((r) => [r, r]), ...mixed].map(asChange));
  });

  it('announces nothing for a command that changed nothing', () => {
    const log = new ChangeLog();
    log.recordCreated([]);
    expect(log.size).toBe(0);
    expect([...log.batches()]).toEqual([]);
  });
});
