import { like, or, eq, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/** `column` is `path` or lies below it: one index range scan thanks to text_pattern_ops. */
export function withinPath(column: AnyPgColumn, path: string): SQL {
  return or(eq(column, path), like(column, `${escapeLike(path)}/%`)) as SQL;
}

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
