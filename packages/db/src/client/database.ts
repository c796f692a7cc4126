import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type * as schema from '../schema/index.js';

export type Schema = typeof schema;
/** One type for the PGlite and the node-postgres database, so every query runs on both. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** A query function accepts either, so it can run alone or inside a caller's transaction. */
export type Executor = Database | Transaction;

export type DbHandle = {
  db: Database;
  kind: 'pglite' | 'postgres';
  /** Where the data lives, for messages: a directory, 'memory', or the URL without its password. */
  location: string;
  close(): Promise<void>;
};
