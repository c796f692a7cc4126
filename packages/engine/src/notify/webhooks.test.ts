import { createServer, type Server } from 'node:http';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookAttempts, webhookDeliveries, type DbHandle } from '@cascade/db';
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
    const [delivery] = await handle.db.select().from(webhookDeliveries).limit(1);
    const id = delivery!.id;
    expect(await s.engine.deliverDueWebhooks()).toBeGreaterThanOrEqual(0);
    const attemptsOf = () => handle.db.select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, id)).orderBy(webhookAttempts.attempt);
    expect((await attemptsOf()).map((a) => a.httpStatus)).toEqual([503]);
    // Not again before the backoff has passed.
    await s.engine.deliverDueWebhooks();
    expect(await attemptsOf()).toHaveLength(1);
    s.clock.advance(backoffMs(1));
    await s.engine.deliverDueWebhooks();
    s.clock.advance(backoffMs(2));
    await s.engine.deliverDueWebhooks();
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
});
