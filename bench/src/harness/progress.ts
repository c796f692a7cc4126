import { instances, type Database } from '@cascade/db';

const STATEMENTS = new Set(['select', 'selectDistinct', 'insert', 'update', 'delete', 'execute']);

export type InsertCounter = {
  db: Database;
  /** Instance rows inserted so far, and statements built per method (select, insert, execute…, and prepared: run from a statement built once). */
  counts(): { instances: number; statements: Record<string, number> };
  /** Progress lines give the seconds since the last call. */
  restartClock(): void;
};

/**
 * A view of `db` that counts, inside its transactions, the instance rows the engine inserts and the
 * statements it builds, and reports the instance count every `everyMs`. PGlite runs queries on the
 * main thread, so a timer would not fire while a command runs: the count is reported from the insert
 * itself. Costs a map update per statement.
 */
export function countingInstanceInserts(db: Database, report: (inserted: number, seconds: number) => void, everyMs = 5000): InsertCounter {
  let inserted = 0;
  const statements: Record<string, number> = {};
  let start = performance.now();
  let last = start;
  const wrapTx = <T extends object>(tx: T): T =>
    new Proxy(tx, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if (typeof prop === 'string' && STATEMENTS.has(prop) && typeof value === 'function') {
          return (...args: unknown[]) => {
            statements[prop] = (statements[prop] ?? 0) + 1;
            const builder = (value as (...a: unknown[]) => { values?: (rows: unknown) => unknown }).apply(target, args);
            if (prop !== 'insert' || args[0] !== instances || !builder.values) return builder;
            const values = builder.values.bind(builder);
            builder.values = (rows: unknown) => {
              inserted += Array.isArray(rows) ? rows.length : 1;
              if (performance.now() - last >= everyMs) {
                last = performance.now();
                report(inserted, (last - start) / 1000);
              }
              return values(rows);
            };
            return builder;
          };
        }
        // Statements built once (the product's `preparedStatement`) are prepared on the session at each run.
        if (prop === '_' && value && typeof value === 'object') {
          const internals = value as { session: object };
          return { ...internals, session: countingPrepares(internals.session) };
        }
        if (prop === 'transaction' && typeof value === 'function') {
          return (fn: (tx: object) => Promise<unknown>, config?: unknown) => (value as (f: unknown, c?: unknown) => Promise<unknown>).call(target, (inner: object) => fn(wrapTx(inner)), config);
        }
        return value;
      },
    });
  const countingPrepares = <T extends object>(session: T): T =>
    new Proxy(session, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if (prop !== 'prepareQuery' || typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          statements.prepared = (statements.prepared ?? 0) + 1;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  return {
    db: wrapTx(db),
    counts: () => ({ instances: inserted, statements: { ...statements } }),
    restartClock: () => {
      start = performance.now();
      last = start;
    },
  };
}
