import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, count, eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, history, instances, migrate, queries, timers, type DbHandle } from '@cascade/db';
import { createTestDatabase, testBackends } from '@cascade/db/testing';
import type { ReceiptContext } from '@cascade/workflow';
import { fixedClock } from '../clock.js';
import { createEngine } from '../createEngine.js';
import { generateGridsAndHouseholds } from '../divisions/generateGridsAndHouseholds.js';
import { rowsOf } from '../runtime/rowsOf.js';
import { buildScenario } from '../testing/buildScenario.js';

/** A scheduler child process: `ready` once it is connected, `go()` to start it, `result` when it is done. */
function schedulerProcess(script: string, cwd: string, args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let announced!: () => void;
  const ready = new Promise<void>((resolve) => (announced = resolve));
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (out.includes('ready\n')) announced();
  });
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const result = new Promise<{ processId: string; settled: number }>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`scheduler process ${args.at(-1)} exited with ${code}: ${err}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1) as string) as { processId: string; settled: number });
    });
  });
  // A child that dies before it is ready must fail the test, not hang it.
  void result.catch(() => announced());
  return { ready, result, go: () => child.stdin.end('go\n') };
}

/** The URL of the database a handle is connected to, for opening more connections to it. */
async function urlOf(handle: DbHandle): Promise<string> {
  const [row] = rowsOf<{ name: string }>(await handle.db.execute(sql`select current_database() as name`));
  const url = new URL(process.env.DATABASE_URL as string);
  url.pathname = `/${row?.name}`;
  return url.toString();
}

describe.each(testBackends())('timers survive a restart (%s)', (backend) => {
  it('a database closed mid-directive fires its timers when reopened by a new engine', { timeout: 300_000 }, async () => {
    // PGlite: a data directory, closed and opened again. PostgreSQL: the pool ended and a new one made.
    let keeper: DbHandle | undefined;
    let location: string;
    if (backend === 'pglite') {
      location = join(mkdtempSync(join(tmpdir(), 'cascade-restart-')), 'pglite');
    } else {
      keeper = await createTestDatabase('postgres');
      location = await urlOf(keeper);
    }
    try {
      const first = await createDb(location);
      await migrate(first);
      const s = await buildScenario(first.db, { start: new Date('2026-03-22T01:00:00Z') });
      const directiveId = await s.issue({ title: '重启之前下发', body: '重启后仍须按时签收', deadline: new Date('2026-03-25T00:00:00Z') });
      const pending = await first.db.select({ n: count() }).from(timers).where(eq(timers.status, 'pending'));
      await first.close();

      const second = await createDb(location);
      try {
        await migrate(second);
        // Nothing of the first engine survives but the database: the timers must be rows there.
        expect(await second.db.select({ n: count() }).from(timers).where(eq(timers.status, 'pending'))).toEqual(pending);
        const engine = createEngine({ db: second.db, clock: fixedClock(new Date('2026-03-22T06:00:00Z')) });
        // Two townships, four hours to acknowledge: both limits passed at 05:00.
        expect(await engine.fireDueTimers()).toBe(2);
        const receipts = await queries.listReceipts(second.db, directiveId);
        expect(receipts.map((r) => (r.snapshot as { context: ReceiptContext }).context.lateToAcknowledge)).toEqual([true, true]);
        const fired = await second.db.select({ at: history.at }).from(history).where(like(history.eventType, 'xstate.after.acknowledgeDue%'));
        expect(fired.map((r) => new Date(r.at).toISOString())).toEqual(['2026-03-22T05:00:00.000Z', '2026-03-22T05:00:00.000Z']);
        expect(await engine.verifyAudit({ directiveId })).toMatchObject({ ok: true });
      } finally {
        await second.close();
      }
    } finally {
      await keeper?.close();
    }
  });
});

describe.runIf(process.env.DATABASE_URL)('two scheduler processes on one PostgreSQL', () => {
  let handle: DbHandle;
  let url: string;
  let directiveId: string;
  beforeAll(async () => {
    handle = await createTestDatabase('postgres');
    url = await urlOf(handle);
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
  }, 300_000);
  afterAll(async () => handle?.close());

  it('fires each of 1,000 due timers exactly once between them, each process some', { timeout: 300_000 }, async () => {
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
    const children = ['a', 'b'].map((id) => schedulerProcess(script, cwd, [url, at, `process-${id}`]));
    // Both connected and waiting: start them together, so they really compete for the rows.
    await Promise.all(children.map((c) => c.ready));
    for (const child of children) child.go();
    const settled = await Promise.all(children.map((c) => c.result));
    console.log(`timers settled per process: ${settled.map((o) => `${o.processId}=${o.settled}`).join(', ')}`);
    // Each process fired some; between them every timer, once.
    for (const o of settled) expect(o.settled).toBeGreaterThan(0);
    expect(settled.reduce((sum, o) => sum + o.settled, 0)).toBe(1000);
    const fired = await handle.db.select({ by: timers.settledBy, n: count() }).from(timers).where(eq(timers.status, 'fired')).groupBy(timers.settledBy);
    // The database agrees with what each process says it did.
    expect(Object.fromEntries(fired.map((f) => [f.by, f.n]))).toEqual(Object.fromEntries(settled.map((o) => [o.processId, o.settled])));
    const overdueRows = await handle.db.select({ n: count() }).from(history).where(like(history.eventType, 'xstate.after.due.%'));
    expect(overdueRows[0]?.n).toBe(1000);
    const overdue = await handle.db.select({ n: count() }).from(instances).where(and(eq(instances.directiveId, directiveId), eq(instances.state, 'overdue')));
    expect(overdue[0]?.n).toBe(1000);
  });
});
