import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { evaluations, history, householdVisits, instances, orgUnits, queries, submissions, tasks, type DbHandle } from '@cascade/db';
import { testBackends } from '@cascade/db/testing';
import { EventNotAllowedError, type ReportTaskContext } from '@cascade/workflow';
import { DomainError } from './errors.js';
import { forwardToGrids, historyRows, instanceRow, refusal, shanghaiDay, validReport, type Scenario } from './testing/index.js';
import { withScenario } from './testing/withScenario.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function expectValidation(error: unknown, paths: string[]) {
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe('VALIDATION');
  expect((error as DomainError).issues.map((i) => i.path).sort()).toEqual([...paths].sort());
}

describe.each(testBackends())('reports, visits and evaluations on %s', (backend) => {
  let handle: DbHandle;
  let s: Scenario;
  withScenario(backend, (ready) => ({ handle, s } = ready));

  type Work = { directiveId: string; report: Map<string, string>; screening: Map<string, string>; gridReceipts: Map<string, string> };

  /** A fresh directive forwarded down to the grids of the given villages (all under township 431224001). */
  const issueToGrids = async (villageCodes: string[] = ['431224001001']): Promise<Work> => {
    const directiveId = await s.issue();
    await forwardToGrids(s, directiveId, { villages: villageCodes });
    const rows = await handle.db
      .select({ id: tasks.id, kind: tasks.kind, code: orgUnits.code, parentId: instances.parentId })
      .from(tasks)
      .innerJoin(orgUnits, eq(orgUnits.id, tasks.orgUnitId))
      .innerJoin(instances, eq(instances.id, tasks.id))
      .where(eq(tasks.directiveId, directiveId));
    const work: Work = { directiveId, report: new Map(), screening: new Map(), gridReceipts: new Map() };
    for (const row of rows) {
      (row.kind === 'report' ? work.report : work.screening).set(row.code, row.id);
      work.gridReceipts.set(row.code, row.parentId as string);
    }
    return work;
  };
  const get = (map: Map<string, string>, code: string) => {
    const id = map.get(code);
    if (!id) throw new Error(`nothing for ${code}`);
    return id;
  };
  const submissionsOf = (taskId: string) => handle.db.select().from(submissions).where(eq(submissions.taskId, taskId)).orderBy(asc(submissions.attempt));
  const totals = async () => {
    const n = async (table: typeof history | typeof instances | typeof submissions | typeof householdVisits | typeof evaluations | typeof tasks) =>
      (await handle.db.select({ n: count() }).from(table))[0]?.n;
    return {
      history: await n(history),
      instances: await n(instances),
      submissions: await n(submissions),
      visits: await n(householdVisits),
      evaluations: await n(evaluations),
      tasks: await n(tasks),
    };
  };

  it('validates a report against its form, naming data.<field> paths, and writes nothing when it is wrong', async () => {
    const work = await issueToGrids();
    const taskId = get(work.report, '431224001001001');
    const before = await totals();
    const error = await refusal(
      s.engine.submitReport(s.user('grid-431224001001001'), {
        taskId,
        data: { householdsScreened: -1, personsScreened: 'many', returnees: 0, homeIsolation: 0, feverCases: 0, anomaly: true, reporterPhone: '12345' },
        idempotencyKey: 'bad-1',
      }),
    );
    expectValidation(error, ['data.householdsScreened', 'data.personsScreened', 'data.anomalyNote', 'data.reporterPhone']);
    expect(await totals()).toEqual(before);
    expect((await instanceRow(s, taskId)).state).toBe('open');
    expect(await submissionsOf(taskId)).toEqual([]);

    // An unknown field is refused too, by its own path.
    const extra = await refusal(s.engine.submitReport(s.user('grid-431224001001001'), { taskId, data: { ...validReport, secret: 1 }, idempotencyKey: 'bad-2' }));
    expect(extra).toBeInstanceOf(DomainError);
    expect((extra as DomainError).issues.every((i) => i.path.startsWith('data.'))).toBe(true);
    expect(await totals()).toEqual(before);
  });

  it('returns the first result for a retried submission with the same idempotency key and writes nothing more', async () => {
    const work = await issueToGrids();
    const taskId = get(work.report, '431224001001002');
    const actor = s.user('grid-431224001001002');
    const first = await s.engine.submitReport(actor, { taskId, data: validReport, idempotencyKey: 'phone-42' });
    expect(first).toMatchObject({ attempt: 1, duplicate: false });
    const after = await totals();
    const retry = await s.engine.submitReport(actor, { taskId, data: { ...validReport, feverCases: 5 }, idempotencyKey: 'phone-42' });
    expect(retry).toEqual({ submissionId: first.submissionId, attempt: 1, duplicate: true });
    expect(await totals()).toEqual(after);
    const stored = await submissionsOf(taskId);
    expect(stored.map((r) => [r.id, r.attempt, r.idempotencyKey])).toEqual([[first.submissionId, 1, 'phone-42']]);
    expect((stored[0]?.data as { feverCases: number }).feverCases).toBe(0);
    expect((await historyRows(s, taskId)).map((r) => r.eventType)).toEqual(['xstate.init', 'SUBMIT']);
  });

  it('runs a report through submit, return with a comment, resubmit as attempt 2, and accept', async () => {
    const work = await issueToGrids();
    const taskId = get(work.report, '431224001001001');
    const worker = s.user('grid-431224001001001');
    const villageAdmin = s.user('admin-431224001001');

    const notYet = await refusal(s.engine.acceptTask(villageAdmin, taskId));
    expect(notYet).toBeInstanceOf(EventNotAllowedError);
    expect(notYet).toMatchObject({ eventType: 'ACCEPT', state: 'open' });

    const first = await s.engine.submitReport(worker, { taskId, data: validReport, idempotencyKey: 'a1' });
    expect(first.attempt).toBe(1);
    expect((await instanceRow(s, taskId)).state).toBe('submitted');

    const noComment = await refusal(s.engine.returnTask(villageAdmin, taskId, '   '));
    expectValidation(noComment, ['comment']);
    expect((await instanceRow(s, taskId)).state).toBe('submitted');

    await s.engine.returnTask(villageAdmin, taskId, '  返回人员数与台账不符  ');
    const returned = await instanceRow(s, taskId);
    expect(returned.state).toBe('returned');
    expect((returned.snapshot.context as ReportTaskContext).lastComment).toBe('返回人员数与台账不符');

    const second = await s.engine.submitReport(worker, { taskId, data: { ...validReport, returnees: 2 }, idempotencyKey: 'a2' });
    expect(second).toMatchObject({ attempt: 2, duplicate: false });
    expect(second.submissionId).not.toBe(first.submissionId);
    expect((await instanceRow(s, taskId)).state).toBe('submitted');

    await s.engine.acceptTask(villageAdmin, taskId);
    const accepted = await instanceRow(s, taskId);
    expect(accepted.state).toBe('accepted');
    expect(accepted.snapshot.status).toBe('done');
    expect((accepted.snapshot.context as ReportTaskContext).attempts).toBe(2);
    expect((await submissionsOf(taskId)).map((r) => [r.id, r.attempt])).toEqual([
      [first.submissionId, 1],
      [second.submissionId, 2],
    ]);
    expect((await historyRows(s, taskId)).map((r) => [r.eventType, r.toState, r.actorId])).toEqual([
      ['xstate.init', 'open', s.user('admin-431224001001')],
      ['SUBMIT', 'submitted', worker],
      ['RETURN', 'returned', villageAdmin],
      ['SUBMIT', 'submitted', worker],
      ['ACCEPT', 'accepted', villageAdmin],
    ]);
    // Nothing more can be submitted once accepted.
    const late = await refusal(s.engine.submitReport(worker, { taskId, data: validReport, idempotencyKey: 'a3' }));
    expect(late).toMatchObject({ eventType: 'SUBMIT', state: 'accepted' });
    expect(await submissionsOf(taskId)).toHaveLength(2);
  });

  it("opens the next day's period once: one task per open grid, then nothing on a second call", async () => {
    const work = await issueToGrids(['431224001001', '431224001002']);
    const daily = async () =>
      handle.db
        .select({ orgUnitId: tasks.orgUnitId, periodKey: tasks.periodKey, dueAt: tasks.dueAt })
        .from(tasks)
        .where(and(eq(tasks.directiveId, work.directiveId), eq(tasks.stageId, 'daily-report')));
    const today = shanghaiDay(s.clock.now());
    expect((await daily()).map((t) => t.periodKey)).toEqual([today, today, today, today]);
    // A grid whose receipt is closed gets no new period.
    await s.engine.send(s.user('admin-431224001002'), get(work.gridReceipts, '431224001002002'), { type: 'CLOSE', reason: '并入相邻网格' });

    s.clock.advance(DAY);
    const tomorrow = shanghaiDay(s.clock.now());
    expect(tomorrow).not.toBe(today);
    const opened = await s.engine.openPeriod(null, work.directiveId, 'daily-report');
    expect(opened).toEqual({ created: 3, periodKey: tomorrow });
    const again = await s.engine.openPeriod(null, work.directiveId, 'daily-report');
    expect(again).toEqual({ created: 0, periodKey: tomorrow });

    const next = (await daily()).filter((t) => t.periodKey === tomorrow);
    expect(next).toHaveLength(3);
    expect(new Set(next.map((t) => t.orgUnitId))).toEqual(new Set(['431224001001001', '431224001001002', '431224001002001'].map((c) => s.unit(c).id)));
    for (const task of next) expect(task.dueAt.toISOString()).toBe(new Date(`${tomorrow}T20:00:00+08:00`).toISOString());
    // The screening task is once-only: not repeated by a new period.
    expect((await handle.db.select({ n: count() }).from(tasks).where(and(eq(tasks.directiveId, work.directiveId), eq(tasks.kind, 'screening'))))[0]?.n).toBe(4);

    const unknown = await refusal(s.engine.openPeriod(null, work.directiveId, 'weekly-nothing'));
    expectValidation(unknown, ['stageId']);
  });

  it('records household visits with coverage, replaces a revisit, and refuses a household outside the grid', async () => {
    const work = await issueToGrids();
    const taskId = get(work.screening, '431224001001001');
    const worker = s.user('grid-431224001001001');
    const grid = s.unit('431224001001001');
    const household = (n: number) => s.unit(`431224001001001000${n}`).id;
    const coverage = async () => (await queries.screeningChecklist(handle.db, taskId, grid.path)).coverage;

    expect(await coverage()).toEqual({ visited: 0, total: 3 });
    await s.engine.recordVisit(worker, { taskId, householdId: household(1), data: { visited: true, residents: 4, returnees: 1 } });
    expect((await instanceRow(s, taskId)).state).toBe('inProgress');
    await s.engine.recordVisit(worker, { taskId, householdId: household(2), data: { visited: false, note: '无人应门' } });
    expect(await coverage()).toEqual({ visited: 2, total: 3 });

    // Visiting again replaces the answers, and is still an event of its own.
    await s.engine.recordVisit(worker, { taskId, householdId: household(2), data: { visited: true, residents: 2 } });
    expect(await coverage()).toEqual({ visited: 2, total: 3 });
    const [revisited] = await handle.db.select().from(householdVisits).where(and(eq(householdVisits.taskId, taskId), eq(householdVisits.householdId, household(2))));
    expect(revisited?.data).toEqual({ visited: true, residents: 2 });

    const before = await totals();
    const outside = await refusal(s.engine.recordVisit(worker, { taskId, householdId: s.unit('4312240010010020001').id, data: { visited: true } }));
    expectValidation(outside, ['householdId']);
    const notHousehold = await refusal(s.engine.recordVisit(worker, { taskId, householdId: grid.id, data: { visited: true } }));
    expectValidation(notHousehold, ['householdId']);
    const badAnswers = await refusal(s.engine.recordVisit(worker, { taskId, householdId: household(3), data: { visited: 'yes', residents: 99 } }));
    expectValidation(badAnswers, ['data.visited', 'data.residents']);
    const notReport = await refusal(s.engine.submitReport(worker, { taskId, data: validReport, idempotencyKey: 'x' }));
    expectValidation(notReport, ['taskId']);
    expect(await totals()).toEqual(before);

    await s.engine.recordVisit(worker, { taskId, householdId: household(3), data: { visited: true, residents: 3 } });
    expect(await coverage()).toEqual({ visited: 3, total: 3 });
    await s.engine.completeScreening(worker, taskId);
    expect((await instanceRow(s, taskId)).state).toBe('completed');
    expect((await historyRows(s, taskId)).map((r) => r.eventType)).toEqual(['xstate.init', 'VISIT', 'VISIT', 'VISIT', 'VISIT', 'COMPLETE']);

    const afterDone = await totals();
    const late = await refusal(s.engine.recordVisit(worker, { taskId, householdId: household(1), data: { visited: true } }));
    expect(late).toMatchObject({ eventType: 'VISIT', state: 'completed' });
    expect(await totals()).toEqual(afterDone);
  });

  it('an accountable evaluation opens a case that runs opened → investigating → decided → rectifying → closed', async () => {
    const work = await issueToGrids();
    const taskId = get(work.report, '431224001001002');
    const { submissionId } = await s.engine.submitReport(s.user('grid-431224001001002'), { taskId, data: { ...validReport, feverCases: 2 }, idempotencyKey: 'ev' });
    const evaluator = s.user('admin-431224001');
    const base = { directiveId: work.directiveId, evaluatorUnitId: s.unit('431224001').id, subjectUnitId: s.unit('431224001001').id, comment: '发热人员未及时上报' };

    const before = await totals();
    expectValidation(await refusal(s.engine.evaluate(evaluator, { ...base, outcome: 'accountable', evidence: [] })), ['evidence']);
    expectValidation(
      await refusal(s.engine.evaluate(s.user('county-admin'), { ...base, evaluatorUnitId: s.unit('431224').id, outcome: 'satisfactory', evidence: [] })),
      ['evaluatorUnitId'],
    );
    expect(await totals()).toEqual(before);

    const fine = await s.engine.evaluate(evaluator, { ...base, subjectUnitId: s.unit('431224001002').id, outcome: 'satisfactory', comment: '按时报告', evidence: [] });
    expect(fine.caseId).toBeNull();

    const evidence = [
      { kind: 'task' as const, id: taskId },
      { kind: 'submission' as const, id: submissionId },
    ];
    const { evaluationId, caseId } = await s.engine.evaluate(evaluator, { ...base, outcome: 'accountable', evidence });
    if (!caseId) throw new Error('an accountable evaluation must open a case');
    expect((await instanceRow(s, evaluationId)).state).toBe('recorded');
    const opened = await instanceRow(s, caseId);
    expect(opened).toMatchObject({ kind: 'case', state: 'opened', parentId: evaluationId, orgUnitId: s.unit('431224001001').id, directiveId: work.directiveId });
    const [row] = await handle.db.select().from(evaluations).where(eq(evaluations.id, evaluationId));
    expect(row).toMatchObject({ outcome: 'accountable', caseId, subjectUnitId: s.unit('431224001001').id, evaluatorUnitId: s.unit('431224001').id, evidence });

    const county = s.user('county-admin');
    await s.engine.advanceCase(county, caseId, { type: 'INVESTIGATE' });
    await s.engine.advanceCase(county, caseId, { type: 'DECIDE', decision: 'sanction', finding: '瞒报' });
    // A sanction may not close without rectification.
    const early = await refusal(s.engine.advanceCase(county, caseId, { type: 'CLOSE_CASE', summary: '结案' }));
    expect(early).toMatchObject({ eventType: 'CLOSE_CASE', state: 'decided' });
    await s.engine.advanceCase(county, caseId, { type: 'REQUIRE_RECTIFICATION', requirements: ['补报台账'], dueAt: new Date(s.clock.now().getTime() + 3 * DAY).toISOString() });
    await s.engine.advanceCase(county, caseId, { type: 'CLOSE_CASE', summary: '已整改' });

    const closed = await instanceRow(s, caseId);
    expect(closed.state).toBe('closed');
    expect(closed.snapshot.status).toBe('done');
    expect((await historyRows(s, caseId)).map((r) => [r.eventType, r.fromState, r.toState])).toEqual([
      ['xstate.init', null, 'opened'],
      ['INVESTIGATE', 'opened', 'investigating'],
      ['DECIDE', 'investigating', 'decided'],
      ['REQUIRE_RECTIFICATION', 'decided', 'rectifying'],
      ['CLOSE_CASE', 'rectifying', 'closed'],
    ]);
    // A case is advanced only through advanceCase on a case.
    expect(await refusal(s.engine.advanceCase(county, evaluationId, { type: 'INVESTIGATE' }))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses evidence that belongs to another directive and writes nothing', async () => {
    const mine = await issueToGrids();
    const other = await issueToGrids();
    const ownTask = get(mine.report, '431224001001001');
    const foreignTask = get(other.report, '431224001001001');
    const { submissionId: foreignSubmission } = await s.engine.submitReport(s.user('grid-431224001001001'), {
      taskId: foreignTask,
      data: validReport,
      idempotencyKey: 'foreign',
    });
    const base = {
      directiveId: mine.directiveId,
      evaluatorUnitId: s.unit('431224001').id,
      subjectUnitId: s.unit('431224001001').id,
      outcome: 'accountable' as const,
      comment: '证据不足',
    };
    const before = await totals();
    expectValidation(
      await refusal(s.engine.evaluate(s.user('admin-431224001'), { ...base, evidence: [{ kind: 'task', id: ownTask }, { kind: 'task', id: foreignTask }] })),
      ['evidence.1'],
    );
    expectValidation(await refusal(s.engine.evaluate(s.user('admin-431224001'), { ...base, evidence: [{ kind: 'submission', id: foreignSubmission }] })), ['evidence.0']);
    expect(await totals()).toEqual(before);
    const cases = await handle.db
      .select({ n: count() })
      .from(instances)
      .where(and(inArray(instances.directiveId, [mine.directiveId]), inArray(instances.kind, ['evaluation', 'case'])));
    expect(cases[0]?.n).toBe(0);
  });
});
