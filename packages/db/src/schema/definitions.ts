import { integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { orgUnits } from './orgUnits.js';
import { users } from './users.js';

/** A form version is a draft until published; a published version is frozen (a trigger refuses updates). */
export const formVersions = pgTable(
  'form_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    key: text('key').notNull(),
    version: integer('version').notNull(),
    ownerUnitId: uuid('owner_unit_id').notNull().references(() => orgUnits.id),
    definition: jsonb('definition').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [unique('form_versions_key_version').on(t.key, t.version)],
);

export const templateVersions = pgTable(
  'template_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    key: text('key').notNull(),
    version: integer('version').notNull(),
    ownerUnitId: uuid('owner_unit_id').notNull().references(() => orgUnits.id),
    /** The template this one was derived from, if a lower unit set up its own chain from a higher one's. */
    derivedFromId: uuid('derived_from_id'),
    definition: jsonb('definition').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [unique('template_versions_key_version').on(t.key, t.version)],
);
