import type { Database } from '@cascade/db';
import { VersionConflictError } from '../errors.js';
import type { Clock } from '../clock.js';
import type { CommandContext } from './commandContext.js';
import { ChangeLog } from './changeLog.js';
import { ChainTips } from './chainTips.js';
import { PlannerStatistics } from './plannerStatistics.js';
import { FanOutTally, type FanOutProgressListener } from './fanOutProgress.js';
import type { TemplateRegistry } from './templateRegistry.js';

const MAX_ATTEMPTS = 20;

/** PostgreSQL codes that mean "another transaction got there first; run again". */
const RETRYABLE_CODES = new Set(['40001', '40P01']);

/** Unique keys whose violation means a concurrent writer created the same row first. */
const RETRYABLE_CONSTRAINTS = new Set(['history_instance_seq', 'tasks_one_per_period']);

/** A string property of the error or of one of its causes (drizzle wraps the driver's error). */
function causeProperty(error: unknown, key: 'code' | 'constraint'): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const value = (current as Record<string, unknown>)[key];
    if (typeof value === 'string') return value;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export function isRetryable(error: unknown): boolean {
  if (error instanceof VersionConflictError) return true;
  const code = causeProperty(error, 'code');
  if (code && RETRYABLE_CODES.has(code)) return true;
  // Two writers of the same instance that both passed the version check race on the next seq; two
  // creators of the same period's task (e.g. concurrent openPeriod calls) race on its unique key.
  // Either way the retry re-reads and finds the winner's row.
  return code === '23505' && RETRYABLE_CONSTRAINTS.has(causeProperty(error, 'constraint') ?? '');
}

export type TransactOptions = {
  db: Database;
  clock: Clock;
  templates: TemplateRegistry;
  onCommit: (changes: ChangeLog) => void;
  onProgress?: FanOutProgressListener;
};

/**
 * One command, one transaction. A conflict rolls everything back and runs the command again from a
 * fresh read, so a concurrent event is delayed, never lost and never half-applied.
 */
export async function transact<T>(options: TransactOptions, actorId: string | null, command: (ctx: CommandContext) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const changes = new ChangeLog();
    const fanOut = new FanOutTally(options.onProgress ?? (() => {}));
    try {
      const result = await options.db.transaction(async (tx) =>
        command({ tx, now: options.clock.now(), actorId, templates: options.templates, changes, fanOut, statistics: new PlannerStatistics(tx), chainTips: new ChainTips() }),
      );
      options.onCommit(changes);
      fanOut.finish();
      return result;
    } catch (error) {
      if (!isRetryable(error) || attempt >= MAX_ATTEMPTS) throw error;
      const backoff = Math.min(200, 2 ** attempt) * (0.5 + Math.random());
      await new Promise((resolve) => setTimeout(resolve, backoff));
    }
  }
}
