export * from './schema/index.js';
export type { Database, DbHandle, Executor, Schema, Transaction } from './client/database.js';
export { createDb, DEFAULT_PGLITE_DIR, type CreateDbOptions } from './client/createDb.js';
export { DEFAULT_PGLITE_SHARED_BUFFERS, SHARED_BUFFERS_RULE, sharedBuffersKb } from './client/pgliteStartParams.js';
export { migrate, migrationsDir } from './client/migrate.js';
export { nextTurn } from './client/nextTurn.js';
export { placeholders, preparedStatement, setPlaceholder } from './client/preparedStatement.js';
export { acquireDataDirLock, DataDirLockedError } from './client/lockFile.js';
export * as queries from './queries/index.js';
