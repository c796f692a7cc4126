import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createDb } from '@cascade/db';

/**
 * The engine suites run on PostgreSQL only when DATABASE_URL is set. This says so out loud: it
 * fails in CI without a database, and otherwise tells a developer the PostgreSQL half did not run.
 */
describe('the PostgreSQL suite', () => {
  it('runs the PostgreSQL suite', async () => {
    const url = process.env.DATABASE_URL;
    if (!url) {
      if (process.env.CI) {
        expect.fail('CI is set but DATABASE_URL is not: the engine tests must also run on PostgreSQL in CI (set DATABASE_URL=postgres://…)');
      }
      console.log('PostgreSQL suite did not run: set DATABASE_URL=postgres://… (e.g. postgres://postgres@127.0.0.1:5432/test) to run every engine test on PostgreSQL too');
      return;
    }
    const handle = await createDb(url, { poolSize: 1 });
    try {
      expect(handle.kind).toBe('postgres');
      const result = (await handle.db.execute(sql`select 1 as one, version() as version`)) as unknown as { rows: Array<{ one: number; version: string }> };
      expect(result.rows[0]?.one).toBe(1);
      expect(result.rows[0]?.version).toMatch(/^PostgreSQL/);
    } finally {
      await handle.close();
    }
  });
});
