import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@cascade/db';
import { createTestDatabase, testBackends } from '@cascade/db/testing';
import { buildScenario, forwardToGrids, type Scenario } from '@cascade/engine/testing';
import { failure, signIn, type ApiClient } from './apiClient.testkit.js';
import { startTestServer, stopTestServer } from './testServer.testkit.js';

const HOUR = 3_600_000;

/** After the escalation delay the level above is told and the receipts list shows it; a locality
 * lists its webhooks with their deliveries and attempts, and deactivates them. */
describe.each(testBackends())('escalations and webhooks over HTTP on %s', (backend) => {
  let handle: DbHandle;
  let s: Scenario;
  let server: Server;
  let url: string;
  let directiveId: string;
  // Signed in afresh each time: the fake clock walks past a session's lifetime.
  const login = (username: string): Promise<ApiClient> => signIn(url, username, s.password);

  beforeAll(async () => {
    handle = await createTestDatabase(backend);
    s = await buildScenario(handle.db);
    ({ server, url } = await startTestServer({ engine: s.engine, dbKind: handle.kind }));
    directiveId = await s.issue({ title: '每日报告', body: '一天一报告', deadline: new Date('2026-03-29T00:00:00Z') });
    // 卢峰镇 and its two villages pass the directive down to four grids; nobody reports on day one.
    await forwardToGrids(s, directiveId);
  });
  afterAll(async () => {
    await stopTestServer(server);
    await handle?.close();
  });

  it('shows no escalation before the delay has passed', async () => {
    // 21:00 local: the reports are overdue, the four-hour escalation delay has not passed.
    s.clock.advance(12 * HOUR);
    await s.engine.fireDueTimers();
    const village = await login('admin-431224001001');
    const grids = (await village.directives.receipts.query({ directiveId })).filter((r) => r.unit.level === 'grid');
    expect(grids.map((r) => [r.unit.code, r.escalations])).toEqual([
      ['431224001001001', 0],
      ['431224001001002', 0],
    ]);
    expect((await village.notifications.list.query()).map((n) => n.kind)).not.toContain('reportEscalated');
  });

  it('after the escalation delay the village admin is told, and each grid receipt counts the escalation', async () => {
    // 01:00 local the next day: past 20:00 + 4 hours.
    s.clock.advance(4 * HOUR);
    await s.engine.fireDueTimers();
    const village = await login('admin-431224001001');
    const grids = (await village.directives.receipts.query({ directiveId })).filter((r) => r.unit.level === 'grid');
    expect(grids.map((r) => [r.unit.code, r.escalations])).toEqual([
      ['431224001001001', 1],
      ['431224001001002', 1],
    ]);
    const told = (await village.notifications.list.query()).filter((n) => n.kind === 'reportEscalated');
    expect(told).toHaveLength(2);
    // The county sees the same counts across its whole cascade; units without tasks count none.
    const all = await (await login('county-admin')).directives.receipts.query({ directiveId });
    expect(all.filter((r) => r.escalations > 0).map((r) => r.unit.code)).toEqual(['431224001001001', '431224001001002', '431224001002001', '431224001002002']);
    expect(all.find((r) => r.unit.code === '431224002')?.escalations).toBe(0);
  });

  it('lists a locality’s webhooks with recent deliveries and their attempts, to admins over it only', async () => {
    let county = await login('county-admin');
    let township = await login('admin-431224001');
    const { webhookId: countyHook } = await county.webhooks.register.mutate({ orgUnitId: s.unit('431224').id, url: 'http://127.0.0.1:9/county', secret: 'county-gateway-secret-1' });
    const { webhookId: townshipHook } = await township.webhooks.register.mutate({ orgUnitId: s.unit('431224001').id, url: 'http://127.0.0.1:9/lufeng', secret: 'lufeng-gateway-secret-1' });
    // The next day's escalations queue notifications for both; a gateway that answers 502 records an attempt each.
    s.clock.advance(24 * HOUR);
    await s.engine.fireDueTimers();
    await s.engine.deliverDueWebhooks({ fetch: async () => new Response('bad gateway', { status: 502 }) });
    county = await login('county-admin');
    township = await login('admin-431224001');

    const own = await township.webhooks.list.query({ orgUnitId: s.unit('431224001').id });
    expect(own.map((w) => [w.id, w.url, w.active, w.unit.code])).toEqual([[townshipHook, 'http://127.0.0.1:9/lufeng', true, '431224001']]);
    expect(own[0]!.deliveries.length).toBeGreaterThan(0);
    for (const delivery of own[0]!.deliveries) {
      expect(delivery).toMatchObject({ status: 'pending', attempts: 1 });
      expect(delivery.tries).toEqual([expect.objectContaining({ attempt: 1, httpStatus: 502, error: 'HTTP 502' })]);
    }
    expect(JSON.stringify(own)).not.toContain('lufeng-gateway-secret-1');
    const fromAbove = await county.webhooks.list.query({ orgUnitId: s.unit('431224').id, recent: 1 });
    expect(fromAbove.map((w) => w.id).sort()).toEqual([countyHook, townshipHook].sort());
    expect(fromAbove.every((w) => w.deliveries.length === 1)).toBe(true);

    expect(await failure(township.webhooks.list.query({ orgUnitId: s.unit('431224').id }))).toMatchObject({ status: 403 });
    expect(await failure((await login('county-auditor')).webhooks.list.query({ orgUnitId: s.unit('431224').id }))).toMatchObject({ status: 403 });
    expect(await failure((await login('grid-431224001001001')).webhooks.list.query({ orgUnitId: s.unit('431224001001001').id }))).toMatchObject({ status: 403 });
    expect(await failure(county.webhooks.list.query({ orgUnitId: s.unit('431224').id, recent: 0 }))).toMatchObject({ status: 400, issues: [{ path: 'recent', rule: 'too_small' }] });
  });

  it('deactivates a webhook for admins over its unit: pending deliveries are cancelled, and only once', async () => {
    const county = await login('county-admin');
    const township = await login('admin-431224001');
    const [countyHook] = (await county.webhooks.list.query({ orgUnitId: s.unit('431224').id })).filter((w) => w.unit.code === '431224');
    const [townshipHook] = await township.webhooks.list.query({ orgUnitId: s.unit('431224001').id });
    // A township may not stop the county's gateway, nor may an auditor stop anything.
    expect(await failure(township.webhooks.deactivate.mutate({ webhookId: countyHook!.id }))).toMatchObject({ status: 403 });
    expect(await failure((await login('county-auditor')).webhooks.deactivate.mutate({ webhookId: townshipHook!.id }))).toMatchObject({ status: 403 });
    expect((await county.webhooks.list.query({ orgUnitId: s.unit('431224').id })).every((w) => w.active)).toBe(true);

    const pending = townshipHook!.deliveries.filter((d) => d.status === 'pending').length;
    expect(await township.webhooks.deactivate.mutate({ webhookId: townshipHook!.id })).toEqual({ webhookId: townshipHook!.id, cancelled: pending });
    const [stopped] = await township.webhooks.list.query({ orgUnitId: s.unit('431224001').id });
    expect(stopped!.active).toBe(false);
    expect(new Set(stopped!.deliveries.map((d) => d.status))).toEqual(new Set(['cancelled']));
    expect(await failure(township.webhooks.deactivate.mutate({ webhookId: townshipHook!.id }))).toMatchObject({ status: 400, issues: [{ path: 'webhookId', rule: 'active' }] });
    expect(await failure(county.webhooks.deactivate.mutate({ webhookId: '00000000-0000-4000-8000-000000000000' }))).toMatchObject({ status: 404 });
  });
});
