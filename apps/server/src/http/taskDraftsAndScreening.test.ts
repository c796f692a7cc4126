import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@cascade/db';
import { createTestDatabase, testBackends } from '@cascade/db/testing';
import { buildScenario, forwardToGrids, taskOf, validReport, type Scenario } from '@cascade/engine/testing';
import { failure, signIn, type ApiClient } from './apiClient.testkit.js';
import { startTestServer, stopTestServer } from './testServer.testkit.js';

const GRID = '431224001001001';

describe.each(testBackends())('drafts and door-to-door screening over HTTP on %s', (backend) => {
  let handle: DbHandle;
  let scenario: Scenario;
  let server: Server;
  let url: string;
  let report: string;
  let screening: string;
  let neighbourTask: string;
  const as: Record<string, ApiClient> = {};
  const login = async (username: string) => (as[username] ??= await signIn(url, username, scenario.password));

  beforeAll(async () => {
    handle = await createTestDatabase(backend);
    scenario = await buildScenario(handle.db);
    ({ server, url } = await startTestServer({ engine: scenario.engine, dbKind: handle.kind }));
    const directiveId = await scenario.issue();
    await forwardToGrids(scenario, directiveId, { villages: ['431224001001'] });
    report = await taskOf(scenario, directiveId, GRID, 'report');
    screening = await taskOf(scenario, directiveId, GRID, 'screening');
    neighbourTask = await taskOf(scenario, directiveId, '431224001001002', 'report');
  });
  afterAll(async () => {
    await stopTestServer(server);
    await handle?.close();
  });

  it('a worker saves a draft that tasks.get returns on any device, until the report is submitted', async () => {
    const worker = await login(`grid-${GRID}`);
    expect((await worker.tasks.get.query({ id: report })).draft).toBeNull();
    const { savedAt } = await worker.tasks.saveDraft.mutate({ taskId: report, data: { householdsScreened: 21, reporterPhone: '1380013' } });
    expect(new Date(savedAt).toISOString()).toBe(scenario.clock.now().toISOString());

    // Another session of the same worker (another phone) finds it.
    const otherDevice = await signIn(url, `grid-${GRID}`, scenario.password);
    const detail = await otherDevice.tasks.get.query({ id: report });
    expect(detail.draft).toMatchObject({ data: { householdsScreened: 21, reporterPhone: '1380013' } });
    expect(detail.assignedToMe).toBe(false);

    await otherDevice.tasks.submit.mutate({ taskId: report, data: validReport, idempotencyKey: 'http-draft-1' });
    expect((await worker.tasks.get.query({ id: report })).draft).toBeNull();
    const late = await failure(worker.tasks.saveDraft.mutate({ taskId: report, data: { householdsScreened: 1 } }));
    expect(late).toMatchObject({ status: 409, issues: [expect.objectContaining({ path: 'taskId', rule: 'state' })] });
    expect(late.message).toMatch(/不能再保存草稿/);
  });

  it('refuses a bad draft with 400 naming each field in both languages, and a draft from anyone but the grid’s worker', async () => {
    const worker = await login(`grid-${GRID}`);
    expect(await failure(worker.tasks.saveDraft.mutate({ taskId: neighbourTask, data: {} }))).toMatchObject({ status: 403 });
    const neighbour = await login('grid-431224001001002');
    const wrong = await failure(neighbour.tasks.saveDraft.mutate({ taskId: neighbourTask, data: { householdsScreened: 'many', nothing: 1 } }));
    expect(wrong.status).toBe(400);
    expect(wrong.issues.map((i) => [i.path, i.rule])).toEqual([
      ['data.householdsScreened', 'type'],
      ['data.nothing', 'unknown'],
    ]);
    expect(wrong.message).toContain('今日排查户数');
    expect(wrong.message).toContain('Households screened today');
    expect((await neighbour.tasks.get.query({ id: neighbourTask })).draft).toBeNull();
    // The level above reviews; it does not fill in the grid's report.
    expect(await failure((await login('admin-431224001001')).tasks.saveDraft.mutate({ taskId: neighbourTask, data: {} }))).toMatchObject({ status: 403 });
    expect(await failure((await login('county-auditor')).tasks.discardDraft.mutate({ taskId: neighbourTask }))).toMatchObject({ status: 403 });
  });

  it('takes a report only from the grid’s worker or a person assigned to the grid, and a refused one writes nothing', async () => {
    const worker = await login(`grid-${GRID}`);
    const refused = await failure(worker.tasks.submit.mutate({ taskId: neighbourTask, data: validReport, idempotencyKey: 'not-my-grid' }));
    expect(refused).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    const neighbour = await login('grid-431224001001002');
    expect((await neighbour.tasks.get.query({ id: neighbourTask })).submissions).toEqual([]);
    expect(await failure(worker.tasks.submit.mutate({ taskId: '00000000-0000-4000-8000-000000000000', data: validReport, idempotencyKey: 'no-such-task' }))).toMatchObject({ status: 404 });

    // Assigned to the neighbour grid for this directive, the same worker may report for it.
    const { directiveId } = await neighbour.tasks.get.query({ id: neighbourTask });
    await scenario.engine.assignPerson(scenario.user('admin-431224001001'), { directiveId, userId: scenario.user(`grid-${GRID}`), orgUnitId: scenario.unit('431224001001002').id });
    const accepted = await worker.tasks.submit.mutate({ taskId: neighbourTask, data: validReport, idempotencyKey: 'assigned-to-it' });
    expect(accepted).toMatchObject({ attempt: 1, duplicate: false });
    expect((await neighbour.tasks.get.query({ id: neighbourTask })).submissions.map((x) => x.id)).toEqual([accepted.submissionId]);
  });

  it('returns the household checklist with coverage, and completes the screening only when every household has a visit', async () => {
    const worker = await login(`grid-${GRID}`);
    const before = await worker.tasks.get.query({ id: screening });
    expect(before.checklist?.coverage).toEqual({ visited: 0, total: 3 });
    const [first, second, third] = before.checklist!.households;
    await worker.tasks.visit.mutate({ taskId: screening, householdId: first!.id, data: { visited: true, residents: 4 } });
    const refusedVisit = await failure(worker.tasks.visit.mutate({ taskId: screening, householdId: second!.id, data: { residents: 4 } }));
    expect(refusedVisit).toMatchObject({ status: 400, issues: [expect.objectContaining({ path: 'data.visited', rule: 'required' })] });
    expect(await failure((await login('county-auditor')).tasks.visit.mutate({ taskId: screening, householdId: second!.id, data: { visited: true } }))).toMatchObject({ status: 403 });

    const partial = await failure(worker.tasks.completeScreening.mutate({ taskId: screening }));
    expect(partial).toMatchObject({ status: 409, issues: [expect.objectContaining({ path: 'taskId', rule: 'coverage' })] });
    expect(partial.message).toContain('已走访 1/3 户');
    expect((await worker.tasks.get.query({ id: screening })).state).toBe('inProgress');

    await worker.tasks.visit.mutate({ taskId: screening, householdId: second!.id, data: { visited: false, note: '无人应门' } });
    await worker.tasks.visit.mutate({ taskId: screening, householdId: third!.id, data: { visited: true, residents: 2 } });
    const covered = await worker.tasks.get.query({ id: screening });
    expect(covered.checklist?.coverage).toEqual({ visited: 3, total: 3 });
    expect(covered.checklist?.households.find((h) => h.id === second!.id)?.data).toEqual({ visited: false, note: '无人应门' });
    await worker.tasks.completeScreening.mutate({ taskId: screening });
    expect((await worker.tasks.get.query({ id: screening })).state).toBe('completed');
  });
});
