import { and, count, desc, eq, inArray, isNull, lt } from 'drizzle-orm';
import type { Executor } from '../client/database.js';
import { notifications } from '../schema/work.js';

export async function listNotifications(db: Executor, userId: string, options: { before?: Date; limit?: number; unreadOnly?: boolean } = {}) {
  return db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), options.before ? lt(notifications.createdAt, options.before) : undefined, options.unreadOnly ? isNull(notifications.readAt) : undefined))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(options.limit ?? 50);
}

export async function countUnread(db: Executor, userId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** Marks the user's own notifications read; ids of other users' notifications are ignored. */
export async function markNotificationsRead(db: Executor, userId: string, ids: string[] | 'all', at: Date): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: at })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), ids === 'all' ? undefined : inArray(notifications.id, ids.length ? ids : ['00000000-0000-0000-0000-000000000000'])))
    .returning({ id: notifications.id });
  return rows.length;
}
