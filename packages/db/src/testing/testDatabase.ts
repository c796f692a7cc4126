import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { createDb, type CreateDbOptions } from '../client/createDb.js';
import type { DbHandle } from '../client/database.js';
import { migrate, migrationsDir } from '../client/migrate.js';

export type TestBackend = 'pglite' | 'postgres';

/** The backends a test suite should run on: PGlite always, PostgreSQL when DATABASE_URL names one. */
export function testBackends(): TestBackend[] {
  // CI must run the PostgreSQL suite for real; a missing URL there is a broken setup, not a skip.
  if (process.env.CI && !process.env.DATABASE_URL) throw new Error('CI is set but DATABASE_URL is not: the PostgreSQL suite must run in CI');
  return process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

function migrationsHash(): string {
  const dir = migrationsDir();
  const hash = createHash('sha256');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) hash.update(readFileSync(join(dir, file)));
  return hash.digest('hex').slice(0, 16);
}

/** A fresh PGlite costs seconds of initdb plus migrations; a dumped migrated one loads in about one.
 * The dump is cached in the temp dir, keyed by the migrations' content. */
async function migratedPgliteDump(): Promise<Blob> {
  const file = join(tmpdir(), `cascade-pglite-${migrationsHash()}.tar.gz`);
  if (existsSync(file)) return new Blob([readFileSync(file)]);
  const handle = await createDb('memory://');
  await migrate(handle);
  const client = (handle.db as unknown as { $client: PGlite }).$client;
  const dump = await client.dumpDataDir('gzip');
  await handle.close();
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
  renameSync(tmp, file);
  return dump;
}

/** A migrated, empty database of its own for one test file; `close()` throws it away. */
export async function createTestDatabase(backend: TestBackend, options: Pick<CreateDbOptions, 'logger'> = {}): Promise<DbHandle> {
  if (backend === 'pglite') return createDb('memory://', { loadDataDir: await migratedPgliteDump(), ...options });
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error('DATABASE_URL is not set: the PostgreSQL suite cannot run');
  const name = `cascade_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await createDb(url.toString(), { poolSize: 12, ...options });
  await migrate(handle);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}
