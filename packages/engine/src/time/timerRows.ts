import { and, eq, sql } from 'drizzle-orm';
import { timers } from '@cascade/db';
import type { CommandContext } from '../runtime/commandContext.js';

export type TimerSpec = { instanceId: string; key: string; dueAt: Date; event: { type: string; [key: string]: unknown } };

/** Writes a pending timer; re-arming the same key replaces the earlier one rather than adding a second. */
export async function scheduleTimer(ctx: CommandContext, spec: TimerSpec): Promise<void> {
  await ctx.tx
    .insert(timers)
    .values({ instanceId: spec.instanceId, key: spec.key, event: spec.event, dueAt: spec.dueAt, createdAt: ctx.now })
    .onConflictDoUpdate({ target: [timers.instanceId, timers.key], targetWhere: sql`${timers.status} = 'pending'`, set: { dueAt: spec.dueAt, event: spec.event, createdAt: ctx.now } });
}

export async function cancelTimer(ctx: CommandContext, instanceId: string, key: string): Promise<void> {
  await ctx.tx
    .update(timers)
    .set({ status: 'cancelled', settledAt: ctx.now })
    .where(and(eq(timers.instanceId, instanceId), eq(timers.key, key), eq(timers.status, 'pending')));
}

/** An instance that has finished has nothing left to wait for. */
export async function cancelAllTimers(ctx: CommandContext, instanceId: string): Promise<void> {
  await ctx.tx.update(timers).set({ status: 'cancelled', settledAt: ctx.now }).where(and(eq(timers.instanceId, instanceId), eq(timers.status, 'pending')));
}
