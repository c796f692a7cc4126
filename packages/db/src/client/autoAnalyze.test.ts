import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { startAutoAnalyze } from './autoAnalyze.js';
import { createDb } from './createDb.js';
import { migrate } from './migrate.js';

type Stat = { n_mod_since_analyze: number | string; last_analyze: string | null };

async function orgUnitStats(db: Awaited<ReturnType<typeof createDb>>['db']): Promise<Stat> {
  const result = await db.execute(sql`select n_mod_since_analyze, last_analyze from pg_stat_user_tables where relname = 'org_units'`);
  return ((result as { rows: Stat[] }).rows[0] ?? { n_mod_since_analyze: -1, last_analyze: null }) as Stat;
}

const insertUnits = (n: number) => sql`insert into org_units (code, name, level, depth, path) select g::text, 'u', 'grid', 0, g::text from generate_series(1, ${n}::int) g`;

describe('PGlite auto-analyze (PGlite has no autovacuum)', () => {
  it('analyzes a table soon after enough of it changed, and leaves alone one that barely did', async () => {
    const handle = await createDb('memory://', { autoAnalyzeMs: 100 });
    try {
      await migrate(handle);
      await handle.db.execute(insertUnits(20));
      await new Promise((resolve) => setTimeout(resolve, 600));
      // 20 rows is under the threshold of 50 + 10 %: not analyzed yet.
      expect(await orgUnitStats(handle.db)).toMatchObject({ last_analyze: null });
      await handle.db.execute(sql`insert into org_units (code, name, level, depth, path) select 'x' || g, 'u', 'grid', 0, 'x' || g from generate_series(1, 2000) g`);
      let stats = await orgUnitStats(handle.db);
      for (let i = 0; i < 100 && stats.last_analyze === null; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        stats = await orgUnitStats(handle.db);
      }
      expect(stats.last_analyze).not.toBeNull();
      expect(Number(stats.n_mod_since_analyze)).toBe(0);
    } finally {
      await handle.close();
    }
  });

  it('can be turned off', async () => {
    const handle = await createDb('memory://', { autoAnalyzeMs: 0 });
    try {
      await migrate(handle);
      await handle.db.execute(insertUnits(2000));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await orgUnitStats(handle.db)).toMatchObject({ last_analyze: null });
    } finally {
      await handle.close();
    }
  });

  it('lets the event loop take a turn before each table it analyzes', async () => {
    const order: string[] = [];
    // Answers at once, as PGlite does: nothing but the analyzer's own yield lets a turn in.
    const client = {
      query: async <T>() => ({ rows: [{ table: 'public.a' }, { table: 'public.b' }] as T[] }),
      exec: async (text: string) => {
        order.push(text);
        setImmediate(() => order.push('turn'));
      },
    };
    const analyzer = startAutoAnalyze(client, 60_000);
    try {
      await analyzer.runOnce();
      expect(order).toEqual(['analyze public.a', 'turn', 'analyze public.b']);
    } finally {
      await analyzer.stop();
    }
  });
});
