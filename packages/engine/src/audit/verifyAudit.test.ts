import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queries, type DbHandle } from '@cascade/db';
import { testBackends } from '@cascade/db/testing';
import { receiptOf, type Scenario } from '../testing/index.js';
import { withScenario } from '../testing/withScenario.js';

describe.each(testBackends())('verifying one instance on %s', (backend) => {
  let handle: DbHandle;
  let s: Scenario;
  withScenario(backend, (ready) => ({ handle, s } = ready));

  it('checks only the instance asked for: its rows counted, a broken neighbour not reported', async () => {
    const directiveId = await s.issue();
    const receiptId = await receiptOf(s, directiveId, '431224001');
    const neighbour = await receiptOf(s, directiveId, '431224002');
    await s.engine.acknowledge(s.user('admin-431224001'), receiptId);
    await s.engine.forward(s.user('admin-431224001'), receiptId);

    expect(await s.engine.verifyAudit({ instanceId: receiptId })).toEqual({ ok: true, instances: 1, rows: 3, failures: [] });

    // The neighbour's state column no longer matches its snapshot: its own check fails, and the
    // directive's names it, while the forwarded receipt alone still verifies.
    await handle.db.execute(sql`update instances set state = 'forwarded' where id = ${neighbour}`);
    const broken = await s.engine.verifyAudit({ instanceId: neighbour });
    expect(broken).toMatchObject({ ok: false, instances: 1, rows: 1 });
    const [row] = await queries.listHistory(handle.db, neighbour);
    expect(broken.failures).toEqual([{ historyId: row?.id, instanceId: neighbour, seq: 1, reason: expect.stringMatching(/state/) }]);
    expect((await s.engine.verifyAudit({ directiveId })).failures.map((f) => f.instanceId)).toEqual([neighbour]);
    expect((await s.engine.verifyAudit({ instanceId: receiptId })).ok).toBe(true);
  });

  it('an unknown instance is no instance at all, not a pass over the whole database', async () => {
    await s.issue();
    expect(await s.engine.verifyAudit({ instanceId: '00000000-0000-4000-8000-000000000000' })).toEqual({ ok: true, instances: 0, rows: 0, failures: [] });
  });
});
