import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { orgUnits } from './orgUnits.js';
import { tasks } from './work.js';

/**
 * Roll-up counters, so a roll-up reads a few rows however many grids lie below. Derived data only:
 * `cascade_rollup_apply` (migration 0005) recomputes a task's contribution from tasks, instances and
 * submissions and applies the difference to its unit and every unit above it. New tasks are counted
 * in the statement that creates them; a state change or a submission only queues its task in
 * `rollup_pending` (migration 0007), and the queue is folded in before every roll-up read and on the
 * scheduler's tick — so concurrent submissions never wait on the province's counter row.
 */

/** What each task contributes now: the roll-up's flags and the answers it counts (when received). */
export const rollupTaskState = pgTable(
  'rollup_task_state',
  {
    taskId: uuid('task_id').primaryKey().references(() => tasks.id),
    directiveId: uuid('directive_id').notNull(),
    stageId: text('stage_id').notNull(),
    periodKey: text('period_key').notNull(),
    unitId: uuid('unit_id').notNull().references(() => orgUnits.id),
    unitPath: text('unit_path').notNull(),
    received: boolean('received').notNull(),
    late: boolean('late').notNull(),
    returned: boolean('returned').notNull(),
    missing: boolean('missing').notNull(),
    data: jsonb('data'),
  },
  (t) => [
    // The missing units of a subtree: a range of this partial index.
    index('rollup_task_state_missing')
      .using('btree', t.directiveId, t.stageId, t.periodKey, sql`${t.unitPath} text_pattern_ops`)
      .where(sql`${t.missing}`),
  ],
);

/** Per unit, report stage and period: the counts and, per answer key, the sum of numbers and the count of values. */
export const rollupTotals = pgTable(
  'rollup_totals',
  {
    directiveId: uuid('directive_id').notNull(),
    stageId: text('stage_id').notNull(),
    periodKey: text('period_key').notNull(),
    unitPath: text('unit_path').notNull(),
    expected: integer('expected').notNull(),
    received: integer('received').notNull(),
    late: integer('late').notNull(),
    returned: integer('returned').notNull(),
    missing: integer('missing').notNull(),
    sums: jsonb('sums').notNull(),
    counts: jsonb('counts').notNull(),
  },
  (t) => [primaryKey({ name: 'rollup_totals_pk', columns: [t.directiveId, t.stageId, t.periodKey, t.unitPath] })],
);

/**
 * Tasks whose contribution may have changed since the counters were last folded. A task may be
 * queued twice (its state change and its submission), and folding it twice changes nothing. `id`
 * orders the queue, so a fold in steps takes the oldest entries through the key, however many
 * entries earlier steps deleted (PGlite has no vacuum to clear them from a scan).
 */
export const rollupPending = pgTable('rollup_pending', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  taskId: uuid('task_id').notNull(),
});
