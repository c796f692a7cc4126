import { readFileSync } from 'node:fs';
import { count, eq, like } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgUnits, type DbHandle } from '@cascade/db';
import { createTestDatabase, testBackends } from '@cascade/db/testing';
import { DomainError } from '../errors.js';
import { JINJIANG_FIXTURE_PATH } from './fixtures.js';
import { importDivisions } from './importDivisions.js';

const fixture = readFileSync(JINJIANG_FIXTURE_PATH, 'utf8');
const fixtureRows = fixture
  .trimEnd()
  .split(/\r?\n/)
  .slice(1)
  .map((line) => {
    const [code = '', name = '', level = '', parentCode = '', path = ''] = line.split(',');
    return { code, name, level: Number(level), parentCode, path };
  });
const HEADER = 'code,name,level,parentCode,path';
const LEVEL_NAMES = ['province', 'city', 'county', 'township', 'village'];

async function refusal(call: Promise<unknown>): Promise<DomainError> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe.each(testBackends())('importDivisions on %s', (backend) => {
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
    expect(error.code).toBe('VALIDATION');
    expect(error.issues).toEqual([expect.objectContaining({ path, rule })]);
    expect(error.issues[0]?.message.en).toMatch(/^line \d+: /);
    expect(error.issues[0]?.message.zh).toMatch(/^第 \d+ 行:/);
    expect(await total()).toBe(0);
  });

  it('refuses the whole file for one bad line near its end', async () => {
    const lines = fixture.trimEnd().split('\n');
    lines[80] = lines[80]!.replace(/,5,/, ',7,');
    const error = await refusal(importDivisions(handle.db, lines.join('\n')));
    expect(error.issues).toEqual([expect.objectContaining({ path: 'line 81.level', rule: 'level' })]);
    expect(await total()).toBe(0);
  });

  it('imports the Jinjiang tree: 90 units with their levels, depths and parents', async () => {
    expect(await importDivisions(handle.db, fixture)).toEqual({ inserted: 90, skipped: 0 });
    const parent = alias(orgUnits, 'parent');
    const stored = await handle.db
      .select({ code: orgUnits.code, name: orgUnits.name, level: orgUnits.level, depth: orgUnits.depth, path: orgUnits.path, parentCode: parent.code })
      .from(orgUnits)
      .leftJoin(parent, eq(parent.id, orgUnits.parentId));
    const byCode = new Map(stored.map((s) => [s.code, s]));
    expect(stored).toHaveLength(90);
    for (const row of fixtureRows) {
      expect(byCode.get(row.code)).toEqual({ code: row.code, name: row.name, level: LEVEL_NAMES[row.level - 1], depth: row.level - 1, path: row.path, parentCode: row.parentCode || null });
    }
  });

  it("finds the district's subtree with one prefix query", async () => {
    const expected = fixtureRows.filter((r) => r.path.startsWith('51/5101/510104/')).length;
    expect(expected).toBe(87);
    const [below] = await handle.db.select({ n: count() }).from(orgUnits).where(like(orgUnits.path, '51/5101/510104/%'));
    expect(below?.n).toBe(expected);
  });

  it('imports the same file again without changing anything', async () => {
    expect(await importDivisions(handle.db, fixture)).toEqual({ inserted: 0, skipped: 90 });
    expect(await total()).toBe(90);
  });

  it('refuses a file that adds good lines to a bad one, keeping none of them', async () => {
    const csv = `${HEADER}\n510104017998,新社区居委会,5,510104017,51/5101/510104/510104017/510104017998\n510104017999,测试社区居委会,5,510104099,51/5101/510104/510104099/510104017999`;
    const error = await refusal(importDivisions(handle.db, csv));
    expect(error.issues).toEqual([expect.objectContaining({ path: 'line 3.parentCode', rule: 'parent' })]);
    expect(await total()).toBe(90);
  });

  it('accepts a file whose parents are already stored, and refuses one naming a parent stored nowhere', async () => {
    const csv = `${HEADER}\n510104017999,测试社区居委会,5,510104017,51/5101/510104/510104017/510104017999`;
    expect(await importDivisions(handle.db, csv)).toEqual({ inserted: 1, skipped: 0 });
    const [added] = await handle.db.select().from(orgUnits).where(eq(orgUnits.code, '510104017999'));
    const [township] = await handle.db.select().from(orgUnits).where(eq(orgUnits.code, '510104017'));
    expect(added).toMatchObject({ parentId: township?.id, depth: 4, level: 'village' });

    const orphan = `${HEADER}\n510104999,某街道,4,510104,51/5101/510104/510104999\n510104998001,某社区居委会,5,510104998,51/5101/510104/510104998/510104998001`;
    const error = await refusal(importDivisions(handle.db, orphan));
    expect(error.issues).toEqual([expect.objectContaining({ path: 'line 3.parentCode', rule: 'exists' })]);
    expect(await total()).toBe(91);
  });

  it('refuses a line whose code is already stored elsewhere in the tree', async () => {
    await handle.db.insert(orgUnits).values({ code: '53', name: '云南省', level: 'province', depth: 1, path: '99/53' });
    const error = await refusal(importDivisions(handle.db, `${HEADER}\n53,云南省,1,,53\n5301,昆明市,2,53,53/5301`));
    expect(error.issues).toEqual([expect.objectContaining({ path: 'line 2.path', rule: 'conflict' })]);
    expect(await total()).toBe(92);
  });
});
