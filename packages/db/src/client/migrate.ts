import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { DbHandle } from './database.js';

/** The committed drizzle-kit migrations: beside the source in this package, or copied next to a
 * bundled server (`dist/drizzle`), whichever exists. */
export function migrationsDir(): string {
  const candidates = [new URL('../../drizzle', import.meta.url), new URL('./drizzle', import.meta.url)];
  const found = candidates.map((u) => fileURLToPath(u)).find((dir) => existsSync(`${dir}/meta/_journal.json`));
  if (!found) throw new Error('cannot find the drizzle migrations folder');
  return found;
}

export async function migrate(handle: DbHandle, migrationsFolder: string = migrationsDir()): Promise<void> {
  if (handle.kind === 'pglite') await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder });
  else await migratePg(handle.db as unknown as NodePgDatabase, { migrationsFolder });
}
