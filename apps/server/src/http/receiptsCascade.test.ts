import type { Server } from 'node:http';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { history, type DbHandle } from '@cascade/db';
import { createTestDatabase, testBackends } from '@cascade/db/testing';
import { buildScenario, type Scenario } from '@cascade/engine/testing';
import { failure, signIn, type ApiClient } from './apiClient.testkit.js';
import { startTestServer, stopTestServer } from './testServer.testkit.js';

const HOUR = 3_600_000;

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (error: unknown) => void } {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
const DAY = 24 * HOUR;

/** What a township and a village admin see of a directive on its way down: the inbox with what the
 * level above required and the actions allowed now, one receipt's detail, late units, the list's totals,
 * and the live feed for a unit that only received the directive. */
describe.each(testBackends())('received directives over HTTP on %s', (backend) => {
  let handle: DbHandle;
  let scenario: Scenario;
  let server: Server;
  let url: string;
  let directiveId: string;
  const as: Record<string, ApiClient> = {};
  const login = async (username: string) => (as[username] ??= await signIn(url, username, scenario.password));
  const LUFENG = '431224001';
  const QIAOJIANG = '431224002';

  beforeAll(async () => {
    handle = await createTestDatabase(backend);
    scenario = await buildScenario(handle.db);
    ({ server, url } = await startTestServer({ engine: scenario.engine, dbKind: handle.kind }));
    directiveId = await scenario.issue({ title: '关于开展敲门行动的通知', requirements: ['全覆盖排查到位', '一天一报告'], deadline: new Date(scenario.clock.now().getTime() + 7 * DAY) });
  });
  afterAll(async () => {
    await stopTestServer(server);
    await handle?.close();
  });

  it('lists the directive with its template and how far the cascade got', async () => {
    const [listed] = (await (await login('county-admin')).directives.list.query()).filter((d) => d.id === directiveId);
    expect(listed).toMatchObject({ title: '关于开展敲门行动的通知', state: 'issued', issuingUnitName: '溆浦县', template: { key: 'five-level-screening', version: 1 }, receipts: { total: 2, waiting: 2, forwarded: 0, late: 0 } });
    expect(listed!.template.name.zh).toBe('五级联防联控:敲门排查与每日报告');
  });

  it('a township sees its receipt with what the county required, and may only acknowledge it first', async () => {
    const township = await login(`admin-${LUFENG}`);
    const inbox = (await township.receipts.inbox.query()).filter((r) => r.directiveId === directiveId);
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({
      state: 'received',
      unit: { code: LUFENG },
      issuingUnit: { name: '溆浦县' },
      fromAbove: { unitName: '溆浦县', requirements: ['全覆盖排查到位', '一天一报告'], addedRequirements: [], addedForms: [] },
      own: { addedRequirements: [], addedForms: [], amendments: 0 },
      actions: ['ACKNOWLEDGE'],
      lateToAcknowledge: false,
      escalations: 0,
    });
    expect(Date.parse(inbox[0]!.deadline)).toBe(scenario.clock.now().getTime() + 7 * DAY);
    // The other township's receipt is not theirs to read.
    const other = (await (await login('county-admin')).directives.receipts.query({ directiveId })).find((r) => r.unit.code === QIAOJIANG)!;
    expect(await failure(township.receipts.get.query({ receiptId: other.id }))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
  });

  it('after acknowledging it may amend and forward; its own additions are kept apart from the county’s; a later deadline changes nothing', async () => {
    const township = await login(`admin-${LUFENG}`);
    const [mine] = (await township.receipts.inbox.query()).filter((r) => r.directiveId === directiveId);
    await township.receipts.acknowledge.mutate({ receiptId: mine!.id });
    expect((await township.receipts.get.query({ receiptId: mine!.id })).actions.sort()).toEqual(['AMEND', 'FORWARD']);
    const tighter = new Date(scenario.clock.now().getTime() + 3 * DAY).toISOString();
    await township.receipts.amend.mutate({ receiptId: mine!.id, requirements: ['卢峰镇:卡口测温验码'], deadline: tighter });
    const [before] = await handle.db.select({ n: count() }).from(history);
    const loosened = await failure(township.receipts.amend.mutate({ receiptId: mine!.id, requirements: ['放宽'], deadline: new Date(scenario.clock.now().getTime() + 5 * DAY).toISOString() }));
    expect(loosened).toMatchObject({ status: 400, issues: [expect.objectContaining({ path: 'deadline', rule: 'tightenOnly' })] });
    const [after] = await handle.db.select({ n: count() }).from(history);
    expect(after?.n).toBe(before?.n);
    const amended = await township.receipts.get.query({ receiptId: mine!.id });
    expect(amended).toMatchObject({ state: 'amended', own: { addedRequirements: ['卢峰镇:卡口测温验码'], amendments: 1 }, fromAbove: { addedRequirements: [] } });
    expect(amended.deadline).toBe(tighter);
    await township.receipts.forward.mutate({ receiptId: mine!.id });
    expect((await township.receipts.get.query({ receiptId: mine!.id })).actions).toEqual([]);
  });

  it('a village sees the township’s additions as required from above, and the tightened deadline as its own', async () => {
    const village = await login(`admin-${LUFENG}001`);
    const [mine] = (await village.receipts.inbox.query()).filter((r) => r.directiveId === directiveId);
    expect(mine).toMatchObject({
      unit: { code: `${LUFENG}001`, level: 'village' },
      fromAbove: { unitName: '卢峰镇', requirements: ['全覆盖排查到位', '一天一报告'], addedRequirements: ['卢峰镇:卡口测温验码'] },
      own: { addedRequirements: [], amendments: 0 },
      actions: ['ACKNOWLEDGE'],
    });
    expect(Date.parse(mine!.deadline)).toBe(scenario.clock.now().getTime() + 3 * DAY);
    // Villages of this template may not amend: once acknowledged, forwarding is all that is offered.
    await village.receipts.acknowledge.mutate({ receiptId: mine!.id });
    expect((await village.receipts.get.query({ receiptId: mine!.id })).actions).toEqual(['FORWARD']);
  });

  it('a unit that only received the directive follows it live', async () => {
    const village = await login(`admin-${LUFENG}002`);
    const [mine] = (await village.receipts.inbox.query()).filter((r) => r.directiveId === directiveId);
    const received: Array<Array<{ instanceId: string; state: string }>> = [];
    const started = deferred();
    const got = deferred();
    const subscription = village.directives.onChange.subscribe(
      { directiveId },
      {
        onStarted: () => started.resolve(),
        onData: (envelope) => {
          received.push(envelope.data);
          got.resolve();
        },
        onError: (error) => got.reject(error),
      },
    );
    try {
      await started.promise;
      await village.receipts.acknowledge.mutate({ receiptId: mine!.id });
      await got.promise;
      expect(received.flat()).toContainEqual(expect.objectContaining({ instanceId: mine!.id, state: 'acknowledged' }));
    } finally {
      subscription.unsubscribe();
    }
  });

  it('a township that lets the acknowledgement time pass shows as late to the county, in the list and in the inbox', async () => {
    scenario.clock.advance(5 * HOUR);
    await scenario.engine.fireDueTimers();
    const county = await login('county-admin');
    const late = (await county.receipts.late.query()).filter((r) => r.directiveId === directiveId);
    expect(late.map((r) => r.unit.code)).toContain(QIAOJIANG);
    expect(late.find((r) => r.unit.code === QIAOJIANG)).toMatchObject({ state: 'received', lateToAcknowledge: true, title: '关于开展敲门行动的通知' });
    // 卢峰镇 acknowledged in time and forwarded; it is not late.
    expect(late.map((r) => r.unit.code)).not.toContain(LUFENG);
    const [listed] = (await county.directives.list.query()).filter((d) => d.id === directiveId);
    expect(listed!.receipts.late).toBe(late.length);
    const [waiting] = (await (await login(`admin-${QIAOJIANG}`)).receipts.inbox.query()).filter((r) => r.directiveId === directiveId);
    expect(waiting).toMatchObject({ lateToAcknowledge: true, actions: ['ACKNOWLEDGE'] });
    // A unit's own lateness is its inbox's business, not a lateness "below" it.
    expect((await (await login(`admin-${QIAOJIANG}`)).receipts.late.query()).map((r) => r.unit.code)).not.toContain(QIAOJIANG);
  });
});
