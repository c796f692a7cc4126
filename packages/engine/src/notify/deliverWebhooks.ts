import { createHmac } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { notifications, webhookAttempts, webhookDeliveries, webhooks, type Database } from '@cascade/db';
import type { Clock } from '../clock.js';
import { invalidField, notFound } from '../errors.js';

export const MAX_WEBHOOK_ATTEMPTS = 8;
/** How long a claimed delivery is held before another process may try it (a crash mid-POST). */
const LEASE_MS = 60_000;
const TIMEOUT_MS = 10_000;

/** 30 s, 1 min, 2 min, … capped at an hour. */
export function backoffMs(attempt: number): number {
  return Math.min(30_000 * 2 ** (attempt - 1), 3_600_000);
}

/** Receivers check `X-Cascade-Signature` = sha256 HMAC of `<timestamp>.<body>` with the shared secret. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

type Claimed = { id: string; attempts: number; url: string; secret: string; notificationId: string };

/**
 * Delivers due webhook notifications: each is claimed under a lease (FOR UPDATE SKIP LOCKED, so two
 * processes never POST the same one), POSTed outside any transaction, and its attempt recorded;
 * failures are retried with backoff until MAX_WEBHOOK_ATTEMPTS.
 */
export async function deliverDueWebhooks(db: Database, clock: Clock, options: { limit?: number; fetch?: typeof fetch } = {}): Promise<number> {
  const post = options.fetch ?? fetch;
  let delivered = 0;
  for (let i = 0; i < (options.limit ?? 100); i++) {
    const now = clock.now();
    const claimed = await db.transaction(async (tx) => {
      const result = await tx.execute(sql`
        select d.id, d.attempts, w.url, w.secret, d.notification_id as "notificationId"
        from webhook_deliveries d join webhooks w on w.id = d.webhook_id
        where d.status = 'pending' and w.active and d.next_attempt_at <= ${now.toISOString()}::timestamptz
        order by d.next_attempt_at, d.id
        for update of d skip locked
        limit 1`);
      const row = (((result as { rows?: unknown[] }).rows ?? result) as Claimed[])[0];
      if (!row) return null;
      await tx
        .update(webhookDeliveries)
        .set({ nextAttemptAt: new Date(now.getTime() + LEASE_MS) })
        .where(eq(webhookDeliveries.id, row.id));
      return row;
    });
    if (!claimed) break;
    const [notification] = await db.select().from(notifications).where(eq(notifications.id, claimed.notificationId));
    const body = JSON.stringify({ id: notification?.id, kind: notification?.kind, userId: notification?.userId, instanceId: notification?.instanceId, payload: notification?.payload, createdAt: notification?.createdAt });
    const timestamp = String(Math.floor(now.getTime() / 1000));
    const attempt = claimed.attempts + 1;
    const started = Date.now();
    let httpStatus: number | null = null;
    let error: string | null = null;
    try {
      const response = await post(claimed.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-cascade-timestamp': timestamp, 'x-cascade-signature': signWebhook(claimed.secret, timestamp, body), 'x-cascade-delivery': claimed.id },
        body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      httpStatus = response.status;
      if (!response.ok) error = `HTTP ${response.status}`;
    } catch (failure) {
      error = (failure as Error).message;
    }
    const ok = error === null;
    await db.transaction(async (tx) => {
      await tx.insert(webhookAttempts).values({ deliveryId: claimed.id, attempt, at: now, httpStatus, error, durationMs: Date.now() - started });
      await tx
        .update(webhookDeliveries)
        .set({
          attempts: attempt,
          status: ok ? 'delivered' : attempt >= MAX_WEBHOOK_ATTEMPTS ? 'failed' : 'pending',
          nextAttemptAt: ok ? now : new Date(now.getTime() + backoffMs(attempt)),
        })
        .where(eq(webhookDeliveries.id, claimed.id));
    });
    if (ok) delivered++;
  }
  return delivered;
}

export async function registerWebhook(db: Database, clock: Clock, input: { orgUnitId: string; url: string; secret: string }): Promise<{ webhookId: string }> {
  const [row] = await db.insert(webhooks).values({ ...input, createdAt: clock.now() }).returning({ id: webhooks.id });
  return { webhookId: row?.id as string };
}

/**
 * Stops a webhook: nothing more is queued for it, and what was still waiting to be sent is cancelled
 * (its attempts so far stay on record). One transaction; a webhook already stopped is refused.
 */
export async function deactivateWebhook(db: Database, clock: Clock, webhookId: string): Promise<{ webhookId: string; cancelled: number }> {
  return db.transaction(async (tx) => {
    const [hook] = await tx.select({ id: webhooks.id, active: webhooks.active }).from(webhooks).where(eq(webhooks.id, webhookId)).for('update');
    if (!hook) throw notFound('webhook', webhookId);
    if (!hook.active) throw invalidField('webhookId', 'active', '该推送地址已停用', 'this webhook is already deactivated');
    await tx.update(webhooks).set({ active: false }).where(eq(webhooks.id, webhookId));
    const cancelled = await tx
      .update(webhookDeliveries)
      .set({ status: 'cancelled', nextAttemptAt: clock.now() })
      .where(and(eq(webhookDeliveries.webhookId, webhookId), eq(webhookDeliveries.status, 'pending')))
      .returning({ id: webhookDeliveries.id });
    return { webhookId, cancelled: cancelled.length };
  });
}
