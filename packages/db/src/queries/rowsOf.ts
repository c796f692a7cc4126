/** The rows of an `execute` result: node-postgres and PGlite both put them in `rows`. */
export function rowsOf(result: unknown): Array<Record<string, unknown>> {
  return ((result as { rows?: unknown[] }).rows ?? (result as unknown[])) as Array<Record<string, unknown>>;
}
