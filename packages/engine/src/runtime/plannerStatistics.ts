import { sql } from 'drizzle-orm';
import type { Transaction } from '@cascade/db';
import { rowsOf } from './rowsOf.js';

/** Below this many rows created in one command, a stale estimate costs too little to matter. */
const MIN_ROWS = 2_000;

/**
 * Keeps the planner's picture of `instances` and `tasks` current while one command creates many of
 * them. PostgreSQL checks each foreign key to these tables (history, timers, tasks, submissions…)
 * with a plan it made once and keeps for the connection. Made while the tables were small or freshly
 * analyzed as empty (a new locality, the first large directive), that plan is a sequential scan, and
 * a fan-out to 103,236 grids then re-reads every row created so far for each row it adds: the
 * Sichuan benchmark's directive ran for minutes on PostgreSQL and PGlite alike. ANALYZE inside the
 * transaction counts the rows this transaction inserted and invalidates those plans, so the next
 * checks use the primary key. It runs whenever the rows created in this command outnumber what the
 * statistics say the table holds (a few times per fan-out, as the count doubles), and SKIP_LOCKED
 * lets a concurrent ANALYZE (autovacuum, another large command) win instead of waiting for it.
 */
/** Tables other rows point at by foreign key, and created by the thousand in one command. */
export type ReferencedTable = 'instances' | 'tasks';

export class PlannerStatistics {
  private readonly created = new Map<ReferencedTable, number>();
  private readonly known = new Map<ReferencedTable, number>();

  constructor(private readonly tx: Transaction) {}

  async rowsCreated(table: ReferencedTable, n: number): Promise<void> {
    const created = (this.created.get(table) ?? 0) + n;
    this.created.set(table, created);
    if (created < MIN_ROWS) return;
    const known = this.known.get(table) ?? (await this.estimate(table));
    this.known.set(table, known);
    if (created <= known) return;
    await this.tx.execute(sql.raw(`analyze (skip_locked) ${table}`));
    // Skipped (another ANALYZE held the table) or not, look again only once this command has doubled.
    this.known.set(table, Math.max(await this.estimate(table), created * 2));
  }

  private async estimate(table: ReferencedTable): Promise<number> {
    const [row] = rowsOf<{ n: number | string }>(await this.tx.execute(sql`select greatest(reltuples, 0)::bigint as n from pg_class where oid = ${table}::regclass`));
    return Number(row?.n ?? 0);
  }
}
