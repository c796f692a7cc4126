import { sql, type Placeholder, type Query } from 'drizzle-orm';
import type { PgPreparedQuery, PreparedQueryConfig } from 'drizzle-orm/pg-core';
import type { Executor } from './database.js';
import { namedStatementClient, type NamedStatementOptions } from './pgliteNamedStatements.js';

/** A drizzle query builder that can be prepared: a select, insert, update or delete. */
type Preparable<TResult> = { prepare(name: string): PgPreparedQuery<PreparedQueryConfig & { execute: TResult }> };

/** What both drivers' prepared queries (node-postgres, PGlite) keep besides the SQL: how to map rows. */
type Mapping = { fields?: unknown; joinsNotNullableMap?: Record<string, boolean> };

/** Every name given, with its SQL: one name must never stand for two statements on a connection. */
const names = new Map<string, string>();

/**
 * A statement that drizzle builds once and that then runs with fresh values, on the database or in
 * any transaction. Values go in through `sql.placeholder('name')` in the builder; results come back
 * mapped as the builder's own `execute` maps them. A value inserted or set is encoded as its column
 * encodes it; a value compared in a condition reaches the driver as given (so pass a time as ISO text).
 *
 * Why: drizzle builds a statement's SQL again on every call, and for the short statements of an
 * event that takes longer than running them (measured outside the server: 120 µs to build the
 * history insert, 370 µs the task read with its instance, against 15 µs for the same insert as a
 * `sql` template). The statement is also named, so the database parses and plans it once per
 * connection: node-postgres does so itself; on PGlite, whose driver parses every query anew, it is
 * run as a named statement of its own (namedStatementClient).
 *
 * `genericPlan`: PostgreSQL plans a named statement anew on each call while it guesses that a plan for
 * the given values beats one for any values. Where every plan has the same shape whatever the values
 * (index lookups on arrays, say) that planning is wasted; on PGlite, where it runs in the server's
 * thread, this asks for the generic plan at each execution. node-postgres has no way to ask for it
 * per statement without two more round trips, so there the option does nothing.
 */
export function preparedStatement<TResult>(name: string, build: (db: Executor) => Preparable<TResult>, options: NamedStatementOptions = {}) {
  let shape: { query: Query; mapping: Mapping } | undefined;
  return async (db: Executor, values: Record<string, unknown> = {}): Promise<TResult> => {
    if (!shape) {
      const drizzlePrepared = build(db).prepare(name);
      const query = drizzlePrepared.getQuery();
      const earlier = names.get(name);
      if (earlier !== undefined && earlier !== query.sql) throw new Error(`prepared statement name ${name} is already used for another statement`);
      names.set(name, query.sql);
      shape = { query, mapping: drizzlePrepared as unknown as Mapping };
    }
    const { query, mapping } = shape;
    // As the builders prepare theirs: rows as arrays, mapped onto the selected fields.
    const prepared = db._.session.prepareQuery<PreparedQueryConfig & { execute: TResult }>(query, mapping.fields as Parameters<typeof db._.session.prepareQuery>[1], name, true);
    // Left-joined tables come back as null rather than an object of nulls, as with the builder.
    (prepared as unknown as Mapping).joinsNotNullableMap = mapping.joinsNotNullableMap;
    const named = namedStatementClient((db._.session as unknown as { client: unknown }).client, name, options);
    if (named) (prepared as unknown as { client: unknown }).client = named;
    return prepared.execute(values);
  };
}

/**
 * A placeholder for a value an update sets. Drizzle's update builder binds a placeholder with the
 * column's encoding (JSON for jsonb, ISO text for a timestamp) as it does a value, but its types
 * only admit values, so this one says it is one.
 */
export function setPlaceholder<T>(name: string): T {
  return sql.placeholder(name) as unknown as T;
}

/** A placeholder per key, named after it: the values of an insert whose every column is bound at run time. */
export function placeholders<const K extends string>(keys: readonly K[]): { [P in K]: Placeholder<P> } {
  return Object.fromEntries(keys.map((key) => [key, sql.placeholder(key)])) as { [P in K]: Placeholder<P> };
}
