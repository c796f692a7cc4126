import { readFileSync } from 'node:fs';
import { and, asc, count, eq, inArray, like } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { orgUnits, type DbHandle } from '@cascade/db';
import { createTestDatabase, testBackends } from '@cascade/db/testing';
import { DomainError } from '../errors.js';
import { JINJIANG_FIXTURE_PATH } from './fixtures.js';
import { generateGridsAndHouseholds } from './generateGridsAndHouseholds.js';
import { importDivisions } from './importDivisions.js';

const TOWNSHIP = '51/5101/510104/510104017'; // 锦官驿街道
const URBAN_ADDRESS = /^\d+栋\d单元\d{1,2}0\d$/;

describe.each(testBackends())('generateGridsAndHouseholds on %s', (backend) => {
  let handle: DbHandle;
  let villages: Array<{ id: string; code: string; path: string }>;

  const generated = () => handle.db.select().from(orgUnits).where(inArray(orgUnits.level, ['grid', 'household'])).orderBy(asc(orgUnits.code));
  const snapshot = async () => (await generated()).map(({ code, name, level, path }) => ({ code, name, level, path }));
  const names = (units: Array<{ level: string; name: string }>, level: string) => units.filter((u) => u.level === level).map((u) => u.name);
  const clear = () => handle.db.delete(orgUnits).where(inArray(orgUnits.level, ['grid', 'household']));

  beforeAll(async () => {
    handle = await createTestDatabase(backend);
    await importDivisions(handle.db, readFileSync(JINJIANG_FIXTURE_PATH, 'utf8'));
    villages = await handle.db
      .select({ id: orgUnits.id, code: orgUnits.code, path: orgUnits.path })
      .from(orgUnits)
      .where(and(eq(orgUnits.level, 'village'), like(orgUnits.path, `${TOWNSHIP}/%`)));
  });
  afterAll(async () => handle?.close());
  // Every test starts from the imported divisions alone.
  beforeEach(async () => {
    await clear();
  });

  it('makes gridsPerVillage grids under each village and householdsPerGrid households under each grid', async () => {
    expect(villages.length).toBeGreaterThan(0);
    const result = await generateGridsAndHouseholds(handle.db, { underPath: TOWNSHIP, gridsPerVillage: 3, householdsPerGrid: 4, seed: 'a' });
    expect(result).toEqual({ grids: 3 * villages.length, households: 12 * villages.length });
    const units = await generated();
    const grids = units.filter((u) => u.level === 'grid');
    const households = units.filter((u) => u.level === 'household');
    expect([grids.length, households.length]).toEqual([result.grids, result.households]);
    for (const village of villages) {
      const own = grids.filter((g) => g.parentId === village.id);
      expect(own.map((g) => g.code)).toEqual([1, 2, 3].map((n) => `${village.code}00${n}`));
      for (const grid of own) {
        expect(grid).toMatchObject({ depth: 5, path: `${village.path}/${grid.code}` });
        const under = households.filter((h) => h.parentId === grid.id);
        expect(under.map((h) => h.code)).toEqual([1, 2, 3, 4].map((n) => `${grid.code}000${n}`));
        for (const h of under) {
          expect(h).toMatchObject({ depth: 6, path: `${grid.path}/${h.code}` });
          expect(h.name).toMatch(URBAN_ADDRESS);
        }
        expect(new Set(under.map((h) => h.name)).size).toBe(4);
      }
    }
    expect(grids.find((g) => g.code === '510104017001001')?.name).toBe('水井坊第1网格');
    expect(grids.find((g) => g.code === '510104017002003')?.name).toBe('崇德里第3网格');
  });

  it('draws a household count per grid from a range, and stays inside underPath', async () => {
    const result = await generateGridsAndHouseholds(handle.db, { underPath: TOWNSHIP, gridsPerVillage: 2, householdsPerGrid: [5, 40], seed: 'range' });
    const units = await generated();
    expect(units.every((u) => u.path.startsWith(`${TOWNSHIP}/`))).toBe(true);
    const perGrid = units.filter((u) => u.level === 'grid').map((g) => units.filter((h) => h.parentId === g.id).length);
    expect(perGrid).toHaveLength(2 * villages.length);
    expect(perGrid.every((n) => n >= 5 && n <= 40)).toBe(true);
    expect(new Set(perGrid).size).toBeGreaterThan(1);
    expect(perGrid.reduce((a, b) => a + b, 0)).toBe(result.households);
  });

  it('is idempotent: a second run inserts nothing', async () => {
    const options = { underPath: TOWNSHIP, gridsPerVillage: 2, householdsPerGrid: [1, 9] as [number, number], seed: 'again' };
    const first = await generateGridsAndHouseholds(handle.db, options);
    const before = await snapshot();
    expect(await generateGridsAndHouseholds(handle.db, options)).toEqual({ grids: 0, households: 0 });
    expect(await snapshot()).toEqual(before);
    expect(before).toHaveLength(first.grids + first.households);
  });

  it('is a function of the seed: the same seed gives the same tree, another seed other households', async () => {
    const options = { underPath: TOWNSHIP, gridsPerVillage: 2, householdsPerGrid: 6, seed: 'x' };
    await generateGridsAndHouseholds(handle.db, options);
    const first = await snapshot();
    await clear();
    await generateGridsAndHouseholds(handle.db, options);
    expect(await snapshot()).toEqual(first);

    await clear();
    await generateGridsAndHouseholds(handle.db, { ...options, seed: 'y' });
    const other = await snapshot();
    expect(other.map((u) => u.code)).toEqual(first.map((u) => u.code));
    expect(names(other, 'grid')).toEqual(names(first, 'grid'));
    expect(names(other, 'household')).not.toEqual(names(first, 'household'));
  });

  it('gives a grid the same households whether generated alone or with everything', async () => {
    const options = { gridsPerVillage: 2, householdsPerGrid: [3, 12] as [number, number], seed: 'scope' };
    await generateGridsAndHouseholds(handle.db, options);
    const allAtOnce = await snapshot();
    await clear();
    const alone = await generateGridsAndHouseholds(handle.db, { ...options, underPath: villages[1]!.path });
    expect(alone.grids).toBe(2);
    const rest = await generateGridsAndHouseholds(handle.db, options);
    expect(rest.grids + alone.grids).toBe(allAtOnce.filter((u) => u.level === 'grid').length);
    expect(await snapshot()).toEqual(allAtOnce);
  });

  it('refuses impossible counts and writes nothing', async () => {
    for (const options of [
      { gridsPerVillage: 1000, householdsPerGrid: 1 },
      { gridsPerVillage: 2.5, householdsPerGrid: 1 },
      { gridsPerVillage: 1, householdsPerGrid: [9, 3] as [number, number] },
      { gridsPerVillage: 1, householdsPerGrid: 10_000 },
    ]) {
      const error = await generateGridsAndHouseholds(handle.db, { ...options, seed: 's' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).issues[0]?.rule).toBe('range');
    }
    const [n] = await handle.db.select({ n: count() }).from(orgUnits).where(inArray(orgUnits.level, ['grid', 'household']));
    expect(n?.n).toBe(0);
  });
});
