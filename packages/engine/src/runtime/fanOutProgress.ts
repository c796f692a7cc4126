/**
 * How far a fan-out has got: receipts of one level of one directive created so far in the running
 * command, out of how many that level gets. Emitted while the command's transaction runs (those
 * receipts are not visible to readers yet and vanish if it rolls back), and with `done` once it has
 * committed.
 */
export type FanOutProgress = { directiveId: string; level: string; created: number; expected: number; done: boolean };

export type FanOutProgressListener = (progress: FanOutProgress) => void;

/**
 * Counts one command's fan-out per directive and level, telling listeners as it goes. A command that
 * is retried after a conflict starts a fresh tally, so counts restart rather than double.
 */
export class FanOutTally {
  private readonly levels = new Map<string, FanOutProgress>();

  constructor(private readonly emit: FanOutProgressListener) {}

  /** A level is about to receive `expected` more receipts. */
  expect(directiveId: string, level: string, expected: number): void {
    const entry = this.entry(directiveId, level);
    entry.expected += expected;
    this.emit({ ...entry });
  }

  /** `created` more receipts of the level exist, with their tasks and timers. */
  advance(directiveId: string, level: string, created: number): void {
    const entry = this.entry(directiveId, level);
    entry.created += created;
    this.emit({ ...entry });
  }

  /** After commit: the final count of each level, in the order the levels were reached. */
  finish(): void {
    for (const entry of this.levels.values()) this.emit({ ...entry, done: true });
  }

  private entry(directiveId: string, level: string): FanOutProgress {
    const key = `${directiveId}|${level}`;
    let entry = this.levels.get(key);
    if (!entry) {
      entry = { directiveId, level, created: 0, expected: 0, done: false };
      this.levels.set(key, entry);
    }
    return entry;
  }
}
