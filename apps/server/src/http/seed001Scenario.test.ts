import type { Server } from 'node:http';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directives, history, type DbHandle } from '@cascade/db';
import { createTestDatabase, testBackends } from '@cascade/db/testing';
import { aggregatedFields, dailyReportForm, type FormDefinition } from '@cascade/forms';
import { buildScenario, type Scenario } from '@cascade/engine/testing';
import { apiClient, failure, signIn, type ApiClient } from './apiClient.testkit.js';
import { startTestServer, stopTestServer } from './testServer.testkit.js';

/** Valid answers for any form: numbers derived from `n` so each grid reports different figures;
 * conditional fields are left hidden. */
function sampleAnswers(form: FormDefinition, n: number): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const field of form.fields) {
    if (field.visibleWhen) continue;
    switch (field.type) {
      case 'integer':
        data[field.key] = Math.min((field.min ?? 0) + n, field.max ?? Number.MAX_SAFE_INTEGER);
        break;
      case 'number':
        data[field.key] = Math.min((field.min ?? 0) + n / 2, field.max ?? Number.MAX_SAFE_INTEGER);
        break;
      case 'boolean':
        data[field.key] = false;
        break;
      case 'phone':
        data[field.key] = '13800138000';
        break;
      case 'idcard':
        data[field.key] = '11010519491231002X';
        break;
      case 'date':
        data[field.key] = '2026-03-22';
        break;
      case 'select':
        data[field.key] = field.options?.[0]?.value;
        break;
      case 'multiselect':
        data[field.key] = [field.options?.[0]?.value];
        break;
      default:
        data[field.key] = `${field.label.zh}情况正常`;
    }
  }
  return data;
}

const sumFields = aggregatedFields(dailyReportForm).filter((f) => f.aggregate === 'sum');
const firstIntegerField = dailyReportForm.fields.find((f) => f.type === 'integer' && f.required);

