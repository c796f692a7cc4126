import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildServer } from './buildServer.js';
import type { Method, Ready, Reply, Requests } from './protocol.js';

export type ServerProcess = {
  url: string;
  pid: number;
  db: string;
  sharedBuffers: string;
  call<M extends Method>(method: M, params: Requests[M]['params']): Promise<Requests[M]['result']>;
  stop(): Promise<void>;
};

const BENCH_DIR = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Starts the server under test as a child process, compiled as the product ships (buildServer), and
 * waits until it listens. `nodeArgs` go to that Node, e.g. `--cpu-prof` to profile the server alone.
 */
export async function spawnServer(options: { db: string; at: Date; nodeArgs?: string[]; pgliteSharedBuffers?: string }): Promise<ServerProcess> {
  const entry = await buildServer();
  const child: ChildProcess = spawn(process.execPath, [...(options.nodeArgs ?? []), '--expose-gc', entry], {
    cwd: BENCH_DIR,
    env: {
      ...process.env,
      BENCH_DB: options.db,
      BENCH_AT: options.at.toISOString(),
      ...(options.pgliteSharedBuffers ? { BENCH_PGLITE_SHARED_BUFFERS: options.pgliteSharedBuffers } : {}),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let exited: Error | undefined;
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', (code, signal) => {
    exited = new Error(`bench server exited (code ${code}, signal ${signal})`);
    for (const p of pending.values()) p.reject(exited);
    pending.clear();
  });
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('exit', () => reject(exited));
    child.on('message', (message: Ready | Reply) => {
      if ('ready' in message) {
        resolve(message);
        return;
      }
      const waiter = pending.get(message.id);
      if (!waiter) return;
      pending.delete(message.id);
      if (message.ok) waiter.resolve(message.value);
      else waiter.reject(new Error(`bench server: ${message.error}`));
    });
  });
  return {
    url: ready.url,
    pid: child.pid as number,
    db: ready.db,
    sharedBuffers: ready.sharedBuffers,
    call: (method, params) =>
      new Promise((resolve, reject) => {
        if (exited) {
          reject(exited);
          return;
        }
        const id = nextId++;
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        child.send({ id, method, params });
      }),
    stop: async () => {
      if (!exited) {
        child.disconnect();
        const timeout = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exit;
        clearTimeout(timeout);
      }
    },
  };
}
