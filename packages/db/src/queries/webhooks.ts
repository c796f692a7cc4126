import { desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../client/database.js';
import { orgUnits } from '../schema/orgUnits.js';
import { webhookAttempts, webhookDeliveries, webhooks } from '../schema/webhooks.js';
import { notifications } from '../schema/work.js';
import { withinPath } from './scope.js';

/**
 * The webhooks registered at a unit or below it, newest first, each with its latest deliveries
 * (newest first, at most `recent`) and every attempt of those. The shared secret is never read.
 */
export async function listWebhooks(db: Executor, path: string, options: { recent?: number } = {}) {
  const hooks = await db
    .select({ id: webhooks.id, url: webhooks.url, active: webhooks.active, createdAt: webhooks.createdAt, unit: { id: orgUnits.id, name: orgUnits.name, code: orgUnits.code, path: orgUnits.path } })
    .from(webhooks)
    .innerJoin(orgUnits, eq(orgUnits.id, webhooks.orgUnitId))
    .where(withinPath(orgUnits.path, path))
    .orderBy(desc(webhooks.createdAt), webhooks.id);
  return Promise.all(
    hooks.map(async (hook) => {
      const deliveries = await db
        .select({
          id: webhookDeliveries.id,
          status: webhookDeliveries.status,
          attempts: webhookDeliveries.attempts,
          nextAttemptAt: webhookDeliveries.nextAttemptAt,
          createdAt: webhookDeliveries.createdAt,
          notification: { id: notifications.id, kind: notifications.kind, createdAt: notifications.createdAt },
        })
        .from(webhookDeliveries)
        .innerJoin(notifications, eq(notifications.id, webhookDeliveries.notificationId))
        .where(eq(webhookDeliveries.webhookId, hook.id))
        .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
        .limit(options.recent ?? 20);
      const attempts =
        deliveries.length === 0
          ? []
          : await db
              .select({ deliveryId: webhookAttempts.deliveryId, attempt: webhookAttempts.attempt, at: webhookAttempts.at, httpStatus: webhookAttempts.httpStatus, error: webhookAttempts.error, durationMs: webhookAttempts.durationMs })
              .from(webhookAttempts)
              .where(inArray(webhookAttempts.deliveryId, deliveries.map((d) => d.id)))
              .orderBy(webhookAttempts.deliveryId, webhookAttempts.attempt);
      return {
        ...hook,
        deliveries: deliveries.map((d) => ({ ...d, tries: attempts.filter((a) => a.deliveryId === d.id).map(({ deliveryId: _, ...a }) => a) })),
      };
    }),
  );
}

/** One webhook with the path of its unit, for an authority check. */
export async function getWebhook(db: Executor, id: string) {
  const [row] = await db
    .select({ id: webhooks.id, active: webhooks.active, unitPath: orgUnits.path })
    .from(webhooks)
    .innerJoin(orgUnits, eq(orgUnits.id, webhooks.orgUnitId))
    .where(eq(webhooks.id, id));
  return row;
}
