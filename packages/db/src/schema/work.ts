import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { formVersions } from './definitions.js';
import { instances } from './instances.js';
import { orgUnits } from './orgUnits.js';
import { users } from './users.js';

/** Task facts that lists and roll-ups filter on; the task's lifecycle is its instance. */
export const tasks = pgTable(
  'tasks',
  {
    id: uuid('id').primaryKey().references(() => instances.id),
    directiveId: uuid('directive_id').notNull(),
    orgUnitId: uuid('org_unit_id').notNull().references(() => orgUnits.id),
    kind: text('kind').notNull(),
    stageId: text('stage_id').notNull(),
    formVersionId: uuid('form_version_id').notNull().references(() => formVersions.id),
    periodKey: text('period_key').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('tasks_one_per_period').on(t.directiveId, t.orgUnitId, t.stageId, t.periodKey),
    index('tasks_unit').on(t.orgUnitId),
    // The unit comes last so roll-ups read a day's tasks by the prefix, and the fan-out's check of
    // which tasks exist finds each in one probe: with only the prefix, a batch inside the issuing
    // transaction (no statistics yet) scanned every task of the day per key, quadratic in grids.
    index('tasks_directive_period').on(t.directiveId, t.stageId, t.periodKey, t.orgUnitId),
  ],
);

/** The latest accepted attempt counts in roll-ups; earlier attempts stay for the record. */
export const submissions = pgTable(
  'submissions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    taskId: uuid('task_id').notNull().references(() => tasks.id),
    attempt: integer('attempt').notNull(),
    data: jsonb('data').notNull(),
    submittedBy: uuid('submitted_by').notNull().references(() => users.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
  },
  (t) => [
    unique('submissions_task_attempt').on(t.taskId, t.attempt),
    unique('submissions_idempotency').on(t.taskId, t.idempotencyKey),
  ],
);

/** Door-to-door screening: one row per household visited under a screening task. */
export const householdVisits = pgTable(
  'household_visits',
  {
    taskId: uuid('task_id').notNull().references(() => tasks.id),
    householdId: uuid('household_id').notNull().references(() => orgUnits.id),
    data: jsonb('data').notNull(),
    visitedBy: uuid('visited_by').notNull().references(() => users.id),
    visitedAt: timestamp('visited_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('household_visits_pk').on(t.taskId, t.householdId)],
);

/** Mobilisation: who takes which unit or household for a directive (包网格, 包户到人). */
export const assignments = pgTable(
  'assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    directiveId: uuid('directive_id').notNull(),
    userId: uuid('user_id').notNull().references(() => users.id),
    orgUnitId: uuid('org_unit_id').notNull().references(() => orgUnits.id),
    assignedBy: uuid('assigned_by').notNull().references(() => users.id),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull(),
    releasedAt: timestamp('released_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('assignments_active').on(t.directiveId, t.userId, t.orgUnitId).where(sql`${t.releasedAt} is null`),
    index('assignments_unit').on(t.orgUnitId),
  ],
);

export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id),
    kind: text('kind').notNull(),
    instanceId: uuid('instance_id'),
    payload: jsonb('payload').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [index('notifications_user').on(t.userId, t.createdAt)],
);

/** Evaluations and accountability cases are instances too; these columns make them listable. */
export const evaluations = pgTable('evaluations', {
  id: uuid('id').primaryKey().references(() => instances.id),
  directiveId: uuid('directive_id').notNull(),
  evaluatorUnitId: uuid('evaluator_unit_id').notNull().references(() => orgUnits.id),
  subjectUnitId: uuid('subject_unit_id').references(() => orgUnits.id),
  subjectUserId: uuid('subject_user_id').references(() => users.id),
  outcome: text('outcome').notNull(),
  comment: text('comment').notNull(),
  evidence: jsonb('evidence').notNull().$type<Array<{ kind: 'task' | 'submission'; id: string }>>(),
  caseId: uuid('case_id'),
  evaluatedBy: uuid('evaluated_by').notNull().references(() => users.id),
  evaluatedAt: timestamp('evaluated_at', { withTimezone: true }).notNull(),
});
