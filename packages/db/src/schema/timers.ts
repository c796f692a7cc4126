import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { instances } from './instances.js';

/**
 * Durable timers. A machine's delayed transition becomes a row here, written in the transaction that
 * entered the state and cancelled in the one that left it; the scheduler claims due rows with
 * FOR UPDATE SKIP LOCKED and applies each through the engine, so a timer fires once, in order, on
 * whichever process claims it, and survives restarts. `key` is XState's id for the delayed event.
 */
export const timers = pgTable(
  'timers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    instanceId: uuid('instance_id').notNull().references(() => instances.id),
    key: text('key').notNull(),
    event: jsonb('event').notNull().$type<{ type: string; [key: string]: unknown }>(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    /** pending → fired | cancelled | skipped (the instance had left the state by then) */
    status: text('status').notNull().default('pending'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    settledAt: timestamp('settled_at', { withTimezone: true }),
    settledBy: text('settled_by'),
  },
  (t) => [
    index('timers_due').on(t.dueAt).where(sql`${t.status} = 'pending'`),
    uniqueIndex('timers_pending_key').on(t.instanceId, t.key).where(sql`${t.status} = 'pending'`),
  ],
);