describe.each(testBackends())('the seed-001 chain end to end over HTTP on %s', (backend) => {
  let handle: DbHandle;
  let scenario: Scenario;
  let server: Server;
  let url: string;
  let directiveId: string;
  const as: Record<string, ApiClient> = {};
  const login = async (username: string) => (as[username] ??= await signIn(url, username, scenario.password));
  const unit = (code: string) => scenario.units[code]!;
  const townships = ['431224001', '431224002'];
  const villages = ['431224001001', '431224001002', '431224002001', '431224002002'];
  const grids = villages.flatMap((v) => [`${v}001`, `${v}002`]);
  const missingGrids = ['431224002002001', '431224002002002'];
  const reported: Record<string, Record<string, unknown>> = {};

  beforeAll(async () => {
    handle = await createTestDatabase(backend);
    scenario = await buildScenario(handle.db);
    ({ server, url } = await startTestServer({ engine: scenario.engine, dbKind: handle.kind }));
  });
  afterAll(async () => {
    await stopTestServer(server);
    await handle?.close();
  });

  it('serves /health without signing in, and nothing else', async () => {
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    const anonymous = await failure(apiClient(url).directives.list.query());
    expect(anonymous).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
    expect(await failure(apiClient(url).auth.login.mutate({ username: 'county-admin', password: 'wrong-password' }))).toMatchObject({ status: 403 });
  });

  it('refuses a bad directive with the field and rule named in both languages, and writes nothing', async () => {
    const admin = await login('county-admin');
    const [before] = await handle.db.select({ n: count() }).from(directives);
    const bad = await failure(
      admin.directives.issue.mutate({ templateVersionId: scenario.templates.screening, issuingUnitId: unit('431224').id, title: '', body: '正文', deadline: new Date(scenario.clock.now().getTime() + 86_400_000).toISOString() }),
    );
    expect(bad.status).toBe(400);
    expect(bad.issues).toContainEqual(expect.objectContaining({ path: 'title', rule: 'too_small' }));
    expect(bad.message).toMatch(/title/);
    expect(bad.message).toMatch(/[\u4e00-\u9fff]/);
    const past = await failure(
      admin.directives.issue.mutate({ templateVersionId: scenario.templates.screening, issuingUnitId: unit('431224').id, title: '通知', body: '正文', deadline: new Date(scenario.clock.now().getTime() - 1000).toISOString() }),
    );
    expect(past).toMatchObject({ status: 400, issues: [expect.objectContaining({ path: 'deadline', rule: 'future' })] });
    const [after] = await handle.db.select({ n: count() }).from(directives);
    expect(after?.n).toBe(before?.n);
  });

  it('the county admin issues the directive: every township receives it', async () => {
    const admin = await login('county-admin');
    const issued = await admin.directives.issue.mutate({
      templateVersionId: scenario.templates.screening,
      issuingUnitId: unit('431224').id,
      title: '关于在疫情防控中充分发挥全县各级党组织战斗堡垒作用和党员先锋模范作用的通知',
      body: '全面开展"敲门行动",确保排查"不漏一户、不漏一人"。',
      requirements: ['全覆盖排查到位', '一天一报告'],
      deadline: new Date(scenario.clock.now().getTime() + 7 * 86_400_000).toISOString(),
    });
    directiveId = issued.directiveId;
    const receipts = await admin.directives.receipts.query({ directiveId });
    expect(receipts.map((r) => [r.unit.code, r.state])).toEqual(townships.map((code) => [code, 'received']));
  });

  it('a township admin cannot act outside its township', async () => {
    const lufeng = await login('admin-431224001');
    const receipts = await (await login('county-admin')).directives.receipts.query({ directiveId });
    const other = receipts.find((r) => r.unit.code === '431224002')!;
    expect(await failure(lufeng.receipts.acknowledge.mutate({ receiptId: other.id }))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(await failure(lufeng.directives.issue.mutate({ templateVersionId: scenario.templates.screening, issuingUnitId: unit('431224').id, title: '越权', body: 'x', deadline: new Date(scenario.clock.now().getTime() + 86_400_000).toISOString() }))).toMatchObject({ status: 403 });
  });

  it('both townships acknowledge, amend with their own measures and forward; villages forward in turn', async () => {
    for (const [i, code] of townships.entries()) {
      const admin = await login(`admin-${code}`);
      const [mine] = (await admin.receipts.inbox.query()).filter((r) => r.directiveId === directiveId);
      await admin.receipts.acknowledge.mutate({ receiptId: mine!.id });
      const tighter = new Date(scenario.clock.now().getTime() + (5 - i) * 86_400_000).toISOString();
      await admin.receipts.amend.mutate({ receiptId: mine!.id, requirements: [`${unit(code).name}:卡口排查、测温验码`], deadline: tighter });
      const loosened = await failure(admin.receipts.amend.mutate({ receiptId: mine!.id, requirements: ['放宽'], deadline: new Date(scenario.clock.now().getTime() + 30 * 86_400_000).toISOString() }));
      expect(loosened).toMatchObject({ status: 400, issues: [expect.objectContaining({ path: 'deadline', rule: 'tightenOnly' })] });
      await admin.receipts.forward.mutate({ receiptId: mine!.id });
    }
    const county = await login('county-admin');
    const villageReceipts = (await county.directives.receipts.query({ directiveId })).filter((r) => r.unit.level === 'village');
    expect(villageReceipts.map((r) => r.unit.code)).toEqual(villages);
    const context = villageReceipts[0]!.snapshot as { context: { addedRequirements: string[] } };
    expect(context.context.addedRequirements).toEqual(['卢峰镇:卡口排查、测温验码']);
    for (const code of villages) {
      const admin = await login(`admin-${code}`);
      const [mine] = (await admin.receipts.inbox.query()).filter((r) => r.directiveId === directiveId);
      await admin.receipts.acknowledge.mutate({ receiptId: mine!.id });
      await admin.receipts.forward.mutate({ receiptId: mine!.id });
    }
    const gridReceipts = (await county.directives.receipts.query({ directiveId })).filter((r) => r.unit.level === 'grid');
    expect(gridReceipts).toHaveLength(grids.length);
    const detail = await county.directives.get.query({ id: directiveId });
    expect(detail.counts.find((c) => c.machine === 'receipt:grid')).toMatchObject({ state: 'received', n: grids.length });
  });

  it('a grid worker sees only the tasks of their own grid', async () => {
    const worker = await login(`grid-${grids[0]}`);
    const tasks = await worker.tasks.mine.query();
    expect(tasks.length).toBeGreaterThan(0);
    expect(new Set(tasks.map((t) => t.unit.code))).toEqual(new Set([grids[0]]));
    const neighbour = (await (await login(`grid-${grids[1]}`)).tasks.mine.query()).find((t) => t.kind === 'report')!;
    expect(await failure(worker.tasks.get.query({ id: neighbour.id }))).toMatchObject({ status: 403 });
    expect(await failure(worker.tasks.submit.mutate({ taskId: neighbour.id, data: sampleAnswers(dailyReportForm, 1), idempotencyKey: 'neighbour-0001' }))).toMatchObject({ status: 403 });
    expect(await failure(worker.tasks.submit.mutate({ taskId: '00000000-0000-4000-8000-000000000000', data: sampleAnswers(dailyReportForm, 1), idempotencyKey: 'nowhere-0001' }))).toMatchObject({ status: 404 });
  });

  it('grid staff submit daily reports; a bad one is refused naming the field; a retry is not duplicated', async () => {
    for (const [n, code] of grids.entries()) {
      if (missingGrids.includes(code)) continue;
      const worker = await login(`grid-${code}`);
      const task = (await worker.tasks.mine.query()).find((t) => t.kind === 'report' && t.directiveId === directiveId)!;
      expect(task.state).toBe('open');
      if (n === 0 && firstIntegerField) {
        const bad = await failure(worker.tasks.submit.mutate({ taskId: task.id, data: { ...sampleAnswers(dailyReportForm, 1), [firstIntegerField.key]: -5 }, idempotencyKey: `bad-${code}` }));
        expect(bad.status).toBe(400);
        expect(bad.issues).toContainEqual(expect.objectContaining({ path: `data.${firstIntegerField.key}`, rule: 'min' }));
        expect(bad.message).toContain(firstIntegerField.label.zh);
        expect(bad.message).toContain(firstIntegerField.label.en);
      }
      const data = sampleAnswers(dailyReportForm, n + 1);
      const first = await worker.tasks.submit.mutate({ taskId: task.id, data, idempotencyKey: `daily-${code}-1` });
      const retry = await worker.tasks.submit.mutate({ taskId: task.id, data, idempotencyKey: `daily-${code}-1` });
      expect(retry).toEqual({ ...first, duplicate: true });
      reported[code] = data;
    }
  });

  it('the village returns one report with a comment; the grid corrects and resubmits it', async () => {
    const code = grids[2]!;
    const village = await login(`admin-${code.slice(0, 12)}`);
    const task = (await village.tasks.mine.query({ directiveId })).find((t) => t.kind === 'report' && t.unit.code === code)!;
    expect(await failure((await login(`grid-${code}`)).tasks.return.mutate({ taskId: task.id, comment: '自己退回自己' }))).toMatchObject({ status: 403 });
    await village.tasks.return.mutate({ taskId: task.id, comment: '排查户数与网格台账不符,请核实后重报' });
    const worker = await login(`grid-${code}`);
    const returned = await worker.tasks.get.query({ id: task.id });
    expect(returned.state).toBe('returned');
    expect((returned.snapshot as { context: { lastComment: string } }).context.lastComment).toContain('请核实后重报');
    const corrected = sampleAnswers(dailyReportForm, 40);
    const again = await worker.tasks.submit.mutate({ taskId: task.id, data: corrected, idempotencyKey: `daily-${code}-2` });
    expect(again.attempt).toBe(2);
    reported[code] = corrected;
    await village.tasks.accept.mutate({ taskId: task.id });
  });

  it("the county's roll-up equals the sum of the grids' numbers and lists the missing grids", async () => {
    const county = await login('county-admin');
    const task = (await county.tasks.mine.query({ directiveId })).find((t) => t.kind === 'report')!;
    const rollup = await county.reports.rollup.query({ directiveId, stageId: 'daily-report', periodKey: task.periodKey, unitId: unit('431224').id });
    expect(rollup).toMatchObject({ expected: grids.length, received: grids.length - missingGrids.length, missing: missingGrids.length, returned: 0 });
    expect(sumFields.length).toBeGreaterThan(0);
    for (const field of sumFields) {
      const expected = Object.values(reported).reduce((sum, data) => sum + Number(data[field.key] ?? 0), 0);
      expect(rollup.aggregates[field.key]).toBe(expected);
    }
    expect(rollup.missingUnits.map((u) => u.code)).toEqual(missingGrids);
    expect(rollup.children.map((c) => [c.code, c.missing])).toEqual([
      ['431224001', 0],
      ['431224002', 2],
    ]);
    const childSums = rollup.children.reduce((sum, c) => sum + Number(c.aggregates[sumFields[0]!.key] ?? 0), 0);
    expect(childSums).toBe(rollup.aggregates[sumFields[0]!.key]);
  });

  it('the next day brings a new period pre-filled from yesterday, and the silent grid finds overdue notices in its inbox', async () => {
    // From 09:00 to 09:00 next day local: 20:00 passes (overdue) and midnight starts the next period.
    const yesterday = await login(`grid-${grids[0]}`);
    scenario.clock.advance(24 * 3_600_000);
    await scenario.engine.fireDueTimers();
    // Sessions last 12 hours on this (fake) clock: yesterday's has expired, so everyone signs in again.
    expect(await failure(yesterday.tasks.mine.query())).toMatchObject({ status: 401 });
    for (const username of Object.keys(as)) delete as[username];
    const code = grids[0]!;
    const worker = await login(`grid-${code}`);
    const today = (await worker.tasks.mine.query({ directiveId, state: ['open'] })).find((t) => t.kind === 'report')!;
    expect(today.periodKey).toBe('2026-03-23');
    const detail = await worker.tasks.get.query({ id: today.id });
    expect(detail.previous).toMatchObject({ periodKey: '2026-03-22', data: reported[code] });
    const changed = { ...(reported[code] as Record<string, unknown>), householdsScreened: 99 };
    await worker.tasks.submit.mutate({ taskId: today.id, data: changed, idempotencyKey: `daily-${code}-day2` });
    expect((await worker.tasks.get.query({ id: today.id })).changedFromPrevious).toEqual(['householdsScreened']);
    const silent = await login(`grid-${missingGrids[0]}`);
    const inbox = await silent.notifications.list.query();
    expect(inbox.map((n) => n.kind)).toEqual(expect.arrayContaining(['reportReminder', 'reportOverdue']));
    expect(await silent.notifications.unreadCount.query()).toBe(inbox.length);
    await silent.notifications.markRead.mutate({ ids: 'all' });
    expect(await silent.notifications.unreadCount.query()).toBe(0);
    expect(await worker.notifications.list.query()).not.toContainEqual(expect.objectContaining({ kind: 'reportOverdue' }));
  });

  it('the county evaluates its townships; accountability runs to a closed case', async () => {
    const county = await login('county-admin');
    const tasks = await county.tasks.mine.query({ directiveId });
    const missed = tasks.find((t) => t.kind === 'report' && t.unit.code === missingGrids[0])!;
    await county.evaluations.record.mutate({ directiveId, evaluatorUnitId: unit('431224').id, subjectUnitId: unit('431224001').id, outcome: 'commend', comment: '排查全覆盖,报告及时' });
    const noEvidence = await failure(county.evaluations.record.mutate({ directiveId, evaluatorUnitId: unit('431224').id, subjectUnitId: unit('431224002').id, outcome: 'accountable', comment: '漏报' }));
    expect(noEvidence).toMatchObject({ status: 400, issues: [expect.objectContaining({ path: 'evidence', rule: 'required' })] });
    const { caseId } = await county.evaluations.record.mutate({
      directiveId,
      evaluatorUnitId: unit('431224').id,
      subjectUnitId: unit('431224002').id,
      outcome: 'accountable',
      comment: '两个网格未按时报告,落实不到位',
      evidence: [{ kind: 'task', id: missed.id }],
    });
    expect(caseId).toBeTruthy();
    const township = await login('admin-431224002');
    expect(await failure(township.cases.advance.mutate({ caseId: caseId!, command: { type: 'INVESTIGATE' } }))).toMatchObject({ status: 403 });
    await county.cases.advance.mutate({ caseId: caseId!, command: { type: 'INVESTIGATE' } });
    const early = await failure(county.cases.advance.mutate({ caseId: caseId!, command: { type: 'CLOSE_CASE', summary: '跳过调查' } }));
    expect(early.status).toBe(409);
    expect(early.message).toContain('CLOSE_CASE');
    expect(early.message).toContain('investigating');
    await county.cases.advance.mutate({ caseId: caseId!, command: { type: 'DECIDE', decision: 'sanction', finding: '责任落实不到位' } });
    await county.cases.advance.mutate({ caseId: caseId!, command: { type: 'REQUIRE_RECTIFICATION', requirements: ['三日内补齐排查台账'], dueAt: new Date(scenario.clock.now().getTime() + 3 * 86_400_000).toISOString() } });
    await county.cases.advance.mutate({ caseId: caseId!, command: { type: 'CLOSE_CASE', summary: '已整改到位' } });
    const cases = await county.cases.list.query({ directiveId });
    expect(cases).toEqual([expect.objectContaining({ id: caseId, state: 'closed' })]);
    const evaluations = await county.evaluations.list.query({ directiveId });
    expect(evaluations.map((e) => e.evaluation.outcome)).toEqual(['commend', 'accountable']);
  });

  it('an auditor reads the history and verifies it, and cannot write', async () => {
    const auditor = await login('county-auditor');
    const cases = await auditor.cases.list.query({ directiveId });
    const caseHistory = await auditor.audit.history.query({ instanceId: cases[0]!.id });
    expect(caseHistory.rows.map((r) => r.toState)).toEqual(['opened', 'investigating', 'decided', 'rectifying', 'closed']);
    const verified = await auditor.audit.verify.mutate({ directiveId });
    expect(verified).toMatchObject({ ok: true, failures: [] });
    expect(verified.rows).toBeGreaterThan(30);
    const [rows] = await handle.db.select({ n: count() }).from(history);
    expect(verified.rows).toBeLessThanOrEqual(rows!.n);
    const receipt = (await auditor.directives.receipts.query({ directiveId }))[0]!;
    expect(await failure(auditor.receipts.acknowledge.mutate({ receiptId: receipt.id }))).toMatchObject({ status: 403 });
    expect(await failure(auditor.directives.close.mutate({ id: directiveId, reason: '审计无权关闭' }))).toMatchObject({ status: 403 });
    expect(await failure(auditor.evaluations.record.mutate({ directiveId, evaluatorUnitId: unit('431224').id, subjectUnitId: unit('431224001').id, outcome: 'commend', comment: 'x' }))).toMatchObject({ status: 403 });
  });

  it('streams changes over SSE while the directive is closed, closing all open work', async () => {
    const county = await login('county-admin');
    const received: string[] = [];
    const done = new Promise<void>((resolve, reject) => {
      const subscription = county.directives.onChange.subscribe(
        { directiveId },
        {
          onData: ({ data }) => {
            for (const change of data) received.push(`${change.kind}:${change.state}`);
            if (received.includes('directive:closed')) {
              subscription.unsubscribe();
              resolve();
            }
          },
          onError: reject,
        },
      );
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await county.directives.close.mutate({ id: directiveId, reason: '疫情防控阶段性工作结束' });
    await done;
    expect(received).toContain('task:closed');
    const open = await county.tasks.mine.query({ directiveId, state: ['open', 'returned', 'submitted', 'inProgress'] });
    expect(open).toEqual([]);
    const auditor = await login('county-auditor');
    expect(await auditor.audit.verify.mutate({ directiveId })).toMatchObject({ ok: true });
  });

  it('logout ends the session', async () => {
    const { token } = await apiClient(url).auth.login.mutate({ username: 'county-auditor', password: scenario.password });
    const client = apiClient(url, token);
    await client.auth.logout.mutate();
    expect(await failure(client.auth.me.query())).toMatchObject({ status: 401 });
  });
});

