import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../client/database.js';
import { directives, formVersions, instances, orgUnits, tasks, templateVersions, users } from '../schema/index.js';
import { assignments } from '../schema/work.js';
import { createTestDatabase, testBackends } from '../testing/index.js';
import { listTasksForScope } from './tasks.js';

/**
 * Two townships of two grids each, one report task per grid in each of two directives, rows written
 * directly: which tasks a scope reaches is what is under test.
 */
describe.each(testBackends())('listTasksForScope (%s)', (backend) => {
  let handle: DbHandle;
  const unitIds: Record<string, string> = {};
  const directiveIds: string[] = [];
  let userId = '';

  beforeAll(async () => {
    handle = await createTestDatabase(backend);
    const db = handle.db;
    const add = async (code: string, level: string, parentCode: string | null) => {
      const path = parentCode ? `${(await db.select().from(orgUnits)).find((u) => u.code === parentCode)!.path}/${code}` : code;
      const [row] = await db.insert(orgUnits).values({ code, name: code, level, depth: path.split('/').length - 1, parentId: parentCode ? unitIds[parentCode] : null, path }).returning();
      unitIds[code] = row!.id;
    };
    await add('4312', 'county', null);
    await add('4312_1', 'township', '4312');
    await add('4312_2', 'township', '4312');
    // `_` must match itself in the path prefix, not any character: 4312_10 is no child of 4312_1.
    await add('4312_10', 'township', '4312');
    for (const t of ['4312_1', '4312_2', '4312_10']) for (const g of ['a', 'b']) await add(`${t}${g}`, 'grid', t);
    const [user] = await db.insert(users).values({ username: 'w', displayName: 'w', passwordHash: 'x' }).returning();
    userId = user!.id;
    const [template] = await db.insert(templateVersions).values({ key: 't', version: 1, ownerUnitId: unitIds['4312']!, definition: {} }).returning();
    const [form] = await db.insert(formVersions).values({ key: 'f', version: 1, ownerUnitId: unitIds['4312']!, definition: {} }).returning();
    const now = new Date('2026-03-22T08:00:00Z');
    for (const title of ['d1', 'd2']) {
      const [directive] = await db
        .insert(instances)
        .values({ kind: 'directive', machine: 'directive', orgUnitId: unitIds['4312']!, templateVersionId: template!.id, state: 'issued', snapshot: {}, version: 1, createdAt: now, updatedAt: now })
        .returning();
      await db.insert(directives).values({ id: directive!.id, title, body: title, requirements: [], deadline: now, issuingUnitId: unitIds['4312']!, templateVersionId: template!.id, issuedBy: userId, issuedAt: now });
      directiveIds.push(directive!.id);
      for (const code of Object.keys(unitIds).filter((c) => /[ab]$/.test(c))) {
        const [task] = await db
          .insert(instances)
          .values({ kind: 'task', machine: 'task:report:daily', directiveId: directive!.id, orgUnitId: unitIds[code]!, templateVersionId: template!.id, state: 'open', snapshot: {}, version: 1, createdAt: now, updatedAt: now })
          .returning();
        await db.insert(tasks).values({ id: task!.id, directiveId: directive!.id, orgUnitId: unitIds[code]!, kind: 'report', stageId: 'daily', formVersionId: form!.id, periodKey: '2026-03-22', dueAt: now, createdAt: now });
      }
    }
    // Assigned to grid 4312_2a for d1 only, and once (released) to 4312_2b for d1.
    await db.insert(assignments).values({ directiveId: directiveIds[0]!, userId, orgUnitId: unitIds['4312_2a']!, assignedBy: userId, assignedAt: now });
    await db.insert(assignments).values({ directiveId: directiveIds[0]!, userId, orgUnitId: unitIds['4312_2b']!, assignedBy: userId, assignedAt: now, releasedAt: now });
  });
  afterAll(async () => handle?.close());

  const reached = async (paths: string[], withUser: boolean, options: { directiveId?: string } = {}) =>
    (await listTasksForScope(handle.db, { paths, ...(withUser ? { userId } : {}) }, options)).map((t) => `${t.directiveTitle}:${t.unit.code}`).sort();

  it('reaches the tasks of every unit within a path, and nothing beside it', async () => {
    expect(await reached(['4312/4312_1'], false)).toEqual(['d1:4312_1a', 'd1:4312_1b', 'd2:4312_1a', 'd2:4312_1b']);
  });

  it('adds the tasks of units the user is assigned to, for that directive and while not released', async () => {
    expect(await reached(['4312/4312_1'], true)).toEqual(['d1:4312_1a', 'd1:4312_1b', 'd1:4312_2a', 'd2:4312_1a', 'd2:4312_1b']);
    expect(await reached([], true)).toEqual(['d1:4312_2a']);
  });

  it('lists a task reached both ways once, and keeps to the directive asked for', async () => {
    expect(await reached(['4312/4312_2'], true)).toEqual(['d1:4312_2a', 'd1:4312_2b', 'd2:4312_2a', 'd2:4312_2b']);
    expect(await reached(['4312/4312_1', '4312/4312_10'], false, { directiveId: directiveIds[1]! })).toEqual(['d2:4312_10a', 'd2:4312_10b', 'd2:4312_1a', 'd2:4312_1b']);
  });

  it('lists what a list shows, leaving the machine snapshot to the task view', async () => {
    const [row] = await listTasksForScope(handle.db, { paths: ['4312/4312_1'] });
    expect(Object.keys(row ?? {}).sort()).toEqual(['directiveId', 'directiveTitle', 'dueAt', 'formVersionId', 'id', 'kind', 'periodKey', 'stageId', 'state', 'unit']);
  });

  it('keeps to the states asked for and to the limit, and takes no sibling whose code extends the path', async () => {
    const open = await listTasksForScope(handle.db, { paths: ['4312/4312_1'] }, { state: ['open', 'overdue'] });
    expect(open.map((t) => t.unit.code).sort()).toEqual(['4312_1a', '4312_1a', '4312_1b', '4312_1b']);
    expect(await listTasksForScope(handle.db, { paths: ['4312/4312_1'] }, { state: ['closed'] })).toEqual([]);
    expect(await listTasksForScope(handle.db, { paths: ['4312'] }, { limit: 3 })).toHaveLength(3);
    expect((await listTasksForScope(handle.db, { paths: ['4312/4312_1'] })).every((t) => t.unit.path.startsWith('4312/4312_1/'))).toBe(true);
  });

  it('reaches nothing without a path or a user', async () => {
    expect(await listTasksForScope(handle.db, { paths: [] })).toEqual([]);
  });
});
