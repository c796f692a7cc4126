import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDb, migrate, type DbHandle } from '@cascade/db';
import { createTestDatabase } from '@cascade/db/testing';

export type BenchDb = 'pglite' | 'postgres';

export function dbKind(url: string): BenchDb {
  return /^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'pglite';
}

/**
 * A migrated, empty database for one repetition; `close()` throws it away. PGlite: in memory, loaded
 * from the cached migrated dump (`memory://`), or a fresh temp-dir-less store. PostgreSQL: a scratch
 * database created on the server `url` names and dropped on close, as the test suites do.
 */
export async function scratchDatabase(url: string): Promise<DbHandle> {
  if (dbKind(url) === 'pglite') {
    if (url !== 'memory://') throw new Error(`bench: PGlite runs in memory only (--db memory://), got ${url}`);
    return createTestDatabase('pglite');
  }
  const name = `cascade_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const handle = await createDb(target.toString(), { poolSize: 4 });
  await migrate(handle);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

/** What `execute` returns differs by driver: node-postgres and PGlite both give `rows`. */
export function rowsOf<T = Record<string, unknown>>(result: unknown): T[] {
  return ((result as { rows?: unknown[] }).rows ?? (result as unknown[])) as T[];
}
