import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/**
 * Where the server process keeps its data, thrown away afterwards: a scratch database on the
 * PostgreSQL server `url` names, or a temporary PGlite data directory (the product's own default
 * store; the server process opens it, as `cascade start` does).
 */
export async function scratchLocation(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  if (dbKind(url) === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'cascade-bench-server-'));
    // The server process makes the directory itself, as `cascade start` does on a first run (createDb
    // initialises a new one in a child process, so the server never carries initdb's memory).
    return { url: join(dir, 'pglite'), drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `cascade_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    url: target.toString(),
    drop: async () => {
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

export { rowsOf } from './rows.js';
