import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** The administrative tree. `path` is the codes from the root joined by '/', so a subtree is one
 * prefix scan on an index (`path LIKE '51/5101/%'`). Households are units too, under grids. */
export const orgUnits = pgTable(
  'org_units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    level: text('level').notNull(),
    depth: integer('depth').notNull(),
    parentId: uuid('parent_id'),
    path: text('path').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('org_units_path_prefix').using('btree', sql`${t.path} text_pattern_ops`),
    index('org_units_parent').on(t.parentId),
    index('org_units_level').on(t.level),
  ],
);
