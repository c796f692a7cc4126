import { and, asc, count, eq, gt, inArray, like, max } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { history, instances, notifications, queries, tasks, timers, type DbHandle } from '@cascade/db';
import { testBackends } from '@cascade/db/testing';
import { periodAt, type ReceiptContext } from '@cascade/workflow';
import type { Scenario } from '../testing/buildScenario.js';
import { forwardToGrids } from '../testing/forwardToGrids.js';
import { withScenario } from '../testing/withScenario.js';

const HOUR = 3_600_000;
const grids = ['431224001001001', '431224001001002', '431224001002001', '431224001002002', '431224002001001', '431224002001002', '431224002002001', '431224002002002'];
/** The one grid that never reports. */
const silent = '431224002002002';

describe.each(testBackends())('a seven-day directive on a fake clock (%s)', (backend) => {
  let handle: DbHandle;
  let s: Scenario;
  let directiveId: string;
  // 2026-03-22 09:00 in Asia/Shanghai.
  withScenario(backend, (ready) => ({ handle, s } = ready), { start: new Date('2026-03-22T01:00:00Z') });
  const walk = async (hours: number) => {
    for (let h = 0; h < hours; h++) {
      s.clock.advance(HOUR);
      await s.engine.fireDueTimers();
    }
  };
  const kinds = async (userId: string) =>
    (await handle.db.select({ kind: notifications.kind }).from(notifications).where(eq(notifications.userId, userId))).map((n) => n.kind);
  const reportTasks = (code: string) =>
    handle.db
      .select({ id: tasks.id, periodKey: tasks.periodKey, dueAt: tasks.dueAt, state: instances.state })
      .from(tasks)
      .innerJoin(instances, eq(instances.id, tasks.id))
      .where(and(eq(tasks.directiveId, directiveId), eq(tasks.orgUnitId, s.unit(code).id), eq(tasks.kind, 'report')))
      .orderBy(tasks.periodKey);

  beforeAll(async () => {
    directiveId = await s.issue({ title: '每日报告', body: '一天一报告', deadline: new Date('2026-03-29T15:59:00Z') });
  });

  it('a township that does not acknowledge within 4 hours is reminded and the county is told', async () => {
    const late = await s.engine.acknowledge(s.user('admin-431224002'), (await queries.listReceipts(handle.db, directiveId, { withinPath: s.unit('431224002').path }))[0]!.id);
    expect(late.instance.state).toBe('acknowledged');
    await walk(5);
    const receipts = await queries.listReceipts(handle.db, directiveId);
    const lufeng = receipts.find((r) => r.unit.code === '431224001')!;
    const qiaojiang = receipts.find((r) => r.unit.code === '431224002')!;
    expect((lufeng.snapshot as { context: ReceiptContext }).context.lateToAcknowledge).toBe(true);
    expect((qiaojiang.snapshot as { context: ReceiptContext }).context.lateToAcknowledge).toBe(false);
    expect(await kinds(s.user('admin-431224001'))).toEqual(['acknowledgeOverdue']);
    expect(await kinds(s.user('county-admin'))).toEqual(['acknowledgeEscalated']);
  });

  it('once the chain reaches the grids, each grid has the first day\'s report due 20:00 local', async () => {
    for (const code of ['431224001', '431224002', '431224001001', '431224001002', '431224002001', '431224002002']) {
      const [receipt] = await queries.listReceipts(handle.db, directiveId, { withinPath: s.unit(code).path, limit: 1 });
      const actor = s.user(`admin-${code}`);
      if (receipt!.state === 'received') await s.engine.acknowledge(actor, receipt!.id);
      await s.engine.forward(actor, receipt!.id);
    }
    for (const code of grids) {
      expect((await reportTasks(code)).map((t) => [t.periodKey, t.dueAt.toISOString(), t.state])).toEqual([['2026-03-22', '2026-03-22T12:00:00.000Z', 'open']]);
    }
  });

  it('runs seven days: a task a day per grid, reminders, overdue, escalation, and a case after three missed days', async () => {
    for (let day = 0; day < 7; day++) {
      for (const code of grids) {
        if (code === silent) continue;
        const open = (await reportTasks(code)).filter((t) => t.state === 'open');
        for (const task of open) {
          await s.engine.submitReport(s.user(`grid-${code}`), {
            taskId: task.id,
            idempotencyKey: `${task.id}-1`,
            data: { householdsScreened: 10, personsScreened: 25, returnees: 1, homeIsolation: 0, feverCases: 0, anomaly: false, reporterPhone: '13800138000' },
          });
        }
      }
      await walk(24);
    }
    // Periods 03-22 .. 03-29: the first at issue, then one each midnight while the directive runs.
    for (const code of grids) expect((await reportTasks(code)).map((t) => t.periodKey)).toEqual(['2026-03-22', '2026-03-23', '2026-03-24', '2026-03-25', '2026-03-26', '2026-03-27', '2026-03-28', '2026-03-29']);
    const silentTasks = await reportTasks(silent);
    expect(silentTasks.slice(0, 7).map((t) => t.state)).toEqual(Array(7).fill('overdue'));
    const worker = await kinds(s.user(`grid-${silent}`));
    // The walk ends on 03-29 at 14:00 local: seven reminders (18:00) and seven overdue (20:00) so far.
    expect(worker.filter((k) => k === 'reportReminder')).toHaveLength(7);
    expect(worker.filter((k) => k === 'reportOverdue')).toHaveLength(7);
    const villageAdmin = await kinds(s.user('admin-431224002002'));
    expect(villageAdmin.filter((k) => k === 'reportEscalated')).toHaveLength(7);
    expect(villageAdmin.filter((k) => k === 'accountabilityOpened')).toHaveLength(1);
    const cases = await handle.db.select().from(instances).where(and(eq(instances.directiveId, directiveId), eq(instances.kind, 'case')));
    expect(cases.map((c) => [c.orgUnitId, c.state])).toEqual([[s.unit(silent).id, 'opened']]);
    const opened = await queries.listHistory(handle.db, cases[0]!.id);
    // Opened on the third escalation: day three's report escalates at 00:00 on 03-25.
    expect(opened[0]!.at).toBe('2026-03-24T16:00:00+00:00');
    const [receipt] = await queries.listReceipts(handle.db, directiveId, { withinPath: s.unit(silent).path });
    expect((receipt!.snapshot as { context: ReceiptContext }).context.escalations).toBe(7);
    for (const code of grids.filter((g) => g !== silent)) {
      expect((await reportTasks(code)).slice(0, 7).map((t) => t.state)).toEqual(Array(7).fill('submitted'));
      expect(await kinds(s.user(`grid-${code}`))).not.toContain('reportOverdue');
    }
    const county = s.unit('431224');
    const day2 = await queries.rollup(handle.db, { directiveId, stageId: 'daily-report', periodKey: '2026-03-23', unitPath: county.path, unitDepth: 0, fields: [{ key: 'householdsScreened', aggregate: 'sum' }] });
    expect(day2).toMatchObject({ expected: 8, received: 7, missing: 1, late: 0, aggregates: { householdsScreened: 70 } });
    expect(day2.missingUnits.map((u) => u.code)).toEqual([silent]);
    expect(await s.engine.verifyAudit({ directiveId })).toMatchObject({ ok: true });
  });

  it('a late report is still taken, and closing the directive voids every pending timer', async () => {
    const [first] = await reportTasks(silent);
    const late = await s.engine.submitReport(s.user(`grid-${silent}`), {
      taskId: first!.id,
      idempotencyKey: 'late-1',
      data: { householdsScreened: 3, personsScreened: 5, returnees: 0, homeIsolation: 0, feverCases: 0, anomaly: false, reporterPhone: '13800138000' },
    });
    expect(late.attempt).toBe(1);
    const day1 = await queries.rollup(handle.db, { directiveId, stageId: 'daily-report', periodKey: '2026-03-22', unitPath: s.unit('431224').path, unitDepth: 0, fields: [] });
    expect(day1).toMatchObject({ expected: 8, received: 8, missing: 0, late: 1 });
    await s.engine.closeDirective(s.user('county-admin'), directiveId, '阶段性工作结束');
    const pending = await handle.db
      .select({ n: count() })
      .from(timers)
      .innerJoin(instances, eq(instances.id, timers.instanceId))
      .where(and(eq(instances.directiveId, directiveId), eq(timers.status, 'pending')));
    expect(pending[0]?.n).toBe(0);
    expect(await s.engine.fireDueTimers()).toBe(0);
  });
});

