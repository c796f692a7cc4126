import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../client/database.js';
import { formVersions, instances, orgUnits, submissions, tasks, templateVersions, users } from '../schema/index.js';
import { createTestDatabase, testBackends } from '../testing/index.js';
import { foldRollupQueue, foldRollupQueueStep, rollup, rollupByScan } from './rollup.js';
import { rowsOf } from './rowsOf.js';

type Unit = { id: string; code: string; path: string };

/**
 * A county with two townships (each with two grids), a grid right under the county and one task at
 * the county itself, rows written directly: the query is what is under test, not the engine.
 */
describe.each(testBackends())('roll-up (%s)', (backend) => {
  let handle: DbHandle;
  const directiveId = randomUUID();
  const due = new Date('2026-03-22T12:00:00Z');
  const units: Record<string, Unit> = {};
  let fields: Array<{ key: string; aggregate: 'sum' | 'avg' | 'min' | 'max' | 'count' }>;

  beforeAll(async () => {
    handle = await createTestDatabase(backend);
    const db = handle.db;
    const add = async (code: string, level: string, parent: Unit | null) => {
      const path = parent ? `${parent.path}/${code}` : code;
      const [row] = await db
        .insert(orgUnits)
        .values({ code, name: `单位${code}`, level, depth: path.split('/').length - 1, parentId: parent?.id ?? null, path })
        .returning();
      units[code] = { id: row!.id, code, path };
      return units[code] as Unit;
    };
    const county = await add('431224', 'county', null);
    const t1 = await add('431224001', 'township', county);
    const t2 = await add('431224002', 'township', county);
    await add('431224001001', 'grid', t1);
    await add('431224001002', 'grid', t1);
    await add('431224002001', 'grid', t2);
    await add('431224002002', 'grid', t2);
    await add('431224900', 'grid', county);
    const [user] = await db.insert(users).values({ username: 'grid', displayName: 'grid', passwordHash: 'x' }).returning();
    const [template] = await db.insert(templateVersions).values({ key: 't', version: 1, ownerUnitId: county.id, definition: {} }).returning();
    const [form] = await db.insert(formVersions).values({ key: 'f', version: 1, ownerUnitId: county.id, definition: {} }).returning();
    const now = new Date('2026-03-22T08:00:00Z');
    // unit code → task state and the answers of each attempt (latest last) with their times
    const plan: Record<string, { state: string; attempts: Array<{ n: number; rate: number; at: Date }> }> = {
      '431224001001': { state: 'accepted', attempts: [{ n: 10, rate: 90, at: now }] },
      // returned once then resubmitted late: only the latest attempt counts, and it is late
      '431224001002': { state: 'submitted', attempts: [{ n: 99, rate: 10, at: now }, { n: 5, rate: 80, at: new Date('2026-03-22T13:00:00Z') }] },
      '431224002001': { state: 'returned', attempts: [{ n: 7, rate: 70, at: now }] },
      '431224002002': { state: 'overdue', attempts: [] },
      '431224900': { state: 'submitted', attempts: [{ n: 1, rate: 100, at: now }] },
      '431224': { state: 'open', attempts: [] },
    };
    for (const [code, p] of Object.entries(plan)) {
      const unit = units[code] as Unit;
      const [instance] = await db
        .insert(instances)
        .values({ kind: 'task', machine: 'task:report:daily', directiveId, orgUnitId: unit.id, templateVersionId: template!.id, state: p.state, snapshot: {}, version: 1, createdAt: now, updatedAt: now })
        .returning();
      await db.insert(tasks).values({ id: instance!.id, directiveId, orgUnitId: unit.id, kind: 'report', stageId: 'daily', formVersionId: form!.id, periodKey: '2026-03-22', dueAt: due, createdAt: now });
      // Another day's task of the same unit must not count.
      const [other] = await db
        .insert(instances)
        .values({ kind: 'task', machine: 'task:report:daily', directiveId, orgUnitId: unit.id, templateVersionId: template!.id, state: 'submitted', snapshot: {}, version: 1, createdAt: now, updatedAt: now })
        .returning();
      await db.insert(tasks).values({ id: other!.id, directiveId, orgUnitId: unit.id, kind: 'report', stageId: 'daily', formVersionId: form!.id, periodKey: '2026-03-21', dueAt: due, createdAt: now });
      await db.insert(submissions).values({ taskId: other!.id, attempt: 1, data: { n: 1000, rate: 0 }, submittedBy: user!.id, submittedAt: now, idempotencyKey: 'other' });
      for (const [i, a] of p.attempts.entries()) {
        await db.insert(submissions).values({ taskId: instance!.id, attempt: i + 1, data: { n: a.n, rate: a.rate }, submittedBy: user!.id, submittedAt: a.at, idempotencyKey: `k${i}` });
      }
    }
    fields = [
      { key: 'n', aggregate: 'sum' },
      { key: 'rate', aggregate: 'avg' },
      { key: 'n', aggregate: 'max' },
      { key: 'rate', aggregate: 'min' },
      { key: 'n', aggregate: 'count' },
    ];
  });
  afterAll(async () => handle?.close());

  const at = (code: string, depth: number) => ({ directiveId, stageId: 'daily', periodKey: '2026-03-22', unitPath: (units[code] as Unit).path, unitDepth: depth });

  it('counts and aggregates the latest submitted or accepted answers of the whole subtree', async () => {
    const r = await rollup(handle.db, { ...at('431224', 0), fields: [{ key: 'n', aggregate: 'sum' }, { key: 'rate', aggregate: 'avg' }] });
    // received: 001001 (accepted), 001002 (latest attempt, late), 900 → n 10 + 5 + 1, rate (90 + 80 + 100) / 3
    expect(r).toMatchObject({ expected: 6, received: 3, late: 1, returned: 1, missing: 3, aggregates: { n: 16, rate: 90 } });
  });

  it('gives one row per direct child with its level, and leaves the unit’s own task out of the children', async () => {
    const r = await rollup(handle.db, { ...at('431224', 0), fields: [{ key: 'n', aggregate: 'sum' }, { key: 'rate', aggregate: 'avg' }] });
    expect(r.children.map((c) => [c.code, c.level, c.expected, c.received, c.missing])).toEqual([
      ['431224001', 'township', 2, 2, 0],
      ['431224002', 'township', 2, 0, 2],
      ['431224900', 'grid', 1, 1, 0],
    ]);
    const first = r.children[0];
    expect(first).toMatchObject({ unitId: units['431224001']?.id, name: '单位431224001', late: 1, aggregates: { n: 15, rate: 85 } });
    expect(r.children[1]?.aggregates).toEqual({ n: null, rate: null });
  });

  it('computes every kind of aggregate over the same answers', async () => {
    const r = await rollup(handle.db, { ...at('431224001', 1), fields });
    // Five fields over two keys: the later ones of a key win in the record, so check them one by one.
    const one = async (f: (typeof fields)[number]) => (await rollup(handle.db, { ...at('431224001', 1), fields: [f] })).aggregates[f.key];
    expect(await one({ key: 'n', aggregate: 'sum' })).toBe(15);
    expect(await one({ key: 'rate', aggregate: 'avg' })).toBe(85);
    expect(await one({ key: 'n', aggregate: 'max' })).toBe(10);
    expect(await one({ key: 'rate', aggregate: 'min' })).toBe(80);
    expect(await one({ key: 'n', aggregate: 'count' })).toBe(2);
    expect(r).toMatchObject({ expected: 2, received: 2, late: 1, missing: 0 });
    expect(r.missingUnits).toEqual([]);
  });

  it('lists the missing units (open, returned, overdue) in path order', async () => {
    const r = await rollup(handle.db, { ...at('431224', 0), fields: [] });
    expect(r.missingUnits.map((u) => u.code)).toEqual(['431224', '431224002001', '431224002002']);
    expect(r.missingUnits[0]).toEqual({ unitId: units['431224']?.id, code: '431224', name: '单位431224', path: '431224' });
  });

  /** Every unit's roll-up from the counters equals the scan of its tasks (sum, avg and count). */
  const countersMatchScan = async () => {
    const sumAvgCount = [
      { key: 'n', aggregate: 'sum' as const },
      { key: 'rate', aggregate: 'avg' as const },
      { key: 'rate', aggregate: 'count' as const },
    ];
    for (const [code, unit] of Object.entries(units)) {
      const input = { directiveId, stageId: 'daily', periodKey: '2026-03-22', unitPath: unit.path, unitDepth: unit.path.split('/').length - 1 };
      for (const fields of [sumAvgCount.slice(0, 2), sumAvgCount.slice(2)]) {
        expect({ code, ...(await rollup(handle.db, { ...input, fields })) }).toEqual({ code, ...(await rollupByScan(handle.db, { ...input, fields })) });
      }
    }
  };

  it('keeps the counters equal to a scan of the tasks through every kind of change, at every unit', async () => {
    const db = handle.db;
    const check = countersMatchScan;
    await check();
    const taskOf = async (code: string) => {
      const [row] = await db.select({ id: tasks.id }).from(tasks).where(sql`${tasks.orgUnitId} = ${units[code]?.id} and ${tasks.periodKey} = '2026-03-22'`);
      return row!.id;
    };
    const setState = async (code: string, state: string) => db.update(instances).set({ state }).where(eq(instances.id, await taskOf(code)));
    const [user] = await db.select({ id: users.id }).from(users);
    const submit = async (code: string, attempt: number, data: Record<string, unknown>, at: string) =>
      db.insert(submissions).values({ taskId: await taskOf(code), attempt, data, submittedBy: user!.id, submittedAt: new Date(at), idempotencyKey: `t${attempt}-${code}` });
    // returned → resubmitted late with new answers, in one transaction, state first as the engine writes it
    const returnedTask = await taskOf('431224002001');
    await db.transaction(async (tx) => {
      await tx.update(instances).set({ state: 'submitted' }).where(eq(instances.id, returnedTask));
      await tx.insert(submissions).values({ taskId: returnedTask, attempt: 2, data: { n: 3, rate: 60, note: 'x' }, submittedBy: user!.id, submittedAt: new Date('2026-03-22T14:00:00Z'), idempotencyKey: 'again' });
    });
    await check();
    // overdue → submitted on time (answers written before the state, the other order)
    await submit('431224002002', 1, { n: 4, rate: null }, '2026-03-22T09:00:00Z');
    await setState('431224002002', 'submitted');
    await check();
    await setState('431224001002', 'returned');
    await setState('431224001001', 'closed');
    await setState('431224', 'overdue');
    await check();
    await setState('431224002001', 'accepted');
    await setState('431224001002', 'submitted');
    await check();
    // a new task appears in the day (a unit added later) and is counted at once
    const [grid] = await db.insert(orgUnits).values({ code: '431224002003', name: '新网格', level: 'grid', depth: 2, parentId: units['431224002']!.id, path: '431224/431224002/431224002003' }).returning();
    units['431224002003'] = { id: grid!.id, code: '431224002003', path: grid!.path };
    const [first] = await db.select().from(instances).limit(1);
    const [instance] = await db
      .insert(instances)
      .values({ kind: 'task', machine: 'task:report:daily', directiveId, orgUnitId: grid!.id, templateVersionId: first!.templateVersionId, state: 'open', snapshot: {}, version: 1, createdAt: new Date(), updatedAt: new Date() })
      .returning();
    const [someTask] = await db.select().from(tasks).limit(1);
    await db.insert(tasks).values({ id: instance!.id, directiveId, orgUnitId: grid!.id, kind: 'report', stageId: 'daily', formVersionId: someTask!.formVersionId, periodKey: '2026-03-22', dueAt: due, createdAt: new Date() });
    await check();
    expect(await rollup(db, { ...at('431224', 0), fields: [] })).toMatchObject({ expected: 7 });
  });

  it('queues a change instead of counting it in its own transaction, and folds it in before a read', async () => {
    const db = handle.db;
    const totals = async () => rowsOf(await db.execute(sql`select received, missing from rollup_totals where directive_id = ${directiveId} and period_key = '2026-03-22' and unit_path = '431224'`))[0];
    const pending = async () => Number(rowsOf(await db.execute(sql`select count(*) as n from rollup_pending`))[0]?.n);
    await foldRollupQueue(db);
    const before = await totals();
    const [task] = await db.select({ id: tasks.id }).from(tasks).where(sql`${tasks.orgUnitId} = ${units['431224']?.id} and ${tasks.periodKey} = '2026-03-22'`);
    await db.update(instances).set({ state: 'submitted' }).where(eq(instances.id, task!.id));
    expect(await pending()).toBe(1);
    expect(await totals()).toEqual(before);
    const r = await rollup(db, { ...at('431224', 0), fields: [] });
    expect(await pending()).toBe(0);
    expect(r.received).toBe(Number(before?.received) + 1);
    expect(await totals()).toEqual({ received: Number(before?.received) + 1, missing: Number(before?.missing) - 1 });
    expect(await foldRollupQueue(db)).toBe(0);
    await db.update(instances).set({ state: 'overdue' }).where(eq(instances.id, task!.id));
    expect(await foldRollupQueue(db)).toBe(1);
  });

  /**
   * Queues a change of every task of the day, in id order, cycling through `states`: from a state none
   * of them takes next, so that every task changes and is queued (a task already in its new state
   * queues nothing, and which ones were depended on the random ids). Returns the day's tasks.
   */
  const queueEveryTaskOfTheDay = async (states: string[]) => {
    const db = handle.db;
    await foldRollupQueue(db);
    const day = await db.select({ id: tasks.id }).from(tasks).where(sql`${tasks.periodKey} = '2026-03-22'`).orderBy(tasks.id);
    for (const task of day) await db.update(instances).set({ state: 'inProgress' }).where(eq(instances.id, task.id));
    await foldRollupQueue(db);
    for (const [i, task] of day.entries()) await db.update(instances).set({ state: states[i % states.length] as string }).where(eq(instances.id, task.id));
    return day;
  };

  it('folds a queue longer than one batch, a batch per statement, to the same counters', async () => {
    const db = handle.db;
    const day = await queueEveryTaskOfTheDay(['submitted', 'returned', 'overdue', 'accepted', 'open']);
    const queued = Number(rowsOf(await db.execute(sql`select count(distinct task_id) as n from rollup_pending`))[0]?.n);
    expect(queued).toBe(day.length);
    expect(queued).toBeGreaterThan(4);
    // Batches of 2, 2 and the rest: a batch dropped or applied twice shows in the counts.
    expect(await foldRollupQueue(db, 2)).toBe(queued);
    await countersMatchScan();
    await expect(foldRollupQueue(db, 0)).rejects.toMatchObject({ cause: { message: expect.stringMatching(/batch must be a positive integer, got 0/) } });
  });

  it('folds a queue in steps of its oldest entries, to the same counters', async () => {
    const db = handle.db;
    const day = await queueEveryTaskOfTheDay(['returned', 'submitted', 'accepted', 'open', 'overdue']);
    const entries = async () => rowsOf(await db.execute(sql`select id, task_id from rollup_pending order by id`)).map((r) => ({ id: Number(r.id), taskId: String(r.task_id) }));
    const queued = await entries();
    expect(queued.length).toBe(day.length);
    // Each step takes the oldest entries: what is left is always the newest part of the queue.
    const taken: number[] = [];
    for (;;) {
      const n = await foldRollupQueueStep(db, 2);
      taken.push(n);
      expect(await entries()).toEqual(queued.slice(taken.reduce((a, b) => a + b, 0)));
      if (n < 2) break;
    }
    expect(taken.reduce((a, b) => a + b, 0)).toBe(queued.length);
    expect(taken.length).toBe(Math.floor(queued.length / 2) + 1);
    await countersMatchScan();
    await expect(foldRollupQueueStep(db, 0)).rejects.toMatchObject({ cause: { message: expect.stringMatching(/max_entries must be a positive integer, got 0/) } });
  });

  if (backend === 'postgres') {
    it('lets a submission commit while another transaction holds the counters of every unit above it', async () => {
      const db = handle.db;
      const [task] = await db.select({ id: tasks.id }).from(tasks).where(sql`${tasks.orgUnitId} = ${units['431224900']?.id} and ${tasks.periodKey} = '2026-03-22'`);
      let release: () => void = () => {};
      const released = new Promise<void>((resolve) => (release = resolve));
      let holding: () => void = () => {};
      const held = new Promise<void>((resolve) => (holding = resolve));
      // Another writer of the counters (a fold in progress) keeps the county's and grid's rows locked.
      const holder = db.transaction(async (tx) => {
        await tx.execute(sql`select 1 from rollup_totals where directive_id = ${directiveId} for update`);
        holding();
        await released;
      });
      await held;
      try {
        await db.transaction(async (tx) => {
          await tx.execute(sql`set local lock_timeout = '2s'`);
          await tx.update(instances).set({ state: 'returned' }).where(eq(instances.id, task!.id));
          await tx.insert(submissions).values({ taskId: task!.id, attempt: 9, data: { n: 2, rate: 50 }, submittedBy: (await tx.select({ id: users.id }).from(users))[0]!.id, submittedAt: new Date('2026-03-22T10:00:00Z'), idempotencyKey: 'while-held' });
        });
      } finally {
        release();
        await holder;
      }
      const input = { ...at('431224', 0), fields: [{ key: 'n', aggregate: 'sum' as const }] };
      expect(await rollup(db, input)).toEqual(await rollupByScan(db, input));
    });
  }

  it('answers zeros for a subtree with no tasks in that period', async () => {
    const r = await rollup(handle.db, { ...at('431224', 0), periodKey: '2026-01-01', fields: [{ key: 'n', aggregate: 'sum' }] });
    expect(r).toEqual({ expected: 0, received: 0, late: 0, returned: 0, missing: 0, aggregates: { n: null }, children: [], missingUnits: [] });
  });
});
