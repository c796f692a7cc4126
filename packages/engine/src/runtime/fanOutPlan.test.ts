import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgUnits, type DbHandle } from '@cascade/db';
import { createTestDatabase, testBackends } from '@cascade/db/testing';
import { generateGridsAndHouseholds } from '../divisions/generateGridsAndHouseholds.js';
import { buildScenario, type Scenario } from '../testing/buildScenario.js';
import { targetsStatement } from './fanOut.js';
import { rowsOf } from './rowsOf.js';

/**
 * How the fan-out finds each forwarder's units: the plan must stay one range scan per forwarder. The
 * hash join on level that the planner otherwise picks is quadratic (forwarders × units of the level)
 * and at the scale of a province runs for many minutes, which no small functional test would notice.
 */
describe.each(testBackends())('fan-out target lookup plan (%s)', (backend) => {
  let handle: DbHandle;
  let s: Scenario;

  beforeAll(async () => {
    handle = await createTestDatabase(backend);
    s = await buildScenario(handle.db);
    await generateGridsAndHouseholds(handle.db, { underPath: s.unit('431224').path, gridsPerVillage: 200, householdsPerGrid: 0, seed: 'plan' });
    await handle.db.execute(sql`analyze org_units`);
  });
  afterAll(async () => handle?.close());

  const forwarders = async (level: string, toLevel: string) =>
    (await handle.db.select({ id: orgUnits.id }).from(orgUnits).where(sql`${orgUnits.level} = ${level}`).orderBy(orgUnits.path)).map((u, item) => ({ item, unit: u.id, level: toLevel }));

  it('finds exactly the units of the level under each forwarder, in path order', async () => {
    const villages = await forwarders('village', 'grid');
    const found = rowsOf<{ item: number; id: string }>(await handle.db.execute(targetsStatement(villages)));
    const expected = rowsOf<{ item: number; id: string }>(
      await handle.db.execute(sql`
        select v.n - 1 as item, g.id from (select id, path, row_number() over (order by path) as n from org_units where level = 'village') v
        join org_units g on g.parent_id = v.id and g.level = 'grid' order by v.n, g.path`),
    );
    expect(found.length).toBeGreaterThanOrEqual(villages.length * 200);
    expect(found.map((r) => [Number(r.item), r.id])).toEqual(expected.map((r) => [Number(r.item), r.id]));
  });

  it('scans the path index per forwarder instead of hashing every unit of the level against all of them', async () => {
    for (const [level, toLevel] of [['village', 'grid'], ['county', 'village'], ['township', 'grid']] as const) {
      const statement = targetsStatement(await forwarders(level, toLevel));
      const plan = rowsOf<Record<string, string>>(await handle.db.execute(sql`explain ${statement}`))
        .map((r) => Object.values(r)[0])
        .join('\n');
      expect(plan).not.toMatch(/Hash Cond: \(c\.level = f\.level\)/);
      expect(plan).not.toMatch(/Join Filter: .*path ~>=~/);
      expect(plan).toMatch(/Nested Loop/);
    }
  });
});
