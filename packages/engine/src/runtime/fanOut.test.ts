import { randomUUID } from 'node:crypto';
import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { history, instances, orgUnits, tasks, timers, type DbHandle } from '@cascade/db';
import { createTestDatabase, testBackends } from '@cascade/db/testing';
import { generateGridsAndHouseholds } from '../divisions/generateGridsAndHouseholds.js';
import { DomainError } from '../errors.js';
import { buildScenario, type Scenario } from '../testing/buildScenario.js';
import { refusal } from '../testing/refusal.js';
import type { InstanceChange } from './commandContext.js';
import type { FanOutProgress } from './fanOutProgress.js';
import { rowsOf } from './rowsOf.js';

const GRIDS = 3000;

describe.each(testBackends())('issuing to 3,000 grids in one transaction (%s)', (backend) => {
  let handle: DbHandle;
  let s: Scenario;
  // Chosen before issuing, so progress can be followed before the directive exists.
  const directiveId = randomUUID();
  let templateVersionId: string;
  let statements = 0;
  const progress: FanOutProgress[] = [];
  const announced: InstanceChange[][] = [];

  beforeAll(async () => {
    handle = await createTestDatabase(backend, { logger: { logQuery: () => void statements++ } });
    s = await buildScenario(handle.db);
    // 750 grids under each of the four villages (the scenario's two each included): 3,000 grids.
    await generateGridsAndHouseholds(handle.db, { underPath: s.unit('431224').path, gridsPerVillage: GRIDS / 4, householdsPerGrid: 0, seed: 'fan-out' });
    const admin = s.user('county-admin');
    const draft = await s.engine.saveTemplateDraft(admin, {
      ownerUnitId: s.unit('431224').id,
      definition: {
        key: 'auto-forward-daily',
        name: { zh: '自动逐级下发的日报', en: 'Daily report forwarded automatically' },
        chain: ['county', 'township', 'village', 'grid'],
        stages: {
          issue: { levels: { township: { autoForward: true }, village: { autoForward: true }, grid: { acknowledgeWithinHours: 4 } } },
          report: [{ id: 'daily', name: { zh: '日报', en: 'Daily' }, form: { key: 'daily-epidemic-report', version: 1 }, level: 'grid', period: 'daily', dueTime: '20:00', remindBeforeHours: 2, escalateAfterHours: 4 }],
        },
      },
    });
    await s.engine.publishTemplate(admin, draft.id);
    templateVersionId = draft.id;
    const unsubscribe = s.engine.subscribeProgress((p) => progress.push(p));
    const unsubscribeChanges = s.engine.subscribe((changes) => announced.push(changes));
    statements = 0;
    const started = performance.now();
    const issued = await s.engine.issueDirective(admin, { id: directiveId, templateVersionId: draft.id, issuingUnitId: s.unit('431224').id, title: '三千网格', body: '每格一报', requirements: [], deadline: new Date('2026-03-29T00:00:00Z') });
    expect(issued.directiveId).toBe(directiveId);
    console.log(`${backend}: issued to ${GRIDS} grids in ${Math.round(performance.now() - started)} ms with ${statements} statements`);
    unsubscribe();
    unsubscribeChanges();
  }, 600_000);
  afterAll(async () => handle?.close());

  it('creates one receipt for every unit of every level, and nothing twice', async () => {
    const perLevel = await handle.db
      .select({ machine: instances.machine, n: count(), units: sql<number>`count(distinct ${instances.orgUnitId})::int` })
      .from(instances)
      .where(and(eq(instances.directiveId, directiveId), eq(instances.kind, 'receipt')))
      .groupBy(instances.machine);
    expect(Object.fromEntries(perLevel.map((r) => [r.machine, [r.n, r.units]]))).toEqual({ 'receipt:township': [2, 2], 'receipt:village': [4, 4], 'receipt:grid': [GRIDS, GRIDS] });
    // Every grid of the county, and only those, holds a receipt.
    const uncovered = await handle.db.execute(sql`
      select count(*)::int as n from ${orgUnits} u
      where u.level = 'grid' and u.path like ${`${s.unit('431224').path}/%`}
        and not exists (select 1 from ${instances} i where i.directive_id = ${directiveId} and i.org_unit_id = u.id and i.kind = 'receipt')`);
    expect(rowsOf<{ n: number }>(uncovered)[0]?.n).toBe(0);
    const states = await handle.db.selectDistinct({ machine: instances.machine, state: instances.state }).from(instances).where(and(eq(instances.directiveId, directiveId), eq(instances.kind, 'receipt')));
    expect(states.map((r) => `${r.machine}:${r.state}`).sort()).toEqual(['receipt:grid:received', 'receipt:township:forwarded', 'receipt:village:forwarded']);
  });

  it('gives every instance exactly its history: the creation row, and the forward of auto-forwarding levels', async () => {
    const rows = await handle.db.execute(sql`
      select i.kind, count(h.id)::int as rows, min(h.seq)::int as first, max(h.seq)::int as last, count(distinct h.seq)::int as seqs
      from ${instances} i join ${history} h on h.instance_id = i.id
      where i.directive_id = ${directiveId}
      group by i.id, i.kind`);
    const shapes = new Map<string, number>();
    for (const r of rowsOf<{ kind: string; rows: number; first: number; last: number; seqs: number }>(rows)) {
      const key = `${r.kind} ${r.rows} ${r.first}-${r.last} ${r.seqs}`;
      shapes.set(key, (shapes.get(key) ?? 0) + 1);
    }
    // An auto-forwarding receipt starts received and passes on at once: its one creation row records forwarded.
    expect(Object.fromEntries(shapes)).toEqual({ 'directive 1 1-1 1': 1, 'receipt 1 1-1 1': GRIDS + 6, 'task 1 1-1 1': GRIDS });
    expect(await s.engine.verifyAudit({ directiveId })).toMatchObject({ ok: true, instances: 1 + 6 + 2 * GRIDS, rows: 1 + 6 + 2 * GRIDS });
  }, 300_000);

  it('creates one report task per grid for the first period, each with its instance', async () => {
    const rows = await handle.db
      .select({ n: count(), units: sql<number>`count(distinct ${tasks.orgUnitId})::int`, periods: sql<string>`string_agg(distinct ${tasks.periodKey}, ',')`, due: sql<string>`string_agg(distinct ${tasks.dueAt}::text, ',')` })
      .from(tasks)
      .innerJoin(instances, eq(instances.id, tasks.id))
      .where(eq(tasks.directiveId, directiveId));
    expect(rows[0]).toMatchObject({ n: GRIDS, units: GRIDS, periods: '2026-03-22' });
    expect(new Date(rows[0]?.due as string).toISOString()).toBe('2026-03-22T12:00:00.000Z');
  });

  it('arms every timer once: acknowledgement per grid receipt, reminder and due per task, the next period', async () => {
    const rows = await handle.db
      .select({ key: timers.key, status: timers.status, dueAt: timers.dueAt, n: count(), instances: sql<number>`count(distinct ${timers.instanceId})::int` })
      .from(timers)
      .innerJoin(instances, eq(instances.id, timers.instanceId))
      .where(eq(instances.directiveId, directiveId))
      .groupBy(timers.key, timers.status, timers.dueAt);
    const summary = Object.fromEntries(rows.map((r) => [`${r.key.replace(/^xstate\.after\.(\w+)\..*$/, '$1')} ${r.status} ${r.dueAt.toISOString()}`, [r.n, r.instances]]));
    expect(summary).toEqual({
      // Issued at 09:00 local: acknowledge within 4 hours; remind at 18:00, due at 20:00; the next day starts at midnight.
      'acknowledgeDue pending 2026-03-22T05:00:00.000Z': [GRIDS, GRIDS],
      'remindDue pending 2026-03-22T10:00:00.000Z': [GRIDS, GRIDS],
      'due pending 2026-03-22T12:00:00.000Z': [GRIDS, GRIDS],
      'period:daily pending 2026-03-22T16:00:00.000Z': [1, 1],
    });
  });

  it('runs each level in a few set-based statements, not several per unit', () => {
    // One by one this took six or more statements per grid (18,000+); batched it is a few per 500 units.
    expect(statements).toBeLessThan(150);
  });

  it('tells listeners how each level progresses while the transaction runs, then that each is done', () => {
    const live = progress.filter((p) => !p.done);
    const done = progress.filter((p) => p.done);
    expect(progress.every((p) => p.directiveId === directiveId)).toBe(true);
    // Every done event comes after every live one: they are told after commit.
    expect(progress.slice(live.length)).toEqual(done);
    expect(done).toEqual([
      { directiveId, level: 'township', created: 2, expected: 2, done: true },
      { directiveId, level: 'village', created: 4, expected: 4, done: true },
      { directiveId, level: 'grid', created: GRIDS, expected: GRIDS, done: true },
    ]);
    const grid = live.filter((p) => p.level === 'grid');
    // First the level's size, then a step per batch of 500 receipts (with their tasks and timers).
    expect(grid.map((p) => p.created)).toEqual([0, 500, 1000, 1500, 2000, 2500, 3000]);
    expect(grid.every((p) => p.expected === GRIDS)).toBe(true);
    expect(live.map((p) => p.level).filter((l, i, all) => all.indexOf(l) === i)).toEqual(['township', 'village', 'grid']);
  });

  it('announces every instance it created once, after commit, in batches of at most 500', async () => {
    expect(announced.length).toBeGreaterThan(1);
    expect(announced.every((batch) => batch.length > 0 && batch.length <= 500)).toBe(true);
    const changes = announced.flat();
    const rows = await handle.db.select({ instanceId: instances.id, directiveId: instances.directiveId, kind: instances.kind, orgUnitId: instances.orgUnitId, state: instances.state }).from(instances).where(eq(instances.directiveId, directiveId));
    const byId = (a: { instanceId: string }, b: { instanceId: string }) => (a.instanceId < b.instanceId ? -1 : 1);
    // Each instance as the database holds it (the directive, 6 + 3,000 receipts, 3,000 tasks), none twice.
    expect(changes).toHaveLength(1 + 6 + 2 * GRIDS);
    expect([...changes].sort(byId)).toEqual([...rows].sort(byId));
    // In the order they were made: the directive, then level by level, each grid's task after its receipt.
    expect(changes[0]).toMatchObject({ kind: 'directive', instanceId: directiveId });
    const firstTask = changes.findIndex((c) => c.kind === 'task');
    expect(changes.slice(0, 7).map((c) => c.kind)).toEqual(['directive', 'receipt', 'receipt', 'receipt', 'receipt', 'receipt', 'receipt']);
    expect(changes[firstTask - 1]).toMatchObject({ kind: 'receipt', state: 'received' });
  });

  it('refuses a second directive with the same id, naming the field, and writes nothing', async () => {
    const before = await handle.db.select({ n: count() }).from(instances);
    const error = await refusal(
      s.engine.issueDirective(s.user('county-admin'), { id: directiveId, templateVersionId, issuingUnitId: s.unit('431224').id, title: '重复', body: '重复', requirements: [], deadline: new Date('2026-03-29T00:00:00Z') }),
    );
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).issues).toEqual([{ path: 'id', rule: 'unique', message: { zh: '该通知编号已被使用', en: 'a directive with this id exists already' } }]);
    expect(await handle.db.select({ n: count() }).from(instances)).toEqual(before);
  });
});
