import type { Server } from 'node:http';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tasks, type DbHandle } from '@cascade/db';
import { createTestDatabase, testBackends } from '@cascade/db/testing';
import { buildScenario, forwardToGrids, validReport, type Scenario } from '@cascade/engine/testing';
import { failure, signIn, type ApiClient } from './apiClient.testkit.js';
import { startTestServer, stopTestServer } from './testServer.testkit.js';

const HOUR = 3_600_000;
const GRIDS = ['431224001001001', '431224001001002', '431224001002001', '431224001002002'];

/** Day one: two grids report on time, one after 20:00, one not at all; day two: one grid reports. */
const DAY_ONE: Record<string, number> = { '431224001001001': 10, '431224001001002': 20, '431224001002001': 40 };
const DAY_TWO: Record<string, number> = { '431224001001001': 7 };

describe.each(testBackends())('roll-up catalog, trend, evaluation subjects and evidence, cases over HTTP on %s', (backend) => {
  let handle: DbHandle;
  let s: Scenario;
  let server: Server;
  let url: string;
  let directiveId: string;
  const as: Record<string, ApiClient> = {};
  const login = async (username: string) => (as[username] ??= await signIn(url, username, s.password));

  async function reportTask(code: string, periodKey: string): Promise<string> {
    const [row] = await s.db
      .select({ id: tasks.id })
      .from(tasks)
      .where(and(eq(tasks.directiveId, directiveId), eq(tasks.orgUnitId, s.unit(code).id), eq(tasks.kind, 'report'), eq(tasks.periodKey, periodKey)));
    if (!row) throw new Error(`no report task for ${code} in ${periodKey}`);
    return row.id;
  }
  const submit = async (code: string, periodKey: string, households: number) =>
    s.engine.submitReport(s.user(`grid-${code}`), { taskId: await reportTask(code, periodKey), data: { ...validReport, householdsScreened: households }, idempotencyKey: `${code}-${periodKey}` });

  beforeAll(async () => {
    handle = await createTestDatabase(backend);
    s = await buildScenario(handle.db);
    ({ server, url } = await startTestServer({ engine: s.engine, dbKind: handle.kind }));
    directiveId = await s.issue();
    await forwardToGrids(s, directiveId);
    // 09:00 Shanghai: two reports on time; then past the 20:00 due time one late report.
    await submit(GRIDS[0]!, '2026-03-22', DAY_ONE[GRIDS[0]!]!);
    await submit(GRIDS[1]!, '2026-03-22', DAY_ONE[GRIDS[1]!]!);
    s.clock.advance(12 * HOUR);
    await s.engine.fireDueTimers();
    await submit(GRIDS[2]!, '2026-03-22', DAY_ONE[GRIDS[2]!]!);
    // The next morning opens the next period.
    s.clock.advance(12 * HOUR);
    await s.engine.fireDueTimers();
    await submit(GRIDS[0]!, '2026-03-23', DAY_TWO[GRIDS[0]!]!);
  }, 120_000);
  afterAll(async () => {
    await stopTestServer(server);
    await handle?.close();
  });

  it('lists the report stages and the periods that exist, newest first, only within the reader’s subtree', async () => {
    const county = await login('county-admin');
    const catalog = await county.reports.catalog.query({ directiveId, unitId: s.unit('431224').id });
    expect(catalog).toHaveLength(1);
    expect(catalog[0]).toMatchObject({ stageId: 'daily-report', formKey: 'daily-epidemic-report', formVersion: 1, level: 'grid', period: 'daily', name: { zh: '每日疫情防控报告' } });
    expect(catalog[0]!.periods.map((p) => [p.periodKey, p.tasks])).toEqual([
      ['2026-03-23', 4],
      ['2026-03-22', 4],
    ]);
    // The other township never forwarded: nothing to roll up there.
    expect(await (await login('admin-431224002')).reports.catalog.query({ directiveId, unitId: s.unit('431224002').id })).toEqual([]);
    expect(await failure((await login('admin-431224002')).reports.catalog.query({ directiveId, unitId: s.unit('431224001').id }))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(await failure((await login(`grid-${GRIDS[0]}`)).reports.catalog.query({ directiveId, unitId: s.unit(GRIDS[0]!).id }))).toMatchObject({ status: 403 });
  });

  it('gives the trend per period with the same figures as the roll-up of each period', async () => {
    const county = await login('county-admin');
    const trend = await county.reports.trend.query({ directiveId, stageId: 'daily-report', unitId: s.unit('431224').id });
    expect(trend.fields.map((f) => f.key)).toContain('householdsScreened');
    expect(trend.points.map((p) => [p.periodKey, p.expected, p.received, p.late, p.missing])).toEqual([
      ['2026-03-22', 4, 3, 1, 1],
      ['2026-03-23', 4, 1, 0, 3],
    ]);
    const sum = (answers: Record<string, number>) => Object.values(answers).reduce((a, b) => a + b, 0);
    expect(trend.points.map((p) => p.aggregates.householdsScreened)).toEqual([sum(DAY_ONE), sum(DAY_TWO)]);
    for (const point of trend.points) {
      const rollup = await county.reports.rollup.query({ directiveId, stageId: 'daily-report', periodKey: point.periodKey, unitId: s.unit('431224').id });
      expect({ expected: rollup.expected, received: rollup.received, late: rollup.late, missing: rollup.missing, returned: rollup.returned, aggregates: rollup.aggregates }).toEqual({
        expected: point.expected,
        received: point.received,
        late: point.late,
        missing: point.missing,
        returned: point.returned,
        aggregates: point.aggregates,
      });
    }
    const drilled = await (await login('admin-431224001')).reports.rollup.query({ directiveId, stageId: 'daily-report', periodKey: '2026-03-22', unitId: s.unit('431224001002').id });
    // A township admin climbs back to its own township, not to the county above it.
    expect(drilled.ancestors.map((u) => u.name)).toEqual(['卢峰镇', '卢峰镇第2社区']);
    expect(drilled.children.map((c) => [c.code, c.level, c.received, c.late, c.missing])).toEqual([
      [GRIDS[2], 'grid', 1, 1, 0],
      [GRIDS[3], 'grid', 0, 0, 1],
    ]);
    const village = await county.reports.trend.query({ directiveId, stageId: 'daily-report', unitId: s.unit('431224001002').id });
    expect(village.points.map((p) => [p.periodKey, p.received, p.late, p.aggregates.householdsScreened])).toEqual([
      ['2026-03-22', 1, 1, 40],
      ['2026-03-23', 0, 0, null],
    ]);
    const unknownStage = await failure(county.reports.trend.query({ directiveId, stageId: 'no-such-report', unitId: s.unit('431224').id }));
    expect(unknownStage).toMatchObject({ status: 400 });
    expect(unknownStage.message).toContain('stageId');
    expect(await failure((await login('admin-431224002')).reports.trend.query({ directiveId, stageId: 'daily-report', unitId: s.unit('431224001').id }))).toMatchObject({ status: 403 });
  });

  it('names whom each level evaluates: townships for the county, villages that received it for a township', async () => {
    const county = await login('county-admin');
    const forCounty = await county.evaluations.subjects.query({ directiveId, evaluatorUnitId: s.unit('431224').id });
    expect(forCounty).toMatchObject({ subjectLevel: 'township', persons: true, outcomes: ['commend', 'satisfactory', 'criticise', 'accountable'], evidenceRequiredFor: ['criticise', 'accountable'] });
    expect(forCounty.units.map((u) => [u.code, u.receiptState])).toEqual([
      ['431224001', 'forwarded'],
      ['431224002', 'received'],
    ]);
    const township = await login('admin-431224001');
    const forTownship = await township.evaluations.subjects.query({ directiveId, evaluatorUnitId: s.unit('431224001').id });
    expect(forTownship.subjectLevel).toBe('village');
    expect(forTownship.units.map((u) => u.code)).toEqual(['431224001001', '431224001002']);
    // A village evaluates no one under this template (grids are not evaluated).
    const forVillage = await (await login('admin-431224001001')).evaluations.subjects.query({ directiveId, evaluatorUnitId: s.unit('431224001001').id });
    expect(forVillage).toMatchObject({ subjectLevel: null, units: [] });
    expect(await failure(township.evaluations.subjects.query({ directiveId, evaluatorUnitId: s.unit('431224002').id }))).toMatchObject({ status: 403 });
  });

  it('lists a unit’s tasks as evidence with state, lateness and latest answers, missed work first', async () => {
    const auditor = await login('county-auditor');
    const { tasks: evidence, forms } = await auditor.evaluations.evidence.query({ directiveId, unitId: s.unit('431224001002').id });
    expect(forms.map((f) => f.key).sort()).toEqual(['daily-epidemic-report', 'door-screening']);
    const reports = evidence.filter((t) => t.kind === 'report');
    expect(reports.map((t) => [t.unit.code, t.periodKey, t.state, t.late, t.latest?.data.householdsScreened ?? null])).toEqual([
      [GRIDS[2], '2026-03-23', 'open', false, null],
      [GRIDS[3], '2026-03-23', 'open', false, null],
      [GRIDS[3], '2026-03-22', 'overdue', true, null],
      [GRIDS[2], '2026-03-22', 'submitted', true, 40],
    ]);
    const missingUnit = await failure(auditor.evaluations.evidence.query({ directiveId }));
    expect(missingUnit).toMatchObject({ status: 400 });
    expect(missingUnit.message).toContain('unitId');
    expect(await failure((await login('admin-431224002')).evaluations.evidence.query({ directiveId, unitId: s.unit('431224001').id }))).toMatchObject({ status: 403 });
  });

  it('names the people assigned below as subjects, lists their units’ tasks as evidence, and records an evaluation of a person', async () => {
    const township = await login('admin-431224001');
    const cadre = s.user('admin-431224001002');
    await s.engine.assignPerson(s.user('admin-431224001'), { directiveId, userId: cadre, orgUnitId: s.unit(GRIDS[3]!).id });
    const { people } = await township.evaluations.subjects.query({ directiveId, evaluatorUnitId: s.unit('431224001').id });
    expect(people.map((p) => [p.userId, p.unitName])).toEqual([[cadre, s.unit(GRIDS[3]!).name]]);
    const { tasks: theirs } = await township.evaluations.evidence.query({ directiveId, userId: cadre });
    expect(new Set(theirs.map((t) => t.unit.code))).toEqual(new Set([GRIDS[3]]));
    expect(theirs.filter((t) => t.kind === 'report').map((t) => [t.periodKey, t.state])).toEqual([
      ['2026-03-23', 'open'],
      ['2026-03-22', 'overdue'],
    ]);
    const missed = theirs.find((t) => t.state === 'overdue')!;
    await township.evaluations.record.mutate({ directiveId, evaluatorUnitId: s.unit('431224001').id, subjectUserId: cadre, outcome: 'criticise', comment: '包保网格漏报', evidence: [{ kind: 'task', id: missed.id }] });
    const listed = (await township.evaluations.list.query({ directiveId })).filter((e) => e.evaluation.subjectUserId === cadre);
    expect(listed.map((e) => [e.subjectUserName, e.evaluation.outcome])).toEqual([['admin-431224001002', 'criticise']]);
    // Another township's admin reads nothing of it: the person's units lie outside its subtree.
    expect((await (await login('admin-431224002')).evaluations.evidence.query({ directiveId, userId: cadre })).tasks).toEqual([]);
  });

  it('shows each reader the evaluations and cases of their subtree, and offers only the commands the case’s state accepts', async () => {
    const county = await login('county-admin');
    const { tasks: evidence } = await county.evaluations.evidence.query({ directiveId, unitId: s.unit('431224001').id });
    const missed = evidence.find((t) => t.state === 'overdue')!;
    const lateOne = evidence.find((t) => t.state === 'submitted' && t.late)!;
    await county.evaluations.record.mutate({ directiveId, evaluatorUnitId: s.unit('431224').id, subjectUnitId: s.unit('431224002').id, outcome: 'satisfactory', comment: '已签收' });
    const { caseId } = await county.evaluations.record.mutate({
      directiveId,
      evaluatorUnitId: s.unit('431224').id,
      subjectUnitId: s.unit('431224001').id,
      outcome: 'accountable',
      comment: '网格漏报迟报',
      evidence: [
        { kind: 'task', id: missed.id },
        { kind: 'submission', id: lateOne.latest!.id },
      ],
    });
    const township = await login('admin-431224001');
    await township.evaluations.record.mutate({ directiveId, evaluatorUnitId: s.unit('431224001').id, subjectUnitId: s.unit('431224001002').id, outcome: 'criticise', comment: '报告迟交', evidence: [{ kind: 'submission', id: lateOne.latest!.id }] });

    const all = await county.evaluations.list.query({ directiveId });
    const units = all.filter((e) => e.evaluation.subjectUnitId !== null);
    expect(units.map((e) => [e.subjectUnitName, e.evaluation.outcome, e.evaluatorUnitName, e.evaluatedByName])).toEqual([
      ['桥江镇', 'satisfactory', '溆浦县', 'county-admin'],
      ['卢峰镇', 'accountable', '溆浦县', 'county-admin'],
      ['卢峰镇第2社区', 'criticise', '卢峰镇', 'admin-431224001'],
    ]);
    expect(all.filter((e) => e.evaluation.subjectUserId !== null).map((e) => e.evaluation.outcome)).toEqual(['criticise']);
    // The township sees what concerns it, not what the county said about its neighbour.
    expect((await township.evaluations.list.query({ directiveId })).map((e) => e.evaluation.outcome)).toEqual(['criticise', 'accountable', 'criticise']);
    expect(await failure((await login(`grid-${GRIDS[0]}`)).evaluations.list.query({ directiveId }))).toMatchObject({ status: 403 });
    expect(await (await login('admin-431224002')).cases.list.query({ directiveId })).toEqual([]);

    const [listed] = await county.cases.list.query({ directiveId });
    expect(listed).toMatchObject({ id: caseId, state: 'opened', unitName: '卢峰镇', acceptedEvents: ['INVESTIGATE'], evaluation: { outcome: 'accountable', comment: '网格漏报迟报' } });
    const steps: Array<[Parameters<typeof county.cases.advance.mutate>[0]['command'], string, string[]]> = [
      [{ type: 'INVESTIGATE' }, 'investigating', ['DECIDE']],
      [{ type: 'DECIDE', decision: 'sanction', finding: '落实不到位' }, 'decided', ['REQUIRE_RECTIFICATION']],
      [{ type: 'REQUIRE_RECTIFICATION', requirements: ['补齐台账'], dueAt: new Date(s.clock.now().getTime() + 72 * HOUR).toISOString() }, 'rectifying', ['CLOSE_CASE']],
      [{ type: 'CLOSE_CASE', summary: '整改到位' }, 'closed', []],
    ];
    for (const [command, state, next] of steps) {
      await county.cases.advance.mutate({ caseId: caseId!, command });
      expect(await county.cases.get.query({ caseId: caseId! })).toMatchObject({ state, acceptedEvents: next });
    }
    const history = await (await login('county-auditor')).audit.history.query({ instanceId: caseId! });
    expect(history.rows.map((r) => r.toState)).toEqual(['opened', 'investigating', 'decided', 'rectifying', 'closed']);
    expect(await failure((await login('admin-431224002')).cases.get.query({ caseId: caseId! }))).toMatchObject({ status: 403 });
  });
});
