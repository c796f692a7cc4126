import { bigserial, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { templateVersions } from './definitions.js';
import { orgUnits } from './orgUnits.js';

/** Every running state machine: a directive, a receipt, a task, a registration, an evaluation, a case.
 * `state` mirrors the snapshot's value so lists filter on an index; `version` is the optimistic lock. */
export const instances = pgTable(
  'instances',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    machine: text('machine').notNull(),
    directiveId: uuid('directive_id'),
    parentId: uuid('parent_id'),
    orgUnitId: uuid('org_unit_id').references(() => orgUnits.id),
    /** For registrations, evaluations of a person and cases about a person. */
    subjectUserId: uuid('subject_user_id'),
    templateVersionId: uuid('template_version_id').notNull().references(() => templateVersions.id),
    state: text('state').notNull(),
    snapshot: jsonb('snapshot').notNull(),
    version: integer('version').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('instances_directive_kind').on(t.directiveId, t.kind),
    index('instances_parent').on(t.parentId),
    index('instances_org_unit').on(t.orgUnitId),
  ],
);

/** Append-only. Each row's hash covers its content and the previous row's hash of the same instance. */
export const history = pgTable(
  'history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    instanceId: uuid('instance_id').notNull().references(() => instances.id),
    seq: integer('seq').notNull(),
    eventType: text('event_type').notNull(),
    payload: jsonb('payload').notNull(),
    actorId: uuid('actor_id'),
    fromState: text('from_state'),
    toState: text('to_state').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
    templateVersionId: uuid('template_version_id').notNull(),
    prevHash: text('prev_hash'),
    hash: text('hash').notNull(),
  },
  (t) => [unique('history_instance_seq').on(t.instanceId, t.seq)],
);
