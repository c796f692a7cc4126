import { jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { templateVersions } from './definitions.js';
import { orgUnits } from './orgUnits.js';
import { users } from './users.js';

/** What was issued. Its lifecycle is the directive instance with the same id. */
export const directives = pgTable('directives', {
  id: uuid('id').primaryKey(),
  templateVersionId: uuid('template_version_id').notNull().references(() => templateVersions.id),
  issuingUnitId: uuid('issuing_unit_id').notNull().references(() => orgUnits.id),
  title: text('title').notNull(),
  body: text('body').notNull(),
  requirements: jsonb('requirements').notNull().$type<string[]>(),
  deadline: timestamp('deadline', { withTimezone: true }).notNull(),
  issuedBy: uuid('issued_by').notNull().references(() => users.id),
  issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
});
