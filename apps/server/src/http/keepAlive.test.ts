import { Agent, request, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@cascade/db';
import { createTestDatabase } from '@cascade/db/testing';
import { createEngine } from '@cascade/engine';
import { KEEP_ALIVE_TIMEOUT_MS } from './createServer.js';
import { startTestServer, stopTestServer } from './testServer.testkit.js';

/** One GET on the agent's pooled connection; says whether the connection was one used before. */
function get(url: string, agent: Agent): Promise<{ status: number; reused: boolean }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, reused: req.reusedSocket }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('kept-alive connections', () => {
  let handle: DbHandle;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    handle = await createTestDatabase('pglite');
    ({ server, url } = await startTestServer({ engine: createEngine({ db: handle.db }), dbKind: handle.kind }));
  }, 60_000);
  afterAll(async () => {
    await stopTestServer(server);
    await handle?.close();
  });

  it('stay open while idle for longer than Node’s default 5 s, so the client is the side that closes them', async () => {
    expect(KEEP_ALIVE_TIMEOUT_MS).toBeGreaterThan(60_000);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    let closed = 0;
    server.on('connection', (socket) => socket.on('close', () => closed++));
    try {
      expect(await get(`${url}/health`, agent)).toEqual({ status: 200, reused: false });
      await new Promise((resolve) => setTimeout(resolve, 6_000));
      expect(closed).toBe(0);
      expect(await get(`${url}/health`, agent)).toEqual({ status: 200, reused: true });
    } finally {
      agent.destroy();
    }
  }, 20_000);
});
