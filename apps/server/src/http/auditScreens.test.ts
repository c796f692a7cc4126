import type { Server } from 'node:http';
import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { history, instances, orgUnits, queries, type DbHandle } from '@cascade/db';
import { createTestDatabase, testBackends } from '@cascade/db/testing';
import { buildScenario, forwardToGrids, receiptOf, taskOf, validReport, type Scenario } from '@cascade/engine/testing';
import { failure, signIn, type ApiClient } from './apiClient.testkit.js';
import { startTestServer, stopTestServer } from './testServer.testkit.js';

/** What the audit screens read: instances to open, one instance's history with its machine, a whole
 * directive's history page by page, and verification of one instance — each within the reader's reach. */
describe.each(testBackends())('the audit screens over HTTP on %s', (backend) => {
  let handle: DbHandle;
  let s: Scenario;
  let server: Server;
  let url: string;
  let directiveId: string;
  let townshipReceipt: string;
  let report: string;
  const as: Record<string, ApiClient> = {};
  const login = async (username: string) => (as[username] ??= await signIn(url, username, s.password));

  beforeAll(async () => {
    handle = await createTestDatabase(backend);
    s = await buildScenario(handle.db);
    // An auditor of the other township: the directive reaches it, but not 卢峰镇's part of the chain.
    await s.engine.createUserWithRole(null, { username: 'qiaojiang-auditor', displayName: '桥江镇审计员', password: s.password, role: 'auditor', orgUnitId: s.unit('431224002').id });
    directiveId = await s.issue({ title: '敲门行动审计' });
    await forwardToGrids(s, directiveId, { amend: { requirements: ['每日两次排查'], forms: [] } });
    townshipReceipt = await receiptOf(s, directiveId, '431224001');
    const grid = '431224001001001';
    report = await taskOf(s, directiveId, grid, 'report');
    await s.engine.submitReport(s.user(`grid-${grid}`), { taskId: report, data: validReport, idempotencyKey: 'audit-1' });
    // The fake clock stands still unless told: the return and resubmission come a minute later.
    s.clock.advance(60_000);
    await s.engine.returnTask(s.user('admin-431224001001'), report, '人数有误');
    await s.engine.submitReport(s.user(`grid-${grid}`), { taskId: report, data: { ...validReport, personsScreened: 10 }, idempotencyKey: 'audit-2' });
    ({ server, url } = await startTestServer({ engine: s.engine, dbKind: handle.kind }));
  });
  afterAll(async () => {
    await stopTestServer(server);
    await handle?.close();
  });

  it('lists every instance of a directive, page by page, with its unit, events and task period', async () => {
    const auditor = await login('county-auditor');
    const [all] = await handle.db.select({ n: count() }).from(instances).where(eq(instances.directiveId, directiveId));
    const seen = new Map<string, { kind: string; events: number }>();
    for (let page = 1; ; page++) {
      const { items, total } = await auditor.audit.instances.query({ directiveId, page, pageSize: 7 });
      expect(total).toBe(all?.n);
      for (const item of items) seen.set(item.id, item);
      if (items.length < 7) break;
    }
    expect(seen.size).toBe(all?.n);
    const { items } = await auditor.audit.instances.query({ directiveId, kind: 'task', pageSize: 100 });
    expect(new Set(items.map((i) => i.kind))).toEqual(new Set(['task']));
    const task = items.find((i) => i.id === report);
    expect(task).toMatchObject({ machine: 'task:report:daily-report', state: 'submitted', events: 4, directiveTitle: '敲门行动审计', stageId: 'daily-report', unit: { code: '431224001001001' } });
    expect(task?.periodKey).toBe('2026-03-22');
    // The chain top down: the county's directive, then the townships' receipts, then the villages'.
    const firstPage = await auditor.audit.instances.query({ directiveId, pageSize: 5 });
    expect(firstPage.items.map((i) => [i.kind, i.unit.code])).toEqual([
      ['directive', '431224'],
      ['receipt', '431224001'],
      ['receipt', '431224002'],
      ['receipt', '431224001001'],
      ['receipt', '431224001002'],
    ]);
  });

  it("lists a unit's own instances, or its whole subtree's", async () => {
    const auditor = await login('county-auditor');
    const own = await auditor.audit.instances.query({ unitId: s.unit('431224001').id });
    expect(own.items.map((i) => [i.id, i.kind, i.events])).toEqual([[townshipReceipt, 'receipt', 4]]);
    const subtree = await auditor.audit.instances.query({ unitId: s.unit('431224001').id, subtree: true, pageSize: 100 });
    const [below] = await handle.db
      .select({ n: count() })
      .from(instances)
      .innerJoin(orgUnits, eq(orgUnits.id, instances.orgUnitId))
      .where(queries.withinPath(orgUnits.path, s.unit('431224001').path));
    expect(subtree.total).toBe(below?.n);
    expect(subtree.items.every((i) => i.unit.path.startsWith(s.unit('431224001').path))).toBe(true);
    const both = await auditor.audit.instances.query({ directiveId, unitId: s.unit('431224001001001').id, kind: 'task' });
    expect(both.items.map((i) => i.id)).toContain(report);
  });

  it('refuses a listing that names neither a directive nor a unit, in both languages', async () => {
    const refused = await failure((await login('county-auditor')).audit.instances.query({}));
    expect(refused).toMatchObject({ status: 400, issues: [expect.objectContaining({ path: 'directiveId', rule: 'required' })] });
    expect(refused.message).toMatch(/请指定通知或单位/);
    expect(refused.message).toMatch(/name a directive or a unit/);
    expect(await failure((await login('county-auditor')).audit.instances.query({ directiveId, pageSize: 101 }))).toMatchObject({ status: 400, issues: [expect.objectContaining({ path: 'pageSize' })] });
  });

  it("gives one instance's history with actor names, its template version and its machine's graph", async () => {
    const auditor = await login('county-auditor');
    const found = await auditor.audit.history.query({ instanceId: townshipReceipt });
    expect(found.rows.map((r) => [r.seq, r.eventType, r.fromState, r.toState, r.actorName])).toEqual([
      [1, 'xstate.init', null, 'received', 'county-admin'],
      [2, 'ACKNOWLEDGE', 'received', 'acknowledged', 'admin-431224001'],
      [3, 'AMEND', 'acknowledged', 'amended', 'admin-431224001'],
      [4, 'FORWARD', 'amended', 'forwarded', 'admin-431224001'],
    ]);
    expect(found.unit).toMatchObject({ code: '431224001', name: '卢峰镇' });
    expect(found.directive).toEqual({ id: directiveId, title: '敲门行动审计' });
    expect(found.templateVersion).toMatchObject({ id: s.templates.screening, version: 1 });
    expect(found.machine?.initial).toBe('received');
    const transitions = found.machine?.states.flatMap((st) => st.transitions.map((t) => `${st.name}-${t.event}->${t.target}`)) ?? [];
    for (const row of found.rows.slice(1)) expect(transitions).toContain(`${row.fromState}-${row.eventType}->${row.toState}`);
  });

  it("exports a directive's whole history in pages that add up to every row, each chain in order", async () => {
    const auditor = await login('county-auditor');
    const [all] = await handle.db.select({ n: count() }).from(history).innerJoin(instances, eq(instances.id, history.instanceId)).where(eq(instances.directiveId, directiveId));
    const rows: Array<{ id: number; instanceId: string; seq: number }> = [];
    let after: { instanceId: string; seq: number } | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<ApiClient['audit']['directiveHistory']['query']>> = await auditor.audit.directiveHistory.query({ directiveId, after, limit: 5 });
      rows.push(...page.rows);
      after = page.next;
      pages++;
    } while (after);
    expect(rows).toHaveLength(all?.n ?? -1);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    expect(pages).toBe(Math.floor((all?.n ?? 0) / 5) + 1);
    const byInstance = new Map<string, number[]>();
    for (const r of rows) byInstance.set(r.instanceId, [...(byInstance.get(r.instanceId) ?? []), r.seq]);
    for (const seqs of byInstance.values()) expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });

  it('verifies one instance, and names the row when it was altered', async () => {
    const auditor = await login('county-auditor');
    expect(await auditor.audit.verifyInstance.mutate({ instanceId: report })).toEqual({ ok: true, instances: 1, rows: 4, failures: [] });
    const [, second] = await queries.listHistory(handle.db, report);
    await handle.db.execute(sql`ALTER TABLE history DISABLE TRIGGER history_append_only`);
    try {
      await handle.db.execute(sql`update history set payload = '{"comment":"改过"}'::jsonb where id = ${second?.id}`);
    } finally {
      await handle.db.execute(sql`ALTER TABLE history ENABLE TRIGGER history_append_only`);
    }
    const broken = await auditor.audit.verifyInstance.mutate({ instanceId: report });
    expect(broken).toMatchObject({ ok: false, instances: 1, failures: [{ instanceId: report, seq: 2, historyId: second?.id }] });
    expect(broken.failures[0]?.reason).toMatch(/hash/);
    expect((await auditor.audit.verifyInstance.mutate({ instanceId: townshipReceipt })).ok).toBe(true);
  });

  it("keeps another township's auditor to its own part of the chain", async () => {
    const other = await login('qiaojiang-auditor');
    const mine = await receiptOf(s, directiveId, '431224002');
    const listed = await other.audit.instances.query({ directiveId });
    expect(listed.items.map((i) => i.id)).toEqual([mine]);
    expect(listed.total).toBe(1);
    expect((await other.audit.directiveHistory.query({ directiveId })).rows.map((r) => r.instanceId)).toEqual([mine]);
    expect((await other.audit.history.query({ instanceId: mine })).rows).toHaveLength(1);
    expect(await failure(other.audit.history.query({ instanceId: townshipReceipt }))).toMatchObject({ status: 403 });
    expect(await failure(other.audit.verifyInstance.mutate({ instanceId: townshipReceipt }))).toMatchObject({ status: 403 });
    expect(await failure(other.audit.instances.query({ unitId: s.unit('431224001').id }))).toMatchObject({ status: 403 });
    // Grid staff read no history at all.
    const grid = await login('grid-431224001001001');
    expect(await failure(grid.audit.instances.query({ directiveId }))).toMatchObject({ status: 403 });
    expect(await failure(grid.audit.directiveHistory.query({ directiveId }))).toMatchObject({ status: 403 });
    expect(await failure(grid.audit.instances.query({ unitId: s.unit('431224001001001').id }))).toMatchObject({ status: 403 });
  });
});
