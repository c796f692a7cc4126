import { asc, count, eq, isNotNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directives, formVersions, history, instances, orgUnits, roleGrants, tasks, templateVersions, users, type Database, type DbHandle } from '@cascade/db';
import { createTestDatabase, testBackends } from '@cascade/db/testing';
import { createEngine, type Engine } from '@cascade/engine';
import { DEMO_PASSWORD, seedDemo } from './seedDemo.js';

/** What a finished demo consists of, in a form two databases can be compared by. */
async function demoState(db: Database) {
  const people = await db
    .select({ username: users.username, role: roleGrants.role, unit: orgUnits.code })
    .from(users)
    .innerJoin(roleGrants, eq(roleGrants.userId, users.id))
    .innerJoin(orgUnits, eq(orgUnits.id, roleGrants.orgUnitId))
    .orderBy(asc(users.username));
  const forms = await db.select({ key: formVersions.key }).from(formVersions).where(isNotNull(formVersions.publishedAt)).orderBy(formVersions.key);
  const templates = await db.select({ key: templateVersions.key, version: templateVersions.version }).from(templateVersions).where(isNotNull(templateVersions.publishedAt)).orderBy(templateVersions.key);
  const [issued] = await db.select({ n: count() }).from(directives);
  const receipts = await db
    .select({ machine: instances.machine, state: instances.state, n: count() })
    .from(instances)
    .where(eq(instances.kind, 'receipt'))
    .groupBy(instances.machine, instances.state)
    .orderBy(instances.machine, instances.state);
  const [taskCount] = await db.select({ n: count() }).from(tasks);
  const [units] = await db.select({ n: count() }).from(orgUnits);
  const amendments = await db.select({ n: count() }).from(history).where(eq(history.eventType, 'AMEND'));
  return { people, forms, templates, directives: issued?.n, receipts, tasks: taskCount?.n, units: units?.n, amendments: amendments[0]?.n };
}

/** The engine, except that the `n`-th call of one method fails as a crash would. */
function failingAt<K extends 'createUserWithRole' | 'forward' | 'publishTemplate'>(engine: Engine, method: K, n: number): Engine {
  let calls = 0;
  const original = engine[method] as (...args: unknown[]) => Promise<unknown>;
  return {
    ...engine,
    [method]: (...args: unknown[]) => {
      calls++;
      if (calls === n) return Promise.reject(new Error(`simulated crash in ${method}`));
      return original(...args);
    },
  } as Engine;
}

describe.each(testBackends())('the demo seed on %s', (backend) => {
  let fresh: DbHandle;
  let interrupted: DbHandle;
  let complete: Awaited<ReturnType<typeof demoState>>;

  beforeAll(async () => {
    fresh = await createTestDatabase(backend);
    interrupted = await createTestDatabase(backend);
    const result = await seedDemo(createEngine({ db: fresh.db }));
    expect(result).toMatchObject({ seeded: true, notDemo: false });
    complete = await demoState(fresh.db);
  }, 600_000);
  afterAll(async () => {
    await fresh?.close();
    await interrupted?.close();
  });

  it('creates every login, auditors at the district and at a subdistrict, and the subdistrict passes the directive down', async () => {
    expect(complete.people).toEqual([
      { username: 'donghu-admin', role: 'admin', unit: '510104018' },
      { username: 'grid-chongdeli-1', role: 'grid_staff', unit: '510104017002001' },
      { username: 'grid-shuijingfang-1', role: 'grid_staff', unit: '510104017001001' },
      { username: 'grid-shuijingfang-2', role: 'grid_staff', unit: '510104017001002' },
      { username: 'jinguanyi-admin', role: 'admin', unit: '510104017' },
      { username: 'jinguanyi-auditor', role: 'auditor', unit: '510104017' },
      { username: 'jinjiang-admin', role: 'admin', unit: '510104' },
      { username: 'jinjiang-auditor', role: 'auditor', unit: '510104' },
      { username: 'shuijingfang-admin', role: 'admin', unit: '510104017001' },
    ]);
    const engine = createEngine({ db: fresh.db });
    const { token } = await engine.login('jinguanyi-auditor', DEMO_PASSWORD);
    expect((await engine.resolveSession(token))?.grants.map((g) => g.role)).toEqual(['auditor']);
    expect(complete.templates).toEqual([
      { key: 'cadre-mobilisation', version: 1 },
      { key: 'five-level-screening', version: 1 },
    ]);
    expect(complete.directives).toBe(1);
    expect(complete.receipts.filter((r) => r.state === 'forwarded').map((r) => r.machine)).toEqual(['receipt:township', 'receipt:village']);
    expect(complete.amendments).toBe(1);
    expect(complete.tasks).toBeGreaterThan(0);
    expect(await engine.verifyAudit()).toMatchObject({ ok: true });
  });

  it('a second run finds the demo complete and changes nothing', async () => {
    const before = (await fresh.db.select({ n: count() }).from(history))[0]?.n;
    expect(await seedDemo(createEngine({ db: fresh.db }))).toMatchObject({ seeded: false, notDemo: false });
    expect(await demoState(fresh.db)).toEqual(complete);
    expect((await fresh.db.select({ n: count() }).from(history))[0]?.n).toBe(before);
  });

  it('a run interrupted anywhere is finished by the next one, to the same demo', { timeout: 600_000 }, async () => {
    const engine = createEngine({ db: interrupted.db });
    // Stopped after three people; then, on the next try, in the middle of passing the directive down.
    await expect(seedDemo(failingAt(engine, 'createUserWithRole', 4))).rejects.toThrow('simulated crash in createUserWithRole');
    expect((await interrupted.db.select({ n: count() }).from(users))[0]?.n).toBe(3);
    await expect(seedDemo(failingAt(engine, 'forward', 3))).rejects.toThrow('simulated crash in forward');
    const partway = await demoState(interrupted.db);
    expect(partway.receipts).not.toEqual(complete.receipts);
    const finished = await seedDemo(engine);
    expect(finished).toMatchObject({ seeded: true, notDemo: false });
    expect(await demoState(interrupted.db)).toEqual(complete);
    expect(await engine.verifyAudit()).toMatchObject({ ok: true });
  });

  it('leaves a database with other people in it alone', async () => {
    const other = await createTestDatabase(backend);
    try {
      const engine = createEngine({ db: other.db });
      await engine.createUser({ username: 'real-person', displayName: '真实用户', password: 'a-real-password' });
      expect(await seedDemo(engine)).toMatchObject({ seeded: false, notDemo: true });
      const [units] = await other.db.select({ n: sql<number>`count(*)::int` }).from(orgUnits);
      expect(units?.n).toBe(0);
    } finally {
      await other.close();
    }
  });
});
