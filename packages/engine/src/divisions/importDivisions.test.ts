import { readFileSync } from 'node:fs';
import { count, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgUnits, type DbHandle } from '@cascade/db';
import { createTestDatabase, testBackends } from '@cascade/db/testing';
import { DomainError } from '../errors.js';
import { JINJIANG_FIXTURE_PATH } from './fixtures.js';
import { generateGridsAndHouseholds } from './generateGridsAndHouseholds.js';
import { importDivisions } from './importDivisions.js';

const fixture = readFileSync(JINJIANG_FIXTURE_PATH, 'utf8');
const HEADER = 'code,name,level,parentCode,path';

async function refusal(call: Promise<unknown>): Promise<DomainError> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe.each(testBackends())('importing divisions on %s', (backend) => {
  let handle: DbHandle;
  const total = async () => (await handle.db.select({ n: count() }).from(orgUnits))[0]?.n ?? 0;

  beforeAll(async () => {
    handle = await createTestDatabase(backend);
  });
  afterAll(async () => handle?.close());

  it.each([
    ['a bad header', 'code,name,level\n51,四川省,1', 'line 1.header', 'header'],
    ['a code of the wrong length', `${HEADER}\n51,四川省,1,,51\n5101x,成都市,2,51,51/5101x`, 'line 3.code', 'pattern'],
    ['an unknown level', `${HEADER}\n51,四川省,9,,51`, 'line 2.level', 'level'],
    ['a missing parent', `${HEADER}\n51,四川省,1,,51\n520100,某区,3,5201,52/5201/520100`, 'line 3.parentCode', 'exists'],
    ['a wrong path', `${HEADER}\n51,四川省,1,,51\n5101,成都市,2,51,51/9999`, 'line 3.path', 'path'],
    ['a duplicate code', `${HEADER}\n51,四川省,1,,51\n51,四川省,1,,51`, 'line 3.code', 'unique'],
    ['an empty name', `${HEADER}\n51,,1,,51`, 'line 2.name', 'required'],
  ])('refuses %s, naming the line and rule, and imports nothing', async (_what, csv, path, rule) => {
    const error = await refusal(importDivisions(handle.db, csv));
    expect(error.issues).toContainEqual(expect.objectContaining({ path, rule }));
    expect(error.issues[0]?.message.en).toMatch(/^line \d+:/);
    expect(error.issues[0]?.message.zh).toMatch(/^第 \d+ 行/);
    expect(await total()).toBe(0);
  });

  it('refuses a whole file for one bad line near its end', async () => {
    const lines = fixture.trimEnd().split('\n');
    lines[80] = lines[80]!.replace(/,5,/, ',7,');
    const error = await refusal(importDivisions(handle.db, lines.join('\n')));
    expect(error.issues).toEqual([expect.objectContaining({ path: 'line 81.level', rule: 'level' })]);
    expect(await total()).toBe(0);
  });

  it('imports the Jinjiang tree with parents, depths and paths, and again changes nothing', async () => {
    expect(await importDivisions(handle.db, fixture)).toEqual({ inserted: 90, skipped: 0 });
    const [district] = await handle.db.select().from(orgUnits).where(eq(orgUnits.code, '510104'));
    expect(district).toMatchObject({ name: '锦江区', level: 'county', depth: 2, path: '51/5101/510104' });
    const [community] = await handle.db.select().from(orgUnits).where(eq(orgUnits.code, '510104017001'));
    const [subdistrict] = await handle.db.select().from(orgUnits).where(eq(orgUnits.code, '510104017'));
    expect(community).toMatchObject({ level: 'village', depth: 4, parentId: subdistrict?.id });
    const below = await handle.db.select({ n: count() }).from(orgUnits).where(like(orgUnits.path, '51/5101/510104/%'));
    expect(below[0]?.n).toBe(87);
    expect(await importDivisions(handle.db, fixture)).toEqual({ inserted: 0, skipped: 90 });
    expect(await total()).toBe(90);
  });

  it('accepts a file whose parents are already stored', async () => {
    const csv = `${HEADER}\n510104017999,测试社区居委会,5,510104017,51/5101/510104/510104017/510104017999`;
    expect(await importDivisions(handle.db, csv)).toEqual({ inserted: 1, skipped: 0 });
  });

  it('generates grids and households deterministically under the villages', async () => {
    const first = await generateGridsAndHouseholds(handle.db, { underPath: '51/5101/510104/510104017', gridsPerVillage: 3, householdsPerGrid: [5, 9], seed: 'a' });
    const villages = await handle.db.select({ n: count() }).from(orgUnits).where(like(orgUnits.path, '51/5101/510104/510104017/%'));
    expect(first.grids).toBeGreaterThan(0);
    const grids = await handle.db.select().from(orgUnits).where(eq(orgUnits.level, 'grid'));
    const households = await handle.db.select().from(orgUnits).where(eq(orgUnits.level, 'household'));
    expect(grids).toHaveLength(first.grids);
    expect(households).toHaveLength(first.households);
    expect(villages[0]?.n).toBe(first.grids / 3 + first.grids + first.households);
    expect(grids.find((g) => g.code === '510104017001001')).toMatchObject({ name: '水井坊第1网格', depth: 5 });
    for (const h of households) {
      const grid = grids.find((g) => g.id === h.parentId);
      expect(h.path.startsWith(`${grid?.path}/`)).toBe(true);
      expect(h.name).toMatch(/^\d+栋\d+单元\d+$/);
    }
    const again = await generateGridsAndHouseholds(handle.db, { underPath: '51/5101/510104/510104017', gridsPerVillage: 3, householdsPerGrid: [5, 9], seed: 'a' });
    expect(again).toEqual({ grids: 0, households: 0 });
  });
});

describe('generation is a function of the seed', () => {
  it('gives the same tree for the same seed and different households for another', async () => {
    const shapes: string[][] = [];
    for (const seed of ['x', 'x', 'y']) {
      const handle = await createTestDatabase('pglite');
      try {
        await importDivisions(handle.db, fixture);
        await generateGridsAndHouseholds(handle.db, { underPath: '51/5101/510104/510104018', gridsPerVillage: 2, householdsPerGrid: [3, 30], seed });
        const rows = await handle.db.select({ code: orgUnits.code, name: orgUnits.name }).from(orgUnits).where(eq(orgUnits.level, 'household'));
        shapes.push(rows.map((r) => `${r.code}:${r.name}`).sort());
      } finally {
        await handle.close();
      }
    }
    expect(shapes[0]).toEqual(shapes[1]);
    expect(shapes[2]).not.toEqual(shapes[0]);
  });
});
