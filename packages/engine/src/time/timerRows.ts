import { and, eq, sql } from 'drizzle-orm';
import { preparedStatement, setPlaceholder, timers, type Executor } from '@cascade/db';
import type { CommandContext } from '../runtime/commandContext.js';

export type TimerSpec = { instanceId: string; key: string; dueAt: Date; event: { type: string; [key: string]: unknown } };

/** A timer row as written: pending, or already cancelled when the step that set it also left the state. */
export type TimerRow = TimerSpec & { status: 'pending' | 'cancelled' };

/** Rows per INSERT statement: large enough to amortise round trips, small enough for parameter limits. */
const CHUNK = 500;

/** Writes a pending timer; re-arming the same key replaces the earlier one rather than adding a second. */
export async function scheduleTimer(ctx: CommandContext, spec: TimerSpec): Promise<void> {
  await insertTimers(ctx, [{ ...spec, status: 'pending' }]);
}

/**
 * Writes many timers in multi-row statements. A pending row replaces the pending row of the same
 * instance and key, as `scheduleTimer` does; the rows given must not repeat a pending instance and key
 * (a statement cannot update one row twice), which `TimerBook` guarantees.
 */
export async function insertTimers(ctx: CommandContext, rows: TimerRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await ctx.tx
      .insert(timers)
      .values(
        rows.slice(i, i + CHUNK).map((row) => ({
          instanceId: row.instanceId,
          key: row.key,
          event: row.event,
          dueAt: row.dueAt,
          status: row.status,
          createdAt: ctx.now,
          settledAt: row.status === 'pending' ? null : ctx.now,
        })),
      )
      .onConflictDoUpdate({
        target: [timers.instanceId, timers.key],
        targetWhere: sql`${timers.status} = 'pending'`,
        set: { dueAt: sql`excluded.due_at`, event: sql`excluded.event`, createdAt: sql`excluded.created_at` },
      });
  }
}

/** Cancels the pending timers of placeholders `instanceId` and `keys`, settled at `now`: on its own
 * below, and as a CTE of the statement that writes an event (runtime/sendEvent.ts). */
export function cancelPendingTimersQuery(db: Executor) {
  return db
    .update(timers)
    .set({ status: 'cancelled', settledAt: setPlaceholder<Date>('now') })
    .where(and(eq(timers.instanceId, sql.placeholder('instanceId')), sql`${timers.key} = any(${sql.placeholder('keys')})`, eq(timers.status, 'pending')));
}

const cancelPendingTimers = preparedStatement('cancel_pending_timers', cancelPendingTimersQuery);

/** Cancels the instance's pending timers of these keys in one statement (a step that leaves a state
 * cancels each of its timers: a submitted report its reminder and its deadline). */
export async function cancelTimers(ctx: CommandContext, instanceId: string, keys: readonly string[]): Promise<void> {
  if (keys.length > 0) await cancelPendingTimers(ctx.tx, { instanceId, keys, now: ctx.now });
}

/** An instance that has finished has nothing left to wait for. */
export async function cancelAllTimers(ctx: CommandContext, instanceId: string): Promise<void> {
  await ctx.tx.update(timers).set({ status: 'cancelled', settledAt: ctx.now }).where(and(eq(timers.instanceId, instanceId), eq(timers.status, 'pending')));
}
