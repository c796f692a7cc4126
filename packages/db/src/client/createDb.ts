import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { Logger } from 'drizzle-orm';
import pg from 'pg';
import * as schema from '../schema/index.js';
import type { Database, DbHandle } from './database.js';
import { startAutoAnalyze } from './autoAnalyze.js';
import { initDataDir } from './initDataDir.js';
import { acquireDataDirLock } from './lockFile.js';
import { tagTransactions } from './pgliteNamedStatements.js';
import { pgliteStartParams } from './pgliteStartParams.js';

export const DEFAULT_PGLITE_DIR = './.data/pglite';

export type CreateDbOptions = {
  /** Load a dumped data directory (a tarball from `dumpDataDir`) into an in-memory PGlite: fast test setup. */
  loadDataDir?: Blob;
  poolSize?: number;
  /** Told every statement drizzle runs (tests count statements with it). */
  logger?: Logger;
  /** PGlite only: how often to ANALYZE tables that changed enough (it has no autovacuum); 0 turns it off. */
  autoAnalyzeMs?: number;
  /** PGlite only: the buffer pool, e.g. '32MB' (see pgliteStartParams). */
  pgliteSharedBuffers?: string;
};

const AUTO_ANALYZE_MS = 60_000;

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres';
  }
}

function autoAnalyze(client: PGlite, options: CreateDbOptions) {
  const every = options.autoAnalyzeMs ?? AUTO_ANALYZE_MS;
  return every > 0 ? startAutoAnalyze(client, every) : null;
}

/**
 * The same typed database over either store:
 * - `postgres://…` or `postgresql://…`: PostgreSQL through a node-postgres pool;
 * - `memory://`: an in-memory PGlite;
 * - anything else (or nothing): a PGlite data directory, owned by this process through a lock file
 *   (a new one is initialised by a child process, see initDataDir).
 * PGlite handles analyze their changed tables every minute, as autovacuum does on a server.
 */
export async function createDb(url: string = DEFAULT_PGLITE_DIR, options: CreateDbOptions = {}): Promise<DbHandle> {
  if (/^postgres(ql)?:\/\//.test(url)) {
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
    // An idle connection the server ends (a restart, or 57P01 when a database is dropped WITH FORCE)
    // must not crash the process: the pool drops it and opens another when needed.
    pool.on('error', (error: Error & { code?: string }) => {
      if (error.code !== '57P01') console.error(`postgres: idle connection lost: ${error.message}`);
    });
    // Fail here with the server's own message rather than on the first query.
    const client = await pool.connect();
    client.release();
    const db = drizzlePg(pool, { schema, ...(options.logger ? { logger: options.logger } : {}) }) as unknown as Database;
    return { db, kind: 'postgres', location: redact(url), close: () => pool.end() };
  }
  if (url === 'memory://' || url === '') {
    const startParams = pgliteStartParams(options.pgliteSharedBuffers);
    const client = await PGlite.create(options.loadDataDir ? { loadDataDir: options.loadDataDir, startParams } : { startParams });
    tagTransactions(client);
    const db = drizzlePglite(client, { schema, ...(options.logger ? { logger: options.logger } : {}) }) as unknown as Database;
    const analyze = autoAnalyze(client, options);
    return {
      db,
      kind: 'pglite',
      location: 'memory',
      close: async () => {
        await analyze?.stop();
        await client.close();
      },
    };
  }
  const dataDir = url.replace(/^file:\/\//, '');
  const startParams = pgliteStartParams(options.pgliteSharedBuffers);
  const release = acquireDataDirLock(dataDir);
  try {
    await initDataDir(dataDir);
    const client = await PGlite.create(dataDir, { startParams });
    tagTransactions(client);
    const db = drizzlePglite(client, { schema, ...(options.logger ? { logger: options.logger } : {}) }) as unknown as Database;
    const analyze = autoAnalyze(client, options);
    return {
      db,
      kind: 'pglite',
      location: dataDir,
      close: async () => {
        await analyze?.stop();
        await client.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
