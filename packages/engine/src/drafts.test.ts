import { count } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { history, queries, taskDrafts, type DbHandle } from '@cascade/db';
import { testBackends } from '@cascade/db/testing';
import { DRAFT_MAX_BYTES } from '@cascade/forms';
import { DomainError } from './errors.js';
import { forwardToGrids, historyRows, instanceRow, refusal, taskOf, validReport, type Scenario } from './testing/index.js';
import { withScenario } from './testing/withScenario.js';

function expectIssues(error: unknown, code: string, issues: Array<[string, string]>) {
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
  expect((error as DomainError).issues.map((i) => [i.path, i.rule])).toEqual(issues);
  for (const issue of (error as DomainError).issues) {
    expect(issue.message.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(issue.message.en).toMatch(/[a-z]/);
  }
}

describe.each(testBackends())('drafts and screening coverage on %s', (backend) => {
  let handle: DbHandle;
  let s: Scenario;
  withScenario(backend, (ready) => ({ handle, s } = ready));

  const GRID = '431224001001001';
  const issueToGrids = async () => {
    const directiveId = await s.issue();
    await forwardToGrids(s, directiveId, { villages: ['431224001001'] });
    return { report: await taskOf(s, directiveId, GRID, 'report'), screening: await taskOf(s, directiveId, GRID, 'screening') };
  };
  const draftRows = async () => (await handle.db.select({ n: count() }).from(taskDrafts))[0]?.n;
  const historyCount = async () => (await handle.db.select({ n: count() }).from(history))[0]?.n;

  it('keeps one draft per task on the server, incomplete and unchecked against the rules, the last save winning, without touching the history', async () => {
    const { report } = await issueToGrids();
    const worker = s.user(`grid-${GRID}`);
    const before = await historyCount();
    expect(await queries.getTaskDraft(handle.db, report)).toBeNull();

    const first = await s.engine.saveDraft(worker, { taskId: report, data: { householdsScreened: 12, reporterPhone: '1380' } });
    expect(first.savedAt.toISOString()).toBe(s.clock.now().toISOString());
    expect(await queries.getTaskDraft(handle.db, report)).toMatchObject({ data: { householdsScreened: 12, reporterPhone: '1380' }, savedBy: worker });

    s.clock.advance(60_000);
    await s.engine.saveDraft(worker, { taskId: report, data: { householdsScreened: 14, anomaly: true, anomalyNote: '3 号楼有人发热', feverCases: null } });
    const draft = await queries.getTaskDraft(handle.db, report);
    expect(draft?.data).toEqual({ householdsScreened: 14, anomaly: true, anomalyNote: '3 号楼有人发热', feverCases: null });
    expect(draft?.savedAt.toISOString()).toBe(s.clock.now().toISOString());
    expect(await draftRows()).toBe(1);
    expect(await historyCount()).toBe(before);
    expect((await instanceRow(s, report)).state).toBe('open');
  });

  it('refuses a draft with keys the form lacks, values of the wrong kind, or too large, naming each field, and keeps the saved one', async () => {
    const { report, screening } = await issueToGrids();
    const worker = s.user(`grid-${GRID}`);
    await s.engine.saveDraft(worker, { taskId: report, data: { householdsScreened: 5 } });

    expectIssues(await refusal(s.engine.saveDraft(worker, { taskId: report, data: { householdsScreened: '5', anomaly: 'no', secret: 1 } })), 'VALIDATION', [
      ['data.householdsScreened', 'type'],
      ['data.anomaly', 'type'],
      ['data.secret', 'unknown'],
    ]);
    expectIssues(await refusal(s.engine.saveDraft(worker, { taskId: report, data: { anomalyNote: 'x'.repeat(DRAFT_MAX_BYTES) } })), 'VALIDATION', [['data', 'size']]);
    expectIssues(await refusal(s.engine.saveDraft(worker, { taskId: report, data: ['not', 'an', 'object'] })), 'VALIDATION', [['data', 'type']]);
    expectIssues(await refusal(s.engine.saveDraft(worker, { taskId: screening, data: {} })), 'VALIDATION', [['taskId', 'kind']]);
    expect((await queries.getTaskDraft(handle.db, report))?.data).toEqual({ householdsScreened: 5 });
    expect((await refusal(s.engine.saveDraft(worker, { taskId: '00000000-0000-4000-8000-000000000000', data: {} })) as DomainError).code).toBe('NOT_FOUND');
  });

  it('submitting deletes the draft in the same transaction; a submitted task takes no draft until it is returned', async () => {
    const { report } = await issueToGrids();
    const worker = s.user(`grid-${GRID}`);
    await s.engine.saveDraft(worker, { taskId: report, data: { householdsScreened: 3 } });

    // A refused submission changes nothing, the draft included.
    await refusal(s.engine.submitReport(worker, { taskId: report, data: { ...validReport, reporterPhone: '12345' }, idempotencyKey: 'draft-bad' }));
    expect((await queries.getTaskDraft(handle.db, report))?.data).toEqual({ householdsScreened: 3 });

    await s.engine.submitReport(worker, { taskId: report, data: validReport, idempotencyKey: 'draft-ok-1' });
    expect(await queries.getTaskDraft(handle.db, report)).toBeNull();
    expectIssues(await refusal(s.engine.saveDraft(worker, { taskId: report, data: { householdsScreened: 4 } })), 'CONFLICT', [['taskId', 'state']]);
    expect(await queries.getTaskDraft(handle.db, report)).toBeNull();

    await s.engine.returnTask(s.user('admin-431224001001'), report, '人数有误');
    await s.engine.saveDraft(worker, { taskId: report, data: { ...validReport, personsScreened: 10 } });
    expect((await queries.getTaskDraft(handle.db, report))?.data).toMatchObject({ personsScreened: 10 });
    expect(await s.engine.discardDraft(worker, report)).toEqual({ discarded: true });
    expect(await s.engine.discardDraft(worker, report)).toEqual({ discarded: false });
    expect(await queries.getTaskDraft(handle.db, report)).toBeNull();
  });

  it('leaves no draft behind a submission, whatever saves race with it', async () => {
    const directiveId = await s.issue();
    await forwardToGrids(s, directiveId, { villages: ['431224001001'] });
    const grids = ['431224001001001', '431224001001002'];
    for (const grid of grids) {
      const report = await taskOf(s, directiveId, grid, 'report');
      const worker = s.user(`grid-${grid}`);
      const saves = Array.from({ length: 6 }, (_, i) => s.engine.saveDraft(worker, { taskId: report, data: { householdsScreened: i } }));
      const submitted = s.engine.submitReport(worker, { taskId: report, data: validReport, idempotencyKey: `race-${grid}` });
      const later = Array.from({ length: 6 }, (_, i) => s.engine.saveDraft(worker, { taskId: report, data: { householdsScreened: 10 + i } }));
      const results = await Promise.allSettled([...saves, submitted, ...later]);
      // Each save landed before the submission (and went with it) or was refused after it.
      for (const r of results) if (r.status === 'rejected') expectIssues(r.reason, 'CONFLICT', [['taskId', 'state']]);
      expect(results[saves.length]?.status).toBe('fulfilled');
      expect(await queries.getTaskDraft(handle.db, report)).toBeNull();
    }
  });

  it('refuses to complete a screening while households have no visit, naming how many, and completes once every one has', async () => {
    const { screening } = await issueToGrids();
    const worker = s.user(`grid-${GRID}`);
    const household = (n: number) => s.unit(`${GRID}000${n}`).id;
    await s.engine.recordVisit(worker, { taskId: screening, householdId: household(1), data: { visited: true, residents: 3 } });
    const events = (await historyRows(s, screening)).length;

    const partial = await refusal(s.engine.completeScreening(worker, screening));
    expectIssues(partial, 'CONFLICT', [['taskId', 'coverage']]);
    expect((partial as DomainError).issues[0]?.message.zh).toContain('尚有 2 户未登记走访(已走访 1/3 户)');
    expect((partial as DomainError).issues[0]?.message.en).toContain('2 households have no visit recorded yet (1/3 visited)');
    expect((await instanceRow(s, screening)).state).toBe('inProgress');
    expect(await historyRows(s, screening)).toHaveLength(events);

    // Nobody answering is a visit recorded, and counts.
    await s.engine.recordVisit(worker, { taskId: screening, householdId: household(2), data: { visited: false, note: '无人应门' } });
    await s.engine.recordVisit(worker, { taskId: screening, householdId: household(3), data: { visited: true, residents: 1 } });
    await s.engine.completeScreening(worker, screening);
    expect((await instanceRow(s, screening)).state).toBe('completed');
  });
});
