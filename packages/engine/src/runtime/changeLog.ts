import type { InstanceChange } from './commandContext.js';
import { isPackableUuid, packedCount, packUuids, uuidAt } from './packedUuids.js';

/** Changes per announcement: one SSE message stays small however large the command. */
export const CHANGE_BATCH = 500;

/** Instances created together with one directive, kind and state: their ids packed 16 bytes each. */
type Packed = { directiveId: string | null; kind: string; state: string; ids: Buffer; units: Buffer };

/**
 * The changes one command makes, to announce once it has committed, in the order they were made.
 * A fan-out creates a quarter of a million instances in one command (Sichuan: 244,201, every receipt
 * down to the grids and each grid's report task), all held until commit; so instances created alike
 * are kept as packed ids (32 bytes each instead of an object and two strings) and turned back into
 * changes only when announced, a batch at a time, and only if someone listens.
 */
export class ChangeLog {
  private readonly entries: Array<InstanceChange | Packed> = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  record(change: InstanceChange): void {
    this.entries.push(change);
    this.count++;
  }

  /** New instances; those sharing directive, kind and state (a fan-out's chunk) are packed. */
  recordCreated(rows: ReadonlyArray<{ id: string; directiveId: string | null; kind: string; orgUnitId: string | null; state: string }>): void {
    const [first] = rows;
    const alike = first !== undefined && rows.every((r) => r.directiveId === first.directiveId && r.kind === first.kind && r.state === first.state && isPackableUuid(r.id) && isPackableUuid(r.orgUnitId));
    if (!alike || rows.length < 2) {
      for (const r of rows) this.record({ instanceId: r.id, directiveId: r.directiveId, kind: r.kind, orgUnitId: r.orgUnitId, state: r.state });
      return;
    }
    this.entries.push({ directiveId: first.directiveId, kind: first.kind, state: first.state, ids: packUuids(rows.map((r) => r.id)), units: packUuids(rows.map((r) => r.orgUnitId as string)) });
    this.count += rows.length;
  }

  /** Every change in order, in batches of at most `size`, each made only when asked for. */
  *batches(size = CHANGE_BATCH): Generator<InstanceChange[]> {
    let batch: InstanceChange[] = [];
    for (const change of this.changes()) {
      batch.push(change);
      if (batch.length === size) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }

  private *changes(): Generator<InstanceChange> {
    for (const entry of this.entries) {
      if (!('ids' in entry)) {
        yield entry;
        continue;
      }
      for (let i = 0; i < packedCount(entry.ids); i++) {
        yield { instanceId: uuidAt(entry.ids, i), directiveId: entry.directiveId, kind: entry.kind, orgUnitId: uuidAt(entry.units, i), state: entry.state };
      }
    }
  }
}
