import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { and, count, eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, history, instances, migrate, queries, timers, type DbHandle } from '@cascade/db';
import { createTestDatabase } from '@cascade/db/testing';
import type { ReceiptContext } from '@cascade/workflow';
import { fixedClock } from '../clock.js';
import { createEngine } from '../createEngine.js';
import { generateGridsAndHouseholds } from '../divisions/generateGridsAndHouseholds.js';
import { buildScenario } from '../testing/buildScenario.js';

const run = promisify(execFile);

describe('timers survive a restart', () => {
  it('a PGlite data directory closed mid-directive fires its timers when reopened', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'cascade-restart-')), 'pglite');
    const first = await createDb(dir);
    await migrate(first);
    const s = await buildScenario(first.db, { start: new Date('2026-03-22T01:00:00Z') });
    const directiveId = await s.issue({ title: '重启之前下发', body: '重启后仍须按时签收', deadline: new Date('2026-03-25T00:00:00Z') });
    await first.close();

    const second = await createDb(dir);
    try {
      await migrate(second);
      const engine = createEngine({ db: second.db, clock: fixedClock(new Date('2026-03-22T06:00:00Z')) });
      expect(await engine.fireDueTimers()).toBe(2);
      const receipts = await queries.listReceipts(second.db, directiveId);
      expect(receipts.map((r) => (r.snapshot as { context: ReceiptContext }).context.lateToAcknowledge)).toEqual([true, true]);
      expect(await engine.verifyAudit({ directiveId })).toMatchObject({ ok: true });
    } finally {
      await second.close();
    }
  });
});

describe.runIf(process.env.DATABASE_URL)('two scheduler processes on one PostgreSQL', () => {
  let handle: DbHandle;
  let url: string;
  let directiveId: string;
  beforeAll(async () => {
    handle = await createTestDatabase('postgres');
    const [{ current_database: name }] = ((await handle.db.execute(sql`select current_database()`)) as unknown as { rows: Array<{ current_database: string }> }).rows as [{ current_database: string }];
    const base = new URL(process.env.DATABASE_URL as string);
    base.pathname = `/${name}`;
    url = base.toString();
    const s = await buildScenario(handle.db, { start: new Date('2026-03-22T01:00:00Z') });
    // 250 grids under each of the four villages: 1,000 grids, each getting one report due at 20:00.
    await generateGridsAndHouseholds(handle.db, { underPath: s.unit('431224').path, gridsPerVillage: 250, householdsPerGrid: 0, seed: 'many' });
    const admin = s.user('county-admin');
    const draft = await s.engine.saveTemplateDraft(admin, {
      ownerUnitId: s.unit('431224').id,
      definition: {
        key: 'auto-daily',
        name: { zh: '自动下发的日报', en: 'Auto-forwarded daily report' },
        chain: ['county', 'township', 'village', 'grid'],
        stages: {
          issue: { levels: { township: { autoForward: true }, village: { autoForward: true } } },
          report: [{ id: 'daily', name: { zh: '日报', en: 'Daily' }, form: { key: 'daily-epidemic-report', version: 1 }, level: 'grid', period: 'daily', dueTime: '20:00' }],
        },
      },
    });
    await s.engine.publishTemplate(admin, draft.id);
    directiveId = await s.issue({ templateVersionId: draft.id, title: '千个网格', body: '每格一报', deadline: new Date('2026-03-28T00:00:00Z') });
  });
  afterAll(async () => handle?.close());

  it('fires each of 1,000 due timers exactly once between them', async () => {
    const due = await handle.db
      .select({ n: count() })
      .from(timers)
      .innerJoin(instances, eq(instances.id, timers.instanceId))
      .where(and(eq(instances.directiveId, directiveId), eq(timers.status, 'pending'), like(timers.key, 'xstate.after.due.%')));
    expect(due[0]?.n).toBe(1000);
    const script = fileURLToPath(new URL('../testing/fireTimersProcess.ts', import.meta.url));
    const cwd = fileURLToPath(new URL('../..', import.meta.url));
    // 21:00 local: every report is past due, the next period has not started.
    const at = '2026-03-22T13:00:00Z';
    const outputs = await Promise.all(['a', 'b'].map((id) => run(process.execPath, ['--import', 'tsx', script, url, at, id], { cwd })));
    const settled = outputs.map((o) => JSON.parse(o.stdout.trim()) as { processId: string; settled: number });
    expect(settled.reduce((sum, o) => sum + o.settled, 0)).toBe(1000);
    const fired = await handle.db.select({ by: timers.settledBy, n: count() }).from(timers).where(eq(timers.status, 'fired')).groupBy(timers.settledBy);
    expect(fired.reduce((sum, f) => sum + f.n, 0)).toBe(1000);
    const overdueRows = await handle.db.select({ n: count() }).from(history).where(like(history.eventType, 'xstate.after.due.%'));
    expect(overdueRows[0]?.n).toBe(1000);
    const overdue = await handle.db.select({ n: count() }).from(instances).where(and(eq(instances.directiveId, directiveId), eq(instances.state, 'overdue')));
    expect(overdue[0]?.n).toBe(1000);
    // How the work split between the two processes varies run to run; the total never does.
    console.log(`timers settled per process: ${settled.map((o) => `${o.processId}=${o.settled}`).join(', ')}`);
  });
});