describe.each(testBackends())('timers and state (%s)', (backend) => {
  let handle: DbHandle;
  let s: Scenario;
  withScenario(backend, (ready) => ({ handle, s } = ready), { start: new Date('2026-03-22T01:00:00Z') });

  it('a timer whose state was left is never fired, and one due for a state no longer current is skipped', async () => {
    const directiveId = await s.issue({ title: '确认签收', body: '按时签收', deadline: new Date('2026-03-25T00:00:00Z') });
    const [receipt] = await queries.listReceipts(handle.db, directiveId, { withinPath: s.unit('431224001').path });
    const [armed] = await handle.db.select().from(timers).where(and(eq(timers.instanceId, receipt!.id), like(timers.key, '%acknowledgeDue%')));
    expect(armed).toMatchObject({ status: 'pending', dueAt: new Date('2026-03-22T05:00:00Z') });
    await s.engine.acknowledge(s.user('admin-431224001'), receipt!.id);
    const [left] = await handle.db.select().from(timers).where(eq(timers.id, armed!.id));
    expect(left?.status).toBe('cancelled');
    // Even a row left pending by hand is skipped when its state is no longer current.
    await handle.db.insert(timers).values({ instanceId: receipt!.id, key: armed!.key, event: armed!.event, dueAt: armed!.dueAt, createdAt: s.clock.now() });
    s.clock.advance(10 * HOUR);
    const before = await queries.listHistory(handle.db, receipt!.id);
    await s.engine.fireDueTimers();
    const after = await queries.listHistory(handle.db, receipt!.id);
    expect(after.length).toBe(before.length);
    const rows = await handle.db.select().from(timers).where(eq(timers.instanceId, receipt!.id));
    expect(rows.map((r) => r.status).sort()).toContain('skipped');
  });

  it('after days of downtime every missed period still opens, each with its own tasks, in order', async () => {
    const directiveId = await s.issue({ title: '停机期间的日报', body: '每日报告', deadline: new Date(s.clock.now().getTime() + 10 * 24 * HOUR) });
    for (const code of ['431224001', '431224001001']) {
      const [receipt] = await queries.listReceipts(handle.db, directiveId, { withinPath: s.unit(code).path, limit: 1 });
      await s.engine.acknowledge(s.user(`admin-${code}`), receipt!.id);
      await s.engine.forward(s.user(`admin-${code}`), receipt!.id);
    }
    const grid = s.unit('431224001001001');
    const periods = async () =>
      (await handle.db.select({ periodKey: tasks.periodKey }).from(tasks).where(and(eq(tasks.directiveId, directiveId), eq(tasks.orgUnitId, grid.id), eq(tasks.kind, 'report'))).orderBy(tasks.periodKey)).map((t) => t.periodKey);
    const first = await periods();
    expect(first).toHaveLength(1);
    // The server is down for three and a half days.
    s.clock.advance(84 * HOUR);
    await s.engine.fireDueTimers();
    const after = await periods();
    // Every local day from the first to today has its period, and no other.
    expect(after[0]).toBe(first[0]);
    expect(after.at(-1)).toBe(periodAt(s.clock.now(), { period: 'daily', dueTime: '20:00' }, 'Asia/Shanghai', s.clock.now()).key);
    expect(after.length).toBeGreaterThanOrEqual(4);
    const days = after.map((key) => Date.parse(`${key}T00:00:00Z`));
    expect(days.slice(1).map((d, i) => d - days[i]!)).toEqual(Array(after.length - 1).fill(24 * HOUR));
  });
});

