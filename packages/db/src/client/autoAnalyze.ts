import { nextTurn } from './nextTurn.js';

/** The part of a PGlite client the auto-analyze uses. */
type Client = { query<T>(text: string): Promise<{ rows: T[] }>; exec(text: string): Promise<unknown> };

/** PostgreSQL's own defaults for autovacuum's analyze: 50 rows plus a tenth of the table changed. */
const THRESHOLD = 50;
const SCALE_FACTOR = 0.1;

/**
 * PGlite runs PostgreSQL single-user, without the autovacuum launcher: tables are never analyzed, so
 * the planner keeps guessing from empty statistics however large they grow (a township's roll-up over
 * Sichuan's 103,236 grids took 1.2 s instead of ~10 ms). This does what autovacuum's analyze does on
 * a server: every `intervalMs`, ANALYZE the tables with enough rows changed since their last analyze.
 * Timers are unref'd and stop on `stop()`; a failed round is reported and the next one tries again.
 * Each table is its own statement, with a turn of the event loop before it.
 */
export function startAutoAnalyze(client: Client, intervalMs: number, onError: (error: unknown) => void = (e) => console.error('pglite auto-analyze:', e)): { stop(): Promise<void>; runOnce(): Promise<string[]> } {
  let running: Promise<string[]> | null = null;
  const runOnce = async (): Promise<string[]> => {
    const { rows } = await client.query<{ table: string }>(
      `select quote_ident(schemaname) || '.' || quote_ident(relname) as table from pg_stat_user_tables
       where n_mod_since_analyze > ${THRESHOLD} + ${SCALE_FACTOR} * n_live_tup order by relname`,
    );
    for (const { table } of rows) {
      // PGlite runs ANALYZE in this thread and answers without a turn of the event loop: without
      // one between tables, requests arriving during a round waited for all of its tables.
      await nextTurn();
      await client.exec(`analyze ${table}`);
    }
    return rows.map((r) => r.table);
  };
  const timer = setInterval(() => {
    if (running) return;
    running = runOnce()
      .catch((error: unknown) => {
        onError(error);
        return [];
      })
      .finally(() => {
        running = null;
      });
  }, intervalMs);
  timer.unref();
  return {
    runOnce,
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
