import { like, or, eq, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/** `column` is `path` or lies below it: one index range scan thanks to text_pattern_ops. */
export function withinPath(column: AnyPgColumn, path: string): SQL {
  return or(eq(column, path), like(column, `${escapeLike(path)}/%`)) as SQL;
}

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * `withinPath` for a path bound at run time (a placeholder or another column): the subtree as a range
 * of the path index ('0' is the character after '/'). A LIKE pattern bound at run time cannot become
 * an index range in a prepared statement's generic plan; these comparisons can.
 */
export function withinBoundPath(column: AnyPgColumn, path: SQLWrapper): SQL {
  return sql`(${column} = ${path} or (${column} ~>=~ (${path} || '/') and ${column} ~<~ (${path} || '0')))`;
}
