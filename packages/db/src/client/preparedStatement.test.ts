import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../queries/rowsOf.js';
import { orgUnits } from '../schema/index.js';
import { createTestDatabase, testBackends } from '../testing/index.js';
import type { DbHandle } from './database.js';
import { preparedStatement } from './preparedStatement.js';

const insertUnit = preparedStatement('test_insert_unit', (db) =>
  db
    .insert(orgUnits)
    .values({ code: sql.placeholder('code'), name: sql.placeholder('name'), level: 'county', depth: 0, path: sql.placeholder('code') })
    .returning({ id: orgUnits.id }),
);

/** A unit with its parent, left-joined: a unit without one must come back with `parent: null`. */
const unitWithParent = preparedStatement('test_unit_with_parent', (db) => {
  const parent = { id: orgUnits.id, code: orgUnits.code };
  const parents = db.$with('parents').as(db.select(parent).from(orgUnits));
  return db
    .with(parents)
    .select({ unit: { code: orgUnits.code, name: orgUnits.name, createdAt: orgUnits.createdAt }, parent: { code: parents.code } })
    .from(orgUnits)
    .leftJoin(parents, eq(parents.id, orgUnits.parentId))
    .where(eq(orgUnits.code, sql.placeholder('code')));
});

/** Units under a path: a plan of the same shape whatever the path, so it asks for a generic one. */
const unitsUnder = preparedStatement(
  'test_units_under',
  (db) => db.select({ code: orgUnits.code }).from(orgUnits).where(sql`${orgUnits.path} ~>=~ ${sql.placeholder('from')} and ${orgUnits.depth} >= ${sql.placeholder('depth')}`),
  { genericPlan: true },
);

const planMode = async (handle: DbHandle) => rowsOf(await handle.db.execute(sql`show plan_cache_mode`))[0]?.plan_cache_mode;

describe('a prepared statement on PGlite', () => {
  it('asked for a generic plan, is planned generically from its first run, and leaves the plan mode as it was', async () => {
    const handle = await createTestDatabase('pglite');
    try {
      for (const code of ['5121', '5122']) await insertUnit(handle.db, { code, name: code });
      expect(await unitsUnder(handle.db, { from: '5121', depth: 0 })).toEqual([{ code: '5121' }, { code: '5122' }]);
      expect(await unitsUnder(handle.db, { from: '5122', depth: 0 })).toEqual([{ code: '5122' }]);
      for (const code of ['5121', '5122']) await unitWithParent(handle.db, { code });
      const result = await handle.db.execute(sql`select name, generic_plans, custom_plans from pg_prepared_statements where name in ('test_units_under', 'test_unit_with_parent') order by name`);
      expect(rowsOf(result).map((r) => ({ ...r, generic_plans: Number(r.generic_plans), custom_plans: Number(r.custom_plans) }))).toEqual([
        { name: 'test_unit_with_parent', generic_plans: 0, custom_plans: 2 },
        { name: 'test_units_under', generic_plans: 2, custom_plans: 0 },
      ]);
      expect(await planMode(handle)).toBe('auto');

      // A failed run, alone or in a transaction already aborted, must not leave the mode forced.
      await expect(unitsUnder(handle.db, { from: '51', depth: 'deep' })).rejects.toThrow();
      expect(await planMode(handle)).toBe('auto');
      await expect(
        handle.db.transaction(async (tx) => {
          await insertUnit(tx, { code: '5121', name: 'again' }).catch(() => undefined);
          await unitsUnder(tx, { from: '51', depth: 0 });
        }),
      ).rejects.toThrow();
      expect(await planMode(handle)).toBe('auto');
      expect(await unitsUnder(handle.db, { from: '5122', depth: 0 })).toEqual([{ code: '5122' }]);
    } finally {
      await handle.close();
    }
  });

  it('is parsed once and then only bound and run, as a named statement of the database', async () => {
    const handle = await createTestDatabase('pglite');
    try {
      for (const code of ['5111', '5113']) await insertUnit(handle.db, { code, name: code });
      await handle.db.transaction(async (tx) => {
        await insertUnit(tx, { code: '5114', name: '5114' });
      });
      const result = await handle.db.execute(sql`select name from pg_prepared_statements where name like 'test\_%' order by name`);
      expect(rowsOf(result).map((r) => r.name)).toEqual(['test_insert_unit']);
      expect(await unitWithParent(handle.db, { code: '5114' })).toHaveLength(1);
    } finally {
      await handle.close();
    }
  });
});

describe.each(testBackends())('a prepared statement (%s)', (backend) => {
  let handle: DbHandle;

  beforeAll(async () => {
    handle = await createTestDatabase(backend);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('runs again and again with new values and maps rows as the builder does, left joins to null', async () => {
    const [a] = await insertUnit(handle.db, { code: '5101', name: '成都' });
    const [b] = await insertUnit(handle.db, { code: '5103', name: '自贡' });
    expect(a?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(b?.id).not.toBe(a?.id);
    await handle.db.update(orgUnits).set({ parentId: a?.id }).where(eq(orgUnits.code, '5103'));
    const [child] = await unitWithParent(handle.db, { code: '5103' });
    expect(child).toEqual({ unit: { code: '5103', name: '自贡', createdAt: expect.any(Date) }, parent: { code: '5101' } });
    expect(await unitWithParent(handle.db, { code: '5101' })).toEqual([{ unit: expect.objectContaining({ code: '5101' }), parent: null }]);
    expect(await unitWithParent(handle.db, { code: 'none' })).toEqual([]);
  });

  it('runs inside the transaction it is given: rolled back, nothing of it stays', async () => {
    await expect(
      handle.db.transaction(async (tx) => {
        await insertUnit(tx, { code: '5104', name: '攀枝花' });
        expect(await unitWithParent(tx, { code: '5104' })).toHaveLength(1);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await unitWithParent(handle.db, { code: '5104' })).toEqual([]);
  });

  it('fails with the database error, changes nothing, and runs again afterwards', async () => {
    const error = await insertUnit(handle.db, { code: '5101', name: '重复' }).catch((e: unknown) => e);
    expect((error as { cause?: { code?: string } }).cause?.code).toBe('23505');
    expect(await unitWithParent(handle.db, { code: '5101' })).toEqual([{ unit: expect.objectContaining({ name: '成都' }), parent: null }]);
    const [unit] = await insertUnit(handle.db, { code: '5106', name: '德阳' });
    expect(unit?.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('run outside a transaction, does not see into one still open on the same database', async () => {
    let inserted!: () => void;
    const insertedYet = new Promise<void>((resolve) => (inserted = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const open = handle.db.transaction(async (tx) => {
      await insertUnit(tx, { code: '5107', name: '绵阳' });
      inserted();
      await released;
      throw new Error('roll back');
    });
    await insertedYet;
    // On PGlite (one connection) the read must wait for the transaction rather than run inside it.
    const outside = unitWithParent(handle.db, { code: '5107' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    await expect(open).rejects.toThrow('roll back');
    expect(await outside).toEqual([]);
  });

  it('names the placeholder a run left without a value, and refuses one name for two statements', async () => {
    await expect(insertUnit(handle.db, { code: '5105' })).rejects.toThrow(/placeholder "name"/);
    const other = preparedStatement('test_insert_unit', (db) => db.select({ id: orgUnits.id }).from(orgUnits));
    await expect(other(handle.db)).rejects.toThrow(/test_insert_unit is already used for another statement/);
  });
});
