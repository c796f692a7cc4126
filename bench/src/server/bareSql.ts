import pg from 'pg';
import type { DbHandle } from '@cascade/db';

/** The part of PGlite's client the baselines use (the driver's own API, under drizzle). */
type PgliteClient = { transaction<T>(fn: (tx: { query(text: string, params: unknown[]): Promise<{ affectedRows?: number }> }) => Promise<T>): Promise<T> };

export type Query = (text: string, params: unknown[]) => Promise<{ rowCount: number }>;

/** One database connection driven directly through its driver: no ORM, no engine. */
export type BareConnection = { transaction(fn: (query: Query) => Promise<void>): Promise<void>; close(): Promise<void> };

/**
 * `n` connections to the server's database for the baselines. PostgreSQL: `n` clients of their own.
 * PGlite has exactly one connection, the server's: every "connection" here is that one, so the
 * baseline's transactions queue on it just as the server's do.
 */
export async function bareConnections(handle: DbHandle, url: string, n: number): Promise<BareConnection[]> {
  if (handle.kind === 'pglite') {
    const client = (handle.db as unknown as { $client: PgliteClient }).$client;
    const connection: BareConnection = {
      transaction: async (fn) => {
        await client.transaction(async (tx) => {
          await fn(async (text, params) => {
            const result = await tx.query(text, params);
            return { rowCount: result.affectedRows ?? 0 };
          });
        });
      },
      close: async () => {},
    };
    return Array.from({ length: n }, () => connection);
  }
  return Promise.all(
    Array.from({ length: n }, async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      return {
        transaction: async (fn: (query: Query) => Promise<void>) => {
          await client.query('begin');
          try {
            await fn(async (text, params) => {
              const result = await client.query(text, params);
              return { rowCount: result.rowCount ?? 0 };
            });
            await client.query('commit');
          } catch (error) {
            await client.query('rollback');
            throw error;
          }
        },
        close: () => client.end(),
      };
    }),
  );
}

/** Runs `count` jobs on `workers` concurrent workers, each job taking the next index. */
export async function runWorkers(count: number, workers: number, job: (index: number, worker: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(workers, count) }, async (_, worker) => {
      while (next < count) {
        const i = next++;
        await job(i, worker);
      }
    }),
  );
}
