import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { history, instances, orgUnits, tasks, type DbHandle } from '@cascade/db';
import { testBackends } from '@cascade/db/testing';
import { EventNotAllowedError, type PersistedSnapshot, type ReceiptContext } from '@cascade/workflow';
import { DomainError } from './errors.js';
import { forwardToGrids, historyRows, refusal, shanghaiDay, validReport, type Scenario } from './testing/index.js';
import { withScenario } from './testing/withScenario.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe.each(testBackends())('a directive cascading down the chain on %s', (backend) => {
  let handle: DbHandle;
  let s: Scenario;
  withScenario(backend, (ready) => ({ handle, s } = ready));

  const countyAdmin = () => s.user('county-admin');
  const issue = (template: 'screening' | 'mobilisation' = 'screening', deadline?: Date) =>
    s.issue({ template, title: '关于开展敲门行动的通知', requirements: ['不漏一户'], deadline });

  /** Receipts of one level of a directive, by unit code. */
  const receipts = async (directiveId: string, level: string) => {
    const rows = await handle.db
      .select({ id: instances.id, state: instances.state, snapshot: instances.snapshot, version: instances.version, code: orgUnits.code, parentId: instances.parentId })
      .from(instances)
      .innerJoin(orgUnits, eq(orgUnits.id, instances.orgUnitId))
      .where(and(eq(instances.directiveId, directiveId), eq(instances.machine, `receipt:${level}`)))
      .orderBy(asc(orgUnits.path));
    return rows.map((r) => ({ ...r, snapshot: r.snapshot as PersistedSnapshot }));
  };
  const receiptAt = async (directiveId: string, level: string, code: string) => {
    const found = (await receipts(directiveId, level)).find((r) => r.code === code);
    if (!found) throw new Error(`no ${level} receipt for ${code}`);
    return found;
  };
  const totals = async () => {
    const [h] = await handle.db.select({ n: count() }).from(history);
    const [i] = await handle.db.select({ n: count() }).from(instances);
    const [t] = await handle.db.select({ n: count() }).from(tasks);
    return { history: h?.n, instances: i?.n, tasks: t?.n };
  };
  const tasksOf = async (directiveId: string) =>
    handle.db
      .select({ id: tasks.id, kind: tasks.kind, stageId: tasks.stageId, periodKey: tasks.periodKey, dueAt: tasks.dueAt, code: orgUnits.code, state: instances.state, parentId: instances.parentId })
      .from(tasks)
      .innerJoin(instances, eq(instances.id, tasks.id))
      .innerJoin(orgUnits, eq(orgUnits.id, tasks.orgUnitId))
      .where(eq(tasks.directiveId, directiveId))
      .orderBy(asc(orgUnits.path), asc(tasks.stageId));

  it('issues one receipt per township in state received, each with its first history row', async () => {
    const directiveId = await issue();
    const townships = await receipts(directiveId, 'township');
    expect(townships.map((r) => r.code)).toEqual(['431224001', '431224002']);
    for (const receipt of townships) {
      expect(receipt.state).toBe('received');
      expect(receipt.version).toBe(1);
      expect(receipt.parentId).toBe(directiveId);
      const rows = await historyRows(s, receipt.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ seq: 1, eventType: 'xstate.init', fromState: null, toState: 'received', prevHash: null, actorId: countyAdmin() });
    }
    // Nothing below the townships exists until they forward.
    expect(await receipts(directiveId, 'village')).toEqual([]);
    const [directive] = await handle.db.select().from(instances).where(eq(instances.id, directiveId));
    expect(directive).toMatchObject({ kind: 'directive', state: 'issued', version: 1 });
  });

  it('carries a township amendment (requirements, forms, a tighter deadline) down to the village receipts it forwards to', async () => {
    const original = new Date(s.clock.now().getTime() + 30 * DAY);
    const tighter = new Date(s.clock.now().getTime() + 20 * DAY);
    const directiveId = await issue('screening', original);
    const township = await receiptAt(directiveId, 'township', '431224001');
    const actor = s.user('admin-431224001');
    await s.engine.acknowledge(actor, township.id);
    await s.engine.amend(actor, township.id, { requirements: ['每日两次排查'], forms: [{ key: 'cadre-mobilisation', version: 1 }], deadline: tighter });
    await s.engine.forward(actor, township.id);

    const after = await receiptAt(directiveId, 'township', '431224001');
    expect(after.state).toBe('forwarded');
    expect((await historyRows(s, township.id)).map((r) => [r.eventType, r.fromState, r.toState])).toEqual([
      ['xstate.init', null, 'received'],
      ['ACKNOWLEDGE', 'received', 'acknowledged'],
      ['AMEND', 'acknowledged', 'amended'],
      ['FORWARD', 'amended', 'forwarded'],
    ]);
    expect((after.snapshot.context as ReceiptContext).amendments).toBe(1);

    const villages = await receipts(directiveId, 'village');
    expect(villages.map((v) => v.code)).toEqual(['431224001001', '431224001002']);
    for (const village of villages) {
      expect(village.state).toBe('received');
      expect(village.parentId).toBe(township.id);
      const context = village.snapshot.context as ReceiptContext;
      expect(context.addedRequirements).toEqual(['每日两次排查']);
      expect(context.addedForms).toEqual([{ key: 'cadre-mobilisation', version: 1 }]);
      expect(Date.parse(context.deadline)).toBe(tighter.getTime());
      expect(await historyRows(s, village.id)).toHaveLength(1);
    }
    // The other township did not forward: no villages of its own.
    expect(villages.some((v) => v.code.startsWith('431224002'))).toBe(false);
  });

  it('refuses an amendment that loosens the deadline with a VALIDATION error on `deadline`, writing nothing', async () => {
    const deadline = new Date(s.clock.now().getTime() + 10 * DAY);
    const directiveId = await issue('screening', deadline);
    const township = await receiptAt(directiveId, 'township', '431224002');
    await s.engine.acknowledge(s.user('admin-431224002'), township.id);
    const before = await totals();
    const receiptBefore = await receiptAt(directiveId, 'township', '431224002');

    const error = await refusal(
      s.engine.amend(s.user('admin-431224002'), township.id, { requirements: ['加一条'], forms: [], deadline: new Date(deadline.getTime() + HOUR) }),
    );
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('VALIDATION');
    expect((error as DomainError).issues.map((i) => i.path)).toEqual(['deadline']);

    expect(await totals()).toEqual(before);
    expect(await receiptAt(directiveId, 'township', '431224002')).toEqual(receiptBefore);
    expect((receiptBefore.snapshot.context as ReceiptContext).addedRequirements).toEqual([]);
  });

  it('refuses events the current state does not take with EventNotAllowedError naming event and state, writing nothing', async () => {
    const directiveId = await issue();
    await forwardToGrids(s, directiveId);
    const township = await receiptAt(directiveId, 'township', '431224002');
    await s.engine.acknowledge(s.user('admin-431224002'), township.id);
    const grid = await receiptAt(directiveId, 'grid', '431224001001001');
    const before = await totals();

    // Acknowledging twice.
    const twice = await refusal(s.engine.acknowledge(s.user('admin-431224002'), township.id));
    expect(twice).toBeInstanceOf(EventNotAllowedError);
    expect(twice).toMatchObject({ eventType: 'ACKNOWLEDGE', state: 'acknowledged' });
    expect((twice as Error).message).toMatch(/ACKNOWLEDGE.*acknowledged/);

    // Forwarding a receipt that was only received.
    const forwardReceived = await refusal(s.engine.forward(s.user('admin-431224001001'), grid.id));
    expect(forwardReceived).toBeInstanceOf(EventNotAllowedError);
    expect(forwardReceived).toMatchObject({ eventType: 'FORWARD', state: 'received' });

    // A grid is the last level: even acknowledged it has nowhere to forward to.
    await s.engine.acknowledge(s.user('grid-431224001001001'), grid.id);
    const afterAck = await totals();
    expect(afterAck.history).toBe((before.history ?? 0) + 1);
    const forwardLast = await refusal(s.engine.forward(s.user('grid-431224001001001'), grid.id));
    expect(forwardLast).toMatchObject({ eventType: 'FORWARD', state: 'acknowledged' });

    // Villages may not amend under this template.
    const village = await receiptAt(directiveId, 'village', '431224001001');
    const amendVillage = await refusal(s.engine.amend(s.user('admin-431224001001'), village.id, { requirements: ['x'], forms: [] }));
    expect(amendVillage).toBeInstanceOf(EventNotAllowedError);
    expect(amendVillage).toMatchObject({ eventType: 'AMEND', state: 'forwarded' });

    expect(await totals()).toEqual(afterAck);
    expect((await receiptAt(directiveId, 'township', '431224002')).version).toBe(2);
    expect((await receiptAt(directiveId, 'grid', '431224001001001')).state).toBe('acknowledged');
  });

  it('forwarding villages creates grid receipts and, on received, a daily report and a screening task per grid', async () => {
    const tighter = new Date(s.clock.now().getTime() + 20 * DAY);
    const directiveId = await issue();
    await forwardToGrids(s, directiveId, { amend: { requirements: ['每日两次排查'], forms: [{ key: 'cadre-mobilisation', version: 1 }], deadline: tighter } });

    const grids = await receipts(directiveId, 'grid');
    expect(grids.map((g) => g.code)).toEqual(['431224001001001', '431224001001002', '431224001002001', '431224001002002']);
    const villages = await receipts(directiveId, 'village');
    for (const grid of grids) {
      expect(grid.state).toBe('received');
      expect(villages.find((v) => v.id === grid.parentId)?.code).toBe(grid.code.slice(0, 12));
      const context = grid.snapshot.context as ReceiptContext;
      expect(context.addedForms).toEqual([{ key: 'cadre-mobilisation', version: 1 }]);
      expect(Date.parse(context.deadline)).toBe(tighter.getTime());
    }

    const now = s.clock.now();
    const day = shanghaiDay(now);
    const dueReport = new Date(`${day}T20:00:00+08:00`);
    const dueScreening = new Date(now.getTime() + 72 * HOUR);
    const all = await tasksOf(directiveId);
    expect(all).toHaveLength(grids.length * 3);
    for (const grid of grids) {
      const own = all.filter((t) => t.code === grid.code);
      expect(own.map((t) => [t.kind, t.stageId, t.periodKey])).toEqual([
        ['report', 'daily-report', day],
        ['report', 'daily-report+cadre-mobilisation@1', day],
        ['screening', 'screening', 'once'],
      ]);
      for (const task of own) {
        expect(task.state).toBe('open');
        expect(task.parentId).toBe(grid.id);
      }
      expect(own[0]?.dueAt.toISOString()).toBe(dueReport.toISOString());
      expect(own[1]?.dueAt.toISOString()).toBe(dueReport.toISOString());
      expect(own[2]?.dueAt.toISOString()).toBe(dueScreening.toISOString());
    }
    // 20:00 in Shanghai is 12:00 UTC.
    expect(dueReport.getUTCHours()).toBe(12);
    // Tasks are only for grids: townships and villages got none.
    expect(new Set(all.map((t) => t.code.length))).toEqual(new Set([15]));
  });

  it('auto-forwards at the township level of the cadre-mobilisation template: village receipts exist right after issuing', async () => {
    const directiveId = await issue('mobilisation');
    const townships = await receipts(directiveId, 'township');
    expect(townships.map((t) => t.state)).toEqual(['forwarded', 'forwarded']);
    for (const township of townships) {
      expect((await historyRows(s, township.id)).map((r) => [r.eventType, r.toState])).toEqual([['xstate.init', 'forwarded']]);
    }
    const villages = await receipts(directiveId, 'village');
    expect(villages.map((v) => v.code)).toEqual(['431224001001', '431224001002', '431224002001', '431224002002']);
    expect(villages.every((v) => v.state === 'received')).toBe(true);
    // The village report starts on acknowledged, so nothing yet; acknowledging starts it.
    expect(await tasksOf(directiveId)).toEqual([]);
    const village = villages[0];
    if (!village) throw new Error('no village');
    await s.engine.acknowledge(s.user(`admin-${village.code}`), village.id);
    const created = await tasksOf(directiveId);
    const day = shanghaiDay(s.clock.now());
    expect(created.map((t) => [t.code, t.stageId, t.periodKey, t.dueAt.toISOString()])).toEqual([
      [village.code, 'mobilisation-daily', day, new Date(`${day}T18:00:00+08:00`).toISOString()],
    ]);
    // The grid is not on this chain.
    expect(await receipts(directiveId, 'grid')).toEqual([]);
  });

  it('closing the directive closes every open receipt and task, each with a CLOSE history row', async () => {
    const directiveId = await issue();
    await forwardToGrids(s, directiveId);
    // One task reaches a final state of its own before the close, and must be left alone.
    const [accepted] = (await tasksOf(directiveId)).filter((t) => t.kind === 'report');
    if (!accepted) throw new Error('no report task');
    await s.engine.submitReport(s.user(`grid-${accepted.code}`), { taskId: accepted.id, data: validReport, idempotencyKey: 'close-test' });
    await s.engine.acceptTask(s.user(`admin-${accepted.code.slice(0, 12)}`), accepted.id);

    const work = () =>
      handle.db
        .select()
        .from(instances)
        .where(and(eq(instances.directiveId, directiveId), inArray(instances.kind, ['receipt', 'task'])));
    const open = (await work()).filter((i) => (i.snapshot as PersistedSnapshot).status === 'active');
    // 2 townships + 2 villages + 4 grids + 8 tasks, less the accepted one.
    expect(open).toHaveLength(15);
    const historyBefore = (await totals()).history ?? 0;

    await s.engine.closeDirective(countyAdmin(), directiveId, '疫情解除');

    const after = await work();
    expect(after).toHaveLength(16);
    for (const instance of after) {
      expect((instance.snapshot as PersistedSnapshot).status).toBe('done');
      expect(instance.state).toBe(instance.id === accepted.id ? 'accepted' : 'closed');
    }
    const closes = await handle.db
      .select()
      .from(history)
      .where(
        and(
          inArray(
            history.instanceId,
            after.map((i) => i.id).concat(directiveId),
          ),
          eq(history.eventType, 'CLOSE'),
        ),
      );
    expect(closes).toHaveLength(open.length + 1);
    expect(new Set(closes.map((c) => c.instanceId))).toEqual(new Set([...open.map((i) => i.id), directiveId]));
    for (const row of closes) {
      expect(row.toState).toBe('closed');
      expect(row.actorId).toBe(countyAdmin());
      const instance = after.find((i) => i.id === row.instanceId);
      if (instance) expect(row.seq).toBe(instance.version);
    }
    expect((await totals()).history).toBe(historyBefore + open.length + 1);
    expect(closes.find((c) => c.instanceId === accepted.id)).toBeUndefined();

    const [directive] = await handle.db.select().from(instances).where(eq(instances.id, directiveId));
    expect(directive?.state).toBe('closed');
    const again = await refusal(s.engine.closeDirective(countyAdmin(), directiveId, 'again'));
    expect(again).toMatchObject({ eventType: 'CLOSE', state: 'closed' });
    expect((await s.engine.verifyAudit({ directiveId })).ok).toBe(true);
  });
});
