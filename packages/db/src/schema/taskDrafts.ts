import { jsonb, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users.js';
import { tasks } from './work.js';

/** A worker's answers in progress, one per task, kept on the server so they can be continued on
 * another device. Not workflow state: no history row; submitting the task deletes it. */
export const taskDrafts = pgTable('task_drafts', {
  taskId: uuid('task_id')
    .primaryKey()
    .references(() => tasks.id),
  data: jsonb('data').notNull(),
  savedBy: uuid('saved_by')
    .notNull()
    .references(() => users.id),
  savedAt: timestamp('saved_at', { withTimezone: true }).notNull(),
});
