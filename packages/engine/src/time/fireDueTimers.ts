import { eq, sql } from 'drizzle-orm';
import { timers } from '@cascade/db';
import { canApply } from '@cascade/workflow';
import type { CommandContext } from '../runtime/commandContext.js';
import { rowsOf } from '../runtime/rowsOf.js';
import { applyEvent, loadInstance } from '../runtime/sendEvent.js';

export type FiredTimer = { timerId: string; instanceId: string; key: string; outcome: 'fired' | 'skipped' };

/**
 * Claims the earliest due timer that no other process holds (FOR UPDATE SKIP LOCKED), marks it
 * settled and applies its event through the engine, all in the caller's transaction: if anything
 * fails the claim is released with everything else, so a timer fires once or not at all. A timer
 * whose instance has left the state it was set in is marked skipped and changes nothing.
 *
 * The event happens at the timer's due time (never before the instance's last event), not at the
 * moment it is claimed: after downtime, what fell due fires earliest first, each dated when it fell
 * due, and the delays it arms run from then, so a catch-up replays the missed days in order instead
 * of making every follow-on due at once. `settledAt` records when it was actually fired.
 */
export async function fireNextDueTimer(ctx: CommandContext, processId: string): Promise<FiredTimer | null> {
  const claimed = await ctx.tx.execute(sql`
    select id, instance_id as "instanceId", key, event, (extract(epoch from due_at) * 1000)::float8 as "dueMs" from timers
    where status = 'pending' and due_at <= ${ctx.now.toISOString()}::timestamptz
    order by due_at, id
    for update skip locked
    limit 1`);
  const timer = rowsOf<{ id: string; instanceId: string; key: string; event: { type: string }; dueMs: number }>(claimed)[0];
  if (!timer) return null;
  const instance = await loadInstance(ctx, timer.instanceId);
  const firedAt = new Date(Math.max(Number(timer.dueMs), instance.updatedAt.getTime()));
  const compiled = await ctx.templates.template(ctx.tx, instance.templateVersionId);
  const applicable = canApply(compiled.machine(instance.machine), instance.snapshot, { ...timer.event, at: firedAt.toISOString() });
  await ctx.tx
    .update(timers)
    .set({ status: applicable ? 'fired' : 'skipped', settledAt: ctx.now, settledBy: processId })
    .where(eq(timers.id, timer.id));
  if (applicable) await applyEvent({ ...ctx, now: firedAt }, instance, timer.event);
  return { timerId: timer.id, instanceId: timer.instanceId, key: timer.key, outcome: applicable ? 'fired' : 'skipped' };
}
