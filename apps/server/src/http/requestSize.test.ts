import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@cascade/db';
import { createTestDatabase } from '@cascade/db/testing';
import { createEngine } from '@cascade/engine';
import { MAX_REQUEST_BODY_BYTES } from './createServer.js';
import { startTestServer, stopTestServer } from './testServer.testkit.js';

/** A login whose user name is `size` characters long, as the raw body tRPC receives. */
const signInBody = (size: number) => JSON.stringify({ username: 'x'.repeat(size), password: 'whatever-it-is' });

describe('request bodies', () => {
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

  const post = (body: string) => fetch(`${url}/trpc/auth.login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

  it('are read up to the bound: a body just under it reaches validation, which names the field', async () => {
    const response = await post(signInBody(MAX_REQUEST_BODY_BYTES - 100));
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain('username');
  });

  it('are refused 413 past the bound, before anything reads them', async () => {
    const response = await post(signInBody(MAX_REQUEST_BODY_BYTES + 1));
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { data: { code: 'PAYLOAD_TOO_LARGE', httpStatus: 413 } } });
  });
});
