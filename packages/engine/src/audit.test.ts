import { count, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { history, instances, queries, type DbHandle } from '@cascade/db';
import { testBackends } from '@cascade/db/testing';
import { hashHistoryRow } from './history/hashHistoryRow.js';
import { receiptOf, taskOf, validReport, type Scenario } from './testing/index.js';
import { withScenario } from './testing/withScenario.js';

const DAY = 86_400_000;

describe.each(testBackends())('the audit of history on %s', (backend) => {
  let handle: DbHandle;
  let s: Scenario;
  let fullRun: string;
  withScenario(backend, (ready) => ({ handle, s } = ready));

  const issue = () => s.issue({ requirements: ['不漏一户'] });
  /** Stored rows as the audit reads them, with `at` as an ISO string. */
  const historyOf = (instanceId: string) => queries.listHistory(handle.db, instanceId);
  /** Tampering needs the append-only trigger out of the way, as someone with owner rights could do. */
  const tamper = async (statements: () => Promise<unknown>) => {
    await handle.db.execute(sql`ALTER TABLE history DISABLE TRIGGER history_append_only`);
    try {
      await statements();
    } finally {
      await handle.db.execute(sql`ALTER TABLE history ENABLE TRIGGER history_append_only`);
    }
  };
  /** A directive with a township that acknowledged and forwarded: its receipt has three rows. */
  const forwardedTownship = async () => {
    const directiveId = await issue();
    const receiptId = await receiptOf(s, directiveId, '431224001');
    await s.engine.acknowledge(s.user('admin-431224001'), receiptId);
    await s.engine.forward(s.user('admin-431224001'), receiptId);
    return { directiveId, receiptId };
  };

  beforeAll(async () => {
    // A full run: issue, amend, forward to the grids, reports with a return, visits, an evaluation with a case.
    fullRun = await issue();
    const township = await receiptOf(s, fullRun, '431224001');
    const townshipAdmin = s.user('admin-431224001');
    await s.engine.acknowledge(townshipAdmin, township);
    await s.engine.amend(townshipAdmin, township, { requirements: ['每日两次排查'], forms: [], deadline: new Date(s.clock.now().getTime() + 20 * DAY) });
    await s.engine.forward(townshipAdmin, township);
    await s.engine.acknowledge(s.user('admin-431224002'), await receiptOf(s, fullRun, '431224002'));
    const village = await receiptOf(s, fullRun, '431224001001');
    await s.engine.acknowledge(s.user('admin-431224001001'), village);
    await s.engine.forward(s.user('admin-431224001001'), village);
    const [g1, g2] = ['431224001001001', '431224001001002'];
    await s.engine.acknowledge(s.user(`grid-${g1}`), await receiptOf(s, fullRun, g1));
    const report1 = await taskOf(s, fullRun, g1, 'report');
    await s.engine.submitReport(s.user(`grid-${g1}`), { taskId: report1, data: validReport, idempotencyKey: 'r1' });
    await s.engine.returnTask(s.user('admin-431224001001'), report1, '数据有误');
    s.clock.advance(60_000);
    await s.engine.submitReport(s.user(`grid-${g1}`), { taskId: report1, data: { ...validReport, returnees: 2 }, idempotencyKey: 'r2' });
    await s.engine.acceptTask(s.user('admin-431224001001'), report1);
    const report2 = await taskOf(s, fullRun, g2, 'report');
    const { submissionId } = await s.engine.submitReport(s.user(`grid-${g2}`), { taskId: report2, data: { ...validReport, feverCases: 3 }, idempotencyKey: 'r3' });
    const screening = await taskOf(s, fullRun, g2, 'screening');
    for (const h of [1, 2, 3]) await s.engine.recordVisit(s.user(`grid-${g2}`), { taskId: screening, householdId: s.unit(`${g2}000${h}`).id, data: { visited: true, residents: h } });
    await s.engine.completeScreening(s.user(`grid-${g2}`), screening);
    const { caseId } = await s.engine.evaluate(townshipAdmin, {
      directiveId: fullRun,
      evaluatorUnitId: s.unit('431224001').id,
      subjectUnitId: s.unit('431224001001').id,
      outcome: 'accountable',
      comment: '发热人员上报不及时',
      evidence: [{ kind: 'submission', id: submissionId }],
    });
    if (!caseId) throw new Error('no case opened');
    await s.engine.advanceCase(s.user('county-admin'), caseId, { type: 'INVESTIGATE' });
    await s.engine.advanceCase(s.user('county-admin'), caseId, { type: 'DECIDE', decision: 'no_fault', finding: '系统故障' });
    await s.engine.advanceCase(s.user('county-admin'), caseId, { type: 'CLOSE_CASE', summary: '不予追责' });
  });

  // Runs first: the tamper cases below break the whole-database audit on purpose.
  it('verifies the whole database after a full run, counting every instance and history row', async () => {
    const report = await s.engine.verifyAudit();
    expect(report.failures).toEqual([]);
    expect(report.ok).toBe(true);
    const [i] = await handle.db.select({ n: count() }).from(instances);
    const [h] = await handle.db.select({ n: count() }).from(history);
    expect(report.instances).toBe(i?.n);
    expect(report.rows).toBe(h?.n);
    // The run touched every kind of instance the audit replays.
    const kinds = await handle.db.selectDistinct({ kind: instances.kind }).from(instances).where(eq(instances.directiveId, fullRun));
    expect(kinds.map((k) => k.kind).sort()).toEqual(['case', 'directive', 'evaluation', 'receipt', 'task']);
    expect(report.rows).toBeGreaterThan(report.instances);
  });

  it('replays one directive on its own, counting only its instances and rows', async () => {
    const other = await issue();
    const report = await s.engine.verifyAudit({ directiveId: fullRun });
    expect(report.failures).toEqual([]);
    expect(report.ok).toBe(true);
    const [i] = await handle.db.select({ n: count() }).from(instances).where(eq(instances.directiveId, fullRun));
    const [h] = await handle.db.select({ n: count() }).from(history).innerJoin(instances, eq(instances.id, history.instanceId)).where(eq(instances.directiveId, fullRun));
    expect(report.instances).toBe(i?.n);
    expect(report.rows).toBe(h?.n);
    // The other directive is a directive instance plus two township receipts, one row each.
    expect(await s.engine.verifyAudit({ directiveId: other })).toEqual({ ok: true, instances: 3, rows: 3, failures: [] });
  });

  it('(a) names the row whose payload was edited, for a hash mismatch', async () => {
    const { directiveId, receiptId } = await forwardedTownship();
    const rows = await historyOf(receiptId);
    const target = rows[1];
    if (!target) throw new Error('no second row');
    expect(target.eventType).toBe('ACKNOWLEDGE');
    await tamper(() => handle.db.execute(sql`update history set payload = ${JSON.stringify({ note: '补记' })}::jsonb where id = ${target.id}`));

    const report = await s.engine.verifyAudit({ directiveId });
    expect(report.ok).toBe(false);
    expect(report.failures).toHaveLength(1);
    expect(report.failures[0]).toMatchObject({ historyId: target.id, instanceId: receiptId, seq: 2 });
    expect(report.failures[0]?.reason).toMatch(/hash/);
    // The whole-database audit finds it too; the full run is untouched.
    expect((await s.engine.verifyAudit()).failures.map((f) => f.historyId)).toContain(target.id);
    expect((await s.engine.verifyAudit({ directiveId: fullRun })).ok).toBe(true);
    // The trigger is back: history cannot be edited again.
    await expect(handle.db.execute(sql`update history set payload = '{}'::jsonb where id = ${target.id}`)).rejects.toThrow();
  });

  it("(b) names the instance whose stored snapshot or state column was edited", async () => {
    const { directiveId, receiptId } = await forwardedTownship();
    const other = await receiptOf(s, directiveId, '431224002');
    await s.engine.acknowledge(s.user('admin-431224002'), other);
    // A snapshot moved on without any event, and a state column that no longer matches its snapshot.
    await handle.db.execute(sql`update instances set state = 'closed', snapshot = jsonb_set(snapshot, '{value}', '"closed"') where id = ${receiptId}`);
    await handle.db.execute(sql`update instances set state = 'forwarded' where id = ${other}`);

    const report = await s.engine.verifyAudit({ directiveId });
    expect(report.ok).toBe(false);
    const byInstance = new Map(report.failures.map((f) => [f.instanceId, f]));
    expect(new Set(byInstance.keys())).toEqual(new Set([receiptId, other]));
    expect(byInstance.get(receiptId)?.reason).toMatch(/snapshot/);
    expect(byInstance.get(other)?.reason).toMatch(/state/);
    // Failures are named by the instance's last row, earliest row first.
    const lastRowOf = async (id: string) => (await historyOf(id)).at(-1)?.id;
    expect(byInstance.get(receiptId)?.historyId).toBe(await lastRowOf(receiptId));
    expect(byInstance.get(other)?.historyId).toBe(await lastRowOf(other));
    const ids = report.failures.map((f) => f.historyId as number);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('(c) notices a deleted last row, and a deleted middle row', async () => {
    const { directiveId, receiptId } = await forwardedTownship();
    const middle = await receiptOf(s, directiveId, '431224001001');
    await s.engine.acknowledge(s.user('admin-431224001001'), middle);
    await s.engine.forward(s.user('admin-431224001001'), middle);
    const rows = await historyOf(receiptId);
    const middleRows = await historyOf(middle);
    await tamper(async () => {
      await handle.db.execute(sql`delete from history where id = ${rows[2]?.id}`);
      await handle.db.execute(sql`delete from history where id = ${middleRows[1]?.id}`);
    });

    const report = await s.engine.verifyAudit({ directiveId });
    expect(report.ok).toBe(false);
    const lastDeleted = report.failures.find((f) => f.instanceId === receiptId);
    expect(lastDeleted?.reason).toMatch(/version 3.*2 rows/);
    expect(lastDeleted?.historyId).toBe(rows[1]?.id);
    const middleDeleted = report.failures.find((f) => f.instanceId === middle);
    expect(middleDeleted).toMatchObject({ historyId: middleRows[2]?.id, seq: 3 });
    expect(middleDeleted?.reason).toMatch(/sequence gap/);
    expect(report.failures).toHaveLength(2);
  });

  it('(d) an edited row with a correctly recomputed hash breaks the chain at the next row', async () => {
    const { directiveId, receiptId } = await forwardedTownship();
    const rows = await historyOf(receiptId);
    const [, edited, next] = rows;
    if (!edited || !next) throw new Error('expected three rows');
    const payload = { forgedBy: 'someone' };
    const forgedHash = hashHistoryRow({
      instanceId: receiptId,
      seq: edited.seq,
      eventType: edited.eventType,
      payload,
      actorId: edited.actorId,
      fromState: edited.fromState,
      toState: edited.toState,
      at: new Date(edited.at).toISOString(),
      templateVersionId: edited.templateVersionId,
      prevHash: edited.prevHash,
    });
    await tamper(() => handle.db.execute(sql`update history set payload = ${JSON.stringify(payload)}::jsonb, hash = ${forgedHash} where id = ${edited.id}`));

    const report = await s.engine.verifyAudit({ directiveId });
    expect(report.ok).toBe(false);
    expect(report.failures).toHaveLength(1);
    expect(report.failures[0]).toMatchObject({ historyId: next.id, instanceId: receiptId, seq: 3 });
    expect(report.failures[0]?.reason).toMatch(/prev_hash/);
  });

  it('(e) a rewritten chain with every hash recomputed is still caught by deterministic replay', async () => {
    const directiveId = await issue();
    const receiptId = await receiptOf(s, directiveId, '431224001');
    const actor = s.user('admin-431224001');
    await s.engine.acknowledge(actor, receiptId);
    await s.engine.amend(actor, receiptId, { requirements: ['每日两次排查'], forms: [] });
    await s.engine.forward(actor, receiptId);
    const rows = await historyOf(receiptId);
    expect(rows.map((r) => r.eventType)).toEqual(['xstate.init', 'ACKNOWLEDGE', 'AMEND', 'FORWARD']);
    // Forge what the township required, and rebuild the chain from there on so every hash checks out.
    const payloads = rows.map((r) => (r.eventType === 'AMEND' ? { ...(r.payload as object), requirements: ['每周一次排查'] } : r.payload));
    let prevHash: string | null = null;
    const rewritten = rows.map((row, i) => {
      const fields = {
        instanceId: receiptId,
        seq: row.seq,
        eventType: row.eventType,
        payload: payloads[i],
        actorId: row.actorId,
        fromState: row.fromState,
        toState: row.toState,
        at: new Date(row.at).toISOString(),
        templateVersionId: row.templateVersionId,
        prevHash,
      };
      prevHash = hashHistoryRow(fields);
      return { id: row.id, payload: payloads[i], prevHash: fields.prevHash, hash: prevHash };
    });
    await tamper(async () => {
      for (const row of rewritten) {
        await handle.db.execute(sql`update history set payload = ${JSON.stringify(row.payload)}::jsonb, prev_hash = ${row.prevHash}, hash = ${row.hash} where id = ${row.id}`);
      }
    });
    const stored = await historyOf(receiptId);
    expect(stored.map((r) => r.hash)).toEqual(rewritten.map((r) => r.hash));
    expect(stored[0]?.hash).toBe(rows[0]?.hash);
    expect(stored[2]?.hash).not.toBe(rows[2]?.hash);

    const report = await s.engine.verifyAudit({ directiveId });
    expect(report.ok).toBe(false);
    expect(report.failures).toHaveLength(1);
    expect(report.failures[0]).toMatchObject({ instanceId: receiptId, historyId: rows.at(-1)?.id });
    expect(report.failures[0]?.reason).toMatch(/snapshot differs/);
  });
});
