import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { instances, type DbHandle, type Transaction } from '@cascade/db';
import { createTestDatabase, testBackends } from '@cascade/db/testing';
import { buildScenario, type Scenario } from '../testing/buildScenario.js';
import { PlannerStatistics } from './plannerStatistics.js';
import { rowsOf } from './rowsOf.js';

const ROWS = 3000;

/** The scan the connection's kept plan for "the instance with this id" uses, as a foreign-key check would. */
async function keptPlanScan(tx: Transaction): Promise<string> {
  const result = await tx.execute(sql.raw(`explain (format json) execute instance_by_id('${randomUUID()}')`));
  const [row] = rowsOf<{ 'QUERY PLAN': unknown }>(result);
  const plan = (typeof row?.['QUERY PLAN'] === 'string' ? JSON.parse(row['QUERY PLAN']) : row?.['QUERY PLAN']) as Array<{ Plan: { 'Node Type': string } }>;
  return plan[0]?.Plan['Node Type'] ?? 'none';
}

/** Creates instance rows as a fan-out does, without their machines: only the row count matters here. */
async function insertInstances(tx: Transaction, s: Scenario, n: number): Promise<void> {
  const now = new Date();
  const rows = Array.from({ length: n }, () => ({ kind: 'receipt', machine: 'receipt:grid', templateVersionId: s.templates.screening, state: 'received', snapshot: { status: 'active' }, version: 1, createdAt: now, updatedAt: now }));
  for (let i = 0; i < rows.length; i += 500) await tx.insert(instances).values(rows.slice(i, i + 500));
}

class Rollback extends Error {}

describe.each(testBackends())('planner statistics during a large command (%s)', (backend) => {
  let handle: DbHandle;
  let s: Scenario;

  // A database each: rows a rolled-back test left behind still take pages, and ANALYZE's figures
  // are not rolled back, so one test's table would not start small for the next.
  beforeEach(async () => {
    handle = await createTestDatabase(backend);
    s = await buildScenario(handle.db);
  }, 120_000);
  afterEach(async () => handle?.close());

  /**
   * A plan made while the table was small is kept: thousands of rows later it still reads the whole
   * table per lookup. The connection's plan for the lookup is made first, as PostgreSQL makes its
   * foreign-key checks' plans at the first check; then the command creates its rows.
   */
  async function lookupScanAfter(create: (tx: Transaction) => Promise<void>): Promise<string> {
    let scan = '';
    await handle.db
      .transaction(async (tx) => {
        await tx.execute(sql`analyze instances`);
        await tx.execute(sql`set local plan_cache_mode = force_generic_plan`);
        await tx.execute(sql`prepare instance_by_id(uuid) as select 1 from instances where id = $1`);
        try {
          expect(await keptPlanScan(tx)).toBe('Seq Scan');
          await create(tx);
          scan = await keptPlanScan(tx);
        } finally {
          await tx.execute(sql`deallocate instance_by_id`);
        }
        throw new Rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
    return scan;
  }

  it('without a refresh, the plan made on a small table scans it whole after thousands of rows', async () => {
    expect(await lookupScanAfter((tx) => insertInstances(tx, s, ROWS))).toBe('Seq Scan');
  });

  it('refreshed as the rows are created, the same plan becomes a lookup by primary key', async () => {
    const scan = await lookupScanAfter(async (tx) => {
      const statistics = new PlannerStatistics(tx);
      for (let i = 0; i < ROWS; i += 500) {
        await insertInstances(tx, s, 500);
        await statistics.rowsCreated('instances', 500);
      }
    });
    expect(scan).toMatch(/Index/);
  });

  it('leaves small commands alone: below 2,000 rows no statistics are read or refreshed', async () => {
    let statements = 0;
    const counting = { execute: async () => void statements++ } as unknown as Transaction;
    const statistics = new PlannerStatistics(counting);
    await statistics.rowsCreated('instances', 1999);
    expect(statements).toBe(0);
  });
});
