import type { TimerRow, TimerSpec } from './timerRows.js';

/**
 * The timer operations of instances created in the running command, kept in memory and written in
 * one batch. Such instances have no timer rows yet, so folding their operations here gives exactly
 * the rows that running each operation as a statement would: setting a key again replaces its pending
 * row, cancelling turns it into a cancelled row, cancelling all does so for every pending key.
 */
export class TimerBook {
  private readonly settled: TimerRow[] = [];
  private readonly pending = new Map<string, TimerSpec>();

  set(spec: TimerSpec): void {
    this.pending.set(`${spec.instanceId}|${spec.key}`, spec);
  }

  cancel(instanceId: string, key: string): void {
    const id = `${instanceId}|${key}`;
    const spec = this.pending.get(id);
    if (!spec) return;
    this.pending.delete(id);
    this.settled.push({ ...spec, status: 'cancelled' });
  }

  cancelAll(instanceId: string): void {
    for (const [id, spec] of this.pending) {
      if (spec.instanceId !== instanceId) continue;
      this.pending.delete(id);
      this.settled.push({ ...spec, status: 'cancelled' });
    }
  }

  /** Cancelled rows first, then pending ones in the order their keys were first set. */
  rows(): TimerRow[] {
    return [...this.settled, ...[...this.pending.values()].map((spec) => ({ ...spec, status: 'pending' as const }))];
  }
}
