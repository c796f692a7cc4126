import { createServer, type Server } from 'node:http';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications, queries, webhookAttempts, webhookDeliveries, type DbHandle } from '@cascade/db';
import { DomainError } from '../errors.js';
import { refusal } from '../testing/refusal.js';
import { testBackends } from '@cascade/db/testing';
import type { Scenario } from '../testing/buildScenario.js';
import { withScenario } from '../testing/withScenario.js';
import { backoffMs, signWebhook } from './deliverWebhooks.js';

type Received = { headers: Record<string, string | string[] | undefined>; body: string };

describe.each(testBackends())('outgoing webhooks (%s)', (backend) => {
  let handle: DbHandle;
  let s: Scenario;
  let receiver: Server;
  let url: string;
  const received: Received[] = [];
  const triesByDelivery = new Map<string, number>();
  withScenario(backend, (ready) => ({ handle, s } = ready), { start: new Date('2026-03-22T01:00:00Z') });

  beforeAll(async () => {
    // A gateway that fails each delivery twice, then accepts it.
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        const delivery = String(req.headers['x-cascade-delivery']);
        const tries = (triesByDelivery.get(delivery) ?? 0) + 1;
        triesByDelivery.set(delivery, tries);
        if (tries <= 2) res.writeHead(503).end('busy');
        else res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const address = receiver.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hook`;
  });
  afterAll(async () => {
    await new Promise((resolve) => receiver?.close(resolve));
  });

  it('delivers a notification on the third try, signed, with every attempt recorded', async () => {
    await s.engine.registerWebhook({ orgUnitId: s.unit('431224').id, url, secret: 'gateway-secret' });
    await s.issue({ title: '签收超时将通知网关', body: '四小时内签收', deadline: new Date('2026-03-25T00:00:00Z') });
    s.clock.advance(5 * 3_600_000);
    await s.engine.fireDueTimers();
    // Two townships late to acknowledge: each one's admin is reminded and the county told, four
    // notifications in the county's subtree, each queued once for its webhook.
    const deliveries = await handle.db.select().from(webhookDeliveries);
    expect(deliveries).toHaveLength(4);
    const id = deliveries[0]!.id;
    // The gateway refuses every first try: nothing is delivered in the first round, each is tried once.
    expect(await s.engine.deliverDueWebhooks()).toBe(0);
    expect(await handle.db.select({ n: count() }).from(webhookAttempts)).toEqual([{ n: 4 }]);
    const attemptsOf = () => handle.db.select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, id)).orderBy(webhookAttempts.attempt);
    expect((await attemptsOf()).map((a) => a.httpStatus)).toEqual([503]);
    // Not again before the backoff has passed.
    await s.engine.deliverDueWebhooks();
    expect(await attemptsOf()).toHaveLength(1);
    s.clock.advance(backoffMs(1));
    await s.engine.deliverDueWebhooks();
    s.clock.advance(backoffMs(2));
    // The third round gets all four through.
    expect(await s.engine.deliverDueWebhooks()).toBe(4);
    const attempts = await attemptsOf();
    expect(attempts.map((a) => [a.attempt, a.httpStatus, a.error])).toEqual([
      [1, 503, 'HTTP 503'],
      [2, 503, 'HTTP 503'],
      [3, 204, null],
    ]);
    const [done] = await handle.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id));
    expect(done).toMatchObject({ status: 'delivered', attempts: 3 });
    const mine = received.filter((r) => r.headers['x-cascade-delivery'] === id);
    expect(mine).toHaveLength(3);
    const last = mine[2]!;
    expect(last.headers['x-cascade-signature']).toBe(signWebhook('gateway-secret', String(last.headers['x-cascade-timestamp']), last.body));
    expect(JSON.parse(last.body)).toMatchObject({ kind: expect.stringMatching(/^acknowledge(Overdue|Escalated)$/) });
  });

  it('a deactivated webhook gets nothing more: what was waiting is cancelled, new notifications are not queued', async () => {
    const { webhookId } = await s.engine.registerWebhook({ orgUnitId: s.unit('431224001').id, url, secret: 'township-gateway-secret' });
    await s.issue({ title: '停用推送', body: '四小时内签收', deadline: new Date('2026-03-28T00:00:00Z') });
    s.clock.advance(5 * 3_600_000);
    await s.engine.fireDueTimers();
    const own = () => handle.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, webhookId));
    // 卢峰镇 was late: its admin reminded and the county told, both about the township's receipt,
    // so both are queued for the township's webhook.
    expect((await own()).map((d) => d.status)).toEqual(['pending', 'pending']);
    expect(await s.engine.deactivateWebhook(webhookId)).toEqual({ webhookId, cancelled: 2 });
    expect((await own()).map((d) => [d.status, d.attempts])).toEqual([
      ['cancelled', 0],
      ['cancelled', 0],
    ]);
    const cancelledIds = (await own()).map((d) => d.id);
    await s.engine.deliverDueWebhooks();
    expect(received.filter((r) => cancelledIds.includes(String(r.headers['x-cascade-delivery'])))).toEqual([]);
    // A new notification in the township reaches inboxes but is not queued for the stopped webhook.
    const before = await handle.db.select({ n: count() }).from(notifications);
    await s.issue({ title: '停用之后', body: '四小时内签收', deadline: new Date('2026-03-28T00:00:00Z') });
    s.clock.advance(5 * 3_600_000);
    await s.engine.fireDueTimers();
    expect((await handle.db.select({ n: count() }).from(notifications))[0]!.n).toBeGreaterThan(before[0]!.n);
    expect(await own()).toHaveLength(2);
    const listed = await queries.listWebhooks(handle.db, s.unit('431224').path);
    expect(listed.map((w) => [w.unit.code, w.active])).toEqual([
      ['431224001', false],
      ['431224', true],
    ]);
    expect(listed[0]!.deliveries.map((d) => [d.status, d.notification.kind, d.tries]).sort()).toEqual([
      ['cancelled', 'acknowledgeEscalated', []],
      ['cancelled', 'acknowledgeOverdue', []],
    ]);
    // The county's list carries the first test's deliveries with their three tries each.
    expect(listed[1]!.deliveries.filter((d) => d.status === 'delivered').map((d) => d.tries.map((t) => t.httpStatus))).toEqual(Array(4).fill([503, 503, 204]));
    expect(JSON.stringify(listed)).not.toContain('secret');
    const again = await refusal(s.engine.deactivateWebhook(webhookId));
    expect(again).toBeInstanceOf(DomainError);
    expect((again as DomainError).issues.map((i) => [i.path, i.rule])).toEqual([['webhookId', 'active']]);
  });
});