describe.each(testBackends())('catching up after a four-day outage (%s)', (backend) => {
  let handle: DbHandle;
  let s: Scenario;
  let directiveId: string;
  let lastBefore: number;
  const outageEnds = new Date('2026-03-26T01:00:00Z');
  // Issued 2026-03-22 09:00 in Asia/Shanghai; the server is down from 09:05 that day to 09:00 on 03-26.
  withScenario(backend, (ready) => ({ handle, s } = ready), { start: new Date('2026-03-22T01:00:00Z') });
  const ofDirective = (ids: string[]) => inArray(history.instanceId, ids);
  const directiveInstances = async () => (await handle.db.select({ id: instances.id }).from(instances).where(eq(instances.directiveId, directiveId))).map((r) => r.id);

  beforeAll(async () => {
    directiveId = await s.issue({ title: '停机四天', body: '一天一报告', deadline: new Date('2026-03-29T15:59:00Z') });
    // 卢峰镇 passes it down to its four grids; 桥江镇 never acknowledges.
    await forwardToGrids(s, directiveId);
    s.clock.advance(5 * 60_000);
    lastBefore = (await handle.db.select({ id: max(history.id) }).from(history))[0]?.id ?? 0;
    s.clock.set(outageEnds);
    // Catching up: the scheduler drains what fell due, as many rounds as it takes.
    while ((await s.engine.fireDueTimers()) > 0);
  }, 300_000);

  it('dates every event of the catch-up when it fell due, and writes them in that order', async () => {
    const rows = await handle.db
      .select({ id: history.id, at: history.at, eventType: history.eventType })
      .from(history)
      .where(and(ofDirective(await directiveInstances()), gt(history.id, lastBefore)))
      .orderBy(asc(history.id));
    const times = rows.map((r) => Date.parse(r.at));
    expect(rows.length).toBeGreaterThan(80);
    // In the order written, time never goes back: day one's reminders before its overdue reports,
    // before the next day's period, and so on up to the end of the outage.
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Date(times[0]!).toISOString()).toBe('2026-03-22T03:00:00.000Z');
    expect(Math.max(...times)).toBeLessThanOrEqual(outageEnds.getTime());
    // Spread over the four days, not all stamped with the moment of the catch-up.
    expect(new Set(rows.map((r) => r.at.slice(0, 10)))).toEqual(new Set(['2026-03-22', '2026-03-23', '2026-03-24', '2026-03-25']));
  });

  it('fires each timer once, its event dated at the timer\'s due time', async () => {
    const ids = await directiveInstances();
    const fired = await handle.db.select().from(timers).where(and(inArray(timers.instanceId, ids), eq(timers.status, 'fired')));
    expect(fired.length).toBeGreaterThan(50);
    expect(new Set(fired.map((t) => t.settledAt?.toISOString()))).toEqual(new Set([outageEnds.toISOString()]));
    const events = await handle.db
      .select({ instanceId: history.instanceId, eventType: history.eventType, at: history.at })
      .from(history)
      .where(and(ofDirective(ids), gt(history.id, lastBefore)));
    const stamped = events.map((e) => `${e.instanceId} ${e.eventType} ${new Date(e.at).toISOString()}`);
    for (const timer of fired) expect(stamped).toContain(`${timer.instanceId} ${timer.event.type} ${timer.dueAt.toISOString()}`);
    // Once: no timer's event appears twice, and nothing is left due.
    const timerEvents = events.filter((e) => e.eventType.startsWith('xstate.after.') || e.eventType === 'PERIOD_START').map((e) => `${e.instanceId} ${e.eventType} ${e.at}`);
    expect(new Set(timerEvents).size).toBe(timerEvents.length);
    expect(timerEvents.length).toBe(fired.length);
    expect(await s.engine.fireDueTimers()).toBe(0);
  });

  it('runs the follow-ons from the missed moments: each day\'s task, overdue at its own 20:00, escalated four hours later', async () => {
    const grid = s.unit('431224001001001');
    const reports = await handle.db
      .select({ id: tasks.id, periodKey: tasks.periodKey, state: instances.state })
      .from(tasks)
      .innerJoin(instances, eq(instances.id, tasks.id))
      .where(and(eq(tasks.directiveId, directiveId), eq(tasks.orgUnitId, grid.id), eq(tasks.kind, 'report')))
      .orderBy(tasks.periodKey);
    expect(reports.map((t) => [t.periodKey, t.state])).toEqual([
      ['2026-03-22', 'overdue'],
      ['2026-03-23', 'overdue'],
      ['2026-03-24', 'overdue'],
      ['2026-03-25', 'overdue'],
      ['2026-03-26', 'open'],
    ]);
    for (const [day, task] of reports.slice(0, 4).entries()) {
      const rows = await queries.listHistory(handle.db, task.id);
      const created = Date.parse(`2026-03-${22 + day}T00:00:00+08:00`);
      const due = Date.parse(`2026-03-${22 + day}T20:00:00+08:00`);
      // Day one's task was created at issue; the others at their period's start, during the outage.
      expect(rows.map((r) => [r.eventType, r.toState, Date.parse(r.at)])).toEqual([
        ['xstate.init', 'open', day === 0 ? Date.parse('2026-03-22T09:00:00+08:00') : created],
        [expect.stringMatching(/^xstate\.after\.remindDue/), 'open', due - 2 * HOUR],
        [expect.stringMatching(/^xstate\.after\.due/), 'overdue', due],
        [expect.stringMatching(/^xstate\.after\.escalateDue/), 'overdue', due + 4 * HOUR],
      ]);
    }
    // The worker was told on each day at the time it happened, not four times at the catch-up.
    const told = await handle.db
      .select({ kind: notifications.kind, createdAt: notifications.createdAt })
      .from(notifications)
      .where(and(eq(notifications.userId, s.user('grid-431224001001001')), eq(notifications.kind, 'reportOverdue')))
      .orderBy(notifications.createdAt);
    expect(told.map((n) => n.createdAt.toISOString())).toEqual(['2026-03-22T12:00:00.000Z', '2026-03-23T12:00:00.000Z', '2026-03-24T12:00:00.000Z', '2026-03-25T12:00:00.000Z']);
  });

  it('opens the accountability case at the third escalation (03-25 00:00 local), not at the catch-up', async () => {
    const cases = await handle.db.select().from(instances).where(and(eq(instances.directiveId, directiveId), eq(instances.kind, 'case'), eq(instances.orgUnitId, s.unit('431224001001001').id)));
    expect(cases).toHaveLength(1);
    const [opened] = await queries.listHistory(handle.db, cases[0]!.id);
    expect(opened!.at).toBe('2026-03-24T16:00:00+00:00');
    const [receipt] = await queries.listReceipts(handle.db, directiveId, { withinPath: s.unit('431224001001001').path });
    expect((receipt!.snapshot as { context: ReceiptContext }).context.escalations).toBe(4);
    expect(await s.engine.verifyAudit({ directiveId })).toMatchObject({ ok: true });
  });
});
