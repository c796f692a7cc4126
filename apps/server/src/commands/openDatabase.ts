import { createDb, DEFAULT_PGLITE_DIR, migrate, type CreateDbOptions, type DbHandle } from '@cascade/db';

/** The database named by --db, else DATABASE_URL, else the embedded PGlite directory; migrated. */
export async function openDatabase(url: string | undefined, options: Pick<CreateDbOptions, 'pgliteSharedBuffers'> = {}): Promise<DbHandle> {
  const handle = await createDb(url ?? process.env.DATABASE_URL ?? DEFAULT_PGLITE_DIR, options);
  await migrate(handle);
  return handle;
}
