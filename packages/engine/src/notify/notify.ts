import { and, eq, sql } from 'drizzle-orm';
import { notifications, orgUnits, webhookDeliveries, webhooks } from '@cascade/db';
import type { CommandContext } from '../runtime/commandContext.js';
import type { InstanceRow } from '../runtime/instanceRow.js';
import { resolveAudience, type Audience } from './resolveAudience.js';

/**
 * Puts a notification in each recipient's inbox and queues it for every active webhook of a
 * locality at or above the instance's unit, in the transaction of the event that caused it: a
 * notification exists exactly when its cause was committed.
 */
export async function notify(ctx: CommandContext, instance: InstanceRow, audience: Audience, kind: string, payload: Record<string, unknown> = {}): Promise<number> {
  const recipients = await resolveAudience(ctx, instance, audience);
  if (recipients.length === 0) return 0;
  const body = { ...payload, instanceKind: instance.kind, state: instance.state, directiveId: instance.directiveId, orgUnitId: instance.orgUnitId };
  const inserted = await ctx.tx
    .insert(notifications)
    .values(recipients.map((userId) => ({ userId, kind, instanceId: instance.id, payload: body, createdAt: ctx.now })))
    .returning({ id: notifications.id });
  const [unit] = instance.orgUnitId ? await ctx.tx.select({ path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.id, instance.orgUnitId)) : [];
  if (!unit) return inserted.length;
  const hooks = await ctx.tx
    .select({ id: webhooks.id })
    .from(webhooks)
    .innerJoin(orgUnits, eq(orgUnits.id, webhooks.orgUnitId))
    .where(and(eq(webhooks.active, true), sql`(${unit.path} = ${orgUnits.path} or ${unit.path} like ${orgUnits.path} || '/%')`));
  if (hooks.length > 0) {
    await ctx.tx
      .insert(webhookDeliveries)
      .values(hooks.flatMap((hook) => inserted.map((n) => ({ webhookId: hook.id, notificationId: n.id, nextAttemptAt: ctx.now, createdAt: ctx.now }))));
  }
  return inserted.length;
}
