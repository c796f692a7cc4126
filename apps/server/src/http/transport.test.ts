import { Agent, request, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@cascade/db';
import { createTestDatabase } from '@cascade/db/testing';
import { createEngine } from '@cascade/engine';
import { KEEP_ALIVE_TIMEOUT_MS, MAX_REQUEST_BODY_BYTES } from './createServer.js';
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

/** A login whose user name is `size` characters long, as the raw body tRPC receives. */
const loginBody = (size: number) => JSON.stringify({ username: 'x'.repeat(size), password: 'whatever-it-is' });

describe('the HTTP server', () => {
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

  describe('kept-alive connections', () => {
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

  describe('request bodies', () => {
    const post = (body: string) => fetch(`${url}/trpc/auth.login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

    it('are read up to the bound: a body just under it reaches validation, which names the field', async () => {
      const response = await post(loginBody(MAX_REQUEST_BODY_BYTES - 100));
      expect(response.status).toBe(400);
      expect(JSON.stringify(await response.json())).toContain('username');
    });

    it('are refused 413 past the bound, before anything reads them', async () => {
      const response = await post(loginBody(MAX_REQUEST_BODY_BYTES + 1));
      expect(response.status).toBe(413);
      expect(await response.json()).toMatchObject({ error: { data: { code: 'PAYLOAD_TOO_LARGE', httpStatus: 413 } } });
    });
  });
});
