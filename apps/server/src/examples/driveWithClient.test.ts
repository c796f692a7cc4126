import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queries, type DbHandle } from '@cascade/db';
import { createTestDatabase, testBackends } from '@cascade/db/testing';
import { createEngine } from '@cascade/engine';
import { seedDemo } from '../demo/seedDemo.js';
import { startTestServer, stopTestServer } from '../http/testServer.testkit.js';
import { driveWithClient } from './driveWithClient.js';

/** The README's client example, run against a real server with the demo. */
describe.each(testBackends())('the tRPC client example on %s', (backend) => {
  let handle: DbHandle;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    handle = await createTestDatabase(backend);
    const engine = createEngine({ db: handle.db });
    await seedDemo(engine);
    ({ server, url } = await startTestServer({ engine, dbKind: handle.kind }));
  }, 600_000);
  afterAll(async () => {
    await stopTestServer(server);
    await handle?.close();
  });

  it('issues, passes down, reports and reads a roll-up that counts the one report', { timeout: 300_000 }, async () => {
    const result = await driveWithClient(url);
    // Every grid under 锦官驿街道 owes the day's report; one has sent it.
    const jinguanyi = await queries.getOrgUnitByCode(handle.db, '510104017');
    const grids = (await queries.listReceipts(handle.db, result.directiveId, { withinPath: jinguanyi!.path })).filter((r) => r.unit.level === 'grid');
    expect(grids.length).toBeGreaterThan(10);
    expect(result).toMatchObject({ expected: grids.length, received: 1, missing: grids.length - 1, householdsScreened: 42 });
    expect(result.periodKey).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
