import { and, count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { directives, history, householdVisits, instances, orgUnits, submissions, tasks, templateVersions, type DbHandle } from '@cascade/db';
import { testBackends } from '@cascade/db/testing';
import { EventNotAllowedError, templateDefinitionSchema } from '@cascade/workflow';
import { DomainError } from './errors.js';
import { forwardToGrids, historyRows, instanceRow, receiptOf, refusal, taskOf, validReport, type Scenario } from './testing/index.js';
import { withScenario } from './testing/withScenario.js';

const DAY = 86_400_000;

describe.each(testBackends())('concurrent commands and all-or-nothing transactions on %s', (backend) => {
  let handle: DbHandle;
  let s: Scenario;
  withScenario(backend, (ready) => ({ handle, s } = ready));

  const totals = async () => {
    const n = async (table: typeof history | typeof instances | typeof directives | typeof tasks | typeof submissions) => (await handle.db.select({ n: count() }).from(table))[0]?.n;
    return { directives: await n(directives), instances: await n(instances), history: await n(history), tasks: await n(tasks), submissions: await n(submissions) };
  };

  it('loses none of 20 concurrent visits to one screening task: version 21, history seq 1..21', async () => {
    const directiveId = await s.issue();
    await forwardToGrids(s, directiveId);
    const grid = '431224001001001';
    const taskId = await taskOf(s, directiveId, grid, 'screening');
    const households = [1, 2, 3].map((h) => s.unit(`${grid}000${h}`).id);
    const N = 20;

    const results = await Promise.allSettled(
      Array.from({ length: N }, (_, i) =>
        s.engine.recordVisit(s.user(`grid-${grid}`), { taskId, householdId: households[i % 3] as string, data: { visited: true, residents: i } }),
      ),
    );
    const failed = results.filter((r) => r.status === 'rejected');
    expect(failed.map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);

    const task = await instanceRow(s, taskId);
    expect(task.version).toBe(1 + N);
    expect(task.state).toBe('inProgress');
    const rows = await historyRows(s, taskId);
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: N + 1 }, (_, i) => i + 1));
    expect(rows.filter((r) => r.eventType === 'VISIT')).toHaveLength(N);
    // Every visit's answers are in the history exactly once.
    expect(rows.flatMap((r) => (r.eventType === 'VISIT' ? [(r.payload as { data: { residents: number } }).data.residents] : [])).sort((a, b) => a - b)).toEqual(
      Array.from({ length: N }, (_, i) => i),
    );
    // Each row chains to the one before it.
    for (let i = 1; i < rows.length; i++) expect(rows[i]?.prevHash).toBe(rows[i - 1]?.hash);
    const visits = await handle.db.select().from(householdVisits).where(eq(householdVisits.taskId, taskId));
    expect(visits).toHaveLength(3);
    // The stored answers of each household are those of its last VISIT in history order.
    for (const visit of visits) {
      const last = rows.filter((r) => r.eventType === 'VISIT' && (r.payload as { householdId: string }).householdId === visit.householdId).at(-1);
      expect(visit.data).toEqual((last?.payload as { data: unknown }).data);
    }
    const audit = await s.engine.verifyAudit({ directiveId });
    expect(audit.failures).toEqual([]);
  });

  it('applies one of 8 concurrent acknowledgements and refuses the rest as not allowed', async () => {
    const directiveId = await s.issue();
    const receiptId = await receiptOf(s, directiveId, '431224002');
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => s.engine.acknowledge(s.user('admin-431224002'), receiptId)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((x): x is PromiseRejectedResult => x.status === 'rejected')) {
      expect(r.reason).toBeInstanceOf(EventNotAllowedError);
      expect(r.reason).toMatchObject({ eventType: 'ACKNOWLEDGE', state: 'acknowledged' });
    }
    expect((await instanceRow(s, receiptId)).version).toBe(2);
    expect((await historyRows(s, receiptId)).map((r) => [r.seq, r.eventType])).toEqual([
      [1, 'xstate.init'],
      [2, 'ACKNOWLEDGE'],
    ]);
  });

  it('records one submission per task for 8 concurrent retries with the same idempotency key, on 4 tasks at once', async () => {
    const directiveId = await s.issue();
    await forwardToGrids(s, directiveId);
    const grids = ['431224001001001', '431224001001002', '431224001002001', '431224001002002'];
    const taskIds = await Promise.all(grids.map((code) => taskOf(s, directiveId, code, 'report')));
    const results = await Promise.allSettled(
      grids.flatMap((code, g) =>
        Array.from({ length: 8 }, () => s.engine.submitReport(s.user(`grid-${code}`), { taskId: taskIds[g] as string, data: validReport, idempotencyKey: `flaky-network-${code}` })),
      ),
    );
    // A raced retry must get the first result back, never an error.
    expect(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
    for (const [g, taskId] of taskIds.entries()) {
      const own = results.slice(g * 8, g * 8 + 8).map((r) => (r as PromiseFulfilledResult<{ submissionId: string; attempt: number; duplicate: boolean }>).value);
      expect(new Set(own.map((r) => r.submissionId)).size).toBe(1);
      expect(own.filter((r) => !r.duplicate)).toHaveLength(1);
      expect(own.every((r) => r.attempt === 1)).toBe(true);
      const stored = await handle.db.select().from(submissions).where(eq(submissions.taskId, taskId));
      expect(stored.map((r) => r.id)).toEqual([own[0]?.submissionId]);
      expect((await historyRows(s, taskId)).map((r) => r.eventType)).toEqual(['xstate.init', 'SUBMIT']);
      expect((await instanceRow(s, taskId)).version).toBe(2);
    }
  });

  it('creates exactly one task per grid when the next period is opened by 5 callers at once', async () => {
    const directiveId = await s.issue();
    await forwardToGrids(s, directiveId);
    s.clock.advance(DAY);
    try {
      const results = await Promise.allSettled(Array.from({ length: 5 }, () => s.engine.openPeriod(null, directiveId, 'daily-report')));
      expect(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
      const created = results.map((r) => (r as PromiseFulfilledResult<{ created: number; periodKey: string }>).value);
      expect(created.reduce((sum, r) => sum + r.created, 0)).toBe(4);
      const periodKey = created[0]?.periodKey as string;
      const rows = await handle.db
        .select({ code: orgUnits.code, n: count() })
        .from(tasks)
        .innerJoin(orgUnits, eq(orgUnits.id, tasks.orgUnitId))
        .where(and(eq(tasks.directiveId, directiveId), eq(tasks.stageId, 'daily-report'), eq(tasks.periodKey, periodKey)))
        .groupBy(orgUnits.code)
        .orderBy(orgUnits.code);
      expect(rows).toEqual(['431224001001001', '431224001001002', '431224001002001', '431224001002002'].map((code) => ({ code, n: 1 })));
      expect((await s.engine.verifyAudit({ directiveId })).failures).toEqual([]);
    } finally {
      s.clock.advance(-DAY);
    }
  });

  it('leaves no row behind when issuing fails halfway down the chain', async () => {
    // A published template whose township report names a form that was never published. Template
    // validation would refuse it, so it is written straight into the table, as an older or
    // hand-edited database might hold it.
    const definition = templateDefinitionSchema.parse({
      key: 'ghost-form-template',
      name: { zh: '缺表模板', en: 'Template with a missing form' },
      chain: ['county', 'township'],
      stages: {
        issue: { levels: { township: {} } },
        report: [{ id: 'ghost', name: { zh: '缺表', en: 'Ghost' }, form: { key: 'ghost-form', version: 1 }, level: 'township', period: 'daily', dueTime: '20:00' }],
      },
    });
    const [template] = await handle.db
      .insert(templateVersions)
      .values({ key: definition.key, version: 1, ownerUnitId: s.unit('431224').id, definition, createdBy: s.user('county-admin'), publishedAt: s.clock.now() })
      .returning({ id: templateVersions.id });
    const before = await totals();
    const error = await refusal(
      s.engine.issueDirective(s.user('county-admin'), {
        templateVersionId: template?.id as string,
        issuingUnitId: s.unit('431224').id,
        title: '缺表',
        body: '',
        requirements: [],
        deadline: new Date(s.clock.now().getTime() + DAY),
      }),
    );
    // The directive row, its instance and both township receipts were written before the task failed.
    expect(String(error)).toMatch(/ghost-form.*not published/);
    expect(await totals()).toEqual(before);
    expect(await handle.db.select().from(directives).where(eq(directives.templateVersionId, template?.id as string))).toEqual([]);
    expect(await handle.db.select().from(instances).where(eq(instances.templateVersionId, template?.id as string))).toEqual([]);
  });

  it('leaves the receipt untouched when an amendment names a valid form and then an unknown one', async () => {
    const directiveId = await s.issue();
    const receiptId = await receiptOf(s, directiveId, '431224001');
    await s.engine.acknowledge(s.user('admin-431224001'), receiptId);
    const before = await totals();
    const receipt = await instanceRow(s, receiptId);
    const error = await refusal(
      s.engine.amend(s.user('admin-431224001'), receiptId, {
        requirements: ['加报'],
        forms: [
          { key: 'cadre-mobilisation', version: 1 },
          { key: 'cadre-mobilisation', version: 9 },
        ],
      }),
    );
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).issues.map((i) => i.path)).toEqual(['forms.1']);
    expect(await totals()).toEqual(before);
    expect(await instanceRow(s, receiptId)).toEqual(receipt);
  });
});
